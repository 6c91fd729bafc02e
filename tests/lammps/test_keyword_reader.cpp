// The one keyword reader of every style (src/lammps/keyword_reader.h), through real input
// scripts: each bad value is a LAMMPS error naming the style, the keyword and the word, the same
// way in every style. Cases from the restructure and bad-input issues.
#include "lammps/kmc_scripts.h"
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

using namespace macrodyn::testing;

namespace {

struct Case {
  std::string script, error;
};

void expect_errors(const std::vector<Case> &cases) {
  for (const auto &c : cases) {
    const auto run = run_lammps(c.script);
    EXPECT_FALSE(run.ok()) << c.script;
    EXPECT_EQ(run.result.signal, 0) << c.script;
    EXPECT_NE(run.first_error().find(c.error), std::string::npos)
        << "expected '" << c.error << "'\n" << run.result.output;
  }
}

const char *kKmc = "fix kmc all kmc/lattice 1 lattice sq 1.0 model ising 1.0 move flip glauber ";

std::string kmc(const std::string &keywords) {
  return ising_box(16) + kKmc + keywords + "\nrun 0\n";
}

std::string partial(const std::string &keywords) {
  return ising_box(16) + kKmc + "temperature 2.5 time 1.0 seed 42\n" +
         "compute spin all spin/lattice lattice sq 1.0\n"
         "fix pe all partial/evolve 10 kmc kmc compute spin file dataset.h5 " +
         keywords + "\nrun 0\n";
}

std::string alloy(const std::string &pair_keywords) {
  return bcc_alloy_box(3, 4) + "pair_style macro/bias kappa 1 switch 2.9 3.1 " + pair_keywords +
         "\npair_coeff * *\nrun 0\n";
}

} // namespace

TEST(KeywordReader, IntegersAreWrittenAsIntegersAndNamed) {
  expect_errors({
      {partial("patches 2.5 2 1 seed 7 time 0.2"),
       "fix partial/evolve: patches must be an integer, got '2.5'"},
      {partial("patches 2 2 1 seed 7 time 0.2 samples 2.5"),
       "fix partial/evolve: samples must be an integer, got '2.5'"},
      {partial("patches 2 2 1 seed 7 time 0.2 runs 1e10"),
       "fix partial/evolve: runs must be an integer, got '1e10'"},
      {kmc("temperature 2.5 time 1.0 seed 99999999999999999999"),
       "fix kmc/lattice: seed must be an integer >= 1, got 99999999999999999999"},
      {kmc("temperature 2.5 time 1.0 seed 0.5"), "fix kmc/lattice: seed must be an integer, got '0.5'"},
      {kmc("temperature 2.5 time 1.0 seed 4 patch 2 2 1 0"),
       "fix kmc/lattice: patch must be an integer in 1..2147483647, got 0"},
      {ising_box(16) + "compute spin all spin/lattice lattice sq 1.0 patches 2 2.5 1\nrun 0\n",
       "compute spin/lattice: patches must be an integer, got '2.5'"},
      {ising_box(16) + std::string(kKmc) + "temperature 2.5 time 1 seed 4\n" +
           "upsample/lattice kmc kmc levels 4294967297 seed 1 time 1 dump up.dump\n",
       "upsample/lattice: levels must be an integer in 1..2147483647, got 4294967297"},
  });
}

TEST(KeywordReader, NumbersAreFiniteAndInRange) {
  expect_errors({
      {partial("patches 2 2 1 seed 7 time 1e400"),
       "fix partial/evolve: time must be a finite number, got '1e400'"},
      {kmc("temperature 1e400 time 1.0 seed 4"),
       "fix kmc/lattice: temperature must be a finite number, got '1e400'"},
      {kmc("temperature nan time 1.0 seed 4"),
       "fix kmc/lattice: temperature must be a finite number, got 'nan'"},
      {kmc("temperature -1 time 1.0 seed 4"), "fix kmc/lattice: temperature must be > 0, got -1"},
      {alloy("types Nb Mo Ta vac observables delta_NbMo target const 1e400"),
       "pair_style macro/bias: target must be a finite number, got '1e400'"},
      {alloy("types Nb Mo Ta vac observables delta_NbMo target const nan"),
       "pair_style macro/bias: target must be a finite number, got 'nan'"},
      {alloy("kappa 1e400 types Nb Mo Ta vac observables delta_NbMo target const 1"),
       "pair_style macro/bias: kappa must be a finite number, got '1e400'"},
      {ising_box(16) +
           "fix kmc all kmc/lattice 1 lattice sq 1.0 model curie-weiss 1e400 move flip glauber "
           "temperature 2.5 time 1 seed 4\nrun 0\n",
       "fix kmc/lattice: model must be a finite number, got '1e400'"},
      {ising_box(16) + std::string(kKmc) + "temperature 2.5 time 1 seed 4\n" +
           "upsample/lattice kmc kmc levels 1 seed 1 time 1e400 dump up.dump\n",
       "upsample/lattice: time must be a finite number, got '1e400'"},
      // A 300-digit number is cut in the message, not printed whole.
      {kmc("temperature 2.5 time 1.0 seed " + std::string(300, '9')),
       "fix kmc/lattice: seed must be an integer >= 1, got 9999999999999999999999999999999999999..."},
  });
}

TEST(KeywordReader, KeywordsAreKnownAndTakeTheirValues) {
  expect_errors({
      {kmc("temperature 2.5 time 1.0 seed 4 bogus 1"),
       "fix kmc/lattice: unknown keyword 'bogus' after seed and its 1 value(s) (keywords: lattice,"},
      {kmc("temperature 2.5 seed time 1.0"), "fix kmc/lattice: seed must be an integer, got 'time'"},
      {ising_box(16) + "compute sro all sro/lattice lattice sq 1.0 types A B shells deltas no\nrun 0\n",
       "compute sro/lattice: keyword shells needs at least 1 value, got 0 before keyword deltas"},
      {kmc("temperature 2.5 time 1.0 seed"), "fix kmc/lattice: keyword seed needs 1 value(s), got 0"},
      {ising_box(16) + "compute sro all sro/lattice lattice sq 1.0 types A B shells 1 2 1\nrun 0\n",
       "compute sro/lattice: shells lists shell 1 twice"},
      {ising_box(16) + "compute sro all sro/lattice lattice sq 1.0 types A B deltas maybe\nrun 0\n",
       "compute sro/lattice: deltas must be yes or no, got 'maybe'"},
      // pair macro/bias reads exactly one name per atom type, like every other style.
      {alloy("types Nb Mo Ta vac extra observables delta_NbMo target const 1"),
       "pair_style macro/bias: unknown keyword 'extra' after types and its 4 value(s)"},
      {alloy("types Nb Mo Ta observables delta_NbMo target const 1"),
       "pair_style macro/bias: unknown keyword 'delta_NbMo' after types and its 4 value(s)"},
  });
}

TEST(KeywordReader, AKeywordGivenAgainReplacesItsValue) {
  // The seed given last counts: the same trajectory as that seed alone.
  const auto twice = run_lammps(ising_script("seed 9", "run 5\nprint \"M $(f_kmc[2]) $(f_kmc[1])\""));
  const std::string once_script = ising_script("", "run 5\nprint \"M $(f_kmc[2]) $(f_kmc[1])\"");
  std::string alone = once_script;
  alone.replace(alone.find("seed 42"), 7, "seed 9");
  const auto once = run_lammps(alone);
  ASSERT_TRUE(twice.ok()) << twice.result.output;
  ASSERT_TRUE(once.ok()) << once.result.output;
  EXPECT_EQ(twice.printed("M"), once.printed("M"));
  EXPECT_NE(run_lammps(once_script).printed("M"), once.printed("M")) << "the seed matters";
}

TEST(KeywordReader, RepeatingKeywordsRepeat) {
  // barrier is documented as repeating (one per species); a typo in its value is still named.
  std::string script = alloy_script("pairs.txt", "", "run 0");
  script.replace(script.find("barrier Ta 1.10"), 15, "barrier Ta -1.10");
  const auto run = run_lammps(script);
  EXPECT_NE(run.first_error().find("fix kmc/lattice: barrier must be >= 0, got -1.10"),
            std::string::npos)
      << run.result.output;
}
