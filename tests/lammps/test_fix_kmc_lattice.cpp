// fix kmc/lattice through the plugin: it evolves and publishes its clock, honours a patch
// restriction, and refuses bad input with LAMMPS errors naming the keyword.
#include "lammps/kmc_scripts.h"
#include "support/lammps_harness.h"
#include "support/setfl_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

using namespace macrodyn::testing;

namespace {

/// id -> type from a `write_dump all custom <file> id type modify sort id` file.
std::map<int, int> read_types(const std::string &path) {
  std::istringstream in(read_file(path));
  std::map<int, int> types;
  std::string line;
  while (std::getline(in, line) && line.rfind("ITEM: ATOMS", 0) != 0) {
  }
  for (int id, type; in >> id >> type;)
    types[id] = type;
  return types;
}

TEST(FixKmcLattice, IsingRunAdvancesItsClockByTheRequestedTime) {
  const auto run = run_lammps(ising_script() + R"lmp(
print "KMC $(f_kmc[1]:%.10g) $(f_kmc[2]:%.10g)"
)lmp");
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto v = run.printed("KMC");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_DOUBLE_EQ(v[0], 20.0); // 20 invocations of time 1.0
  EXPECT_GT(v[1], 1000);        // events happened
}

TEST(FixKmcLattice, PatchRestrictionLeavesEveryOtherSiteUntouched) {
  // Patch 1 of 2x2: cells x < 8, y < 8. Dump types before and after; only patch sites may change.
  const std::string dir = make_temp_dir("macrodyn-kmc-");
  const auto run = run_lammps(
      ising_script("patch 2 2 1 1", "write_dump all custom before.txt id type x y modify sort id\n"
                                    "run 10\n"
                                    "write_dump all custom after.txt id type x y modify sort id"),
      1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  std::istringstream before(read_file(dir + "/before.txt")), after(read_file(dir + "/after.txt"));
  std::string line;
  for (int k = 0; k < 9; ++k)
    std::getline(before, line), std::getline(after, line);
  int changed_inside = 0;
  for (int id, t0, id1, t1; before >> id;) {
    double x, y, x1, y1;
    before >> t0 >> x >> y;
    after >> id1 >> t1 >> x1 >> y1;
    ASSERT_EQ(id, id1);
    const bool inside = x < 7.5 && y < 7.5;
    if (!inside)
      ASSERT_EQ(t0, t1) << "atom " << id << " outside the patch changed";
    else
      changed_inside += t0 != t1;
  }
  EXPECT_GT(changed_inside, 5);
}

TEST(FixKmcLattice, VacancyExchangeConservesComposition) {
  const std::string dir = make_temp_dir("macrodyn-kmc-");
  write_file(dir + "/alloy.epi", kAlloyPairs);
  const auto run =
      run_lammps(alloy_script("alloy.epi", "",
                              "write_dump all custom before.txt id type modify sort id\n"
                              "run 20\n"
                              "write_dump all custom after.txt id type modify sort id"),
                 1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto t0 = read_types(dir + "/before.txt"), t1 = read_types(dir + "/after.txt");
  std::map<int, int> count0, count1;
  int changed = 0;
  for (const auto &[id, t] : t0)
    ++count0[t], ++count1[t1.at(id)], changed += t != t1.at(id);
  EXPECT_EQ(count0, count1);
  EXPECT_EQ(count0[4], 2);
  EXPECT_GT(changed, 20); // 20 x 50 vacancy jumps rearranged the alloy
}

TEST(FixKmcLattice, EamLatticeEnergyEqualsLammpsPairEamAlloyEnergy) {
  // The same setfl file through two independent code paths: MACRODYN's lattice EAM (shell tables,
  // cached densities, local updates) and LAMMPS's pair eam/alloy (neighbour lists), before and
  // after 500 vacancy jumps. The vacancy type is NULL for eam/alloy (and given pair style zero, as
  // hybrid requires every pair to have a style) and invisible to the lattice model.
  const std::string dir = make_temp_dir("macrodyn-eam-");
  write_test_setfl(dir + "/test.eam.alloy");
  const auto run = run_lammps(eam_alloy_script(R"lmp(thermo_style custom step pe f_kmc[5]
run 0
print "BEFORE $(pe:%.12f) $(f_kmc[5]:%.12f)"
run 10
run 0
print "AFTER $(pe:%.12f) $(f_kmc[5]:%.12f) $(f_kmc[2]:%.0f)"
)lmp"),
                              1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto before = run.printed("BEFORE"), after = run.printed("AFTER");
  ASSERT_EQ(before.size(), 2u);
  ASSERT_EQ(after.size(), 3u);
  EXPECT_NEAR(before[1], before[0], 1e-8 * std::fabs(before[0]));
  EXPECT_NEAR(after[1], after[0], 1e-8 * std::fabs(after[0]));
  EXPECT_NE(after[0], before[0]); // the jumps did change the configuration
  EXPECT_EQ(after[2], 500);
}

struct BadInput {
  std::string extra, message;
};

class FixKmcLatticeErrors : public ::testing::TestWithParam<BadInput> {};

TEST_P(FixKmcLatticeErrors, AreLammpsErrorsNamingTheProblem) {
  const auto run = run_lammps(ising_script(GetParam().extra));
  EXPECT_FALSE(run.ok());
  EXPECT_EQ(run.result.signal, 0);
  EXPECT_NE(run.first_error().find(GetParam().message), std::string::npos) << run.result.output;
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, FixKmcLatticeErrors,
    ::testing::Values(
        BadInput{"bogus 1", "fix kmc/lattice: unknown keyword 'bogus'"},
        BadInput{"patch 3 1 1 1",
                 "fix kmc/lattice: patch count 3 does not divide lattice length 16 along x"},
        BadInput{"patch 2 2 1 5", "fix kmc/lattice: patch 5 is not in 1..4"},
        BadInput{"move exchange", "move exchange needs a vacancy type"},
        BadInput{"temperature -1", "temperature must be > 0, got -1"},
        BadInput{"model hubbard 1", "unknown model 'hubbard'"}),
    [](const ::testing::TestParamInfo<BadInput> &info) {
      return "case" + std::to_string(info.index);
    });

} // namespace

namespace {

/// A 4x4x4-cell ternary BCC alloy with four vacancies; `model` is the fix's model keyword and
/// `pair` the pair style lines it needs (EAM: the same file for LAMMPS).
std::string four_vacancy_box(const std::string &pair) {
  return bcc_alloy_box(4, 4) + "set atom 3 type 4\nset atom 40 type 4\nset atom 77 type 4\n"
                               "set atom 101 type 4\n" + pair;
}

std::string four_vacancy_fix(const std::string &model) {
  return "fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac model " + model +
         " move exchange barrier Nb 0.96 barrier Mo 1.29 barrier Ta 1.10 temperature 1400 "
         "frequency 1e13 events 40 seed 11\n";
}

const char *kFinalState = R"lmp(
print "CLOCK $(f_kmc[1]:%.17g) $(f_kmc[2]:%.17g) $(f_kmc[4]:%.17g)"
write_dump all custom final.dump id type modify sort id
)lmp";

struct FinalState {
  std::vector<double> clock;
  std::map<int, int> types;
};

FinalState final_of(const LammpsRun &run) {
  return {run.printed("CLOCK"), read_types(run.directory + "/final.dump")};
}

void expect_continuation(const std::string &model, const std::string &pair, double time_rtol) {
  const std::string dir = make_temp_dir("macrodyn-continue-");
  write_file(dir + "/alloy.epi", kAlloyPairs);
  write_test_setfl(dir + "/test.eam.alloy");
  const std::string setup = four_vacancy_box(pair) + four_vacancy_fix(model);
  const auto one = run_lammps(setup + "run 30\n" + kFinalState, 1, "", dir);
  ASSERT_TRUE(one.ok()) << one.result.output;
  const auto reference = final_of(one);
  ASSERT_EQ(reference.clock.size(), 3u);
  EXPECT_EQ(reference.clock[1], 30 * 40) << "every invocation made its 40 events";

  // The same 30 steps as 10 + 5 + 15: the trajectory carries on event for event.
  const auto split =
      run_lammps(setup + "run 10\nrun 5\nrun 15\n" + kFinalState, 1, "", dir);
  ASSERT_TRUE(split.ok()) << split.result.output;
  EXPECT_EQ(final_of(split).types, reference.types) << model << ": split run";
  EXPECT_EQ(final_of(split).clock, reference.clock) << model << ": split run";

  // 10 steps, a restart file, then 20 steps in a new LAMMPS.
  ASSERT_TRUE(run_lammps(setup + "run 10\nwrite_restart half.restart\n", 1, "", dir).ok());
  const auto resumed = run_lammps("plugin load ${macrodyn}\nread_restart half.restart\n" + pair +
                                      four_vacancy_fix(model) + "run 20\n" + kFinalState,
                                  1, "", dir);
  ASSERT_TRUE(resumed.ok()) << resumed.result.output;
  const auto after = final_of(resumed);
  EXPECT_EQ(after.types, reference.types) << model << ": restart";
  ASSERT_EQ(after.clock.size(), 3u);
  EXPECT_EQ(after.clock[1], reference.clock[1]);
  // A fresh EAM sums its densities anew, so rates (and times) may differ in the last bits.
  EXPECT_NEAR(after.clock[0], reference.clock[0], time_rtol * reference.clock[0]) << model;
}

} // namespace

TEST(FixKmcLattice, PairInteractionRunsContinueEventForEventWithFourVacancies) {
  expect_continuation("pairs alloy.epi", "", 0.0);
}

TEST(FixKmcLattice, EamRunsContinueEventForEventWithFourVacancies) {
  expect_continuation("eam test.eam.alloy",
                      "pair_style hybrid eam/alloy zero 5.0\n"
                      "pair_coeff * * eam/alloy test.eam.alloy Nb Mo Ta NULL\n"
                      "pair_coeff * 4 zero\n",
                      1e-12);
}

TEST(FixKmcLattice, AMissingAtomMapIsNamed) {
  // Without an atom map LAMMPS reports no ID range; the error used to claim the IDs were wrong.
  std::string script = ising_script();
  script.erase(script.find("atom_modify map array\n"), std::string("atom_modify map array\n").size());
  const auto run = run_lammps(script);
  EXPECT_NE(run.first_error().find("put atom_modify map array before the box is created"),
            std::string::npos)
      << run.result.output;
}
