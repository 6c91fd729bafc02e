#pragma once
/// Hierarchical upsampling (doc/method.md): large snapshots from small-system snapshots only.
/// Each level doubles the box along every periodic axis (2D: x, y; 3D: x, y, z), either by
/// replicating each unit cell into a 2x2(x2) block ("block", the default) or by tiling the periodic
/// image ("tile"), then relaxes it with the KMC dynamics inside overlapping windows placed with a
/// stride, one window after another (only the window's sites move; the rest is frozen).
///
/// Randomness is keyed (seed, snapshot, level, window): any split of snapshots over MPI ranks gives
/// the same pool.
#include "core/kmc/lattice_kmc.h"

#include <cstdint>
#include <functional>

namespace macrodyn {

enum class EnlargeMode { Block, Tile };
EnlargeMode parse_enlarge_mode(const std::string &name); ///< "block" | "tile"

struct UpsampleSettings {
  int levels = 1;                     ///< doublings: n = n_s 2^(d levels)
  std::array<int, 3> window{0, 0, 0}; ///< relaxation window in cells; 0: the small box's size
  std::array<int, 3> stride{0, 0, 0}; ///< window stride in cells; 0: half a window
  double window_time = 0;             ///< physical time per window (0: no time bound)
  std::uint64_t window_events = 0;    ///< events per window (0: no event bound)
  EnlargeMode mode = EnlargeMode::Block;
  std::uint64_t seed = 1;
  /// Probability that a snapshot is replaced by a draw of the simple prior before enlarging
  /// (prior_configuration.h); the draw is keyed (seed, snapshot). Needs n_species.
  double prior_fraction = 0;
  int n_species = 0;
};

struct UpsampleResult {
  std::array<int, 3> cells{1, 1, 1};
  Configuration configuration;
  std::uint64_t events = 0;
  std::size_t windows = 0;
  bool from_prior = false; ///< the small snapshot was replaced by a prior draw
};

/// The configuration on a lattice with twice the cells along every periodic axis.
Configuration enlarge(const Lattice &small, const Configuration &config, EnlargeMode mode);

/// Upsamples one small snapshot. `progress` (optional) is told (level, window, windows).
UpsampleResult upsample(LatticeKind kind, std::array<int, 3> cells, double a,
                        const Configuration &small, const KmcOptions &options,
                        const UpsampleSettings &settings, std::uint64_t snapshot,
                        const std::function<void(int, std::size_t, std::size_t)> &progress = {});

} // namespace macrodyn
