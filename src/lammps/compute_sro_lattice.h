/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: compute sro/lattice - chemical short-range order on lattice sites
------------------------------------------------------------------------- */
#ifndef LMP_COMPUTE_SRO_LATTICE_H
#define LMP_COMPUTE_SRO_LATTICE_H

#include "compute.h"

#include <memory>

namespace LAMMPS_NS {

class ComputeSROLattice : public Compute {
public:
  ComputeSROLattice(class LAMMPS *, int, char **);
  ~ComputeSROLattice() override;
  void init() override;
  void compute_vector() override;
  void compute_array() override;

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
  void parse(int narg, char **arg);
  void evaluate();
};

} // namespace LAMMPS_NS

#endif
