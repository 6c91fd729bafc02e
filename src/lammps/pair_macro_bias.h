/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: pair_style macro/bias - pull the configuration toward a target macrostate
------------------------------------------------------------------------- */
#ifndef LMP_PAIR_MACRO_BIAS_H
#define LMP_PAIR_MACRO_BIAS_H

#include "lattice_bias.h"
#include "pair.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace macrodyn {
struct SmoothCounts;
}
namespace macrodyn::lmp {
class SpeciesMap;
}

namespace LAMMPS_NS {

class PairMacroBias : public Pair, public macrodyn::lmp::LatticeBias {
public:
  PairMacroBias(class LAMMPS *);
  ~PairMacroBias() override;
  void compute(int eflag, int vflag) override;
  void settings(int narg, char **arg) override;
  void coeff(int narg, char **arg) override;
  void init_style() override;
  double init_one(int i, int j) override;
  void write_restart(FILE *fp) override;
  void read_restart(FILE *fp) override;

  // macrodyn::lmp::LatticeBias: for lattice fixes (the fast local path).
  std::shared_ptr<const macrodyn::MacroBias> bias() const override;
  const std::vector<std::string> &species() const override;
  std::vector<double> current_target() override;
  std::pair<double, double> switch_range() const override;

  struct Impl;

private:
  std::unique_ptr<Impl> impl;
  void start_target_path(const macrodyn::SmoothCounts &counts);
};

} // namespace LAMMPS_NS

#endif
