// The examples as a user runs them, with their physics checked against exact results.
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

#include <regex>

using namespace macrodyn::testing;

TEST(Examples, CurieWeissLearnedDriftMatchesTheExactMeanFieldDrift) {
  const std::string dir = make_temp_dir("macrodyn-example-cw-");
  const auto run =
      run_command(std::string(MACRODYN_SOURCE_DIR) + "/examples/curie-weiss/run.sh " + dir);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // dm/dt = -m + tanh(m / T) (Glauber, J = 1, h = 0): the model never saw more than a 16x16 patch
  // evolve, yet its drift must follow the large-n formula within 12% (rms, relative to the
  // largest drift) below and above T_c.
  const std::regex line(R"(T = ([0-9.]+): drift error rms ([0-9.]+))");
  int seen = 0;
  for (std::sregex_iterator it(run.output.begin(), run.output.end(), line), end; it != end; ++it) {
    EXPECT_LT(std::stod((*it)[2]), 0.12) << "T = " << (*it)[1] << "\n" << run.output;
    ++seen;
  }
  EXPECT_EQ(seen, 2) << run.output;
}
