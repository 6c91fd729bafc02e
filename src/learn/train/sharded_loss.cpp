#include "learn/train/sharded_loss.h"

#include "core/base/error.h"

#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/torch.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>

namespace macrodyn::learn {
namespace {

Batch rows_of(const Batch &b, int64_t from, int64_t to) {
  return {b.z0.slice(0, from, to), b.dz.slice(0, from, to), b.dt.slice(0, from, to),
          b.c.slice(0, from, to)};
}

/// Worker threads kept for the life of the process (a thread per step cost page faults and
/// arena set-up in every step): run(n, task) runs task(k) for k = 1..n-1 on workers and task(0)
/// on the caller, and returns when all are done.
class ShardWorkers {
public:
  static ShardWorkers &instance() {
    static ShardWorkers workers;
    return workers;
  }

  void run(int n, const std::function<void(int)> &task) {
    const std::lock_guard<std::mutex> one_round_at_a_time(round_);
    {
      std::unique_lock<std::mutex> lock(mutex_);
      while (static_cast<int>(threads_.size()) < n - 1) {
        const int index = static_cast<int>(threads_.size()) + 1;
        threads_.emplace_back([this, index] { loop(index); });
      }
      task_ = &task;
      active_ = n;
      pending_ = n - 1;
      ++generation_;
    }
    work_.notify_all();
    task(0);
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
    task_ = nullptr;
  }

  ~ShardWorkers() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    work_.notify_all();
    for (auto &t : threads_)
      t.join();
  }

private:
  ShardWorkers() = default;

  void loop(int index) {
    at::set_num_threads(1); // OpenMP's thread count is per thread: one, like the caller's
    std::uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      work_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      if (index >= active_) continue;
      const auto *task = task_;
      lock.unlock();
      (*task)(index);
      lock.lock();
      if (--pending_ == 0) done_.notify_one();
    }
  }

  std::mutex round_, mutex_;
  std::condition_variable work_, done_;
  std::vector<std::thread> threads_;
  const std::function<void(int)> *task_ = nullptr;
  int active_ = 0, pending_ = 0;
  std::uint64_t generation_ = 0;
  bool stopping_ = false;
};

/// The shards of a batch of n rows that this rank computes, and every rank's count of them.
struct ShardSplit {
  int shards = 1; ///< S, the same on every rank
  int first = 0;  ///< this rank's shards are [first, first + mine)
  int mine = 0;
  std::vector<int> per_rank;

  ShardSplit(int64_t n, const ShardPlan &plan) {
    require(plan.shards > 0, "the shard count must be > 0");
    require(plan.threads > 0, "threads must be > 0");
    shards = static_cast<int>(std::clamp<int64_t>(plan.shards, 1, std::max<int64_t>(1, n)));
    const int R = plan.ranks.size();
    for (int r = 0; r < R; ++r)
      per_rank.push_back(block(r + 1, R) - block(r, R));
    first = block(plan.ranks.rank(), R);
    mine = per_rank[plan.ranks.rank()];
  }
  int block(int r, int R) const { return static_cast<int>(int64_t(shards) * r / R); }
  int64_t from(int64_t n, int k) const { return n * k / shards; }
};

/// Runs work(k, from, to) for this rank's shards k of a batch of n rows, on up to plan.threads
/// threads (thread t takes the rank's shards t, t + threads, ...), with the caller's executor and
/// grad modes; rethrows the first shard's error in shard order.
void for_each_shard(int64_t n, const ShardSplit &split, const ShardPlan &plan,
                    const std::function<void(int, int64_t, int64_t)> &work) {
  const bool optimize = torch::jit::getGraphExecutorOptimize();
  const bool grad = torch::GradMode::is_enabled();
  const int threads = std::max(1, std::min(plan.threads, split.mine));
  std::vector<std::exception_ptr> errors(split.mine);
  auto task = [&](int t) {
    const torch::jit::GraphOptimizerEnabledGuard same_executor(optimize);
    const torch::AutoGradMode same_grad_mode(grad);
    for (int j = t; j < split.mine; j += threads) {
      try {
        const int k = split.first + j;
        work(k, split.from(n, k), split.from(n, k + 1));
      } catch (...) {
        errors[j] = std::current_exception();
      }
    }
  };
  if (threads == 1)
    task(0);
  else
    ShardWorkers::instance().run(threads, task);
  for (auto &e : errors)
    if (e) std::rethrow_exception(e);
}

} // namespace

double loss_and_gradients(torch::jit::Module &module, const std::vector<torch::Tensor> &params,
                          const Batch &batch, double K, double eps, const ShardPlan &plan) {
  const int64_t n = batch.z0.size(0);
  const ShardSplit split(n, plan);
  // A shard's result, as doubles: its loss, then per parameter a flag (1: a gradient) and the
  // gradient's numel values (zeros without one).
  std::vector<int64_t> offset{1};
  for (const auto &p : params)
    offset.push_back(offset.back() + 1 + p.numel());
  const int64_t width = offset.back();
  for (const auto &p : params)
    require(p.scalar_type() == torch::kFloat64, "sharded gradients need float64 parameters");
  std::vector<double> mine(static_cast<std::size_t>(split.mine * width), 0.0);
  for_each_shard(n, split, plan, [&](int k, int64_t from, int64_t to) {
    auto loss = em_negative_log_likelihood(module, rows_of(batch, from, to), K, eps);
    const auto grads = torch::autograd::grad({loss}, params, {}, /*retain_graph=*/false,
                                             /*create_graph=*/false, /*allow_unused=*/true);
    double *out = mine.data() + (k - split.first) * width;
    out[0] = loss.item<double>();
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (!grads[i].defined()) continue;
      out[offset[i]] = 1;
      const auto g = grads[i].contiguous();
      std::copy_n(g.data_ptr<double>(), g.numel(), out + offset[i] + 1);
    }
  });
  require(split.shards * width <= std::numeric_limits<int>::max(),
          "shards x parameters exceed MPI's int counts: use fewer shards");
  std::vector<int> counts;
  for (int c : split.per_rank)
    counts.push_back(static_cast<int>(c * width));
  auto all = plan.ranks.all_gather(mine, counts);
  double loss = 0;
  std::vector<double> weights(split.shards);
  for (int k = 0; k < split.shards; ++k) {
    weights[k] =
        static_cast<double>(split.from(n, k + 1) - split.from(n, k)) / static_cast<double>(n);
    loss += weights[k] * all[k * width];
  }
  torch::NoGradGuard no_grad;
  const auto options = torch::TensorOptions().dtype(torch::kFloat64);
  for (std::size_t i = 0; i < params.size(); ++i) {
    torch::Tensor sum;
    for (int k = 0; k < split.shards; ++k) {
      double *at = all.data() + k * width + offset[i];
      if (at[0] == 0) continue;
      const auto g = torch::from_blob(at + 1, params[i].sizes(), options);
      sum = sum.defined() ? sum.add_(g, weights[k]) : g * weights[k];
    }
    if (!sum.defined()) continue;
    auto &grad = params[i].mutable_grad();
    if (grad.defined())
      grad.add_(sum);
    else
      grad = sum;
  }
  return loss;
}

double sharded_loss(torch::jit::Module &module, const Batch &batch, double K, double eps,
                    const ShardPlan &plan) {
  torch::NoGradGuard no_grad;
  const int64_t n = batch.z0.size(0);
  const ShardSplit split(n, plan);
  std::vector<double> mine(split.mine);
  for_each_shard(n, split, plan, [&](int k, int64_t from, int64_t to) {
    mine[k - split.first] =
        em_negative_log_likelihood(module, rows_of(batch, from, to), K, eps).item<double>() *
        static_cast<double>(to - from);
  });
  const auto all = plan.ranks.all_gather(mine, split.per_rank);
  double sum = 0;
  for (double s : all)
    sum += s;
  return sum / static_cast<double>(n);
}

} // namespace macrodyn::learn
