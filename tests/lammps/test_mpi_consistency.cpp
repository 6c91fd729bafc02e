// MPI: the plugin loads on several ranks and results do not depend on the rank count.
#include "lammps/kmc_scripts.h"
#include "lammps/spin_scripts.h"
#include "lammps/sro_scripts.h"
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace macrodyn::testing;

namespace {

TEST(Mpi, PluginLoadsOnTwoRanks) {
  const auto run = run_lammps(square_script("") + "plugin list\n", 2);
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

const char *kDumpAndClock = R"lmp(
write_dump all custom final.txt x y z type
print "CLOCK $(f_kmc[1]:%.17g) $(f_kmc[2]:%.17g)"
)lmp";

/// Final lattice as sorted "x y z type" lines, and the clock of a run. Atom IDs are not compared:
/// create_atoms numbers atoms differently for different rank counts; positions are what matter.
std::pair<std::vector<std::string>, std::vector<double>> final_state(const LammpsRun &run) {
  std::istringstream dump(read_file(run.directory + "/final.txt"));
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(dump, line) && line.rfind("ITEM: ATOMS", 0) != 0) {
  }
  while (std::getline(dump, line))
    lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return {lines, run.printed("CLOCK")};
}

TEST(Mpi, KmcIsingSameLatticeAndTimeOnOneTwoAndFourRanks) {
  const auto serial = run_lammps(ising_script() + kDumpAndClock, 1);
  ASSERT_TRUE(serial.ok()) << serial.result.output;
  const auto reference = final_state(serial);
  ASSERT_EQ(reference.second.size(), 2u);
  for (int np : {2, 4}) {
    const auto run = run_lammps(ising_script() + kDumpAndClock, np);
    ASSERT_TRUE(run.ok()) << run.result.output;
    EXPECT_EQ(final_state(run), reference) << np << " ranks";
  }
}

TEST(Mpi, KmcAlloySameLatticeAndTimeOnOneTwoAndFourRanks) {
  std::pair<std::vector<std::string>, std::vector<double>> reference;
  for (int np : {1, 2, 4}) {
    const std::string dir = make_temp_dir("macrodyn-mpi-");
    write_file(dir + "/alloy.epi", kAlloyPairs);
    const auto run = run_lammps(alloy_script("alloy.epi") + kDumpAndClock, np, "", dir);
    ASSERT_TRUE(run.ok()) << run.result.output;
    if (np == 1)
      reference = final_state(run);
    else
      EXPECT_EQ(final_state(run), reference) << np << " ranks";
  }
}

TEST(Mpi, SroLatticeSameValuesOnOneTwoAndFourRanks) {
  std::string vector1, array1;
  for (int np : {1, 2, 4}) {
    const std::string dir = make_temp_dir("macrodyn-mpi-sro-");
    const auto run = run_lammps(sro_script(), np, "", dir);
    ASSERT_TRUE(run.ok()) << run.result.output;
    const auto vector = read_file(dir + "/vector.txt"), array = read_file(dir + "/array.txt");
    if (np == 1)
      vector1 = vector, array1 = array;
    else
      EXPECT_TRUE(vector == vector1 && array == array1) << np << " ranks";
  }
}

TEST(Mpi, PartialEvolveWritesTheSameDatasetOnOneTwoAndFourRanks) {
  const std::string script =
      alloy_script("alloy.epi", "",
                   "compute sro all sro/lattice lattice bcc 3.24 types Nb Mo Ta vac\n"
                   "fix pe all partial/evolve 5 kmc kmc compute sro patches 2 2 1 time 1e-9 "
                   "samples 7 seed 3 file dataset.h5 microstates yes\n"
                   "run 10");
  std::string reference;
  for (int np : {1, 2, 4}) {
    const std::string dir = make_temp_dir("macrodyn-mpi-pe-");
    write_file(dir + "/alloy.epi", kAlloyPairs);
    const auto run = run_lammps(script, np, "", dir);
    ASSERT_TRUE(run.ok()) << run.result.output;
    const auto dump =
        run_command("h5dump -d /partial/increment -d /partial/micro1 -d /partial/patch "
                    "-d /partial/dt " +
                    dir + "/dataset.h5");
    ASSERT_EQ(dump.exit_code, 0) << dump.output;
    const std::string body = dump.output.substr(dump.output.find('{'));
    if (np == 1)
      reference = body;
    else
      EXPECT_EQ(body, reference) << np << " ranks";
  }
  // 2 snapshots x 7 samples; a 4x4x4-cell bcc box (128 sites) in 2x2x1 patches of 32 sites.
  EXPECT_NE(reference.find("SIMPLE { ( 14, 32 )"), std::string::npos) << reference;
}

TEST(Mpi, KmcRestartContinuesExactlyAsAnUninterruptedRun) {
  const std::string dir = make_temp_dir("macrodyn-restart-");
  write_file(dir + "/alloy.epi", kAlloyPairs);
  const auto straight =
      run_lammps(alloy_script("alloy.epi", "", "run 20") + kDumpAndClock, 1, "", dir);
  ASSERT_TRUE(straight.ok()) << straight.result.output;
  const auto reference = final_state(straight);
  const auto first =
      run_lammps(alloy_script("alloy.epi", "", "run 10\nwrite_restart half.restart"), 2, "", dir);
  ASSERT_TRUE(first.ok()) << first.result.output;
  const auto second = run_lammps(R"lmp(
plugin load ${macrodyn}
read_restart half.restart
fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac model pairs alloy.epi move exchange barrier Nb 0.96 barrier Mo 1.29 barrier Ta 1.10 temperature 1400 frequency 1e13 events 50 seed 5
run 10
)lmp" + std::string(kDumpAndClock),
                                 2, "", dir);
  ASSERT_TRUE(second.ok()) << second.result.output;
  EXPECT_EQ(final_state(second), reference);
}

} // namespace

namespace {

/// The records of a dataset as h5dump prints them (the file name cut off).
std::string partial_records(const std::string &path) {
  const auto dump = run_command("h5dump -d /partial/increment -d /partial/condition "
                                "-d /partial/patch -d /partial/dt " +
                                path);
  EXPECT_EQ(dump.exit_code, 0) << dump.output;
  const auto body = dump.output.find('{');
  return body == std::string::npos ? dump.output : dump.output.substr(body);
}

} // namespace

TEST(Mpi, PartitionsWriteAFileEachThatEqualsTheSerialRunOfItsTemperature) {
  const std::string script = read_file(MACRODYN_SOURCE_DIR "/examples/partitions/in.partitions");
  const std::string worlds_dir = make_temp_dir("macrodyn-partitions-");
  const auto worlds = run_lammps(script, 2, "-partition 2x1", worlds_dir);
  ASSERT_TRUE(worlds.ok()) << worlds.result.output;
  // Two worlds, four temperatures: each world took the next one when it finished.
  for (const char *T : {"2.0", "2.5", "3.0", "3.5"})
    EXPECT_TRUE(std::ifstream(worlds_dir + "/dataset_T" + T + ".h5").good()) << T;
  const std::string serial_dir = make_temp_dir("macrodyn-partitions-serial-");
  const auto serial = run_lammps(script, 1, "-var T 3.0", serial_dir);
  ASSERT_TRUE(serial.ok()) << serial.result.output;
  EXPECT_FALSE(std::ifstream(serial_dir + "/dataset_T2.0.h5").good()) << "-var T must win";
  const auto own = partial_records(serial_dir + "/dataset_T3.0.h5");
  EXPECT_EQ(partial_records(worlds_dir + "/dataset_T3.0.h5"), own);
  EXPECT_NE(partial_records(worlds_dir + "/dataset_T2.0.h5"), own); // the test can tell them apart
  // 10 snapshots (one per 10 of the 100 steps) x 8 samples, the temperature in the condition
  // column.
  EXPECT_NE(own.find("SIMPLE { ( 80, 2 )"), std::string::npos) << own;
  EXPECT_NE(own.find("(0,0): 3, 0.1"), std::string::npos) << own;
}
