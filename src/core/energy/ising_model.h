#pragma once
/// Ising model: E = - sum_s J_s sum_<ij in shell s> s_i s_j - h sum_i s_i, spins +-1 from species
/// 0 (+1) and 1 (-1); each pair counted once.
#include "core/energy/energy_model.h"

#include <vector>

namespace macrodyn {

class IsingModel : public EnergyModel {
public:
  /// couplings[s] is J of shell s; the lattice must tabulate at least couplings.size() shells.
  IsingModel(const Lattice &lattice, std::vector<double> couplings, double field);

  double total_energy(const Configuration &config) const override;
  double flip_delta(const Configuration &config, std::size_t i, Species s) const override;
  double exchange_delta(const Configuration &config, std::size_t i, std::size_t j) const override;
  int interaction_shells() const override { return static_cast<int>(couplings_.size()); }

private:
  /// sum_s J_s sum_{j in shell s of i} s_j + h, with site skip's spin left out.
  double local_field(const Configuration &config, std::size_t i, std::size_t skip) const;
  std::vector<double> couplings_;
  double field_;
};

} // namespace macrodyn
