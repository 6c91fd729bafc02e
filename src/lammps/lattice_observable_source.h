#pragma once
// What a style that evolves or encodes the lattice itself (fix partial/evolve, compute
// closure/torch) needs of an observable compute: its observables as a core ObservableSet on that
// style's lattice. compute spin/lattice and compute sro/lattice implement it; the users find them
// through this interface alone.
#include <memory>

namespace macrodyn {
class Lattice;
class ObservableSet;
class PatchTiling;
} // namespace macrodyn

namespace macrodyn::lmp {

class SpeciesMap;

class LatticeObservableSource {
public:
  virtual ~LatticeObservableSource() = default;
  /// The compute's observables on `lattice` cut by `tiling`. `species` is the caller's species
  /// map. A LAMMPS error names the compute when `lattice` (kind and constant) or `species` are not
  /// the ones the compute reads.
  virtual std::unique_ptr<macrodyn::ObservableSet>
  make_observables(const macrodyn::Lattice &lattice, const macrodyn::PatchTiling &tiling,
                   const SpeciesMap &species) const = 0;
};

} // namespace macrodyn::lmp
