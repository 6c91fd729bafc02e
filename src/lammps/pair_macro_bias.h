/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: pair_style macro/bias - pull the configuration toward a target macrostate
------------------------------------------------------------------------- */
#ifndef LMP_PAIR_MACRO_BIAS_H
#define LMP_PAIR_MACRO_BIAS_H

#include "pair.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace macrodyn {
class MacroBias;
}
namespace MacroDyn {
class SpeciesMap;
}

namespace LAMMPS_NS {

class PairMacroBias : public Pair {
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

  /// For lattice fixes (the fast local path): the bias, its species and the current target.
  std::shared_ptr<const macrodyn::MacroBias> bias() const;
  const std::vector<std::string> &species() const;
  std::vector<double> current_target();

  struct Impl;

private:
  std::unique_ptr<Impl> impl;
};

} // namespace LAMMPS_NS

#endif
