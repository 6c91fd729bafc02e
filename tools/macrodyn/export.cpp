#include "subcommands.h"

#include "core/base/error.h"
#include "learn/model/model_archive.h"

#include <filesystem>
#include <iostream>

namespace macrodyn::cli {

void add_export(CLI::App &app) {
  auto *cmd = app.add_subcommand(
      "export",
      "Write model.pt from a training checkpoint (the best model so far, e.g. after a kill)");
  auto checkpoint = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>("model.pt");
  cmd->add_option("checkpoint", *checkpoint,
                  "checkpoint directory of macrodyn train (default <output>.checkpoint)")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("-o,--output", *output, "model archive to write")->capture_default_str();
  cmd->callback([checkpoint, output] {
    const auto best = std::filesystem::path(*checkpoint) / "best_model.pt";
    if (!std::filesystem::exists(best))
      throw Error("checkpoint '" + *checkpoint +
                  "' holds no best_model.pt (no epoch has completed yet)");
    const auto model = learn::load_model(best.string());
    learn::save_model(model.module, *output, model.metadata_json);
    std::cout << "macrodyn export: wrote " << *output << " from " << best.string() << "\n";
  });
}

} // namespace macrodyn::cli
