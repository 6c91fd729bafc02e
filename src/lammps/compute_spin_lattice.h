/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: compute spin/lattice
------------------------------------------------------------------------- */
#ifndef LMP_COMPUTE_SPIN_LATTICE_H
#define LMP_COMPUTE_SPIN_LATTICE_H

#include "compute.h"
#include "lattice_observable_source.h"

#include <memory>

namespace LAMMPS_NS {

class ComputeSpinLattice : public Compute, public macrodyn::lmp::LatticeObservableSource {
public:
  ComputeSpinLattice(class LAMMPS *, int, char **);
  ~ComputeSpinLattice() override;
  void init() override;
  void compute_vector() override;
  void compute_array() override;
  // macrodyn::lmp::LatticeObservableSource: the same observables as core objects.
  std::unique_ptr<macrodyn::ObservableSet>
  make_observables(const macrodyn::Lattice &lattice, const macrodyn::PatchTiling &tiling,
                   const macrodyn::lmp::SpeciesMap &species) const override;

private:
  void evaluate();
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace LAMMPS_NS

#endif
