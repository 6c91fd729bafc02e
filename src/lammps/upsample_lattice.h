/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: upsample/lattice - a large snapshot from the current small one
------------------------------------------------------------------------- */
#ifndef LMP_UPSAMPLE_LATTICE_H
#define LMP_UPSAMPLE_LATTICE_H

#include "command.h"

namespace LAMMPS_NS {

class UpsampleLattice : public Command {
public:
  UpsampleLattice(class LAMMPS *lmp) : Command(lmp) {}
  void command(int narg, char **arg) override;
};

} // namespace LAMMPS_NS

#endif
