#pragma once
/// The voxel encoding of vacancy jumps on a BCC lattice ("voxel9", version 1), the input of
/// published neural-network-kinetics barrier models (doc/styles/fix_kmc_lattice.md, "Learned
/// barriers"): voxels of a/2 (BCC sites sit on voxels whose indices are all even or all odd); the
/// 9x9x9 block of voxel offsets -4..4 around the vacancy, periodic; value = the species code of
/// the site there, 0 for a vacancy, a non-site voxel or a voxel farther than `radius` from the
/// centre. For the jump to the first neighbour at voxel offset d (components +-1) the block is
/// seen from the frame in which that neighbour sits at (+1, +1, +1):
///   d = ( 1, 1, 1): ( u,  v,  w)      d = ( 1, 1,-1): ( u,  v, -w)
///   d = ( 1,-1, 1): ( v, -u,  w)      d = ( 1,-1,-1): ( v, -u, -w)
///   d = (-1, 1, 1): (-v,  u,  w)      d = (-1, 1,-1): (-v,  u, -w)
///   d = (-1,-1, 1): (-u, -v,  w)      d = (-1,-1,-1): (-u, -v, -w)
/// (B_d(u, v, w) = value at the source offset listed), flattened row-major:
/// feature = (u + 4) 81 + (v + 4) 9 + (w + 4).
#include "core/base/configuration.h"
#include "core/lattice/lattice.h"

#include <array>
#include <cstdint>
#include <vector>

namespace macrodyn {

class VoxelJumpEncoding {
public:
  static constexpr int kHalf = 4, kSide = 9, kFeatures = 729, kJumps = 8;
  static constexpr const char *kName = "voxel9";
  static constexpr int kVersion = 1;
  /// Sphere sites at most: the BCC sites of the 9^3 block but its centre (125 + 64 - 1).
  static constexpr std::size_t kMaxSphere = 188;

  /// lattice: BCC with >= 5 cells per axis (so the block does not overlap its periodic image);
  /// codes[s] = value of species s (vacancies are 0); radius in the lattice's length unit.
  VoxelJumpEncoding(const Lattice &lattice, std::vector<float> codes, double radius);

  /// Frame (0..7, the order of the table above) of the jump from site v to its first-shell
  /// neighbour k (Lattice::neighbours(v, 0)[k]).
  int frame(std::size_t v, int k) const { return frame_of_[lattice_->basis_of(v)][k]; }
  /// Species of the sites within the radius of v (kVacancy for a vacancy), in a fixed order:
  /// everything the 8 encodings of v depend on (a compact key for caching).
  void sphere_species(const Configuration &x, std::size_t v, Species *species) const;
  /// Their values (the species' codes, 0 for a vacancy), in the same order.
  void sphere_values(const Configuration &x, std::size_t v, float *values) const;
  std::size_t sphere_size() const { return sphere_.size(); }
  /// The 8 encodings out[f * 729 + feature] in frame order, from sphere_values().
  void encode_frames(const float *sphere_values, float *out) const;
  /// The same 8 encodings in the sparse form of BarrierModel::evaluate_frames: every frame lists
  /// the same features, sphere_features() (those a sphere site can reach: a frame only permutes
  /// the sphere), with that frame's values value[f * sphere_size() + j] (0 for a vacancy), from
  /// sphere_species(); a model can then load each weight row once for all 8 frames.
  void frame_values(const Species *sphere_species, float *value) const;
  const std::vector<std::uint16_t> &sphere_features() const { return sphere_features_; }
  /// Convenience: sphere_values() then encode_frames().
  void encode(const Configuration &x, std::size_t v, float *out) const;
  /// Sites whose change can alter the encodings of a vacancy at v lie within this distance.
  double radius() const { return radius_; }

private:
  float code_of(Species s) const { return s == kVacancy ? 0.0f : codes_[s]; }
  struct SphereSite {
    std::array<int, 3> offset; ///< voxel offset from the vacancy
    int raw;                   ///< index (u+4) 81 + (v+4) 9 + (w+4) in the unrotated block
  };
  const Lattice *lattice_;
  std::vector<float> codes_;
  double radius_;
  std::vector<SphereSite> sphere_;
  std::vector<int> sphere_of_raw_; ///< raw index -> sphere index, -1 when always 0
  std::array<std::array<int, kFeatures>, kJumps>
      source_;                               ///< [frame][feature] -> sphere index or -1
  std::array<std::vector<int>, 2> frame_of_; ///< [basis][k]
  struct Step {
    std::array<int, 3> dcell; ///< cell step from the vacancy's cell
    int basis;
  };
  std::array<std::vector<Step>, 2> steps_;     ///< [vacancy basis][sphere index]
  std::vector<std::uint16_t> sphere_features_; ///< features a sphere site can reach, increasing
  std::array<std::vector<std::ptrdiff_t>, 2> interior_delta_; ///< [basis][sphere index]
  int reach_cells_ = 0; ///< largest cell step of a sphere site; farther from a face: no wrap
  std::vector<int> frame_source_; ///< [frame][j]: sphere index of sphere_features_[j]
};

} // namespace macrodyn
