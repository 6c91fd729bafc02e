// compute spin/lattice through the plugin: exact values on hand-built configurations, LAMMPS ERROR
// lines for bad input.
#include "lammps/spin_scripts.h"
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

using macrodyn::testing::run_lammps;
using macrodyn::testing::square_script;

namespace {

TEST(ComputeSpinLattice, UniformBoxIsFullyMagnetizedWithoutWalls) {
  const auto run = run_lammps(square_script(""));
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_EQ(run.printed("SPIN"), (std::vector<double>{1.0, 0.0}));
}

TEST(ComputeSpinLattice, HalfPlaneHasExactWallDensity) {
  // Left half (x < 4 cells) down: m = 0. The periodic box has two vertical walls of 8 bonds each,
  // out of 2 * 64 = 128 bonds: dw = 16 / 128 = 0.125.
  const auto run = run_lammps(square_script(R"lmp(
region left block -0.25 3.75 INF INF INF INF
set region left type 2
)lmp"));
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_EQ(run.printed("SPIN"), (std::vector<double>{0.0, 0.125}));
}

TEST(ComputeSpinLattice, PatchRowsOfTheHalfPlane) {
  // Patches 2 x 1: the left one (x < 4 cells) all down, the right one all up. Each patch has 32
  // sites and 128 bonds centred on it; 16 of them cross a wall (columns 0 and 3 on the left,
  // 4 and 7 on the right): dw = 16 / 128 = 0.125 in both, whose mean is the box value.
  const auto run = run_lammps(square_script(R"lmp(
region left block -0.25 3.75 INF INF INF INF
set region left type 2
)lmp",
                                            "patches 2 1 1") +
                              R"lmp(
print "ROWS $(c_s[1][1]) $(c_s[1][2]) $(c_s[2][1]) $(c_s[2][2])"
)lmp");
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_EQ(run.printed("ROWS"), (std::vector<double>{-1.0, 0.125, 1.0, 0.125}));
}

TEST(ComputeSpinLattice, B2OrderOnBccHasOnlyUnlikeBonds) {
  // Corners up, body centres down: m = 0, and every first-shell bcc bond joins a corner to a
  // centre.
  const auto run = run_lammps(R"lmp(
plugin load ${macrodyn}
units metal
lattice bcc 3.2
region box block 0 4 0 4 0 4
create_box 2 box
create_atoms 1 box basis 2 2
mass * 1.0
compute s all spin/lattice lattice bcc 3.2
thermo_style custom step c_s[1] c_s[2]
run 0
print "SPIN $(c_s[1]:%.15g) $(c_s[2]:%.15g)"
)lmp");
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_EQ(run.printed("SPIN"), (std::vector<double>{0.0, 1.0}));
}

TEST(ComputeSpinLattice, UnknownKeywordIsALammpsErrorNamingStyleAndKeyword) {
  const auto run = run_lammps(square_script("", "bogus 3"));
  EXPECT_FALSE(run.ok());
  EXPECT_EQ(run.result.signal, 0);
  EXPECT_NE(run.first_error().find("compute spin/lattice: unknown keyword 'bogus'"),
            std::string::npos)
      << run.result.output;
}

TEST(ComputeSpinLattice, OffSiteAtomIsNamedInTheError) {
  const auto run = run_lammps(square_script("group one id 5\n"
                                            "displace_atoms one move 0.4 0 0 units box\n"));
  EXPECT_EQ(run.result.signal, 0);
  EXPECT_NE(run.first_error().find("atom 5 at"), std::string::npos) << run.result.output;
  EXPECT_NE(run.first_error().find("from the nearest lattice site"), std::string::npos);
}

TEST(ComputeSpinLattice, BoxOfPartialCellsIsRefused) {
  const auto run = run_lammps(R"lmp(
plugin load ${macrodyn}
units metal
dimension 2
lattice sq 1.5
region box block 0 8 0 8 -0.5 0.5
create_box 2 box
create_atoms 1 box
mass * 1.0
compute s all spin/lattice lattice sq 1.4
thermo_style custom step c_s[1]
run 0
)lmp");
  EXPECT_EQ(run.result.signal, 0);
  EXPECT_NE(run.first_error().find("is not a whole number of lattice cells"), std::string::npos)
      << run.result.output;
}

TEST(ComputeSpinLattice, TypeThatIsNeitherUpNorDownIsRefused) {
  const auto run = run_lammps(R"lmp(
plugin load ${macrodyn}
units metal
dimension 2
lattice sq 1.0
region box block 0 4 0 4 -0.5 0.5
create_box 3 box
create_atoms 3 box
mass * 1.0
compute s all spin/lattice lattice sq 1.0
thermo_style custom step c_s[1]
run 0
)lmp");
  EXPECT_NE(run.first_error().find("neither up (1) nor down (2)"), std::string::npos)
      << run.result.output;
}

} // namespace
