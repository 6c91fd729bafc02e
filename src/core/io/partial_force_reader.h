#pragma once
/// Reading forces.h5 (doc/formats/partial_forces.md): the set-up and configurations by record
/// range, so that a learner can stream a file larger than memory.
#include <cstdint>
#include <string>
#include <vector>

namespace macrodyn {

/// The set-up a forces.h5 describes (its root attributes) and its complete record count.
struct PartialForceSetUp {
  std::string path;
  std::int64_t atoms = 0, selected = 0;
  bool velocities = false, full_forces = false;
  double timestep = 0;
  std::string units, pair_style;
  std::vector<std::string> conditions;
  std::uint64_t records = 0;
};

/// Records [first, first + count) of a file; per-record arrays are concatenated in record order.
struct PartialForceBlock {
  std::uint64_t first = 0, count = 0;
  std::vector<int> trajectory;
  std::vector<std::int64_t> step;
  std::vector<double> time;
  std::vector<double> box;                    ///< count x 9: xlo xhi ylo yhi zlo zhi xy xz yz
  std::vector<double> positions, velocities;  ///< count x N x 3 (atom-ID order), unwrapped
  std::vector<double> masses;                 ///< count x N
  std::vector<std::int64_t> selected;         ///< count x n_p atom IDs
  std::vector<double> forces;                 ///< count x n_p x 3
  std::vector<double> full_forces;            ///< count x N x 3, only when asked and present
  std::vector<double> conditions;             ///< count x C
};

/// Trajectory and step of every complete record, in record order (light: no per-atom arrays).
struct PartialForceIndex {
  std::vector<int> trajectory;
  std::vector<std::int64_t> step;
};

/// Throws Error naming the file when it is missing or not a partial force file.
PartialForceSetUp read_partial_force_set_up(const std::string &path);

PartialForceIndex read_partial_force_index(const PartialForceSetUp &set_up);

/// `with_full_forces`: also every atom's force (an error when the file has none).
PartialForceBlock read_partial_force_block(const PartialForceSetUp &set_up, std::uint64_t first,
                                           std::uint64_t count, bool with_full_forces);

} // namespace macrodyn
