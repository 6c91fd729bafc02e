/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: compute spin/lattice
------------------------------------------------------------------------- */
#ifndef LMP_COMPUTE_SPIN_LATTICE_H
#define LMP_COMPUTE_SPIN_LATTICE_H

#include "compute.h"

#include <memory>

namespace macrodyn {
class Lattice;
class ObservableSet;
class PatchTiling;
} // namespace macrodyn
namespace macrodyn::lmp {
class SpeciesMap;
}

namespace LAMMPS_NS {

class ComputeSpinLattice : public Compute {
public:
  ComputeSpinLattice(class LAMMPS *, int, char **);
  ~ComputeSpinLattice() override;
  void init() override;
  void compute_vector() override;
  void compute_array() override;
  /// The same observables as core objects, for fix partial/evolve; `species` is the KMC fix's
  /// species map (the compute checks it agrees with its own view of the atom types).
  std::unique_ptr<macrodyn::ObservableSet>
  make_observables(const macrodyn::Lattice &lattice, const macrodyn::PatchTiling &tiling,
                   const macrodyn::lmp::SpeciesMap &species) const;

private:
  void evaluate();
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace LAMMPS_NS

#endif
