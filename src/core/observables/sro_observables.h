#pragma once
/// Chemical short-range order from pair counts (pair_counts.h), for the box and per patch.
///
/// Warren-Cowley: alpha_ab(s) = 1 - p_ab(s) / c_b, p_ab(s) = P_ab(s) / sum_b' P_ab'(s) (the chance
/// that an s-shell neighbour of an a atom is b), c_b = N_b / N; vacancies excluded from both.
/// NbMoTa-study parameters (first shell, coordination z): delta_ab = P_ab(1) / N_a - z c_b, i.e.
/// delta_aa = 2 N_aa / N_a - z c_a and delta_ab = N_ab / N_a - z c_b for a != b.
///
/// Patch values ("global" normalization, the default): the patch's pair count divided by the
/// box's normalizing count, times K:
///   alpha^I_ab = 1 - K P^I_ab / (D_ab c_b) with D_a = sum_b P_ab of the box,
///   delta^I_ab = K P^I_ab / N_a - z c_b,
/// so the mean over the K patches equals the box value exactly. The "patch" normalization uses the
/// patch's own counts instead (P^I_ab / D^I_a, N^I_a, c^I_b), as in the NbMoTa study; its patch
/// mean is not the box value in general.
#include "core/observables/pair_counts.h"

#include <string>
#include <utility>
#include <vector>

namespace macrodyn {

struct SroSpec {
  int n_species = 0;
  std::vector<int> shells;                ///< 0-based shells for Warren-Cowley parameters
  std::vector<std::pair<int, int>> pairs; ///< species pairs (a, b) for alpha and counts
  bool deltas = true;                     ///< add delta_ab for all a <= b (first shell)
  enum class Normalization { Global, Patch } normalization = Normalization::Global;
  std::vector<std::string> names; ///< species names by code, for messages (may be empty)
};

/// Default pairs: all (a, b) with a <= b.
std::vector<std::pair<int, int>> all_species_pairs(int n_species);

/// Names of the values, in output order: alpha_<A>_<B>_s<shell>, then delta_<A><B>, then
/// count_<A>_<B>_s<shell> (raw directed counts P_ab).
std::vector<std::string> sro_names(const SroSpec &spec, const std::vector<std::string> &species);

/// Box values, given the box counts (with at least max(shells) + 1 shells). Throws Error when a
/// species of a requested pair is absent from the box (its ratios would be undefined).
std::vector<double> sro_values(const SroSpec &spec, const PairCounts &box, int z_first_shell);

/// Values of one patch of K; `box` supplies the normalization under the Global rule, where the
/// patch's counts are reported times K (so they, too, average to the box counts). Under the Patch
/// rule counts are the patch's own, and a species absent from the patch gives NaN for its ratios.
std::vector<double> sro_patch_values(const SroSpec &spec, const PairCounts &patch,
                                     const PairCounts &box, int n_patches, int z_first_shell);

} // namespace macrodyn
