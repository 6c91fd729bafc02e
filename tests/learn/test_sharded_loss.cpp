// Data-parallel loss and gradients: the shards of a batch, run concurrently, give the loss and the
// gradients of the whole batch computed in one piece (up to rounding), the same bits for a shard
// count whatever the thread count and on every call, and errors of any shard reach the caller.
// (The same bits for any MPI rank count: tests/cli/test_cli_train_mpi.cpp.)
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

ShardPlan plan(int shards, int threads) {
  ShardPlan p;
  p.shards = shards;
  p.threads = threads;
  return p;
}

/// Loss and a copy of every gradient after a fresh evaluation with this plan.
std::pair<double, std::vector<torch::Tensor>> evaluate(Setup &s, const ShardPlan &plan) {
  for (auto &p : s.params)
    p.mutable_grad() = torch::Tensor();
  const double loss = loss_and_gradients(s.module, s.params, s.batch, 8.0, 1e-6, plan);
  std::vector<torch::Tensor> grads;
  for (const auto &p : s.params)
    grads.push_back(p.grad().defined() ? p.grad().clone() : torch::Tensor());
  return {loss, grads};
}

} // namespace

TEST(ShardedLoss, ShardsReproduceTheWholeBatchLossAndGradients) {
  const TrainerSettings settings;
  auto s = make_setup(301); // not divisible by 2 or 3: unequal shards are weighted by their size
  const auto [loss1, grads1] = evaluate(s, plan(1, 1));
  for (const int shards : {2, 3, 8}) {
    const auto [loss, grads] = evaluate(s, plan(shards, 2));
    EXPECT_NEAR(loss, loss1, 1e-12 * std::abs(loss1)) << shards << " shards";
    ASSERT_EQ(grads.size(), grads1.size());
    for (std::size_t k = 0; k < grads.size(); ++k) {
      ASSERT_TRUE(grads[k].defined() && grads1[k].defined()) << "parameter " << k;
      const double scale = grads1[k].abs().max().item<double>() + 1e-300;
      EXPECT_LT((grads[k] - grads1[k]).abs().max().item<double>(), 1e-12 * scale)
          << shards << " shards, parameter " << k;
    }
    EXPECT_NEAR(sharded_loss(s.module, s.batch, 8.0, 1e-6, plan(shards, 2)), loss1,
                1e-12 * std::abs(loss1));
  }
}

TEST(ShardedLoss, TheShardCountAloneSetsTheBits) {
  const TrainerSettings settings;
  auto s = make_setup(301);
  const auto [loss1, grads1] = evaluate(s, plan(5, 1));
  const double val1 = sharded_loss(s.module, s.batch, 8.0, 1e-6, plan(5, 1));
  for (const int threads : {2, 3, 5, 7}) { // 7: more threads than shards
    const auto [loss, grads] = evaluate(s, plan(5, threads));
    EXPECT_EQ(loss, loss1) << threads << " threads";
    for (std::size_t k = 0; k < grads.size(); ++k)
      EXPECT_TRUE(torch::equal(grads[k], grads1[k])) << threads << " threads, parameter " << k;
    EXPECT_EQ(sharded_loss(s.module, s.batch, 8.0, 1e-6, plan(5, threads)), val1);
  }
  // Another shard count is another (equally valid) rounding: the test can tell them apart.
  const auto [loss4, grads4] = evaluate(s, plan(4, 1));
  bool differ = loss4 != loss1;
  for (std::size_t k = 0; k < grads4.size(); ++k)
    differ = differ || !torch::equal(grads4[k], grads1[k]);
  EXPECT_TRUE(differ);
}

TEST(ShardedLoss, ABatchSmallerThanTheShardCountHasAShardPerRow) {
  const TrainerSettings settings;
  auto s = make_setup(3);
  const auto [loss8, grads8] = evaluate(s, plan(8, 2));
  const auto [loss3, grads3] = evaluate(s, plan(3, 1));
  EXPECT_EQ(loss8, loss3);
  for (std::size_t k = 0; k < grads8.size(); ++k)
    EXPECT_TRUE(torch::equal(grads8[k], grads3[k])) << "parameter " << k;
}

TEST(ShardedLoss, TheSameThreadCountGivesTheSameBits) {
  const TrainerSettings settings;
  auto s = make_setup(256);
  const auto [loss_a, grads_a] = evaluate(s, plan(4, 2));
  for (int repeat = 0; repeat < 5; ++repeat) {
    const auto [loss_b, grads_b] = evaluate(s, plan(4, 2));
    EXPECT_EQ(loss_a, loss_b);
    for (std::size_t k = 0; k < grads_a.size(); ++k)
      EXPECT_TRUE(torch::equal(grads_a[k], grads_b[k])) << "parameter " << k;
  }
}

TEST(ShardedLoss, GradientsAddToWhatIsThereAsBackwardDoes) {
  const TrainerSettings settings;
  auto s = make_setup(64);
  const auto [loss, once] = evaluate(s, plan(4, 2));
  loss_and_gradients(s.module, s.params, s.batch, 8.0, 1e-6, plan(4, 2));
  for (std::size_t k = 0; k < once.size(); ++k)
    EXPECT_TRUE(torch::allclose(s.params[k].grad(), 2 * once[k], 1e-14, 0)) << "parameter " << k;
}

TEST(ShardedLoss, AShardsErrorReachesTheCaller) {
  const TrainerSettings settings;
  auto s = make_setup(64);
  s.batch.c = torch::randn({64, 2}, torch::kFloat64); // the model takes one condition
  EXPECT_ANY_THROW(loss_and_gradients(s.module, s.params, s.batch, 8.0, 1e-6, plan(4, 2)));
  EXPECT_ANY_THROW(sharded_loss(s.module, s.batch, 8.0, 1e-6, plan(4, 2)));
  // The workers are still usable afterwards.
  auto fine = make_setup(64);
  EXPECT_NO_THROW(loss_and_gradients(fine.module, fine.params, fine.batch, 8.0, 1e-6, plan(4, 2)));
}
