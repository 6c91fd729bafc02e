#pragma once
/// forces.h5: configurations with the forces on a random subset of their atoms (compute / fix
/// partial/force), one record per configuration. Schema: doc/formats/partial_forces.md. Every
/// append is flushed before it returns (crash-safe: a killed run leaves every completed record
/// readable), and a file can be reopened to append more configurations (more trajectories).
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace macrodyn {

struct PartialForceDescription {
  std::int64_t atoms = 0;    ///< N, the same in every configuration
  std::int64_t selected = 0; ///< n_p atoms per configuration
  std::uint64_t seed = 0;
  std::string units;      ///< LAMMPS units style
  std::string pair_style; ///< as the input script gave it
  std::string lammps_version;
  double timestep = 0;                 ///< MD time step, in the units' time
  bool velocities = true;              ///< configurations carry velocities
  bool full_forces = false;            ///< records carry every atom's force too
  std::vector<std::string> conditions; ///< names of the per-record condition values
  std::map<std::string, std::string> extra;
};

/// One configuration; per-atom arrays in atom-ID order (ID k at row k - 1).
struct PartialForceRecord {
  int trajectory = 0;
  std::int64_t step = 0;
  double time = 0;
  std::uint64_t invocation = 0;       ///< the selection's stream key
  std::array<double, 9> box{};        ///< xlo xhi ylo yhi zlo zhi xy xz yz
  std::vector<double> positions;      ///< 3 N, unwrapped
  std::vector<double> velocities;     ///< 3 N (empty without velocities)
  std::vector<std::int32_t> types;    ///< N
  std::vector<double> masses;         ///< N
  std::vector<std::int64_t> selected; ///< n_p atom IDs, increasing
  std::vector<double> forces;         ///< 3 n_p
  std::uint64_t pair_terms = 0;       ///< pair evaluations the partial forces took
  std::vector<double> full_forces;    ///< 3 N, only with full_forces
  std::vector<double> conditions;     ///< one per description condition
};

class PartialForceFile {
public:
  /// Creates (truncates) path, or with `append` opens an existing file whose description must
  /// agree (atoms, selected, velocities, full forces, conditions). Throws Error naming the file.
  PartialForceFile(const std::string &path, const PartialForceDescription &description,
                   bool append = false);
  ~PartialForceFile();
  PartialForceFile(const PartialForceFile &) = delete;
  PartialForceFile &operator=(const PartialForceFile &) = delete;

  /// Checks the record's sizes against the description, appends it and flushes.
  void append(const PartialForceRecord &record);
  std::uint64_t records() const { return records_; }

private:
  struct Handles;
  Handles *h_;
  PartialForceDescription description_;
  std::uint64_t records_ = 0;
};

} // namespace macrodyn
