#include "core/base/random_stream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using macrodyn::RandomStream;

TEST(RandomStream, SameKeySameNumbersDifferentKeyDifferentNumbers) {
  RandomStream a(42, {1, 2}), b(42, {1, 2}), c(42, {2, 1}), d(43, {1, 2});
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next_u64();
    EXPECT_EQ(x, b.next_u64());
    EXPECT_NE(x, c.next_u64());
    EXPECT_NE(x, d.next_u64());
  }
}

TEST(RandomStream, UniformHasMeanAndVarianceOfU01) {
  RandomStream rng(7, {3});
  const int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform_open();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum2 += u * u;
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  // Standard error of the mean: sqrt(1/12 / n) = 6.5e-4; allow 5 of them.
  EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(var, 1.0 / 12, 2e-3);
}

TEST(RandomStream, BelowIsUniformByChiSquare) {
  RandomStream rng(11);
  const int bins = 10, n = 100000;
  std::vector<int> count(bins, 0);
  for (int i = 0; i < n; ++i)
    ++count[rng.below(bins)];
  double chi2 = 0;
  for (int c : count)
    chi2 += (c - n / bins) * (c - n / bins) / double(n / bins);
  // 9 degrees of freedom: P(chi2 > 27.9) = 0.001.
  EXPECT_LT(chi2, 27.9);
}

TEST(RandomStream, NormalHasZeroMeanUnitVariance) {
  RandomStream rng(5, {9, 9});
  const int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.normal();
    sum += x;
    sum2 += x * x;
  }
  EXPECT_NEAR(sum / n, 0.0, 5 / std::sqrt(double(n)));
  EXPECT_NEAR(sum2 / n, 1.0, 5 * std::sqrt(2.0 / n));
}
