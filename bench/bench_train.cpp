// Training throughput of the SDE learner: samples/s of full optimizer steps (forward, K-scaled
// Euler-Maruyama likelihood, backward, AdamW) for a 4-dimensional SDE with full state-dependent
// diffusion, 3 x 64 hidden layers, batch 1024, float64. bench/bench_train_pytorch.py runs the same
// model and loss in PyTorch for comparison. Threads as the trainer uses them: whole batch shards
// each; shards 1 against 2 and 8 at one thread is the price of a fixed shard count (default 2).
#include "learn/model/cpu_threads.h"
#include "learn/train/sde_loss.h"
#include "learn/train/sde_module.h"
#include "learn/train/sharded_loss.h"
#include "learn/train/tensor_heap.h"

#include <benchmark/benchmark.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/torch.h>

using namespace macrodyn::learn;

static void BM_TrainStep(benchmark::State &state) {
  keep_freed_tensor_memory(); // as the macrodyn CLI runs
  ShardPlan plan;
  plan.threads = static_cast<int>(state.range(0));
  plan.shards = static_cast<int>(state.range(1));
  set_cpu_threads(1); // as the trainer runs: one thread per batch shard

  const torch::jit::GraphOptimizerEnabledGuard plain_interpreter(false); // as the trainer runs
  torch::manual_seed(1);
  SdeSpec spec;
  spec.dimension = 4;
  spec.hidden = {64, 64, 64};
  spec.diffusion = DiffusionKind::Full;
  spec.drift = state.range(2) ? DriftKind::Onsager : DriftKind::MLP;
  auto module = build_sde_module(spec);
  const long B = 1024;
  Batch batch{torch::randn({B, 4}, torch::kFloat64), 0.1 * torch::randn({B, 4}, torch::kFloat64),
              torch::ones({B}, torch::kFloat64), torch::zeros({B, 0}, torch::kFloat64)};
  const auto params = parameters_of(module);
  torch::optim::AdamW opt(params, torch::optim::AdamWOptions(1e-3).amsgrad(true));
  for (auto _ : state) {
    opt.zero_grad();
    loss_and_gradients(module, params, batch, 8.0, 1e-6, plan);
    opt.step();
  }
  state.counters["samples/s"] =
      benchmark::Counter(double(B) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TrainStep)
    ->ArgsProduct({{1, 2}, {1, 2, 8}, {0, 1}})
    ->ArgNames({"threads", "shards", "onsager"})
    ->Unit(benchmark::kMillisecond);
