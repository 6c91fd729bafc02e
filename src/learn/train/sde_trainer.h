#pragma once
/// Trains an SDE module on network-unit data: AdamW (amsgrad), mini-batches in an order keyed by
/// (seed, epoch), a validation split, a plateau learning-rate schedule, early stopping, and a
/// checkpoint after every epoch from which an interrupted run resumes exactly where it stopped
/// (resumed == uninterrupted, bit for bit). Batches are split into row shards that the ranks of an
/// MPI run and their threads compute (TrainOptions::parallel, sharded_loss.h): the model's bits
/// depend on the shard count, not on the thread or rank count, and a run may resume on other
/// counts.
#include "learn/train/network_data.h"
#include "learn/train/sharded_loss.h"

#include <cstdint>
#include <functional>
#include <string>

namespace macrodyn::learn {

struct TrainOptions {
  std::uint64_t seed = 1;
  int epochs = 200;
  int batch = 1024;
  double learning_rate = 1e-3;
  double weight_decay = 1e-4;
  double validation_fraction = 0.1;
  int lr_patience = 10;       ///< epochs without validation improvement before the lr drops
  double lr_factor = 0.5;     ///< lr *= factor on a plateau
  double min_lr = 1e-6;       ///< stop when the lr would fall below
  int stop_patience = 30;     ///< stop after this many epochs without improvement
  double eps_relative = 1e-3; ///< eps = this * smallest increment variance (network units)
  /// Shards per batch, threads and ranks (sharded_loss.h); results are deterministic for a seed
  /// and shard count. Rank 0 alone writes checkpoints (every rank reads them on resume), and
  /// on_epoch is called on every rank.
  ShardPlan parallel;
  std::string checkpoint_dir; ///< empty: no checkpoints
  /// Continue from the checkpoint in checkpoint_dir; an Error when there is none, or when it was
  /// written with another fingerprint.
  bool resume = false;
  /// What the checkpoint belongs to (data and settings, one "key: value" line each): written with
  /// every checkpoint and compared line by line on resume.
  std::string fingerprint;
  /// Called with the new checkpoint's directory before it replaces the old one, when the epoch
  /// improved the validation loss (the module then holds the best parameters): a place for a
  /// ready-to-use model (best_model.pt), which later checkpoints carry over.
  std::function<void(const std::string &directory)> on_best;
};

struct EpochReport {
  int epoch = 0, epochs = 0;
  double train_loss = 0, validation_loss = 0, learning_rate = 0;
  double samples_per_second = 0, seconds = 0, eta_seconds = 0;
  bool improved = false;
};

struct TrainResult {
  int epochs_run = 0, best_epoch = 0;
  double best_validation_loss = 0, eps = 0;
  std::string stop_reason;
  std::size_t train_size = 0, validation_size = 0;
};

/// Trains module in place and leaves the best (lowest validation loss) parameters in it.
TrainResult train_sde(torch::jit::Module &module, const NetworkData &data,
                      const TrainOptions &options,
                      const std::function<void(const EpochReport &)> &on_epoch = {});

/// The noise floor eps of the loss for these data (see TrainOptions::eps_relative).
double loss_eps(const NetworkData &data, double eps_relative);

} // namespace macrodyn::learn
