#include "core/base/random_stream.h"
#include "core/kmc/sum_tree.h"

#include <gtest/gtest.h>

#include <cmath>

using macrodyn::SumTree;

TEST(SumTree, TotalFollowsUpdates) {
  SumTree tree(5);
  tree.assign({1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(tree.total(), 15.0);
  tree.set(2, 0.0);
  tree.set(4, 10.0);
  EXPECT_DOUBLE_EQ(tree.total(), 17.0);
  EXPECT_DOUBLE_EQ(tree.weight(4), 10.0);
}

TEST(SumTree, FindMapsCumulativeIntervalsAndSkipsZeroWeights) {
  SumTree tree(6);
  tree.assign({0.5, 0.0, 1.5, 0.0, 2.0, 0.0});
  EXPECT_EQ(tree.find(0.0), 0u);
  EXPECT_EQ(tree.find(0.49), 0u);
  EXPECT_EQ(tree.find(0.5), 2u);
  EXPECT_EQ(tree.find(1.99), 2u);
  EXPECT_EQ(tree.find(2.0), 4u);
  EXPECT_EQ(tree.find(3.999999), 4u);
}

TEST(SumTree, SelectionFrequenciesMatchWeightsByChiSquare) {
  const std::vector<double> w = {1, 0, 3, 2, 0.5, 7, 0, 1.5, 4};
  SumTree tree(w.size());
  tree.assign(w);
  macrodyn::RandomStream rng(99);
  const int n = 200000;
  std::vector<int> count(w.size(), 0);
  for (int i = 0; i < n; ++i)
    ++count[tree.find(rng.uniform_open() * tree.total())];
  double chi2 = 0;
  int dof = -1;
  for (std::size_t k = 0; k < w.size(); ++k) {
    const double expected = n * w[k] / tree.total();
    if (w[k] == 0) {
      EXPECT_EQ(count[k], 0) << "zero-weight slot " << k << " was selected";
      continue;
    }
    chi2 += (count[k] - expected) * (count[k] - expected) / expected;
    ++dof;
  }
  // 6 degrees of freedom: P(chi2 > 22.5) = 0.001.
  EXPECT_LT(chi2, 22.5) << dof;
}

// Several levels (1000 slots: 3 levels of eight-way nodes): after random updates, the total equals
// the weights' sum, every selection equals a brute-force walk over the cumulative weights, and the
// tree equals one assigned the final weights at once (no history).
TEST(SumTree, DeepTreeAgreesWithBruteForceAfterRandomUpdates) {
  const std::size_t n = 1000;
  macrodyn::RandomStream rng(5);
  std::vector<double> w(n);
  for (auto &x : w)
    x = rng.below(4) == 0 ? 0.0 : rng.uniform_open();
  SumTree tree(n);
  tree.assign(w);
  for (int step = 0; step < 5000; ++step) {
    const std::size_t slot = rng.below(n);
    w[slot] = rng.below(5) == 0 ? 0.0 : 10 * rng.uniform_open();
    tree.set(slot, w[slot]);
  }
  double sum = 0;
  for (double x : w)
    sum += x;
  EXPECT_NEAR(tree.total(), sum, 1e-12 * sum);
  SumTree fresh(n);
  fresh.assign(w);
  EXPECT_EQ(tree.total(), fresh.total());
  for (int k = 0; k < 2000; ++k) {
    const double target = rng.uniform_open() * sum * (1 - 1e-12);
    double acc = 0;
    std::size_t expected = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (w[i] > 0 && target < acc + w[i]) {
        expected = i;
        break;
      }
      acc += w[i];
    }
    const std::size_t got = tree.find(target);
    // Round-off at an interval boundary may pick the neighbouring positive slot.
    if (got != expected) {
      double start = 0;
      for (std::size_t i = 0; i < expected; ++i)
        start += w[i];
      EXPECT_NEAR(target, start, 1e-9 * sum) << "slot " << got << " instead of " << expected;
    }
    EXPECT_GT(w[got], 0.0);
    EXPECT_EQ(got, fresh.find(target));
  }
}

TEST(SumTree, EmptyAndSingleSlotTrees) {
  SumTree empty(0);
  EXPECT_EQ(empty.total(), 0.0);
  SumTree one(1);
  one.set(0, 2.5);
  EXPECT_EQ(one.total(), 2.5);
  EXPECT_EQ(one.find(1.0), 0u);
}
