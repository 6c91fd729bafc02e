#pragma once
/// What a partial-evolution sample and a full (ground-truth) run record: the rows of dataset.h5
/// (doc/formats/dataset.md). Plain values, so the file layer needs nothing of the KMC that makes them.
#include "core/base/configuration.h"

#include <cstdint>
#include <vector>

namespace macrodyn {

struct PartialRecord {
  std::uint64_t snapshot = 0; ///< snapshot id
  int sample = 0;             ///< sample index within the snapshot
  int patch = 0;              ///< I, 0-based, x-fastest patch order
  double dt = 0.0; ///< the actual elapsed KMC time (the requested dt unless an event cap hit)
  std::uint64_t events = 0;
  std::vector<double> phi0, phi_patch0, phi_patch1;
  /// K (phi(x1) - phi(x0)): every change the patch's moves caused, including the halves of bonds
  /// across the patch border that phi_I does not see (see doc/method.md, "Pair observables").
  std::vector<double> increment;
  Configuration micro0, micro1; ///< patch microstates (PatchTiling::sites_of order), when stored
};

struct FullRecord {
  std::uint64_t snapshot = 0;
  int run = 0;
  std::vector<double> times;            ///< 0 and the grid
  std::vector<std::vector<double>> phi; ///< phi at each time
};

} // namespace macrodyn
