// pair_style macro/bias with a model.pt target: a TorchScript SDE built here with a known
// deterministic step (relaxation of every observable to 0.4 with time constant 2) gives the target
// path z*(t) = 0.4 + (z0 - 0.4)(1 - h/2)^(t/h) from the configuration's own z0 at the reference
// (Euler steps h = the model's time scale); a restart keeps the reference and the clock.
#include "kmc_scripts.h"
#include "support/lammps_harness.h"

#include "learn/model/model_archive.h"

#include <gtest/gtest.h>
#include <torch/script.h>

#include <cmath>

using namespace macrodyn::testing;

namespace {

void write_relaxation_model(const std::string &path) {
  torch::jit::Module m("__torch__.Relaxation");
  m.define(R"(
def step(self, z, c, dt: float, noise):
    return z + (0.4 - z) * (dt / 2.0)
)");
  macrodyn::learn::save_model(
      m, path,
      R"({"kind": "macrodyn-sde", "observables": ["delta_NbMo", "delta_TaTa"],
          "conditions": ["temperature"], "time_unit": "s", "closure": [],
          "normalization": {"time_scale": 0.01}})");
}

const std::string kBox = bcc_alloy_box(5, 3);

// clock: t = steps x 0.001 ps x 20 = 1 model time unit after 50 steps.
const char *kPair = R"lmp(
pair_style macro/bias kappa 1.0 switch 2.9 3.1 types Nb Mo Ta observables delta_NbMo delta_TaTa target model relax.pt horizon 2.0 points 201 runs 1 condition temperature 1400 clock steps 20
pair_coeff * *
compute pb all pair macro/bias
thermo_style custom step pe c_pb[1] c_pb[2] c_pb[3] c_pb[4]
)lmp";

double expected(double z0, double t) {
  return 0.4 + (z0 - 0.4) * std::pow(1.0 - 0.005, t / 0.01);
}

} // namespace

TEST(PairMacroBiasModel, TargetFollowsTheModelPathFromTheOwnMacrostate) {
  const std::string dir = make_temp_dir("macrodyn-bias-model-");
  write_relaxation_model(dir + "/relax.pt");
  const auto run = run_lammps(kBox + kPair + R"lmp(
run 0
print "Z0 $(c_pb[1]:%.15g) $(c_pb[2]:%.15g) $(c_pb[3]:%.15g) $(c_pb[4]:%.15g)"
run 50
print "Z50 $(c_pb[3]:%.15g) $(c_pb[4]:%.15g)"
)lmp",
                              1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto z0 = run.printed("Z0"), z50 = run.printed("Z50");
  ASSERT_EQ(z0.size(), 4u) << run.result.output;
  ASSERT_EQ(z50.size(), 2u) << run.result.output;
  EXPECT_NEAR(z0[2], z0[0], 1e-12) << "the path starts at the configuration's own macrostate";
  EXPECT_NEAR(z0[3], z0[1], 1e-12);
  EXPECT_NEAR(z50[0], expected(z0[0], 1.0), 1e-9);
  EXPECT_NEAR(z50[1], expected(z0[1], 1.0), 1e-9);
  EXPECT_GT(std::abs(z50[0] - z0[0]), 1e-3) << "the target moved";
}

TEST(PairMacroBiasModel, RestartKeepsTheReferenceAndTheClock) {
  const std::string dir = make_temp_dir("macrodyn-bias-model-");
  write_relaxation_model(dir + "/relax.pt");
  auto run = run_lammps(kBox + kPair + R"lmp(
run 0
print "Z0 $(c_pb[1]:%.15g) $(c_pb[2]:%.15g)"
run 25
write_restart half.restart
)lmp",
                        1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto z0 = run.printed("Z0");
  ASSERT_EQ(z0.size(), 2u);
  // The continuation changes the configuration first: a new reference would start elsewhere.
  run = run_lammps(R"lmp(
plugin load ${macrodyn}
read_restart half.restart
set type 1 type/fraction 2 0.5 99
compute pb all pair macro/bias
thermo_style custom step pe c_pb[1] c_pb[3] c_pb[4]
run 25
print "Z50 $(c_pb[3]:%.15g) $(c_pb[4]:%.15g)"
)lmp",
                   1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto z50 = run.printed("Z50");
  ASSERT_EQ(z50.size(), 2u) << run.result.output;
  EXPECT_NEAR(z50[0], expected(z0[0], 1.0), 1e-9);
  EXPECT_NEAR(z50[1], expected(z0[1], 1.0), 1e-9);
}

TEST(PairMacroBiasModel, ModelErrorsAreLammpsErrors) {
  const std::string dir = make_temp_dir("macrodyn-bias-model-");
  write_relaxation_model(dir + "/relax.pt");
  auto run = run_lammps(kBox +
                            "pair_style macro/bias kappa 1.0 switch 2.9 3.1 types Nb Mo Ta "
                            "observables delta_NbMo target model relax.pt horizon 2.0 clock steps "
                            "20\npair_coeff * *\nrun 0\n",
                        1, "", dir);
  EXPECT_NE(run.first_error().find("needs condition 'temperature'"), std::string::npos)
      << run.result.output;
  run = run_lammps(kBox +
                       "pair_style macro/bias kappa 1.0 switch 2.9 3.1 types Nb Mo Ta observables "
                       "delta_NbMo target model relax.pt horizon 2.0\npair_coeff * *\nrun 0\n",
                   1, "", dir);
  EXPECT_NE(run.first_error().find("target model needs a clock"), std::string::npos)
      << run.result.output;
}
