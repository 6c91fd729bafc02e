/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: compute partial/force - pair forces on a random subset of atoms
------------------------------------------------------------------------- */
#ifndef LMP_COMPUTE_PARTIAL_FORCE_H
#define LMP_COMPUTE_PARTIAL_FORCE_H

#include "compute.h"

#include <memory>

namespace LAMMPS_NS {

class ComputePartialForce : public Compute {
public:
  ComputePartialForce(class LAMMPS *, int, char **);
  ~ComputePartialForce() override;
  void init() override;
  void compute_array() override;
  void compute_vector() override;

private:
  void evaluate();
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace LAMMPS_NS

#endif
