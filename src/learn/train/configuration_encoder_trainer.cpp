#include "learn/train/configuration_encoder_trainer.h"

#include "core/base/error.h"
#include "learn/train/batch_order.h"
#include "learn/train/force_projection.h"

#include <torch/optim.h>

#include <cmath>

namespace macrodyn::learn {
torch::Tensor closure_condition_numbers(torch::jit::Module &encoder, const torch::Tensor &x,
                                        const torch::Tensor &masses) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> out;
  for (int64_t from = 0; from < x.size(0); from += 64) {
    const auto to = std::min<int64_t>(x.size(0), from + 64);
    out.push_back(encoder_jacobian(encoder, x.slice(0, from, to), masses.slice(0, from, to))
                      .closure_condition_number());
  }
  return torch::cat(out);
}

EncoderTrainResult train_configuration_encoder(
    torch::jit::Module &encoder, const torch::Tensor &x, const torch::Tensor &masses,
    const EncoderTrainOptions &o, const std::function<void(int, double, double)> &on_epoch) {
  const torch::jit::GraphOptimizerEnabledGuard plain_interpreter(false); // bit-reproducible
  require(x.size(0) >= 1, "no configurations to train the encoder on");
  require(o.epochs >= 0 && o.batch >= 1, "encoder training needs epochs >= 0 and batch >= 1");
  std::vector<torch::Tensor> params;
  for (const auto &p : encoder.parameters())
    params.push_back(p);
  torch::optim::Adam opt(params, torch::optim::AdamOptions(o.learning_rate)
                                     .betas({0.9, 0.95})
                                     .weight_decay(1e-4));
  const std::size_t M = static_cast<std::size_t>(x.size(0));
  EncoderTrainResult result;
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto order = permutation(M, o.seed, {0xE4C0ULL, std::uint64_t(epoch)});
    double reconstruction = 0, kappa = 0;
    for (std::size_t from = 0; from < M; from += o.batch) {
      const std::size_t to = std::min(M, from + o.batch);
      const auto index = index_tensor(order, from, to);
      const auto xb = x.index_select(0, index), mb = masses.index_select(0, index);
      opt.zero_grad();
      const auto mse = encoder.run_method("reconstruction_loss", xb, mb).toTensor();
      auto loss = mse;
      torch::Tensor k;
      if (o.lambda_cond > 0) {
        const int64_t P = o.penalty_configurations > 0
                              ? std::min<int64_t>(o.penalty_configurations, xb.size(0))
                              : xb.size(0);
        k = encoder_jacobian(encoder, xb.slice(0, 0, P), mb.slice(0, 0, P))
                .closure_condition_number();
        loss = loss + o.lambda_cond * (k - 1).pow(2).mean();
      }
      loss.backward();
      opt.step();
      reconstruction += mse.item<double>() * (to - from);
      if (k.defined()) kappa += k.mean().item<double>() * (to - from);
    }
    result.reconstruction = reconstruction / M;
    if (on_epoch) on_epoch(epoch, result.reconstruction, o.lambda_cond > 0 ? kappa / M : NAN);
  }
  const auto k = closure_condition_numbers(encoder, x, masses);
  result.condition_number_median = k.median().item<double>();
  result.condition_number_max = k.max().item<double>();
  return result;
}

} // namespace macrodyn::learn
