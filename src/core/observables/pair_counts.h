#pragma once
/// Directed neighbour-pair counts of a multi-species lattice configuration, for the whole box and
/// for every patch of a tiling in one pass. P_ab(s) counts ordered pairs (i, j) with i of species
/// a, j in shell s of i and of species b: an unlike a-b bond adds 1 to P_ab and 1 to P_ba, a like
/// a-a bond adds 2 to P_aa. A patch's counts take the pairs whose centre i lies in the patch (the
/// neighbour j may lie outside it), so the patch counts sum to the box counts exactly.
/// Vacancies (kVacancy) are neither centres nor neighbours.
#include "core/base/configuration.h"
#include "core/lattice/lattice.h"
#include "core/lattice/patch_tiling.h"

#include <vector>

namespace macrodyn {

struct PairCounts {
  int n_species = 0, n_shells = 0;
  std::vector<long long> directed; ///< [(s * n_species + a) * n_species + b]
  std::vector<long long> species;  ///< atoms of each species among the centres
  long long pairs(int s, int a, int b) const {
    return directed[(static_cast<std::size_t>(s) * n_species + a) * n_species + b];
  }
  /// Non-vacancy neighbours of all a-centres in shell s: sum_b P_ab(s).
  long long neighbours_of(int s, int a) const;
  long long atoms() const;
};

/// Whole-box counts for shells 0..n_shells-1 (the lattice must tabulate them).
PairCounts count_pairs(const Lattice &lattice, const Configuration &config, int n_species,
                       int n_shells);

/// Counts of every patch of the tiling (index = patch), in one pass over the lattice.
std::vector<PairCounts> count_pairs_by_patch(const Lattice &lattice, const Configuration &config,
                                             int n_species, int n_shells,
                                             const PatchTiling &tiling);

/// Counts of the pairs centred on `centres` (e.g. one patch's sites): O(centres), not O(box).
PairCounts count_pairs_of(const Lattice &lattice, const Configuration &config, int n_species,
                          int n_shells, const std::vector<std::size_t> &centres);

/// The box counts of x1 from those of x0, when x1 differs from x0 only at the sorted, distinct
/// `changed` sites: only the pairs touching a changed site are recounted (exact integers).
PairCounts update_counts(const Lattice &lattice, const PairCounts &counts0, const Configuration &x0,
                         const Configuration &x1, const std::vector<std::size_t> &changed);

/// The box counts from the patch counts (their sum; exact): saves a second pass over the lattice.
PairCounts sum_counts(const std::vector<PairCounts> &parts);

} // namespace macrodyn
