#pragma once
/// Snapshot pools: HDF5 files of whole lattice configurations (doc/formats/snapshot_pool.md),
/// written by upsample/lattice and read by fix partial/evolve and upsample/lattice. The layout of
/// /snapshots is the one of dataset.h5, so a dataset written with microstates is a pool too.
#include "core/base/configuration.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace macrodyn {

/// What every snapshot of a pool shares.
struct PoolLayout {
  std::string lattice; ///< sq, sc, bcc, fcc
  std::array<int, 3> cells{1, 1, 1};
  double lattice_constant = 1.0;
  std::vector<std::string> species; ///< index = species code (-1 vacancy)
  std::size_t n_sites = 0;
};

/// "" when the layouts agree, else what differs ("cells 16x16x1 vs 32x32x1").
std::string layout_difference(const PoolLayout &a, const PoolLayout &b);

struct SnapshotPool {
  std::string path;
  PoolLayout layout;
  std::vector<std::uint64_t> ids;
  std::vector<std::int8_t> configurations; ///< size() x n_sites, lattice site order

  std::size_t size() const { return ids.size(); }
  Configuration configuration(std::size_t k) const;
};

/// Reads a pool (format macrodyn-snapshot-pool) or the /snapshots of a dataset (macrodyn-dataset
/// written with microstates), up to the last complete snapshot. Throws Error naming the file.
SnapshotPool read_snapshot_pool(const std::string &path);

/// Appends snapshots to a pool file, each flushed before append() returns (a killed run leaves
/// every completed snapshot readable). An existing pool is continued when its layout matches.
class SnapshotPoolFile {
public:
  /// Creates path, or opens an existing pool of the same layout for appending; throws Error when
  /// the file exists but is no pool or has another layout. `provenance` becomes string attributes
  /// of a new file.
  SnapshotPoolFile(const std::string &path, const PoolLayout &layout,
                   const std::map<std::string, std::string> &provenance);
  ~SnapshotPoolFile();
  SnapshotPoolFile(const SnapshotPoolFile &) = delete;
  SnapshotPoolFile &operator=(const SnapshotPoolFile &) = delete;

  /// Throws Error when id is already in the pool or config has the wrong size.
  void append(std::uint64_t id, const Configuration &config);
  std::size_t size() const { return ids_.size(); }

private:
  void close();
  struct Handles;
  Handles *h_;
  std::string path_;
  PoolLayout layout_;
  std::vector<std::uint64_t> ids_;
};

} // namespace macrodyn
