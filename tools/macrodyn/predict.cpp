#include "subcommands.h"

namespace macrodyn::cli {

void add_predict(CLI::App &app) {
  auto *cmd = app.add_subcommand("predict", "Euler-Maruyama ensembles of a learned model");
  auto model = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>("trajectories.h5");
  auto seed = std::make_shared<unsigned long>(1);
  cmd->add_option("model", *model, "model.pt written by macrodyn train")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", *output, "trajectories to write (HDF5)")->capture_default_str();
  cmd->add_option("--seed", *seed, "random seed")->capture_default_str();
  // The callback owns the option storage, so it lives as long as the app.
  cmd->callback([model, output, seed] { not_yet_available("predict"); });
}

} // namespace macrodyn::cli
