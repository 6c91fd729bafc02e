/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: compute sro/lattice - chemical short-range order on lattice sites
------------------------------------------------------------------------- */
#ifndef LMP_COMPUTE_SRO_LATTICE_H
#define LMP_COMPUTE_SRO_LATTICE_H

#include "compute.h"
#include "lattice_observable_source.h"

#include <memory>

namespace LAMMPS_NS {

class ComputeSROLattice : public Compute, public macrodyn::lmp::LatticeObservableSource {
public:
  ComputeSROLattice(class LAMMPS *, int, char **);
  ~ComputeSROLattice() override;
  void init() override;
  void compute_vector() override;
  void compute_array() override;
  // macrodyn::lmp::LatticeObservableSource: the same observables as core objects.
  std::unique_ptr<macrodyn::ObservableSet>
  make_observables(const macrodyn::Lattice &lattice, const macrodyn::PatchTiling &tiling,
                   const macrodyn::lmp::SpeciesMap &species) const override;

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
  void parse(int narg, char **arg);
  void evaluate();
};

} // namespace LAMMPS_NS

#endif
