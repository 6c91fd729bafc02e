#pragma once
// The partial force computation shared by compute partial/force and fix partial/force: draw a
// random subset of atom IDs, then compute the pair style's force on exactly those atoms, as the
// full computation would, without a neighbour list over all atoms (doc/styles/partial_force.md).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace LAMMPS_NS {
class LAMMPS;
}

namespace macrodyn::lmp {

/// How many atoms: exactly `count`, or round(fraction x N) (fraction in (0, 1]).
struct PartialForceSelection {
  std::int64_t count = 0;
  double fraction = 0;
  std::uint64_t seed = 0;
};

/// The number of atoms a selection draws from N: count, or round(fraction x N); may lie outside
/// 1..N (the styles say so in their own words).
std::int64_t selected_count(const PartialForceSelection &selection, std::int64_t natoms);

class KeywordReader;
struct Keyword;

/// The selection keywords every partial-force style takes: count n | fraction p, and seed s.
std::vector<Keyword> selection_keywords();
/// Reads the current keyword into `selection` when it is a selection keyword; false otherwise.
bool read_selection_keyword(const KeywordReader &reader, PartialForceSelection &selection);
/// Stops with a LAMMPS error unless exactly one of count / fraction and a seed were given.
void check_selection(const KeywordReader &reader, const PartialForceSelection &selection);

struct PartialForces {
  std::vector<std::int64_t> ids; ///< selected atom IDs, increasing
  std::vector<double> forces;    ///< 3 per selected atom, in ids' order
  std::int64_t natoms = 0;
  std::uint64_t pair_terms = 0; ///< pair evaluations summed over ranks (the work done)
  /// This rank's wall time, for benchmarks: in the passes over all owned and ghost atoms (ID
  /// check, ownership, neighbour search) and in the rest (the force terms on the selected atoms
  /// and their neighbours, sorting, communication).
  double search_seconds = 0, force_seconds = 0;
};

class PartialForceEngine {
public:
  PartialForceEngine(LAMMPS_NS::LAMMPS *lmp, const char *style, PartialForceSelection selection);
  ~PartialForceEngine();

  /// Checks the pair style and the system (call from the style's init()); stops with a LAMMPS
  /// error naming what is not supported.
  void init();
  /// Collective: the forces on the subset drawn from the stream (seed, trajectory, invocation),
  /// from the current positions of owned and ghost atoms (as after a force computation of a run).
  PartialForces compute(std::uint64_t trajectory, std::uint64_t invocation);
  /// The pair style's name as the input script gave it.
  const std::string &pair_style() const;

  struct Impl;

private:
  std::unique_ptr<Impl> impl;
};

} // namespace macrodyn::lmp
