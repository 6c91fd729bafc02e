#pragma once
/// Everything `macrodyn train` can be told, with its defaults, and how a TOML configuration file
/// sets it (doc/tools.md lists the keys). Command-line options override the file.
#include <cstdint>
#include <string>
#include <vector>

namespace macrodyn::learn {

struct TrainSettings {
  std::vector<std::string> datasets;
  std::string output = "model.pt";
  std::string target = "partial";              ///< partial | naive
  std::vector<std::string> observables{"all"}; ///< observables to model; all: every column
  std::vector<std::string> conditions{"auto"}; ///< condition columns; auto: those that vary
  int closure = 0;                             ///< closure variables (0: none)
  std::vector<int> closure_hidden{64};         ///< autoencoder hidden widths
  int closure_epochs = 30;
  std::string drift = "mlp";      ///< mlp | onsager
  std::string diffusion = "diag"; ///< diag-const | full-const | diag | full
  /// auto | global | log-linear | arrhenius: how the time unit of the networks depends on the
  /// conditions (sde_spec.h ClockKind; auto: log-linear when dt varies >= 2x with them).
  std::string clock = "auto";
  std::vector<int> hidden{64, 64, 64};
  int condition_embedding = 8;
  std::uint64_t seed = 1;
  /// Row shards per batch (sharded_loss.h): the unit of data parallelism over threads and MPI
  /// ranks. The model's bits depend on the seed and the shard count, never on threads or ranks.
  int shards = 2;
  /// CPU threads of each process, computing whole shards concurrently (speed-up in
  /// bench/bench_train).
  int threads = 1;
  int epochs = 200;
  int batch = 1024;
  double learning_rate = 1e-3;
  double weight_decay = 1e-4;
  double validation = 0.1;
  int lr_patience = 10;
  double lr_factor = 0.5;
  double min_lr = 1e-6;
  int stop_patience = 30;
  double eps_relative = 1e-3;
  std::string checkpoint; ///< default: <output>.checkpoint
  bool resume = false;
  std::string log; ///< CSV log; default: <output>.log.csv
  bool quiet = false;
};

/// Reads a TOML file into settings (keys as in TrainSettings; unknown keys and wrong types are
/// errors naming the key and the file).
void read_train_config(const std::string &path, TrainSettings &settings);

} // namespace macrodyn::learn
