#pragma once
/// Trains a latent ODE dz/dt = g(z) (an SDE module with diffusion none, sde_module.h) on the
/// per-configuration quadratic forms of force_projection.h: loss = mean over configurations of
/// c0 - 2 a.g + g^T Q g, which is L_{x,p}, L_x or L_z by construction of the forms. AdamW
/// (amsgrad, no weight decay), the learning rate halved when the epoch loss has not improved
/// for `patience` epochs (down to min_learning_rate), mini-batches in a keyed order; the best
/// epoch's weights are kept.
#include "learn/train/force_projection.h"

#include <cstdint>
#include <functional>

namespace macrodyn::learn {

struct OdeTrainOptions {
  std::uint64_t seed = 1;
  int epochs = 200;
  int batch = 512;
  double learning_rate = 1e-3;
  int patience = 20;
  double min_learning_rate = 1e-5;
};

struct OdeTrainResult {
  double best_loss = 0; ///< epoch-mean loss of the kept weights
  int best_epoch = 0;
};

OdeTrainResult train_latent_ode(torch::jit::Module &ode, const ForceProjection &data,
                                const OdeTrainOptions &options,
                                const std::function<void(int, double, double)> &on_epoch = {});

/// Mean loss of the module's drift over the data (no gradients).
double latent_ode_loss(torch::jit::Module &ode, const ForceProjection &data);

/// The drift that minimizes each configuration's form alone, g* = Q^+ a (B x d): for L_z the
/// exact dz/dt = J f, for L_{x,p} a noisy single-configuration estimate. Sets the scale of g.
torch::Tensor per_configuration_drift(const ForceProjection &data);

/// Rows `index` of every tensor of a projection.
ForceProjection rows_of(const ForceProjection &data, const torch::Tensor &index);
/// The projections one after another.
ForceProjection concatenate(const std::vector<ForceProjection> &parts);

} // namespace macrodyn::learn
