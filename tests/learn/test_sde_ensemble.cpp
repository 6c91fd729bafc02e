// Euler-Maruyama ensembles of a model whose SDE is Brownian motion with constant drift (the drift
// network's last layer reduced to its bias, constant diagonal diffusion): the ensemble mean and
// standard deviation at time t are z0 + f t and g sqrt(t) exactly.
#include "learn/model/sde_ensemble.h"
#include "learn/train/sde_module.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

using namespace macrodyn::learn;

TEST(SdeEnsemble, BrownianMotionWithDriftHasTheExactMeanAndSpread) {
  SdeSpec spec;
  spec.dimension = 2;
  spec.hidden = {4};
  spec.diffusion = DiffusionKind::DiagonalConstant;
  spec.z.shift = {0.0, 0.0};
  spec.z.scale = {2.0, 0.5};
  spec.time_scale = 0.1;
  torch::manual_seed(1);
  auto m = build_sde_module(spec);
  {
    torch::NoGradGuard no_grad;
    m.attr("drift_net1_w").toTensor().zero_();
    m.attr("drift_net1_b").toTensor().copy_(torch::tensor({0.03, -0.02}, torch::kFloat64));
    m.attr("g_log").toTensor().copy_(torch::log(torch::tensor({0.1, 0.3}, torch::kFloat64)));
  }
  // Physical: f = b * scale / time_scale = (0.6, -0.1); g = diag(0.1, 0.3) * scale / sqrt(0.1).
  const double f[2] = {0.6, -0.1};
  const double g[2] = {0.1 * 2.0 / std::sqrt(0.1), 0.3 * 0.5 / std::sqrt(0.1)};
  EnsembleRequest q;
  q.initial = {1.0, -1.0, 0.0, 0.5}; // two initial states
  q.times = {0.0, 0.5, 2.0};
  q.runs = 4000;
  q.max_step = 0.07; // not a divisor of the intervals: unequal cuts must still land on the times
  q.seed = 9;
  const auto v = integrate_ensembles(m, 2, 0, q);
  for (std::size_t s = 0; s < 2; ++s)
    for (std::size_t t = 0; t < 3; ++t)
      for (std::size_t k = 0; k < 2; ++k) {
        double sum = 0, sum2 = 0;
        for (std::size_t r = 0; r < q.runs; ++r) {
          const double x = v[((s * q.runs + r) * 3 + t) * 2 + k];
          sum += x, sum2 += x * x;
        }
        const double mean = sum / q.runs, sd = std::sqrt(sum2 / q.runs - mean * mean);
        const double time = q.times[t], want_sd = g[k] * std::sqrt(time);
        EXPECT_NEAR(mean, q.initial[s * 2 + k] + f[k] * time,
                    4 * want_sd / std::sqrt(q.runs) + 1e-12)
            << s << " " << t << " " << k;
        EXPECT_NEAR(sd, want_sd, 0.05 * want_sd + 1e-12) << s << " " << t << " " << k;
      }
  // The same seed reproduces the ensemble; another seed does not.
  EXPECT_EQ(integrate_ensembles(m, 2, 0, q), v);
  q.seed = 10;
  EXPECT_NE(integrate_ensembles(m, 2, 0, q), v);
}
