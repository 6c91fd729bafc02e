/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: compute spin/lattice
------------------------------------------------------------------------- */
#ifndef LMP_COMPUTE_SPIN_LATTICE_H
#define LMP_COMPUTE_SPIN_LATTICE_H

#include "compute.h"

#include <memory>

namespace LAMMPS_NS {

class ComputeSpinLattice : public Compute {
public:
  ComputeSpinLattice(class LAMMPS *, int, char **);
  ~ComputeSpinLattice() override;
  void init() override;
  void compute_vector() override;
  void compute_array() override;

private:
  void evaluate();
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace LAMMPS_NS

#endif
