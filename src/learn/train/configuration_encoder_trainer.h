#pragma once
/// Trains the closure autoencoder over whole configurations (configuration_encoder.h) as the
/// partial-force study does: its reconstruction_loss (the coordinates for the MLP encoder, the
/// descriptor statistics for the local one) plus the condition penalty
/// lambda_cond * mean (kappa(J_c J_c^T) - 1)^2 on the closure rows J_c of the encoder Jacobian,
/// Adam(lr, betas 0.9 / 0.95, weight decay 1e-4), mini-batches in a keyed order.
#include <torch/script.h>

#include <cstdint>
#include <functional>

namespace macrodyn::learn {

struct EncoderTrainOptions {
  std::uint64_t seed = 1;
  int epochs = 200;
  int batch = 256;
  double learning_rate = 1e-4;
  double lambda_cond = 1e-5;
  /// The penalty on the first this many configurations of each batch (0: all): the local
  /// encoder's Jacobian is dense, and a few configurations estimate the mean penalty unbiasedly.
  int penalty_configurations = 0;
};

struct EncoderTrainResult {
  double reconstruction = 0;           ///< mean squared coordinate error, last epoch
  double condition_number_median = 0;  ///< kappa of the closure rows over the data, at the end
  double condition_number_max = 0;
};

/// x: M x 6N coordinates, masses: M x N. on_epoch(epoch, reconstruction, mean kappa).
EncoderTrainResult train_configuration_encoder(
    torch::jit::Module &encoder, const torch::Tensor &x, const torch::Tensor &masses,
    const EncoderTrainOptions &options,
    const std::function<void(int, double, double)> &on_epoch = {});

/// kappa of the closure rows of J J^T for every configuration (M).
torch::Tensor closure_condition_numbers(torch::jit::Module &encoder, const torch::Tensor &x,
                                        const torch::Tensor &masses);

} // namespace macrodyn::learn
