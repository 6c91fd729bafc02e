#pragma once
/// Trains the closure autoencoder on patch microstates (species per site) with their prescribed
/// patch observables: AdamW, mini-batches in a keyed order, a validation split, the best epoch
/// kept. Reports the reconstruction cross entropy per site against that of a model that knows
/// only the species frequencies (what the closure has to beat).
#include <torch/script.h>

#include <cstdint>
#include <functional>

namespace macrodyn::learn {

struct ClosureTrainOptions {
  std::uint64_t seed = 1;
  int epochs = 50;
  int batch = 256;
  double learning_rate = 1e-3;
  double validation_fraction = 0.1;
};

struct ClosureTrainResult {
  double best_validation_loss = 0; ///< cross entropy per site (nats)
  double frequency_baseline = 0;   ///< cross entropy of the species frequencies alone
  int best_epoch = 0;
};

/// x: N x n_s (long species codes, -1 vacancy); zstar: N x D.
ClosureTrainResult train_closure(torch::jit::Module &module, const torch::Tensor &x,
                                 const torch::Tensor &zstar, const ClosureTrainOptions &options,
                                 const std::function<void(int, double, double)> &on_epoch = {});

} // namespace macrodyn::learn
