// The bias decomposition of `macrodyn diagnose` (core/evaluation/drift_fit_bins.h,
// estimator_check.h, direct_state_check.h): the fit bins' z-scores are standard normal for data
// drawn from the model itself and find a drift error of a few standard errors; the estimator check
// pairs the right records and gives exact rates and finite-dt ratios on hand-made increments;
// the start slope and the coverage distance are those computed by hand.
#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/evaluation/direct_state_check.h"
#include "core/evaluation/drift_fit_bins.h"
#include "core/evaluation/estimator_check.h"
#include "core/evaluation/stationary_check.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace macrodyn;

namespace {

/// Records of dz = f(z) dt + sqrt(v dt) xi for f(z) = -z, v = 0.04, z uniform in [-1, 1].
DriftFitInput ornstein_uhlenbeck_records(std::size_t n, double drift_error) {
  RandomStream rng(11, {});
  auto gaussian = [&] {
    return std::sqrt(-2 * std::log(rng.uniform_open())) * std::cos(2 * M_PI * rng.uniform_open());
  };
  DriftFitInput in;
  in.n = n, in.dimension = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const double z = 2 * rng.uniform_open() - 1, dt = 0.25, v = 0.04;
    in.z0.push_back(z);
    in.dt.push_back(dt);
    in.dz.push_back(-z * dt + std::sqrt(v * dt) * gaussian());
    in.drift.push_back(-z + drift_error);
    in.variance.push_back(v);
  }
  return in;
}

} // namespace

TEST(DriftFitBins, DataFromTheModelItselfGiveStandardNormalZScores) {
  const auto in = ornstein_uhlenbeck_records(40000, 0.0);
  const auto rows = drift_fit_bins(in, 1, 20);
  ASSERT_EQ(rows.size(), 20u);
  for (const auto &r : rows) {
    EXPECT_EQ(r.n, 2000u);
    EXPECT_LT(r.lo, r.hi);
    EXPECT_NEAR(r.variance_ratio, 1.0, 0.1); // sd of a variance estimate of 2000: 3 %
  }
  // Equal-count bins in order of z: the bins tile [-1, 1].
  EXPECT_LT(rows.front().lo, -0.99);
  EXPECT_GT(rows.back().hi, 0.99);
  const auto s = summarize_drift_fit(rows, 1);
  // Mean of 20 squared standard normals: 1 with sd sqrt(2 / 20) = 0.32.
  EXPECT_GT(s[0].mean_z2, 0.2);
  EXPECT_LT(s[0].mean_z2, 2.2);
  EXPECT_NEAR(s[0].median_variance_ratio, 1.0, 0.05);
}

TEST(DriftFitBins, ADriftErrorOfAFewStandardErrorsStandsOut) {
  // Standard error of a bin's mean rate: sqrt(v / dt / 2000) = 0.0089; an error of 0.05 is 5.6 se.
  const auto rows = drift_fit_bins(ornstein_uhlenbeck_records(40000, 0.05), 1, 20);
  const auto s = summarize_drift_fit(rows, 1);
  EXPECT_GT(s[0].mean_z2, 20.0);
  for (const auto &r : rows)
    EXPECT_NEAR(r.model - r.empirical, 0.05, 0.035);
}

TEST(DriftFitBins, ClusteredStandardErrorsAllowForASnapshotsSharedHiddenState) {
  // 400 snapshots of 100 records each; every snapshot's rates share an offset of sd 0.2 (its
  // hidden state) that the model, a function of z alone, cannot know. Records taken as
  // independent make the bins' z-scores ~3 times too large; clustered by snapshot they are
  // standard normal again.
  RandomStream rng(12, {});
  auto gaussian = [&] {
    return std::sqrt(-2 * std::log(rng.uniform_open())) * std::cos(2 * M_PI * rng.uniform_open());
  };
  DriftFitInput in;
  in.dimension = 1;
  for (std::size_t s = 0; s < 400; ++s) {
    const double z = 2 * rng.uniform_open() - 1, offset = 0.2 * gaussian();
    for (int k = 0; k < 100; ++k) {
      in.z0.push_back(z);
      in.dt.push_back(1.0);
      in.dz.push_back(-z + offset + 0.2 * gaussian());
      in.drift.push_back(-z);
      in.variance.push_back(0.08);
      in.cluster.push_back(s);
      ++in.n;
    }
  }
  auto independent = in;
  independent.cluster.clear();
  const auto naive = summarize_drift_fit(drift_fit_bins(independent, 1, 10), 1);
  const auto rows = drift_fit_bins(in, 1, 10);
  const auto robust = summarize_drift_fit(rows, 1);
  EXPECT_EQ(rows.front().clusters, 40u);
  // Without clusters: var of a bin mean (0.04 / 40 + 0.04 / 4000) over 0.08 / 4000: z^2 ~ 50.
  EXPECT_GT(naive[0].mean_z2, 15.0);
  // Mean of 10 squared standard normals: 1, sd 0.45.
  EXPECT_LT(robust[0].mean_z2, 3.0);
  EXPECT_GT(robust[0].mean_z2, 0.15);
}

TEST(DriftFitBins, TooFewRecordsForTheBinsIsAnError) {
  EXPECT_THROW(drift_fit_bins(ornstein_uhlenbeck_records(5, 0.0), 1, 3), Error);
}

namespace {

/// Two snapshots; partial increments 0.1 dt + noise-free alternation +-e, whole-box runs whose
/// increment at time t is rate0 (1 - t) t, so that the rate at t is rate0 (1 - t).
void hand_made_datasets(DatasetContents &partial, DatasetContents &whole, double partial_rate) {
  partial = DatasetContents{};
  partial.path = "partial.h5";
  partial.observables = {"m"};
  const double dt = 0.25;
  for (std::uint64_t snap : {7u, 9u})
    for (int k = 0; k < 4; ++k) {
      partial.record_snapshot.push_back(snap);
      partial.dt.push_back(dt);
      partial.increment.push_back((partial_rate + (k % 2 ? 0.02 : -0.02)) * dt);
      ++partial.n_partial;
    }
  whole = DatasetContents{};
  whole.path = "whole.h5";
  whole.observables = {"m"};
  whole.n_times = 4;
  const std::vector<double> grid = {0, 0.1, 0.2, 0.3};
  for (std::uint64_t snap : {7u, 9u, 11u}) { // 11: not in the partial set
    const double rate0 = snap == 7 ? 1.0 : -2.0;
    for (int r = 0; r < 2; ++r) {
      whole.full_snapshot.push_back(snap);
      for (double t : grid) {
        whole.full_times.push_back(t);
        whole.full_phi.push_back(0.5 + rate0 * (1 - t) * t + (r ? 1e-3 : -1e-3) * t);
      }
      ++whole.n_full;
    }
  }
}

} // namespace

TEST(EstimatorCheck, PairsSnapshotsAndTheNearestTimeAndGivesExactRates) {
  DatasetContents partial, whole;
  hand_made_datasets(partial, whole, 0.1);
  const auto e = check_estimator(partial, whole);
  ASSERT_EQ(e.rows.size(), 2u); // snapshots 7 and 9; 11 has no partial records
  for (const auto &r : e.rows) {
    EXPECT_DOUBLE_EQ(r.t_whole, 0.2); // nearest to dt = 0.25 on the grid 0.1, 0.2, 0.3
    EXPECT_NEAR(r.partial, 0.1, 1e-12);
    EXPECT_EQ(r.n_partial, 4u);
    EXPECT_EQ(r.n_whole, 2u);
    const double rate0 = r.snapshot == 7 ? 1.0 : -2.0;
    EXPECT_NEAR(r.whole, rate0 * 0.8, 1e-12);
  }
  // Rates at t against those at t = 0.1: (1 - t) / 0.9 for every snapshot.
  ASSERT_EQ(e.finite_dt.size(), 3u);
  EXPECT_NEAR(e.finite_dt[0].ratio_to_first, 1.0, 1e-12);
  EXPECT_NEAR(e.finite_dt[1].ratio_to_first, 0.8 / 0.9, 1e-9);
  EXPECT_NEAR(e.finite_dt[2].ratio_to_first, 0.7 / 0.9, 1e-9);
  EXPECT_NEAR(e.summary[0].mean_difference, ((0.1 - 0.8) + (0.1 + 1.6)) / 2, 1e-12);
  EXPECT_NEAR(e.summary[0].rms_whole, std::sqrt((0.64 + 2.56) / 2), 1e-12);
}

TEST(EstimatorCheck, DatasetsWithoutSharedSnapshotsAreAnError) {
  DatasetContents partial, whole;
  hand_made_datasets(partial, whole, 0.1);
  for (auto &s : whole.full_snapshot)
    s += 100;
  EXPECT_THROW(check_estimator(partial, whole), Error);
}

TEST(DirectStateCheck, StartSlopeAndCoverageAsComputedByHand) {
  // One start, 3 runs, times 0, 0.5, 1; prescribed observable m, one closure variable.
  DatasetContents truth;
  truth.path = "truth.h5";
  truth.observables = {"m"};
  truth.n_times = 3;
  const std::vector<std::vector<double>> runs = {{0.2, 0.3, 0.4}, {0.2, 0.4, 0.5}, {0.2, 0.5, 0.6}};
  for (const auto &r : runs) {
    truth.full_snapshot.push_back(4);
    for (std::size_t t = 0; t < 3; ++t) {
      truth.full_times.push_back(0.5 * t);
      truth.full_phi.push_back(r[t]);
    }
    ++truth.n_full;
  }
  const auto groups = ensemble_groups(truth);
  ASSERT_EQ(groups.size(), 1u);
  // Training states (m, closure): m at 0.1, 0.45, 0.9.
  const std::vector<double> training = {0.1, -1.0, 0.45, 0.0, 0.9, 1.0};
  const auto rows = start_drift(truth, groups, {0.2, 0.5}, {0.3, -0.1}, training, 2, 1);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].has_direct);
  EXPECT_DOUBLE_EQ(rows[0].t1, 0.5);
  EXPECT_NEAR(rows[0].direct, 0.4, 1e-12);                     // mean of 0.1, 0.2, 0.3 over 0.5
  EXPECT_NEAR(rows[0].direct_se, 0.2 / std::sqrt(3.0), 1e-12); // sd of rates 0.2, 0.4, 0.6
  EXPECT_NEAR(rows[0].z, (0.3 - 0.4) / (0.2 / std::sqrt(3.0)), 1e-9);
  EXPECT_NEAR(rows[0].training_rank, 1.0 / 3.0, 1e-12);
  EXPECT_FALSE(rows[1].has_direct);
  EXPECT_NEAR(rows[1].training_rank, 2.0 / 3.0, 1e-12); // closure 0.5 above -1 and 0
  const auto cover = coverage(truth, groups, training, 2, 1);
  ASSERT_EQ(cover.size(), 3u);
  // t = 0.5: mean 0.4, sd 0.1; nearest training m 0.45 is 0.5 sd away, the only one within 1 sd.
  EXPECT_NEAR(cover[1].nearest, 0.5, 1e-9);
  EXPECT_EQ(cover[1].within_sd, 1u);
  // t = 0 uses the sd of the first time: |0.1 - 0.2| / 0.1 = 1.
  EXPECT_NEAR(cover[0].nearest, 1.0, 1e-9);
}

TEST(StationaryCheck, FindsTheFixedPointOfALinearDriftWithinItsStandardError) {
  // Two observables, rates dz/dt = B (z - z*) + noise with z* = (0.7, 0.15), B coupling a slow
  // and a fast direction (eigenvalues -0.07 and -0.6, as the Ising example's), dt = 0.25. The
  // "direct" mean is put 0.02 off z* in m, the model drift is exact but for an offset 0.001.
  RandomStream rng(5, {});
  auto gaussian = [&] {
    return std::sqrt(-2 * std::log(rng.uniform_open())) * std::cos(2 * M_PI * rng.uniform_open());
  };
  const double B[2][2] = {{-0.07, 0.0}, {0.2, -0.6}}, star[2] = {0.7, 0.15};
  StationaryInput in;
  in.dimension = 2, in.prescribed = 2;
  in.mu = {0.72, 0.15};
  in.sd = {0.03, 0.01};
  int beyond = 0;
  const int trials = 40;
  for (int trial = 0; trial < trials; ++trial) {
    in.n = 0;
    in.z0.clear(), in.dz.clear(), in.dt.clear(), in.drift.clear();
    for (int i = 0; i < 6000; ++i) {
      const double z[2] = {0.6 + 0.25 * rng.uniform_open(), 0.11 + 0.08 * rng.uniform_open()};
      for (int j = 0; j < 2; ++j) {
        const double f = B[j][0] * (z[0] - star[0]) + B[j][1] * (z[1] - star[1]);
        in.z0.push_back(z[j]);
        in.dz.push_back((f + 0.02 * gaussian()) * 0.25);
        in.drift.push_back(f + 0.001);
      }
      in.dt.push_back(0.25);
      ++in.n;
    }
    const auto x = check_stationary(in);
    ASSERT_EQ(x.relaxation_rates.size(), 2u);
    beyond += std::fabs(x.data_point[0] - star[0]) > 1.96 * x.data_point_se[0];
    if (trial == 0) {
      EXPECT_GT(x.n, 1000u);
      EXPECT_LT(x.n, 6000u); // the box of +-3 sd cuts the data
      EXPECT_NEAR(x.relaxation_rates[0], 0.07, 0.03);
      EXPECT_NEAR(x.relaxation_rates[1], 0.6, 0.1);
      // The model's drift has no noise: its fixed point is z* - B^-1 (0.001, 0.001) exactly.
      // B (z - z*) + 0.001 = 0: the m component moves by 0.001 / 0.07.
      EXPECT_NEAR(x.model_point[0], 0.7 + 0.001 / 0.07, 1e-6);
      EXPECT_NEAR(x.model_rate[0], -0.07 * 0.02 + 0.001, 1e-9);
    }
  }
  // A calibrated standard error: the true fixed point outside 1.96 se in ~5 % of 40 trials.
  EXPECT_LE(beyond, 7);
}

TEST(StationaryCheck, DataThatDoNotReachTheStationaryStateAreAnError) {
  StationaryInput in;
  in.dimension = 1, in.prescribed = 1, in.n = 3;
  in.z0 = {0.1, 0.2, 0.3}, in.dz = {0, 0, 0}, in.dt = {1, 1, 1}, in.drift = {0, 0, 0};
  in.mu = {0.7}, in.sd = {0.03};
  EXPECT_THROW(check_stationary(in), Error);
}
