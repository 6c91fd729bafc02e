// upsample/lattice through the plugin: the data file it writes reads back with read_data, block
// enlargement keeps the magnetization and halves the domain-wall density exactly (each spin
// becomes a 2x2 block: every unlike bond of the small box becomes 2 of the 8N bonds of the large
// one), the file is the same on 1 and 2 ranks, and bad input is a LAMMPS error.
#include "kmc_scripts.h"
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

using namespace macrodyn::testing;

namespace {

std::string script(const std::string &upsample) {
  return ising_box(16) + R"lmp(
fix kmc all kmc/lattice 10 lattice sq 1.0 model ising 1.0 field 0.1 move flip glauber temperature 2.5 time 5 seed 42
compute spin all spin/lattice lattice sq 1.0
thermo_style custom step c_spin[1] c_spin[2]
run 10
variable m equal c_spin[1]
variable dw equal c_spin[2]
print "SMALL ${m} ${dw}"
)lmp" + upsample +
         R"lmp(
clear
plugin load ${macrodyn}
units lj
dimension 2
atom_modify map array
read_data big.data
compute spin all spin/lattice lattice sq 1.0
thermo_style custom step c_spin[1] c_spin[2]
run 0
variable m equal c_spin[1]
variable dw equal c_spin[2]
variable n equal atoms
print "LARGE ${n} ${m} ${dw}"
)lmp";
}

} // namespace

TEST(UpsampleLattice, BlockEnlargementKeepsMagnetizationAndHalvesDomainWalls) {
  const auto run =
      run_lammps(script("upsample/lattice kmc kmc levels 1 events 1 seed 5 data big.data"));
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto small = run.printed("SMALL"), large = run.printed("LARGE");
  ASSERT_EQ(small.size(), 2u) << run.result.output;
  ASSERT_EQ(large.size(), 3u) << run.result.output;
  EXPECT_EQ(large[0], 1024); // 32 x 32
  // One event per window (16 windows of 16^2, stride 8) changes m by at most 16 * 2 / 1024.
  EXPECT_NEAR(large[1], small[0], 16 * 2.0 / 1024 + 1e-12);
  EXPECT_NEAR(large[2], small[1] / 2, 16 * 4.0 / 2048 + 1e-12);
}

TEST(UpsampleLattice, DumpFramesReadBackWithTheirTypes) {
  // Two snapshots appended as dump frames 1 and 2, read back into a fresh 32x32 box: the data
  // file written for the same snapshot (id 2) has the same magnetization.
  const std::string up = "upsample/lattice kmc kmc levels 1 time 1 seed 5 id 1 dump big.dump\n"
                         "upsample/lattice kmc kmc levels 1 time 1 seed 5 id 2 dump big.dump "
                         "data big.data";
  auto script = ::script(up);
  script += R"lmp(
clear
plugin load ${macrodyn}
units lj
dimension 2
atom_modify map array
lattice sq 1.0
region box block 0 32 0 32 -0.5 0.5
create_box 2 box
create_atoms 1 box
mass * 1.0
read_dump big.dump 2 x y purge yes replace no trim no add keep box no
compute spin all spin/lattice lattice sq 1.0
thermo_style custom step c_spin[1] c_spin[2]
run 0
variable m equal c_spin[1]
print "DUMPED ${m}"
)lmp";
  const auto run = run_lammps(script);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto large = run.printed("LARGE"), dumped = run.printed("DUMPED");
  ASSERT_EQ(large.size(), 3u) << run.result.output;
  ASSERT_EQ(dumped.size(), 1u) << run.result.output;
  EXPECT_EQ(dumped[0], large[1]);
}

TEST(UpsampleLattice, RelaxedPoolIsTheSameOnOneAndTwoRanks) {
  const std::string up = "upsample/lattice kmc kmc levels 2 time 5 seed 5 id 2 data big.data";
  std::string reference;
  for (int np : {1, 2}) {
    const std::string dir = make_temp_dir("macrodyn-upsample-");
    const auto run = run_lammps(script(up), np, "", dir);
    ASSERT_TRUE(run.ok()) << run.result.output;
    EXPECT_NE(
        run.result.output.find("16x16x1 -> 64x64x1 cells, 2 level(s), seed 5, id 2; 80 windows"),
        std::string::npos)
        << run.result.output;
    const auto data = read_file(dir + "/big.data");
    if (np == 1)
      reference = data;
    else
      EXPECT_EQ(data, reference);
  }
}

TEST(UpsampleLattice, TooManyLevelsAreRefusedBeforeAnyWork) {
  // 40 and 14 levels used to run for ever; the size is estimated first and named.
  for (const char *levels : {"40", "14"}) {
    const auto run = run_lammps(script(std::string("upsample/lattice kmc kmc levels ") + levels +
                                       " time 1 seed 5 dump up.dump"));
    EXPECT_NE(run.first_error().find(std::string("upsample/lattice: ") + levels +
                                     " level(s) enlarge"),
              std::string::npos)
        << run.result.output;
    EXPECT_NE(run.first_error().find("use fewer levels"), std::string::npos);
  }
}

TEST(UpsampleLattice, BadInputIsALammpsError) {
  auto run = run_lammps(script("upsample/lattice kmc kmc levels 1 seed 5 data big.data"));
  EXPECT_NE(run.first_error().find("give a time and/or events budget per window"),
            std::string::npos)
      << run.result.output;
  run = run_lammps(script("upsample/lattice kmc nope levels 1 time 1 seed 5 data big.data"));
  EXPECT_NE(run.first_error().find("nope is not a fix kmc/lattice"), std::string::npos)
      << run.result.output;
  run = run_lammps(
      script("upsample/lattice kmc kmc levels 1 time 1 seed 5 data big.data stride 3 3 1"));
  EXPECT_NE(run.first_error().find("does not divide"), std::string::npos) << run.result.output;
  run =
      run_lammps(script("upsample/lattice kmc kmc levels 1 time 1 seed 5 data big.data mode fold"));
  EXPECT_NE(run.first_error().find("unknown enlarge mode 'fold'"), std::string::npos)
      << run.result.output;
}
