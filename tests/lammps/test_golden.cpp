// Golden references of the styles (tests/golden/*.txt), in the spirit of LAMMPS's unittest: seeded
// thermo values of fix kmc/lattice (spin flips, pair-interaction and EAM vacancy exchange), the
// energy, forces and virial of pair_style macro/bias, and the attributes of a fix partial/evolve
// dataset. They pin today's numbers, so a restructure or a speed-up that changes a trajectory,
// an energy or a file shows up here. Regenerate with MACRODYN_REGENERATE_GOLDEN=1 (support/golden.h)
// after a change that is meant to alter them, and say why in the commit.
#include "lammps/kmc_scripts.h"
#include "support/golden.h"
#include "support/lammps_harness.h"
#include "support/setfl_writer.h"

#include "core/io/hdf5_summary.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace macrodyn::testing;

namespace {

std::string golden(const std::string &name) {
  return std::string(MACRODYN_SOURCE_DIR) + "/tests/golden/" + name;
}

// The KMC is exact arithmetic on a seeded stream: the same build gives the same bits, another
// compiler or libm may move the last digits of the rates.
constexpr Tolerance kKmc{1e-12, 1e-9};

/// Prints f_kmc[1..5] and the given extra thermo keywords after each of `runs` runs of `steps`.
std::string kmc_prints(int runs, int steps, const std::string &extra) {
  std::string s;
  for (int k = 0; k < runs; ++k) {
    s += "run " + std::to_string(steps) + "\nprint \"GOLDEN run" + std::to_string(k + 1);
    for (int i = 1; i <= 5; ++i)
      s += " $(f_kmc[" + std::to_string(i) + "]:%.17g)";
    s += " " + extra + "\"\n";
  }
  return s;
}

} // namespace

TEST(Golden, IsingFlipsThermo) {
  const auto run = run_lammps(ising_script(
      "", "compute spin all spin/lattice lattice sq 1.0\nthermo_style custom step c_spin[1] c_spin[2]\n" +
              kmc_prints(3, 10, "$(c_spin[1]:%.17g) $(c_spin[2]:%.17g)")));
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_TRUE(matches_golden(golden_lines(run.result.output), golden("kmc_ising.txt"), kKmc));
}

TEST(Golden, PairInteractionExchangeThermo) {
  const std::string dir = make_temp_dir("macrodyn-golden-");
  write_file(dir + "/pairs.txt", kAlloyPairs);
  const auto run = run_lammps(
      alloy_script("pairs.txt", "",
                   "compute sro all sro/lattice lattice bcc 3.24 types Nb Mo Ta vac\n"
                   "thermo_style custom step c_sro[1] c_sro[2] c_sro[4]\n" +
                       kmc_prints(3, 10, "$(c_sro[1]:%.17g) $(c_sro[2]:%.17g) $(c_sro[4]:%.17g)")),
      1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_TRUE(matches_golden(golden_lines(run.result.output), golden("kmc_pairs.txt"), kKmc));
}

TEST(Golden, EamExchangeThermo) {
  const std::string dir = make_temp_dir("macrodyn-golden-");
  write_test_setfl(dir + "/test.eam.alloy");
  const auto run = run_lammps(eam_alloy_script(kmc_prints(3, 10, "$(pe:%.17g)")),
                              1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_TRUE(matches_golden(golden_lines(run.result.output), golden("kmc_eam.txt"), kKmc));
}

TEST(Golden, MacroBiasEnergyForcesVirial) {
  // Off-lattice: positions displaced by a seeded random amount, so forces are nonzero.
  const auto run = run_lammps(bcc_alloy_box(5, 4) + R"lmp(set atom 17 type 4
displace_atoms all random 0.1 0.1 0.1 4321
pair_style macro/bias kappa 2.0 switch 2.9 3.1 types Nb Mo Ta vac observables delta_NbMo delta_TaTa alpha_Nb_Ta_s1 weights 1 2 0.5 target const 0.5 -0.3 0.2
pair_coeff * *
compute pb all pair macro/bias
compute virial all pressure NULL virial
thermo_style custom step pe c_pb[1] c_pb[2] c_pb[3] c_virial[1]
run 0
print "GOLDEN energy $(pe:%.17g)"
print "GOLDEN observables $(c_pb[1]:%.17g) $(c_pb[2]:%.17g) $(c_pb[3]:%.17g)"
print "GOLDEN forces $(fx[1]:%.17g) $(fy[1]:%.17g) $(fz[1]:%.17g) $(fx[60]:%.17g) $(fy[60]:%.17g) $(fz[60]:%.17g) $(fx[100]:%.17g) $(fy[100]:%.17g) $(fz[100]:%.17g)"
print "GOLDEN virial $(c_virial[1]:%.17g) $(c_virial[2]:%.17g) $(c_virial[3]:%.17g) $(c_virial[4]:%.17g) $(c_virial[5]:%.17g) $(c_virial[6]:%.17g)"
)lmp");
  ASSERT_TRUE(run.ok()) << run.result.output;
  // Sums over pairs in neighbour-list order: bits may move with the build, not more.
  EXPECT_TRUE(matches_golden(golden_lines(run.result.output), golden("pair_macro_bias.txt"),
                             {1e-12, 1e-10}));
}

TEST(Golden, PartialEvolutionDatasetAttributes) {
  const std::string dir = make_temp_dir("macrodyn-golden-");
  const auto run = run_lammps(ising_box(32) + R"lmp(
fix kmc all kmc/lattice 10 lattice sq 1.0 model ising 1.0 field 0.1 move flip glauber temperature 2.5 time 1.0 seed 42
compute spin all spin/lattice lattice sq 1.0
fix pe all partial/evolve 10 kmc kmc compute spin patches 2 2 1 seed 7 file dataset.h5 time 0.2 samples 4
run 20
)lmp",
                              1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  // The file's summary but its first line (the path) and the lines naming software versions.
  std::istringstream summary(macrodyn::summarize_hdf5(dir + "/dataset.h5"));
  std::string text, line;
  std::getline(summary, line);
  while (std::getline(summary, line))
    if (line.find("version") == std::string::npos) text += line + "\n";
  const std::string reference = golden("dataset_attributes.txt");
  if (regenerating_golden()) write_file(reference, text);
  EXPECT_EQ(text, read_file(reference));
}
