// The model's clock tau(c) against exact forms: an Arrhenius dt is recovered exactly (also between
// and beyond the fitted temperatures), a dt that does not depend on the conditions keeps the one
// global time scale, and the module's physical drift, diffusion and clock agree with the spec.
#include "learn/model/sde_ensemble.h"
#include "learn/train/network_data.h"
#include "learn/train/sde_module.h"

#include "core/base/error.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

using namespace macrodyn::learn;

namespace {

/// Pairs at temperatures `T` (one condition), n per temperature, with dt = dt_of(T) and z, dz
/// spread over a unit range (their values do not enter the clock).
template <class DtOf>
TrainingPairs pairs_at(const std::vector<double> &T, std::size_t n, DtOf dt_of) {
  TrainingPairs p;
  p.observables = {"z"};
  p.conditions = {"temperature"};
  p.time_unit = "s";
  for (double t : T)
    for (std::size_t i = 0; i < n; ++i) {
      p.z0.push_back(double(i) / n);
      p.dz.push_back(0.01 * (double(i % 7) - 3));
      p.dt.push_back(dt_of(t));
      p.cond.push_back(t);
    }
  p.n = p.dt.size();
  return p;
}

/// Activated hopping: the time for a fixed number of jumps is 1 / (nu exp(-E / T)).
double arrhenius_dt(double T) {
  return 64.0 / (1e13 * std::exp(-7824.0 / T));
}

} // namespace

TEST(SdeClock, ArrheniusClockRecoversActivatedTimesExactlyAtAndBetweenTemperatures) {
  const auto p = pairs_at({1000, 1400, 2000}, 50, arrhenius_dt);
  SdeSpec spec;
  fit_normalization(p, spec);
  const std::string line = fit_clock(p, "arrhenius", spec);
  EXPECT_NE(line.find("arrhenius"), std::string::npos) << line;
  ASSERT_EQ(spec.clock, ClockKind::Arrhenius);
  for (double T : {1000.0, 1400.0, 1700.0, 2000.0, 2400.0})
    EXPECT_NEAR(clock_at(spec, &T) / arrhenius_dt(T), 1.0, 1e-10) << "T = " << T;
  // Log-linear in T interpolates the same three points less well between them: at 1700 K the
  // activated time is convex in T.
  SdeSpec linear;
  fit_normalization(p, linear);
  fit_clock(p, "log-linear", linear);
  const double T = 1700;
  EXPECT_GT(std::abs(clock_at(linear, &T) / arrhenius_dt(T) - 1.0), 0.05);
}

TEST(SdeClock, AutoKeepsTheGlobalMeanDtWhenDtDoesNotDependOnTheConditions) {
  // Ising-like data: one dt at every temperature (a fixed physical interval).
  const auto p = pairs_at({1.5, 2.0, 2.5}, 40, [](double) { return 0.25; });
  SdeSpec spec;
  fit_normalization(p, spec);
  const double mean_dt = spec.time_scale;
  const std::string line = fit_clock(p, "auto", spec);
  EXPECT_EQ(spec.clock, ClockKind::Global) << line;
  EXPECT_EQ(spec.time_scale, mean_dt); // bit for bit: models trained before the clock unchanged
  EXPECT_TRUE(spec.clock_slopes.empty());
  // dt that varies 50x: auto fits a per-condition clock.
  const auto q = pairs_at({1000, 1400, 2000}, 40, arrhenius_dt);
  SdeSpec varying;
  fit_normalization(q, varying);
  fit_clock(q, "auto", varying);
  EXPECT_EQ(varying.clock, ClockKind::LogLinear);
}

TEST(SdeClock, BadRequestsAreErrorsThatSayWhy) {
  const auto p = pairs_at({1000, 2000}, 10, arrhenius_dt);
  SdeSpec spec;
  fit_normalization(p, spec);
  EXPECT_THROW(fit_clock(p, "fast", spec), macrodyn::Error);
  auto negative = pairs_at({-1.0, 2.0}, 10, [](double) { return 1.0; });
  SdeSpec s2;
  fit_normalization(negative, s2);
  try {
    fit_clock(negative, "arrhenius", s2);
    FAIL() << "a negative temperature was accepted";
  } catch (const macrodyn::Error &e) {
    EXPECT_NE(std::string(e.what()).find("positive"), std::string::npos) << e.what();
  }
  TrainingPairs none = pairs_at({1.0}, 10, [](double) { return 1.0; });
  none.conditions.clear();
  none.cond.clear();
  SdeSpec s3;
  fit_normalization(none, s3);
  EXPECT_THROW(fit_clock(none, "arrhenius", s3), macrodyn::Error);
  EXPECT_NO_THROW(fit_clock(none, "auto", s3));
  EXPECT_EQ(s3.clock, ClockKind::Global);
}

TEST(SdeClock, ModuleDriftDiffusionAndClockUseTheFittedTimeUnit) {
  const auto p = pairs_at({1000, 1400, 2000}, 30, arrhenius_dt);
  torch::manual_seed(4);
  SdeSpec spec;
  spec.hidden = {8};
  fit_normalization(p, spec);
  fit_clock(p, "arrhenius", spec);
  auto module = build_sde_module(spec);
  const auto data = to_network_units(p, spec);
  // Every record's dt is one time unit at its own temperature.
  EXPECT_LT((data.all.dt - 1.0).abs().max().item<double>(), 1e-10);
  torch::NoGradGuard no_grad;
  const auto f64 = torch::kFloat64;
  auto z = torch::tensor({0.2, 0.7, 0.4}, f64).reshape({3, 1});
  auto c = torch::tensor({1000.0, 1700.0, 2000.0}, f64).reshape({3, 1});
  auto tau = module.run_method("clock", c).toTensor();
  auto zn = module.run_method("normalize_z", z).toTensor();
  auto cn = module.run_method("normalize_c", c).toTensor();
  auto fn = module.run_method("drift_n", zn, cn).toTensor();
  auto gn = module.run_method("diffusion_n", zn, cn).toTensor();
  auto f = module.run_method("drift", z, c).toTensor();
  auto g = module.run_method("diffusion", z, c).toTensor();
  for (long i = 0; i < 3; ++i) {
    const double T = c[i][0].item<double>();
    EXPECT_NEAR(tau[i].item<double>() / clock_at(spec, &T), 1.0, 1e-12);
    EXPECT_NEAR(f[i][0].item<double>(),
                fn[i][0].item<double>() * spec.z.scale[0] / clock_at(spec, &T),
                1e-9 * std::abs(f[i][0].item<double>()));
    EXPECT_NEAR(g[i][0][0].item<double>(),
                gn[i][0][0].item<double>() * spec.z.scale[0] / std::sqrt(clock_at(spec, &T)),
                1e-9 * std::abs(g[i][0][0].item<double>()));
  }
  // The default integration step is the shortest time unit among the conditions predicted.
  const std::vector<double> rows{1000.0, 2000.0};
  const double T2000 = 2000;
  EXPECT_NEAR(shortest_time_scale(module, rows, 1, spec.time_scale) / clock_at(spec, &T2000), 1.0,
              1e-12);
  // A global model's clock is its time scale everywhere.
  SdeSpec global = spec;
  global.clock = ClockKind::Global;
  global.clock_slopes.clear();
  auto old = build_sde_module(global);
  EXPECT_EQ(shortest_time_scale(old, rows, 1, 0.5), global.time_scale);
}
