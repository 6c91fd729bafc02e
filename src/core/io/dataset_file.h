#pragma once
/// dataset.h5: the training data of fix partial/evolve, written record by record.
/// Schema: doc/formats/dataset.md. Every append is flushed to disk before it returns, with the
/// metadata cache held in memory between flushes, so a run killed at any moment leaves a file that
/// opens and holds every record whose append() completed.
#include "core/io/evolution_records.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace macrodyn {

struct DatasetDescription {
  std::vector<std::string> observables;
  std::vector<std::string> conditions{"temperature", "field"};
  std::vector<std::string> species;
  std::string lattice; ///< sq, sc, bcc, fcc
  std::array<int, 3> cells{1, 1, 1};
  double lattice_constant = 1.0;
  std::array<int, 3> patch_shape{1, 1, 1}; ///< patch counts px, py, pz (K = px py pz)
  int sites_per_patch = 0;                 ///< n_s
  std::string time_unit = "s";
  std::string energy_model;      ///< e.g. "pairs NbMoTa.epi" or "ising J=1 h=0.1"
  std::string energy_model_file; ///< path, empty when none
  std::uint64_t seed = 0;
  std::string lammps_version; ///< empty outside LAMMPS
  bool microstates = false;   ///< partial records carry patch microstates
  std::size_t n_sites = 0;    ///< sites of the box: with microstates, snapshots are stored whole
  std::vector<double> full_times;           ///< the time grid of full records (mode full)
  std::map<std::string, std::string> extra; ///< more string attributes
};

/// FNV-1a 64-bit checksum of a file, as 16 hex digits (provenance of energy-model files).
std::string file_checksum(const std::string &path);

class DatasetFile {
public:
  /// Creates (truncates) path and writes the attributes. Throws Error naming the file on failure.
  DatasetFile(const std::string &path, const DatasetDescription &description);
  ~DatasetFile();
  DatasetFile(const DatasetFile &) = delete;
  DatasetFile &operator=(const DatasetFile &) = delete;

  /// Appends one partial-evolution record with its conditions, then flushes.
  void append(const PartialRecord &record, const std::vector<double> &conditions);
  /// Appends records (of one snapshot) with their common conditions in one write per column and
  /// one flush: the same rows as one append each, at a fraction of the HDF5 calls.
  void append(const std::vector<PartialRecord> &records, const std::vector<double> &conditions);
  /// Stores a snapshot x0 whole (datasets with microstates: closure variables of the box are
  /// means over all its patches), then flushes.
  void append_snapshot(std::uint64_t snapshot, const Configuration &config);
  /// Appends one full-evolution record (its times must be the description's grid), then flushes.
  void append(const FullRecord &record, const std::vector<double> &conditions);

  std::uint64_t partial_records() const { return n_partial_; }
  std::uint64_t full_records() const { return n_full_; }

private:
  struct Handles;
  Handles *h_;
  DatasetDescription description_;
  std::uint64_t n_partial_ = 0, n_full_ = 0, n_snapshots_ = 0;
};

} // namespace macrodyn
