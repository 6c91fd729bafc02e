#include "learn/train/sharded_loss.h"

#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/torch.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
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

/// Runs work(k, from, to) for the `shards` contiguous row blocks of n rows concurrently, with the
/// caller's executor and grad modes; rethrows the first block's error in block order.
void for_each_shard(int64_t n, int shards, const std::function<void(int, int64_t, int64_t)> &work) {
  const bool optimize = torch::jit::getGraphExecutorOptimize();
  const bool grad = torch::GradMode::is_enabled();
  std::vector<std::exception_ptr> errors(shards);
  ShardWorkers::instance().run(shards, [&](int k) {
    try {
      const torch::jit::GraphOptimizerEnabledGuard same_executor(optimize);
      const torch::AutoGradMode same_grad_mode(grad);
      work(k, n * k / shards, n * (k + 1) / shards);
    } catch (...) {
      errors[k] = std::current_exception();
    }
  });
  for (auto &e : errors)
    if (e) std::rethrow_exception(e);
}

int shard_count(const Batch &b, int threads) {
  return static_cast<int>(std::clamp<int64_t>(threads, 1, std::max<int64_t>(1, b.z0.size(0))));
}

} // namespace

double loss_and_gradients(torch::jit::Module &module, const std::vector<torch::Tensor> &params,
                          const Batch &batch, double K, double eps, int threads) {
  const int shards = shard_count(batch, threads);
  if (shards == 1) {
    auto loss = em_negative_log_likelihood(module, batch, K, eps);
    loss.backward();
    return loss.item<double>();
  }
  const int64_t n = batch.z0.size(0);
  std::vector<double> losses(shards);
  std::vector<std::vector<torch::Tensor>> grads(shards);
  std::vector<double> weights(shards);
  for_each_shard(n, shards, [&](int k, int64_t from, int64_t to) {
    auto loss = em_negative_log_likelihood(module, rows_of(batch, from, to), K, eps);
    grads[k] = torch::autograd::grad({loss}, params, {}, /*retain_graph=*/false,
                                     /*create_graph=*/false, /*allow_unused=*/true);
    losses[k] = loss.item<double>();
    weights[k] = static_cast<double>(to - from) / static_cast<double>(n);
  });
  double loss = 0;
  for (int k = 0; k < shards; ++k)
    loss += weights[k] * losses[k];
  torch::NoGradGuard no_grad;
  for (std::size_t i = 0; i < params.size(); ++i) {
    torch::Tensor sum;
    for (int k = 0; k < shards; ++k) {
      const auto &g = grads[k][i];
      if (!g.defined()) continue;
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
                    int threads) {
  torch::NoGradGuard no_grad;
  const int shards = shard_count(batch, threads);
  const int64_t n = batch.z0.size(0);
  std::vector<double> sums(shards);
  for_each_shard(n, shards, [&](int k, int64_t from, int64_t to) {
    sums[k] = em_negative_log_likelihood(module, rows_of(batch, from, to), K, eps).item<double>() *
              static_cast<double>(to - from);
  });
  double sum = 0;
  for (double s : sums)
    sum += s;
  return sum / static_cast<double>(n);
}

} // namespace macrodyn::learn
