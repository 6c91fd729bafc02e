/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: fix kmc/lattice - lattice kinetic Monte Carlo on LAMMPS atoms
------------------------------------------------------------------------- */
#ifndef LMP_FIX_KMC_LATTICE_H
#define LMP_FIX_KMC_LATTICE_H

#include "fix.h"
#include "kmc_setup.h"

#include <memory>
#include <string>

namespace macrodyn::lmp {
class LatticeBias;
} // namespace macrodyn::lmp

namespace LAMMPS_NS {

class FixKMCLattice : public Fix {
public:
  FixKMCLattice(class LAMMPS *, int, char **);
  ~FixKMCLattice() override;
  int setmask() override;
  void setup(int) override;
  void end_of_step() override;
  double compute_vector(int) override;
  void write_restart(FILE *) override;
  void restart(char *) override;

  /// The parsed set-up, for styles that run the same dynamics elsewhere (kmc_setup.h).
  macrodyn::lmp::KmcSetup kmc_setup() const;

  struct Impl;

private:
  std::unique_ptr<Impl> impl;
  void parse(int narg, char **arg);
  bool read_keywords(int narg, char **arg); ///< true when `model` was given
  void check_keyword_combinations(bool have_model);
  void set_thermal_energy();
  void map_species();
  void load_learned_barriers();
  macrodyn::lmp::LatticeBias *bias_pair();
  void map_atoms();
  void write_types_back();
  std::string energy_model() const;
  std::string energy_model_file() const;
};

} // namespace LAMMPS_NS

#endif
