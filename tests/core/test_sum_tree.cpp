#include "core/random_stream.h"
#include "core/sum_tree.h"

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
