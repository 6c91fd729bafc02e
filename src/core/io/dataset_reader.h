#pragma once
/// Reads dataset.h5 (doc/formats/dataset.md) into memory: the attributes the trainer needs and
/// every partial and full record. Files written by a killed run are read up to their last
/// complete record.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace macrodyn {

struct DatasetContents {
  std::string path;
  std::vector<std::string> observables; ///< D names, column order
  std::vector<std::string> conditions;  ///< C names
  std::vector<std::string> species;
  std::string lattice, time_unit;
  std::string energy_model; ///< the description fix kmc/lattice gave ("" in files without it)
  std::array<int, 3> cells{1, 1, 1}, patch_shape{1, 1, 1};
  int K = 1, n_s = 0;

  // /partial: N records, row-major
  std::size_t n_partial = 0;
  std::vector<double> dt;                                      ///< N
  std::vector<std::uint64_t> record_snapshot;                  ///< N: snapshot id of each record
  std::vector<int> patch;                                      ///< N
  std::vector<double> condition;                               ///< N x C
  std::vector<double> phi0, phi_patch0, phi_patch1, increment; ///< N x D
  std::vector<std::int8_t> micro0, micro1; ///< N x n_s, only when read with microstates
  /// Whole snapshots (read with microstates): ids and S x n_sites species in lattice site order.
  std::vector<std::uint64_t> snapshot_ids;
  std::vector<std::int8_t> snapshots;
  std::size_t n_sites = 0;

  // /full: M runs on a grid of T times
  std::size_t n_full = 0, n_times = 0;
  std::vector<std::uint64_t> full_snapshot; ///< M
  std::vector<double> full_condition;       ///< M x C
  std::vector<double> full_times;           ///< M x T
  std::vector<double> full_phi;             ///< M x T x D

  std::size_t dimension() const { return observables.size(); }
  bool has_microstates() const { return !micro0.empty(); }
};

/// How many records a dataset holds, read from its shapes alone (no data is loaded).
struct DatasetCounts {
  std::size_t partial = 0, full = 0, times = 0, snapshots = 0;
};
/// Throws Error naming the file when it is not a macrodyn dataset.
DatasetCounts count_records(const std::string &path);

/// Reads path; with microstates=true also the patch microstates (an error when the file has none).
/// Throws Error naming the file when it is missing or not a macrodyn dataset.
DatasetContents read_dataset(const std::string &path, bool microstates = false);

} // namespace macrodyn
