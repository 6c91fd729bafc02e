/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: fix partial/force - configurations with forces on a random subset of atoms
------------------------------------------------------------------------- */
#ifndef LMP_FIX_PARTIAL_FORCE_H
#define LMP_FIX_PARTIAL_FORCE_H

#include "fix.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace macrodyn::lmp {
struct PartialForces;
}

namespace LAMMPS_NS {

class FixPartialForce : public Fix {
public:
  FixPartialForce(class LAMMPS *, int, char **);
  ~FixPartialForce() override;
  int setmask() override;
  void init() override;
  void setup(int) override;
  void end_of_step() override;
  double compute_vector(int) override;

  struct Impl;

private:
  std::unique_ptr<Impl> impl;
  void parse(int narg, char **arg);
  void record();
  void write_record(const macrodyn::lmp::PartialForces &result, const std::vector<double> &state,
                    std::uint64_t invocation);
  void open_file(std::int64_t selected);
};

} // namespace LAMMPS_NS

#endif
