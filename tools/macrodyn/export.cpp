#include "subcommands.h"

namespace macrodyn::cli {

void add_export(CLI::App &app) {
  auto *cmd =
      app.add_subcommand("export", "Write a TorchScript model.pt from a training checkpoint");
  auto checkpoint = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>("model.pt");
  cmd->add_option("checkpoint", *checkpoint, "training checkpoint")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", *output, "model archive to write")->capture_default_str();
  // The callback owns the option storage, so it lives as long as the app.
  cmd->callback([checkpoint, output] { not_yet_available("export"); });
}

} // namespace macrodyn::cli
