#include "core/lattice/patch_tiling.h"

#include "core/base/error.h"

namespace macrodyn {

PatchTiling::PatchTiling(const Lattice &lattice, std::array<int, 3> counts)
    : lattice_(&lattice), counts_(counts) {
  for (int d = 0; d < 3; ++d) {
    require(counts[d] >= 1, std::string("patch count along ") + "xyz"[d] + " must be >= 1, got " +
                                std::to_string(counts[d]));
    require(lattice.cells()[d] % counts[d] == 0,
            "patch count " + std::to_string(counts[d]) + " does not divide lattice length " +
                std::to_string(lattice.cells()[d]) + " along " + "xyz"[d]);
    patch_cells_[d] = lattice.cells()[d] / counts[d];
  }
  sites_per_patch_ = lattice.n_sites() / n_patches();
  patch_of_.resize(lattice.n_sites());
  for (std::size_t i = 0; i < lattice.n_sites(); ++i) {
    const auto c = lattice.cell_of(i);
    patch_of_[i] = ((c[2] / patch_cells_[2]) * counts_[1] + c[1] / patch_cells_[1]) * counts_[0] +
                   c[0] / patch_cells_[0];
  }
  sites_.assign(n_patches(), {});
  for (auto &list : sites_)
    list.reserve(sites_per_patch_);
  for (std::size_t i = 0; i < patch_of_.size(); ++i)
    sites_[patch_of_[i]].push_back(i);
}

const std::vector<std::size_t> &PatchTiling::sites_of(int patch) const {
  if (patch < 0 || patch >= n_patches())
    throw Error("patch index " + std::to_string(patch) + " is not in 0.." +
                std::to_string(n_patches() - 1));
  return sites_[patch];
}

std::vector<char> PatchTiling::active_mask(int patch) const {
  std::vector<char> active(patch_of_.size(), 0);
  for (std::size_t i : sites_of(patch))
    active[i] = 1;
  return active;
}

std::vector<std::size_t> window_sites(const Lattice &lattice, std::array<int, 3> origin,
                                      std::array<int, 3> size) {
  for (int d = 0; d < 3; ++d)
    require(size[d] >= 1 && size[d] <= lattice.cells()[d],
            std::string("window size along ") + "xyz"[d] + " must be in 1.." +
                std::to_string(lattice.cells()[d]) + ", got " + std::to_string(size[d]));
  std::vector<std::size_t> sites;
  for (int z = 0; z < size[2]; ++z)
    for (int y = 0; y < size[1]; ++y)
      for (int x = 0; x < size[0]; ++x)
        for (int b = 0; b < lattice.basis_size(); ++b)
          sites.push_back(lattice.site({origin[0] + x, origin[1] + y, origin[2] + z}, b));
  return sites;
}

std::vector<std::array<int, 3>> window_origins(const Lattice &lattice, std::array<int, 3> size,
                                               std::array<int, 3> stride) {
  for (int d = 0; d < 3; ++d) {
    require(stride[d] >= 1 && lattice.cells()[d] % stride[d] == 0,
            "window stride " + std::to_string(stride[d]) + " does not divide lattice length " +
                std::to_string(lattice.cells()[d]) + " along " + "xyz"[d]);
    require(size[d] >= 1 && size[d] <= lattice.cells()[d],
            std::string("window size along ") + "xyz"[d] + " exceeds the lattice");
  }
  std::vector<std::array<int, 3>> origins;
  for (int z = 0; z < lattice.cells()[2]; z += stride[2])
    for (int y = 0; y < lattice.cells()[1]; y += stride[1])
      for (int x = 0; x < lattice.cells()[0]; x += stride[0])
        origins.push_back({x, y, z});
  return origins;
}

} // namespace macrodyn
