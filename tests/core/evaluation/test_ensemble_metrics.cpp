// Ensemble statistics against hand-computed values and brute force.
#include "core/base/random_stream.h"
#include "core/evaluation/ensemble_metrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace macrodyn;

TEST(EnsembleMetrics, WassersteinOfPointMassesIsTheirDistance) {
  EXPECT_DOUBLE_EQ(wasserstein1({1.0}, {3.5}), 2.5);
  // {0, 1} vs {0.5}: half the mass moves 0.5 each way.
  EXPECT_DOUBLE_EQ(wasserstein1({0.0, 1.0}, {0.5}), 0.5);
  EXPECT_DOUBLE_EQ(wasserstein1({2.0, 2.0, 7.0}, {2.0, 2.0, 7.0}), 0.0);
}

TEST(EnsembleMetrics, WassersteinOfEqualSizeSamplesMatchesSortedPairing) {
  // For equal sizes the optimal plan pairs the order statistics: W1 = mean |a_(i) - b_(i)|.
  RandomStream rng(3, {});
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<double> a(50), b(50);
    for (auto &x : a)
      x = rng.normal();
    for (auto &x : b)
      x = 0.3 + 2 * rng.normal();
    auto sa = a, sb = b;
    std::sort(sa.begin(), sa.end());
    std::sort(sb.begin(), sb.end());
    double brute = 0;
    for (int i = 0; i < 50; ++i)
      brute += std::abs(sa[i] - sb[i]) / 50;
    EXPECT_NEAR(wasserstein1(a, b), brute, 1e-12);
  }
}

TEST(EnsembleMetrics, WassersteinOfAShiftIsTheShift) {
  std::vector<double> a = {0.1, 0.7, 0.2, 0.9, 0.4}, b = a;
  for (auto &x : b)
    x += 1.25;
  EXPECT_NEAR(wasserstein1(a, b), 1.25, 1e-12);
}

TEST(EnsembleMetrics, MeanAndSampleStandardDeviation) {
  EXPECT_DOUBLE_EQ(mean_of({1, 2, 3, 4}), 2.5);
  EXPECT_DOUBLE_EQ(std_of({1, 2, 3, 4}), std::sqrt(5.0 / 3.0));
  EXPECT_EQ(std_of({1}), 0.0);
}
