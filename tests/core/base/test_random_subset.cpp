// random_subset: exact size, distinct sorted members, every element included with probability
// size / n (checked against the binomial standard error), every subset equally likely (exact
// enumeration of the 10 subsets of size 2 of 5 elements, chi-square), keyed reproducibility.
#include "core/base/error.h"
#include "core/base/random_subset.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace macrodyn;

TEST(RandomSubset, SizeDistinctSorted) {
  RandomStream rng(3, {1});
  for (std::uint64_t size : {1u, 7u, 50u, 800u}) {
    const auto s = random_subset(800, size, rng);
    ASSERT_EQ(s.size(), size);
    for (std::size_t k = 1; k < s.size(); ++k)
      EXPECT_LT(s[k - 1], s[k]);
    EXPECT_LT(s.back(), 800u);
  }
  // Cheap for a small subset of a huge set: no O(n) table.
  const auto big = random_subset(std::uint64_t{1} << 40, 50, rng);
  EXPECT_EQ(big.size(), 50u);
}

TEST(RandomSubset, InclusionFrequencyIsSizeOverN) {
  const std::uint64_t n = 200, size = 30, draws = 20000;
  std::vector<double> hits(n, 0);
  for (std::uint64_t d = 0; d < draws; ++d) {
    RandomStream rng(11, {d});
    for (auto i : random_subset(n, size, rng))
      hits[i] += 1;
  }
  const double p = double(size) / n, se = std::sqrt(p * (1 - p) / draws);
  double worst = 0, chi2 = 0;
  for (double h : hits) {
    const double z = (h / draws - p) / se;
    worst = std::max(worst, std::abs(z));
    chi2 += z * z;
  }
  // 200 near-normal z-scores: the largest exceeds 4.5 with probability ~1e-3; their squares sum
  // to 200 +- 20 (sampling without replacement makes them slightly negatively correlated).
  EXPECT_LT(worst, 4.5);
  EXPECT_NEAR(chi2 / n, 1.0, 0.3);
}

TEST(RandomSubset, EverySubsetEquallyLikely) {
  std::map<std::pair<std::uint64_t, std::uint64_t>, double> counts;
  const int draws = 50000;
  for (int d = 0; d < draws; ++d) {
    RandomStream rng(5, {static_cast<std::uint64_t>(d)});
    const auto s = random_subset(5, 2, rng);
    counts[{s[0], s[1]}] += 1;
  }
  ASSERT_EQ(counts.size(), 10u);
  double chi2 = 0;
  for (const auto &[subset, c] : counts)
    chi2 += (c - draws / 10.0) * (c - draws / 10.0) / (draws / 10.0);
  EXPECT_LT(chi2, 27.9); // chi-square, 9 degrees of freedom, p = 0.001
}

TEST(RandomSubset, KeyedAndChecked) {
  RandomStream a(9, {4}), b(9, {4}), c(9, {5});
  const auto sa = random_subset(1000, 20, a);
  EXPECT_EQ(sa, random_subset(1000, 20, b));
  EXPECT_NE(sa, random_subset(1000, 20, c));
  EXPECT_THROW(random_subset(10, 0, a), Error);
  EXPECT_THROW(random_subset(10, 11, a), Error);
  EXPECT_EQ(random_subset(10, 10, a).size(), 10u);
}
