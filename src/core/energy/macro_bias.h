#pragma once
/// The bias energy of pair_style macro/bias (doc/styles/pair_macro_bias.md):
///   E = 1/2 kappa n sum_k w_k (z_k - z*_k)^2,
/// n the number of atoms (vacancies excluded), z the first-shell chemical-order observables of
/// sro_observables.h (alpha_<A>_<B>_s1, delta_<A><B>, count_<A>_<B>_s1) evaluated from directed
/// pair counts P_ab. Off the lattice the counts are smooth: each ordered pair (i, j) adds s(r_ij)
/// to P_{a_i a_j}, with s a switching function that is 1 up to r_on and 0 from r_off; on an ideal
/// BCC lattice with r_on above the first and r_off below the second shell the counts, and so z,
/// equal the lattice observables. The gradient dE/dP_ab is exact, so forces are the exact negative
/// gradient of E.
#include "core/observables/pair_counts.h"
#include "core/observables/sro_observables.h"

#include <string>
#include <vector>

namespace macrodyn {

/// s(r) = 1 - x^3 (10 - 15 x + 6 x^2), x = (r - r_on) / (r_off - r_on) in [0, 1]: C2 at both ends.
struct SwitchingFunction {
  double r_on = 0, r_off = 0;
  double value(double r) const;
  double derivative(double r) const; ///< ds/dr
};

/// Real-valued first-shell counts: directed[a * n + b] = P_ab, species[a] = N_a.
struct SmoothCounts {
  int n_species = 0;
  std::vector<double> directed, species;
  explicit SmoothCounts(int n = 0)
      : n_species(n), directed(static_cast<std::size_t>(n) * n, 0.0), species(n, 0.0) {}
  /// The first shell of integer lattice counts.
  static SmoothCounts from(const PairCounts &counts);
};

class MacroBias {
public:
  /// observables: names among first_shell_names(species); weights: one per observable (w_k > 0).
  MacroBias(const std::vector<std::string> &species, const std::vector<std::string> &observables,
            std::vector<double> weights, double kappa, int coordination);

  /// All first-shell names the bias can use (alphas, deltas, counts of every pair a <= b).
  static std::vector<std::string> first_shell_names(const std::vector<std::string> &species);

  struct Evaluation {
    double energy = 0;
    std::vector<double> z;     ///< the selected observables
    std::vector<double> dE_dP; ///< n x n: dE/dP_ab
  };
  /// E, z and dE/dP at the counts; target holds z* (one per observable). Throws Error when a
  /// species of a selected observable is absent.
  Evaluation evaluate(const SmoothCounts &counts, const std::vector<double> &target) const;
  /// E alone (the lattice path: differences of two evaluations).
  double energy(const SmoothCounts &counts, const std::vector<double> &target) const;

  const std::vector<std::string> &observables() const { return observables_; }
  std::size_t dimension() const { return observables_.size(); }

private:
  std::vector<std::string> observables_;
  std::vector<int> selected_; ///< index into first_shell_names
  std::vector<double> weights_;
  double kappa_;
  int n_species_, z_;
  /// All first-shell values and, when jacobian is given, their derivatives by P (values x n^2).
  std::vector<double> values(const SmoothCounts &counts, std::vector<double> *jacobian) const;
};

} // namespace macrodyn
