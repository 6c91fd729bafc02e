// Data-parallel loss and gradients: the shards of a batch, run concurrently, give the loss and the
// gradients of the whole batch computed in one piece (up to rounding), the same bits on every call,
// and errors of any shard reach the caller.
#include "learn/model/cpu_threads.h"
#include "learn/train/sde_module.h"
#include "learn/train/sharded_loss.h"

#include <gtest/gtest.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/torch.h>

#include <stdexcept>

using namespace macrodyn::learn;

namespace {

struct Setup {
  torch::jit::Module module;
  std::vector<torch::Tensor> params;
  Batch batch;
};

/// The trainer's settings: one thread per shard, the plain TorchScript interpreter (the optimizing
/// executor switches code after a few calls, which changes the last bits).
struct TrainerSettings {
  CpuThreadsScope one_thread_per_shard{1};
  torch::jit::GraphOptimizerEnabledGuard plain_interpreter{false};
};

Setup make_setup(long rows) {
  torch::manual_seed(5);
  SdeSpec spec;
  spec.dimension = 3;
  spec.conditions = 1;
  spec.hidden = {16, 16};
  spec.diffusion = DiffusionKind::Full;
  Setup s{build_sde_module(spec), {}, {}};
  s.params = parameters_of(s.module);
  s.batch = {torch::randn({rows, 3}, torch::kFloat64),
             0.1 * torch::randn({rows, 3}, torch::kFloat64),
             0.5 + torch::rand({rows}, torch::kFloat64), torch::randn({rows, 1}, torch::kFloat64)};
  return s;
}

/// Loss and a copy of every gradient after a fresh evaluation with `threads` shards.
std::pair<double, std::vector<torch::Tensor>> evaluate(Setup &s, int threads) {
  for (auto &p : s.params)
    p.mutable_grad() = torch::Tensor();
  const double loss = loss_and_gradients(s.module, s.params, s.batch, 8.0, 1e-6, threads);
  std::vector<torch::Tensor> grads;
  for (const auto &p : s.params)
    grads.push_back(p.grad().defined() ? p.grad().clone() : torch::Tensor());
  return {loss, grads};
}

} // namespace

TEST(ShardedLoss, ShardsReproduceTheWholeBatchLossAndGradients) {
  const TrainerSettings settings;
  auto s = make_setup(301); // not divisible by 2 or 3: unequal shards are weighted by their size
  const auto [loss1, grads1] = evaluate(s, 1);
  for (const int threads : {2, 3}) {
    const auto [loss, grads] = evaluate(s, threads);
    EXPECT_NEAR(loss, loss1, 1e-12 * std::abs(loss1)) << threads << " threads";
    ASSERT_EQ(grads.size(), grads1.size());
    for (std::size_t k = 0; k < grads.size(); ++k) {
      ASSERT_TRUE(grads[k].defined() && grads1[k].defined()) << "parameter " << k;
      const double scale = grads1[k].abs().max().item<double>() + 1e-300;
      EXPECT_LT((grads[k] - grads1[k]).abs().max().item<double>(), 1e-12 * scale)
          << threads << " threads, parameter " << k;
    }
    EXPECT_NEAR(sharded_loss(s.module, s.batch, 8.0, 1e-6, threads), loss1,
                1e-12 * std::abs(loss1));
  }
}

TEST(ShardedLoss, TheSameThreadCountGivesTheSameBits) {
  const TrainerSettings settings;
  auto s = make_setup(256);
  const auto [loss_a, grads_a] = evaluate(s, 2);
  for (int repeat = 0; repeat < 5; ++repeat) {
    const auto [loss_b, grads_b] = evaluate(s, 2);
    EXPECT_EQ(loss_a, loss_b);
    for (std::size_t k = 0; k < grads_a.size(); ++k)
      EXPECT_TRUE(torch::equal(grads_a[k], grads_b[k])) << "parameter " << k;
  }
}

TEST(ShardedLoss, GradientsAddToWhatIsThereAsBackwardDoes) {
  const TrainerSettings settings;
  auto s = make_setup(64);
  const auto [loss, once] = evaluate(s, 2);
  loss_and_gradients(s.module, s.params, s.batch, 8.0, 1e-6, 2);
  for (std::size_t k = 0; k < once.size(); ++k)
    EXPECT_TRUE(torch::allclose(s.params[k].grad(), 2 * once[k], 1e-14, 0)) << "parameter " << k;
}

TEST(ShardedLoss, AShardsErrorReachesTheCaller) {
  const TrainerSettings settings;
  auto s = make_setup(64);
  s.batch.c = torch::randn({64, 2}, torch::kFloat64); // the model takes one condition
  EXPECT_ANY_THROW(loss_and_gradients(s.module, s.params, s.batch, 8.0, 1e-6, 2));
  EXPECT_ANY_THROW(sharded_loss(s.module, s.batch, 8.0, 1e-6, 2));
  // The workers are still usable afterwards.
  auto fine = make_setup(64);
  EXPECT_NO_THROW(loss_and_gradients(fine.module, fine.params, fine.batch, 8.0, 1e-6, 2));
}
