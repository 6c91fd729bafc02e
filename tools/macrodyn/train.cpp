#include "subcommands.h"

#include "learn/train/train_pipeline.h"

#include <iostream>
#include <limits>

namespace macrodyn::cli {

void add_train(CLI::App &app) {
  auto *cmd = app.add_subcommand(
      "train", "Learn an SDE for the observables of dataset(s) written by fix partial/evolve");
  // Values given on the command line land in `given`; the callback starts from the defaults,
  // applies the configuration file, then every option that was given (the command line wins).
  auto given = std::make_shared<learn::TrainSettings>();
  auto config = std::make_shared<std::string>();
  auto overrides = std::make_shared<
      std::vector<std::pair<CLI::Option *, std::function<void(learn::TrainSettings &)>>>>();
  auto add = [&](CLI::Option *option, auto member) {
    overrides->emplace_back(
        option, [given, member](learn::TrainSettings &s) { s.*member = (*given).*member; });
    return option;
  };
  add(cmd->add_option("datasets", given->datasets, "dataset.h5 file(s)")->check(CLI::ExistingFile),
      &learn::TrainSettings::datasets);
  cmd->add_option("-c,--config", *config,
                  "hyperparameters (TOML; keys as the long options, with _)")
      ->check(CLI::ExistingFile);
  add(cmd->add_option("-o,--output", given->output, "model archive to write (default model.pt)"),
      &learn::TrainSettings::output);
  add(cmd->add_option("--target", given->target, "partial (the method) or naive (baseline)")
          ->check(CLI::IsMember({"partial", "naive"})),
      &learn::TrainSettings::target);
  add(cmd->add_option("--observables", given->observables,
                      "observables to model, by name (default all)"),
      &learn::TrainSettings::observables);
  add(cmd->add_option("--conditions", given->conditions,
                      "condition columns to condition on (default auto: those that vary)"),
      &learn::TrainSettings::conditions);
  add(cmd->add_option("--closure", given->closure,
                      "closure variables learned from patch microstates (default 0)"),
      &learn::TrainSettings::closure);
  add(cmd->add_option("--closure-hidden", given->closure_hidden, "autoencoder hidden widths"),
      &learn::TrainSettings::closure_hidden);
  add(cmd->add_option("--closure-epochs", given->closure_epochs, "autoencoder epochs (default 30)"),
      &learn::TrainSettings::closure_epochs);
  add(cmd->add_option("--drift", given->drift, "mlp or onsager (S-OnsagerNet)")
          ->check(CLI::IsMember({"mlp", "onsager"})),
      &learn::TrainSettings::drift);
  add(cmd->add_option("--diffusion", given->diffusion, "diag-const, full-const, diag or full")
          ->check(CLI::IsMember({"diag-const", "full-const", "diag", "full"})),
      &learn::TrainSettings::diffusion);
  add(cmd->add_option("--clock", given->clock,
                      "time unit against the conditions: auto (default), global, log-linear or "
                      "arrhenius (conditions are temperatures)")
          ->check(CLI::IsMember({"auto", "global", "log-linear", "arrhenius"})),
      &learn::TrainSettings::clock);
  add(cmd->add_option("--hidden", given->hidden, "hidden layer widths (default 64 64 64)"),
      &learn::TrainSettings::hidden);
  add(cmd->add_option("--condition-embedding", given->condition_embedding, "embedding width"),
      &learn::TrainSettings::condition_embedding);
  add(cmd->add_option("--seed", given->seed, "random seed (default 1)"),
      &learn::TrainSettings::seed);
  add(cmd->add_option("--threads", given->threads, "CPU threads per process (default 1)")
          ->check(CLI::PositiveNumber),
      &learn::TrainSettings::threads);
  add(cmd->add_option("--shards", given->shards,
                      "row shards per batch, shared by threads and MPI ranks; the model depends "
                      "on it, not on threads or ranks (default 2)")
          ->check(CLI::PositiveNumber),
      &learn::TrainSettings::shards);
  add(cmd->add_option("--epochs", given->epochs, "maximum epochs (default 200)")
          ->check(CLI::Range(1, std::numeric_limits<int>::max())),
      &learn::TrainSettings::epochs);
  add(cmd->add_option("--batch", given->batch, "batch size (default 1024)")
          ->check(CLI::PositiveNumber),
      &learn::TrainSettings::batch);
  add(cmd->add_option("--lr", given->learning_rate, "initial learning rate (default 1e-3)")
          ->check(finite_number(true)),
      &learn::TrainSettings::learning_rate);
  add(cmd->add_option("--weight-decay", given->weight_decay, "AdamW weight decay (default 1e-4)")
          ->check(finite_number(false)),
      &learn::TrainSettings::weight_decay);
  add(cmd->add_option("--validation", given->validation, "validation fraction (default 0.1)")
          ->check(finite_number(false) & CLI::Range(0.0, 0.9)),
      &learn::TrainSettings::validation);
  add(cmd->add_option("--lr-patience", given->lr_patience,
                      "epochs before the lr drops (default 10)"),
      &learn::TrainSettings::lr_patience);
  add(cmd->add_option("--stop-patience", given->stop_patience,
                      "epochs without improvement before stopping (default 30)"),
      &learn::TrainSettings::stop_patience);
  add(cmd->add_option("--checkpoint", given->checkpoint,
                      "checkpoint directory (default <output>.checkpoint)"),
      &learn::TrainSettings::checkpoint);
  add(cmd->add_flag("--resume", given->resume, "continue from the checkpoint"),
      &learn::TrainSettings::resume);
  add(cmd->add_option("--log", given->log, "CSV log (default <output>.log.csv)"),
      &learn::TrainSettings::log);
  add(cmd->add_flag("-q,--quiet", given->quiet, "no progress lines"), &learn::TrainSettings::quiet);
  cmd->callback([config, overrides] {
    learn::TrainSettings settings;
    if (!config->empty()) learn::read_train_config(*config, settings);
    for (const auto &[option, apply] : *overrides)
      if (option->count() > 0) apply(settings);
    if (settings.datasets.empty())
      throw Exit{2, "macrodyn train: no dataset given (on the command line or as datasets = "
                    "[...] in the configuration)"};
    learn::run_training(settings, std::cout);
  });
}

} // namespace macrodyn::cli
