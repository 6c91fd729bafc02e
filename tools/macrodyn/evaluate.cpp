#include "subcommands.h"

namespace macrodyn::cli {

void add_evaluate(CLI::App &app) {
  auto *cmd = app.add_subcommand("evaluate", "Compare predicted ensembles with ground truth");
  auto predicted = std::make_shared<std::string>();
  auto truth = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>("metrics.csv");
  cmd->add_option("predicted", *predicted, "trajectories.h5 from macrodyn predict")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("truth", *truth, "dataset.h5 with full-evolution records")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", *output, "metrics to write (CSV)")->capture_default_str();
  // The callback owns the option storage, so it lives as long as the app.
  cmd->callback([predicted, truth, output] { not_yet_available("evaluate"); });
}

} // namespace macrodyn::cli
