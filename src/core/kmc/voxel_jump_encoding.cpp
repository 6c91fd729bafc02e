#include "core/kmc/voxel_jump_encoding.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace macrodyn {

namespace {

int raw_index(int u, int v, int w) {
  constexpr int h = VoxelJumpEncoding::kHalf, s = VoxelJumpEncoding::kSide;
  return ((u + h) * s + (v + h)) * s + (w + h);
}

/// Source offset of feature (u, v, w) in frame f (the table in the header).
std::array<int, 3> source_offset(int f, int u, int v, int w) {
  const int wz = (f & 1) ? -w : w;
  switch (f >> 1) {
  case 0: // d = (1, 1, *)
    return {u, v, wz};
  case 1: // d = (1, -1, *)
    return {v, -u, wz};
  case 2: // d = (-1, 1, *)
    return {-v, u, wz};
  default: // d = (-1, -1, *)
    return {-u, -v, wz};
  }
}

} // namespace

VoxelJumpEncoding::VoxelJumpEncoding(const Lattice &lattice, std::vector<float> codes,
                                     double radius)
    : lattice_(&lattice), codes_(std::move(codes)), radius_(radius) {
  require(lattice.kind() == LatticeKind::BCC,
          "the voxel9 jump encoding is defined on BCC lattices");
  for (int d = 0; d < 3; ++d)
    require(lattice.cells()[d] >= 5,
            "the voxel9 jump encoding needs >= 5 cells along each axis (its 9-voxel block would "
            "overlap its periodic image), got " +
                std::to_string(lattice.cells()[d]) + " along " + "xyz"[d]);
  require(radius > 0, "the encoding radius must be > 0");
  const double half = 0.5 * lattice.constant();
  sphere_of_raw_.assign(kFeatures, -1);
  for (int u = -kHalf; u <= kHalf; ++u)
    for (int v = -kHalf; v <= kHalf; ++v)
      for (int w = -kHalf; w <= kHalf; ++w) {
        const bool even = u % 2 == 0 && v % 2 == 0 && w % 2 == 0;
        const bool odd = u % 2 != 0 && v % 2 != 0 && w % 2 != 0;
        const double r = half * std::sqrt(double(u * u + v * v + w * w));
        if ((u == 0 && v == 0 && w == 0) || !(even || odd) || r > radius_ * (1 + 1e-12)) continue;
        sphere_of_raw_[raw_index(u, v, w)] = static_cast<int>(sphere_.size());
        sphere_.push_back({{u, v, w}, raw_index(u, v, w)});
      }
  for (int f = 0; f < kJumps; ++f)
    for (int u = -kHalf; u <= kHalf; ++u)
      for (int v = -kHalf; v <= kHalf; ++v)
        for (int w = -kHalf; w <= kHalf; ++w) {
          const auto s = source_offset(f, u, v, w);
          source_[f][raw_index(u, v, w)] = sphere_of_raw_[raw_index(s[0], s[1], s[2])];
        }
  // The features a sphere site can reach: the same set in every frame (a frame maps the sphere
  // onto itself).
  for (int k = 0; k < kFeatures; ++k)
    if (source_[0][k] >= 0) sphere_features_.push_back(static_cast<std::uint16_t>(k));
  for (int f = 1; f < kJumps; ++f)
    for (int k = 0; k < kFeatures; ++k)
      require((source_[f][k] >= 0) == (source_[0][k] >= 0),
              "voxel9: frame " + std::to_string(f) + " does not map the sphere onto itself");
  for (int f = 0; f < kJumps; ++f)
    for (const std::uint16_t k : sphere_features_)
      frame_source_.push_back(source_[f][k]);
  // Cell steps and basis of every sphere site from a vacancy of either basis: voxel of the
  // vacancy 2 cell + b, of the sphere site that plus its offset (|offset| <= 4 voxels, so the
  // steps stay within 2 cells and site_near applies on a box of >= 5 cells).
  for (int b = 0; b < 2; ++b)
    for (const auto &site : sphere_) {
      std::array<int, 3> dcell{};
      int basis = 0;
      for (int d = 0; d < 3; ++d) {
        const int t = b + site.offset[d];
        basis = t & 1;
        dcell[d] = (t - basis) / 2;
      }
      steps_[b].push_back({dcell, basis});
      for (int d = 0; d < 3; ++d)
        reach_cells_ = std::max(reach_cells_, std::abs(dcell[d]));
    }
  // Index offsets of the sphere's sites from a vacancy away from the box's faces (site index
  // linear in the cell coordinates there), measured on a vacancy at the cell (reach, reach, reach).
  for (int b = 0; b < 2; ++b) {
    const std::array<int, 3> c0{reach_cells_, reach_cells_, reach_cells_};
    const auto v = static_cast<std::ptrdiff_t>(lattice.site(c0, b));
    for (const auto &[dcell, basis] : steps_[b])
      interior_delta_[b].push_back(
          static_cast<std::ptrdiff_t>(
              lattice.site({c0[0] + dcell[0], c0[1] + dcell[1], c0[2] + dcell[2]}, basis)) -
          v);
  }
  require(sphere_.size() <= kMaxSphere, "voxel9: the encoding radius reaches " +
                                            std::to_string(sphere_.size()) + " sites (at most " +
                                            std::to_string(kMaxSphere) + ")");
  // Frames of the first-shell neighbours, from positions (minimum image; the box has >= 5 cells).
  for (int b = 0; b < 2; ++b) {
    const std::size_t site = lattice.site({2, 2, 2}, b);
    const auto p = lattice.position(site);
    for (int k = 0; k < lattice.coordination(0); ++k) {
      const auto q = lattice.position(lattice.neighbours(site, 0)[k]);
      int f = 0;
      for (int d = 0; d < 3; ++d) {
        const double dx = q[d] - p[d];
        f = 2 * f + (dx < 0 ? 1 : 0);
      }
      frame_of_[b].push_back(f);
    }
  }
}

void VoxelJumpEncoding::sphere_species(const Configuration &x, std::size_t v,
                                       Species *species) const {
  const auto cell = lattice_->cell_of(v);
  const int b = lattice_->basis_of(v);
  bool interior = true;
  for (int d = 0; d < 3; ++d)
    interior = interior && cell[d] >= reach_cells_ && cell[d] < lattice_->cells()[d] - reach_cells_;
  if (interior) { // no periodic wrap: the sphere's sites are fixed index offsets from v
    const std::ptrdiff_t *delta = interior_delta_[b].data();
    const Species *at = x.data() + v;
    for (std::size_t s = 0; s < sphere_.size(); ++s)
      species[s] = at[delta[s]];
    return;
  }
  const auto &steps = steps_[b];
  for (std::size_t s = 0; s < sphere_.size(); ++s) {
    const auto &[dcell, basis] = steps[s];
    species[s] =
        x[lattice_->site_near({cell[0] + dcell[0], cell[1] + dcell[1], cell[2] + dcell[2]}, basis)];
  }
}

void VoxelJumpEncoding::sphere_values(const Configuration &x, std::size_t v, float *values) const {
  std::vector<Species> species(sphere_.size());
  sphere_species(x, v, species.data());
  for (std::size_t s = 0; s < sphere_.size(); ++s)
    values[s] = code_of(species[s]);
}

void VoxelJumpEncoding::encode_frames(const float *values, float *out) const {
  for (int f = 0; f < kJumps; ++f)
    for (int k = 0; k < kFeatures; ++k) {
      const int s = source_[f][k];
      out[f * kFeatures + k] = s < 0 ? 0.0f : values[s];
    }
}

void VoxelJumpEncoding::frame_values(const Species *species, float *value) const {
  float code[kMaxSphere];
  for (std::size_t s = 0; s < sphere_.size(); ++s)
    code[s] = code_of(species[s]);
  const std::size_t n = sphere_features_.size() * kJumps;
  for (std::size_t j = 0; j < n; ++j)
    value[j] = code[frame_source_[j]];
}

void VoxelJumpEncoding::encode(const Configuration &x, std::size_t v, float *out) const {
  std::vector<float> values(sphere_.size());
  sphere_values(x, v, values.data());
  encode_frames(values.data(), out);
}

} // namespace macrodyn
