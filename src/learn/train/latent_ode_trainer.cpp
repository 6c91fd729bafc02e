#include "learn/train/latent_ode_trainer.h"

#include "core/base/error.h"
#include "learn/train/batch_order.h"

#include <torch/linalg.h>
#include <torch/optim.h>

#include <cmath>

namespace macrodyn::learn {
namespace {

torch::Tensor drift_of(torch::jit::Module &ode, const torch::Tensor &z) {
  const auto c = torch::zeros({z.size(0), 0}, z.options());
  return ode.run_method("drift", z, c).toTensor();
}

} // namespace

ForceProjection rows_of(const ForceProjection &d, const torch::Tensor &index) {
  return {d.z.index_select(0, index), d.a.index_select(0, index), d.q.index_select(0, index),
          d.c0.index_select(0, index)};
}

ForceProjection concatenate(const std::vector<ForceProjection> &parts) {
  std::vector<torch::Tensor> z, a, q, c0;
  for (const auto &p : parts)
    z.push_back(p.z), a.push_back(p.a), q.push_back(p.q), c0.push_back(p.c0);
  return {torch::cat(z), torch::cat(a), torch::cat(q), torch::cat(c0)};
}

torch::Tensor per_configuration_drift(const ForceProjection &d) {
  return torch::bmm(torch::linalg::pinv(d.q), d.a.unsqueeze(2)).squeeze(2);
}

double latent_ode_loss(torch::jit::Module &ode, const ForceProjection &data) {
  torch::NoGradGuard no_grad;
  double sum = 0;
  const int64_t M = data.z.size(0);
  for (int64_t from = 0; from < M; from += 4096) {
    const auto index = torch::arange(from, std::min<int64_t>(M, from + 4096), torch::kLong);
    const auto part = rows_of(data, index);
    sum += projected_loss(part, drift_of(ode, part.z)).sum().item<double>();
  }
  return sum / M;
}

OdeTrainResult train_latent_ode(torch::jit::Module &ode, const ForceProjection &data,
                                const OdeTrainOptions &o,
                                const std::function<void(int, double, double)> &on_epoch) {
  const torch::jit::GraphOptimizerEnabledGuard plain_interpreter(false); // bit-reproducible
  const std::size_t M = static_cast<std::size_t>(data.z.size(0));
  require(M >= 1, "no configurations to train the latent ODE on");
  require(o.epochs >= 0 && o.batch >= 1, "latent ODE training needs epochs >= 0 and batch >= 1");
  std::vector<torch::Tensor> params;
  for (const auto &p : ode.parameters())
    params.push_back(p);
  torch::optim::AdamW opt(
      params, torch::optim::AdamWOptions(o.learning_rate).weight_decay(0).amsgrad(true));
  double lr = o.learning_rate, plateau_best = INFINITY;
  int since_improvement = 0;
  OdeTrainResult result;
  result.best_loss = INFINITY;
  std::vector<torch::Tensor> best;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto order = permutation(M, o.seed, {0x0DE0ULL, std::uint64_t(epoch)});
    double sum = 0;
    for (std::size_t from = 0; from < M; from += o.batch) {
      const std::size_t to = std::min(M, from + o.batch);
      const auto index = index_tensor(order, from, to);
      const auto part = rows_of(data, index);
      opt.zero_grad();
      auto loss = projected_loss(part, drift_of(ode, part.z)).mean();
      loss.backward();
      opt.step();
      sum += loss.item<double>() * (to - from);
    }
    const double epoch_loss = sum / M;
    if (epoch_loss < result.best_loss) {
      result.best_loss = epoch_loss;
      result.best_epoch = epoch;
      best.clear();
      for (const auto &p : params)
        best.push_back(p.detach().clone());
    }
    // Plateau: halve the rate after `patience` epochs without a better epoch loss.
    if (epoch_loss < plateau_best) {
      plateau_best = epoch_loss, since_improvement = 0;
    } else if (++since_improvement > o.patience && lr > o.min_learning_rate) {
      lr = std::max(o.min_learning_rate, lr / 2), since_improvement = 0;
      for (auto &group : opt.param_groups())
        static_cast<torch::optim::AdamWOptions &>(group.options()).lr(lr);
    }
    if (on_epoch) on_epoch(epoch, epoch_loss, lr);
  }
  torch::NoGradGuard no_grad;
  for (std::size_t k = 0; k < params.size() && !best.empty(); ++k)
    params[k].copy_(best[k]);
  return result;
}

} // namespace macrodyn::learn
