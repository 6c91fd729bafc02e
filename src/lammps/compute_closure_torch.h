/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: compute closure/torch - learned closure variables of the current configuration
------------------------------------------------------------------------- */
#ifndef LMP_COMPUTE_CLOSURE_TORCH_H
#define LMP_COMPUTE_CLOSURE_TORCH_H

#include "compute.h"

#include <memory>

namespace LAMMPS_NS {

class ComputeClosureTorch : public Compute {
public:
  ComputeClosureTorch(class LAMMPS *, int, char **);
  ~ComputeClosureTorch() override;
  void init() override;
  void compute_vector() override;

  struct Impl;

private:
  std::unique_ptr<Impl> impl;
};

} // namespace LAMMPS_NS

#endif
