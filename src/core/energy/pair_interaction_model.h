#pragma once
/// Effective pair interactions: E = sum_s sum_<ij in shell s> V_s(a_i, a_j), each pair once;
/// vacancies interact with nothing. V in eV.
#include "core/energy/energy_model.h"

#include <string>
#include <vector>

namespace macrodyn {

struct PairInteractionTable {
  std::vector<std::string> species;       ///< names, index = species code
  std::vector<std::vector<double>> shell; ///< shell[s][a * n_species + b], symmetric
  double value(int s, Species a, Species b) const {
    return shell[s][static_cast<std::size_t>(a) * species.size() + b];
  }
};

/// Reads the documented text format (doc/formats/pair_interactions.md):
///   # comments
///   species Nb Mo Ta
///   shells 2
///   pair <shell 1..> <A> <B> <V in eV>       (unlisted pairs are 0; V(B,A) = V(A,B))
/// `wanted` orders the species as the caller's codes; every wanted name must be in the file.
/// Throws Error with file name and line number on bad input.
PairInteractionTable read_pair_interactions(const std::string &path,
                                            const std::vector<std::string> &wanted);

class PairInteractionModel : public EnergyModel {
public:
  PairInteractionModel(const Lattice &lattice, PairInteractionTable table);

  double total_energy(const Configuration &config) const override;
  double flip_delta(const Configuration &config, std::size_t i, Species s) const override;
  double exchange_delta(const Configuration &config, std::size_t i, std::size_t j) const override;
  int interaction_shells() const override { return static_cast<int>(table_.shell.size()); }

private:
  /// Energy of the bonds of site i if it held species a, leaving out the bond to site skip.
  double site_energy(const Configuration &config, std::size_t i, Species a, std::size_t skip) const;
  /// V_s(a, b) at [(s (n + 1) + a + 1) (n + 1) + b + 1], zero where a or b is the vacancy (-1):
  /// the hot loops index it with species codes directly.
  const double *row(int s, Species a) const {
    return padded_.data() + (static_cast<std::size_t>(s) * n1_ + a + 1) * n1_ + 1;
  }
  PairInteractionTable table_;
  int n1_ = 1;
  std::vector<double> padded_;
};

} // namespace macrodyn
