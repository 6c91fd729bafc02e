#pragma once
/// Observables of Ising-like spin configurations (spin +1 or -1 on every site).
#include "lattice.h"

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

} // namespace macrodyn
