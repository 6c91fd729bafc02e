#pragma once
/// Cutting a periodic lattice into patches: a tiling into px x py x pz congruent blocks of cells
/// (K = px py pz patches), and sliding windows (blocks of cells at any origin, wrapping
/// periodically).
#include "core/lattice/lattice.h"

#include <array>
#include <vector>

namespace macrodyn {

class PatchTiling {
public:
  /// Throws Error when a count does not divide the lattice length along its axis.
  PatchTiling(const Lattice &lattice, std::array<int, 3> counts);

  int n_patches() const { return counts_[0] * counts_[1] * counts_[2]; }
  const std::array<int, 3> &counts() const { return counts_; }
  /// Cells per patch along each axis.
  const std::array<int, 3> &patch_cells() const { return patch_cells_; }
  std::size_t sites_per_patch() const { return sites_per_patch_; }
  /// Patch index of a site: ((pz * py_count + py) * px_count + px).
  int patch_of(std::size_t site) const { return patch_of_[site]; }
  /// The sites of patch p in increasing site order (the patch's fixed microstate order).
  const std::vector<std::size_t> &sites_of(int patch) const;
  /// active[i] != 0 exactly for the sites of patch p (the form KmcProcess::set_active_sites takes).
  std::vector<char> active_mask(int patch) const;

private:
  const Lattice *lattice_;
  std::array<int, 3> counts_, patch_cells_;
  std::size_t sites_per_patch_;
  std::vector<int> patch_of_;
  std::vector<std::vector<std::size_t>> sites_; // [patch] -> its sites
};

/// Sites of the window of `size` cells whose lowest corner is cell `origin`, wrapping periodically,
/// in a fixed order (cells x-fastest, then basis). Throws when size exceeds the lattice.
std::vector<std::size_t> window_sites(const Lattice &lattice, std::array<int, 3> origin,
                                      std::array<int, 3> size);

/// Origins of windows of `size` cells placed every `stride` cells along each axis, covering the
/// periodic box; throws unless stride divides the lattice length along each axis.
std::vector<std::array<int, 3>> window_origins(const Lattice &lattice, std::array<int, 3> size,
                                               std::array<int, 3> stride);

} // namespace macrodyn
