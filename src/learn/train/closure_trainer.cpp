#include "learn/train/closure_trainer.h"

#include "learn/train/batch_order.h"

#include "core/base/error.h"

#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/torch.h>

#include <cmath>

namespace macrodyn::learn {
namespace {

double mean_loss(torch::jit::Module &m, const torch::Tensor &x, const torch::Tensor &z,
                 const torch::Tensor &index) {
  torch::NoGradGuard no_grad;
  double sum = 0;
  const auto n = index.size(0);
  for (int64_t from = 0; from < n; from += 1024) {
    const auto part = index.slice(0, from, std::min<int64_t>(n, from + 1024));
    sum += m.run_method("reconstruction_loss", x.index_select(0, part), z.index_select(0, part))
               .toTensor()
               .item<double>() *
           part.size(0);
  }
  return sum / n;
}

} // namespace

ClosureTrainResult train_closure(torch::jit::Module &m, const torch::Tensor &x,
                                 const torch::Tensor &zstar, const ClosureTrainOptions &o,
                                 const std::function<void(int, double, double)> &on_epoch) {
  const torch::jit::GraphOptimizerEnabledGuard plain_interpreter(false); // bit-reproducible
  const std::size_t n = static_cast<std::size_t>(x.size(0));
  const auto order = permutation(n, o.seed, {0xC105ULL});
  const std::size_t n_val = std::max<std::size_t>(1, std::llround(o.validation_fraction * n));
  require(n_val < n, "too few patch microstates (" + std::to_string(n) + ") for a closure");
  const auto val = index_tensor(order, 0, n_val);
  std::vector<std::int64_t> train(order.begin() + n_val, order.end());

  ClosureTrainResult result;
  {
    // Baseline: every site drawn from the species frequencies of the training patches.
    const auto counts =
        torch::bincount((x.index_select(0, index_tensor(order, n_val, n)) + 1).reshape(-1));
    const auto p = counts.to(torch::kFloat64) / counts.sum();
    result.frequency_baseline = -(p * torch::log(p.clamp_min(1e-300))).sum().item<double>();
  }
  std::vector<torch::Tensor> params;
  for (const auto &p : m.parameters())
    params.push_back(p);
  torch::optim::AdamW opt(params, torch::optim::AdamWOptions(o.learning_rate).weight_decay(1e-4));
  result.best_validation_loss = INFINITY;
  std::vector<torch::Tensor> best;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto shuffle = permutation(train.size(), o.seed, {0xC1E0ULL, std::uint64_t(epoch)});
    std::vector<std::int64_t> epoch_rows(train.size());
    for (std::size_t i = 0; i < train.size(); ++i)
      epoch_rows[i] = train[shuffle[i]];
    double sum = 0;
    for (std::size_t from = 0; from < train.size(); from += o.batch) {
      const std::size_t to = std::min(train.size(), from + o.batch);
      const auto index = index_tensor(epoch_rows, from, to);
      opt.zero_grad();
      auto loss = m.run_method("reconstruction_loss", x.index_select(0, index),
                               zstar.index_select(0, index))
                      .toTensor();
      loss.backward();
      opt.step();
      sum += loss.item<double>() * (to - from);
    }
    const double val_loss = mean_loss(m, x, zstar, val);
    if (val_loss < result.best_validation_loss) {
      result.best_validation_loss = val_loss;
      result.best_epoch = epoch;
      best.clear();
      for (const auto &p : params)
        best.push_back(p.detach().clone());
    }
    if (on_epoch) on_epoch(epoch, sum / train.size(), val_loss);
  }
  torch::NoGradGuard no_grad;
  for (std::size_t k = 0; k < params.size() && !best.empty(); ++k)
    params[k].copy_(best[k]);
  return result;
}

} // namespace macrodyn::learn
