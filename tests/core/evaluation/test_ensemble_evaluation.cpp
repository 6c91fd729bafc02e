// Ensemble comparison on the ground truth's own scale (core/evaluation/ensemble_evaluation.h):
// the row statistics against hand-computed values, the z-score's calibration against normal
// theory, and the trajectory and summary figures against a hand-made trajectory.
#include "core/base/random_stream.h"
#include "core/evaluation/ensemble_evaluation.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace macrodyn;

TEST(EnsembleEvaluation, RowStatisticsAsComputedByHand) {
  EvaluationRow row;
  compare_ensembles({2, 3, 4, 5}, {0, 1, 2, 3, 4, 5}, row);
  EXPECT_DOUBLE_EQ(row.bias, 1.0);
  EXPECT_DOUBLE_EQ(row.std_true, std::sqrt(3.5));
  EXPECT_DOUBLE_EQ(row.bias_sd, 1.0 / std::sqrt(3.5));
  EXPECT_DOUBLE_EQ(row.sd_ratio, std::sqrt(5.0 / 3.0) / std::sqrt(3.5));
  // Standard error sqrt((5/3) / 4 + 3.5 / 6) = 1.
  EXPECT_NEAR(row.z, 1.0, 1e-15);
  EXPECT_EQ(row.n_predicted, 4u);
  EXPECT_EQ(row.n_true, 6u);
  // A truth without spread (time 0) has no scale: NaN, not infinity.
  compare_ensembles({1, 1}, {1, 1, 1}, row);
  EXPECT_TRUE(std::isnan(row.bias_sd));
  EXPECT_TRUE(std::isnan(row.sd_ratio));
}

TEST(EnsembleEvaluation, TheZScoreOfEqualEnsemblesIsStandardNormal) {
  // Two ensembles of 200 runs from the same distribution, 400 times: |z| > 1.96 in ~5 % of them.
  RandomStream rng(3, {});
  auto gaussian = [&] {
    return std::sqrt(-2 * std::log(rng.uniform_open())) * std::cos(2 * M_PI * rng.uniform_open());
  };
  int beyond = 0;
  const int trials = 400;
  for (int k = 0; k < trials; ++k) {
    std::vector<double> a(200), b(200);
    for (auto &v : a)
      v = 0.3 + 2.0 * gaussian();
    for (auto &v : b)
      v = 0.3 + 2.0 * gaussian();
    EvaluationRow row;
    compare_ensembles(a, b, row);
    beyond += std::abs(row.z) > 1.96;
  }
  // Binomial(400, 0.05): mean 20, sd 4.4.
  EXPECT_GT(beyond, 6);
  EXPECT_LT(beyond, 36);
}

TEST(EnsembleEvaluation, StationaryValueAndRelativeSquaredErrorOfATrajectory) {
  Evaluation e;
  e.observables = {"m"};
  const double mean_p[] = {0, 1, 2, 3, 4}, mean_t[] = {0, 1, 1, 1, 1};
  for (int t = 0; t < 5; ++t) {
    EvaluationRow r;
    r.time = t;
    r.mean_predicted = mean_p[t];
    r.mean_true = mean_t[t];
    r.bias = mean_p[t] - mean_t[t];
    r.std_true = 0.5;
    r.bias_sd = r.bias / 0.5;
    r.sd_ratio = 1.0;
    r.z = r.bias;
    e.rows.push_back(r);
  }
  summarize_evaluation(e);
  ASSERT_EQ(e.trajectories.size(), 1u);
  const auto &t = e.trajectories[0];
  // Late half of the horizon: times 2, 3, 4.
  EXPECT_DOUBLE_EQ(t.stationary_predicted, 3.0);
  EXPECT_DOUBLE_EQ(t.stationary_true, 1.0);
  EXPECT_DOUBLE_EQ(t.stationary_error, 2.0);
  // Times > 0: (0 + 1 + 4 + 9) / (1 + 1 + 1 + 1).
  EXPECT_DOUBLE_EQ(t.relative_squared_error, 3.5);
  const auto &s = e.summary[0];
  EXPECT_DOUBLE_EQ(s.worst_bias_sd, 6.0);
  EXPECT_DOUBLE_EQ(s.worst_bias_time, 4.0);
  EXPECT_DOUBLE_EQ(s.typical_bias_sd, 3.0); // median of 0, 2, 4, 6
  EXPECT_DOUBLE_EQ(s.median_sd_ratio, 1.0);
  EXPECT_DOUBLE_EQ(s.worst_stationary_error, 2.0);
}
