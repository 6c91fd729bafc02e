#pragma once
/// Observables of Ising-like spin configurations (spin +1 or -1 on every site).
#include "core/lattice/lattice.h"
#include "core/lattice/patch_tiling.h"

#include <cstdint>
#include <vector>

namespace macrodyn {

struct SpinObservables {
  double magnetization = 0.0; ///< mean spin, in [-1, 1]
  double domain_wall_density =
      0.0; ///< fraction of first-shell bonds joining unlike spins, in [0, 1]
};

/// Whole-box values. spins.size() must equal lattice.n_sites(); every entry must be +1 or -1.
SpinObservables evaluate_spins(const Lattice &lattice, const std::vector<std::int8_t> &spins);

/// Values of every patch of the tiling: magnetization of the patch's sites and the fraction of
/// unlike bonds among the bonds centred on them (the neighbour may lie outside the patch). Patches
/// are congruent, so the mean over patches equals the box value exactly.
std::vector<SpinObservables> evaluate_spins_by_patch(const Lattice &lattice,
                                                     const std::vector<std::int8_t> &spins,
                                                     const PatchTiling &tiling);

} // namespace macrodyn
