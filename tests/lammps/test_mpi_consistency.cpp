// MPI: the plugin loads on several ranks and results do not depend on the rank count.
#include "lammps/spin_scripts.h"
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

using macrodyn::testing::run_lammps;
using macrodyn::testing::square_script;

namespace {

const std::string kLoadAndList = R"lmp(
plugin load ${macrodyn}
plugin list
)lmp";

TEST(Mpi, PluginLoadsOnTwoRanks) {
  const auto run = run_lammps(kLoadAndList + R"lmp(
units metal
dimension 2
lattice sq 1.0
region box block 0 4 0 4 -0.5 0.5
create_box 2 box
create_atoms 1 box
mass * 1.0
compute s all spin/lattice lattice sq 1.0
thermo_style custom step c_s[1]
run 0
)lmp",
                              2);
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_NE(run.result.output.find("compute style plugin spin/lattice"), std::string::npos)
      << run.result.output;
  EXPECT_NE(run.log.find("on 2 procs"), std::string::npos) << run.log;
}

TEST(Mpi, SpinLatticeSameValuesOnOneTwoAndFourRanks) {
  const std::string script = square_script("set type 1 type/fraction 2 0.4 4711\n");
  const auto serial = run_lammps(script, 1);
  ASSERT_TRUE(serial.ok()) << serial.result.output;
  const auto values = serial.printed("SPIN");
  ASSERT_EQ(values.size(), 2u);
  EXPECT_LT(values[0], 1.0);
  for (int np : {2, 4}) {
    const auto run = run_lammps(script, np);
    ASSERT_TRUE(run.ok()) << run.result.output;
    EXPECT_EQ(run.printed("SPIN"), values) << np << " ranks";
  }
}

} // namespace
