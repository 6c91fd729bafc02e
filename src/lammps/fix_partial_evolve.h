/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: fix partial/evolve - training data from patch-restricted evolution
------------------------------------------------------------------------- */
#ifndef LMP_FIX_PARTIAL_EVOLVE_H
#define LMP_FIX_PARTIAL_EVOLVE_H

#include "fix.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace macrodyn {
class Lattice;
class PartialEvolution;
} // namespace macrodyn

namespace LAMMPS_NS {

class FixPartialEvolve : public Fix {
public:
  FixPartialEvolve(class LAMMPS *, int, char **);
  ~FixPartialEvolve() override;
  int setmask() override;
  void init() override;
  void end_of_step() override;
  double compute_vector(int) override;

  struct Impl;

private:
  std::unique_ptr<Impl> impl;
  void parse(int narg, char **arg);
  void open_dataset(const macrodyn::Lattice &lattice, const macrodyn::PartialEvolution &pe);
  void sample_partial(macrodyn::PartialEvolution &pe, const std::vector<std::int8_t> &x0,
                      std::uint64_t snapshot);
  void sample_full(macrodyn::PartialEvolution &pe, const std::vector<std::int8_t> &x0,
                   std::uint64_t snapshot);
  std::vector<double> conditions() const; ///< temperature and field of the KMC fix
};

} // namespace LAMMPS_NS

#endif
