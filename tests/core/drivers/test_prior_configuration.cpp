// The upsampling prior: compositions uniform over all compositions (checked against the exact
// moments of the discrete uniform and of Dirichlet(1, 1, 1)), vacancies untouched, sites random.
#include "core/drivers/prior_configuration.h"
#include "core/drivers/upsampler.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace macrodyn;

TEST(PriorConfiguration, SpinMagnetizationIsUniformOnItsGrid) {
  // Two species on N sites: n_up uniform in 0..N, mean N/2, variance N (N + 2) / 12.
  const int N = 40, draws = 20000;
  const Configuration like(N, 0);
  RandomStream rng(5, {1});
  std::vector<int> histogram(N + 1, 0);
  double sum = 0, sum2 = 0;
  for (int k = 0; k < draws; ++k) {
    const auto x = draw_prior_configuration(like, 2, rng);
    int up = 0;
    for (auto s : x)
      up += s == 0;
    ++histogram[up];
    sum += up, sum2 += double(up) * up;
  }
  const double mean = sum / draws, var = sum2 / draws - mean * mean;
  EXPECT_NEAR(mean, N / 2.0, 4 * std::sqrt(N * (N + 2) / 12.0 / draws));
  EXPECT_NEAR(var, N * (N + 2) / 12.0, 0.05 * N * (N + 2) / 12.0);
  // Chi-square over the N + 1 bins (41 bins, 40 dof: the 99.9% quantile is 73.4).
  double chi2 = 0;
  const double expected = double(draws) / (N + 1);
  for (int c : histogram)
    chi2 += (c - expected) * (c - expected) / expected;
  EXPECT_LT(chi2, 73.4);
}

TEST(PriorConfiguration, TernaryFractionsFollowDirichletOneAndVacanciesStay) {
  // Fractions of Dirichlet(1, 1, 1): mean 1/3, variance (1/3)(2/3)/4 = 1/18 (large-N limit).
  const int N = 2000, draws = 4000;
  Configuration like(N, 1);
  like[17] = like[1234] = kVacancy;
  RandomStream rng(5, {2});
  double sum[3] = {}, sum2[3] = {};
  std::vector<double> first_site_species(3, 0);
  for (int k = 0; k < draws; ++k) {
    const auto x = draw_prior_configuration(like, 3, rng);
    ASSERT_EQ(x[17], kVacancy);
    ASSERT_EQ(x[1234], kVacancy);
    int counts[3] = {};
    for (auto s : x)
      if (s != kVacancy) ++counts[s];
    ASSERT_EQ(counts[0] + counts[1] + counts[2], N - 2);
    for (int s = 0; s < 3; ++s) {
      const double f = double(counts[s]) / (N - 2);
      sum[s] += f, sum2[s] += f * f;
    }
    first_site_species[x[0]] += 1;
  }
  for (int s = 0; s < 3; ++s) {
    const double mean = sum[s] / draws, var = sum2[s] / draws - mean * mean;
    EXPECT_NEAR(mean, 1.0 / 3, 4 * std::sqrt(1.0 / 18 / draws)) << s;
    EXPECT_NEAR(var, 1.0 / 18, 0.1 / 18) << s;
    // Sites are random: site 0 holds species s with probability E[f_s] = 1/3.
    EXPECT_NEAR(first_site_species[s] / draws, 1.0 / 3, 4 * std::sqrt(2.0 / 9 / draws)) << s;
  }
}

TEST(PriorConfiguration, UpsamplingMixesTheRequestedFractionReproducibly) {
  KmcOptions o;
  o.energy = IsingSpec{{1.0}, 0.0};
  o.kT = 2.5;
  UpsampleSettings s;
  s.levels = 1;
  s.window_events = 1;
  s.seed = 3;
  s.n_species = 2;
  s.prior_fraction = 0.3;
  const Configuration small(16, 0); // 4x4, all up: a prior draw is recognisable
  int mixed = 0;
  const int snapshots = 400;
  for (int id = 0; id < snapshots; ++id) {
    const auto r = upsample(LatticeKind::Square, {4, 4, 1}, 1.0, small, o, s, id);
    const auto again = upsample(LatticeKind::Square, {4, 4, 1}, 1.0, small, o, s, id);
    ASSERT_EQ(r.configuration, again.configuration);
    ASSERT_EQ(r.from_prior, again.from_prior);
    mixed += r.from_prior;
    if (!r.from_prior) {
      int down = 0;
      for (auto x : r.configuration)
        down += x == 1;
      EXPECT_LE(down, static_cast<int>(r.events)) << "each event flips one spin";
    }
  }
  // Binomial(400, 0.3): sd 9.2.
  EXPECT_NEAR(mixed, 0.3 * snapshots, 4 * std::sqrt(snapshots * 0.3 * 0.7));
  s.prior_fraction = 0;
  for (int id = 0; id < 50; ++id)
    EXPECT_FALSE(upsample(LatticeKind::Square, {4, 4, 1}, 1.0, small, o, s, id).from_prior);
}
