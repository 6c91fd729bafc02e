#pragma once
/// Curie-Weiss (all-to-all Ising) model: E = -(J/n) sum_{i<j} s_i s_j - h sum_i s_i.
/// Keeps the magnetization M = sum_i s_i as cached state (notify/reset keep it current), so a flip
/// costs O(1): dE(flip i) = (2J/n)(s_i M - 1) + 2 h s_i.
#include "core/energy/energy_model.h"

namespace macrodyn {

class CurieWeissModel : public EnergyModel {
public:
  CurieWeissModel(const Lattice &lattice, double coupling, double field);

  double total_energy(const Configuration &config) const override;
  double flip_delta(const Configuration &config, std::size_t i, Species s) const override;
  double exchange_delta(const Configuration &config, std::size_t i, std::size_t j) const override;
  void notify(const Configuration &after, const std::size_t *sites, int n_sites) override;
  void reset(const Configuration &config) override;
  int interaction_shells() const override { return kGlobal; }
  bool flip_delta_uniform_over_sites() const override { return true; }

private:
  double coupling_, field_;
  long long magnetization_ = 0;
  std::vector<int> spin_cache_; // spin of every site as last seen, to update M on notify
};

} // namespace macrodyn
