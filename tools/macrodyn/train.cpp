#include "subcommands.h"

namespace macrodyn::cli {

void add_train(CLI::App &app) {
  auto *cmd = app.add_subcommand("train", "Learn closure variables and an SDE from dataset(s)");
  auto datasets = std::make_shared<std::vector<std::string>>();
  auto output = std::make_shared<std::string>("model.pt");
  auto config = std::make_shared<std::string>();
  cmd->add_option("datasets", *datasets, "dataset.h5 file(s) written by fix partial/evolve")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", *output, "model archive to write")->capture_default_str();
  cmd->add_option("-c,--config", *config, "hyperparameters (TOML)")->check(CLI::ExistingFile);
  // The callback owns the option storage, so it lives as long as the app.
  cmd->callback([datasets, output, config] { not_yet_available("train"); });
}

} // namespace macrodyn::cli
