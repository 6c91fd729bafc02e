#include "subcommands.h"

#include "core/base/error.h"
#include "core/io/dataset_reader.h"
#include "core/io/hdf5_summary.h"
#include "learn/model/model_archive.h"

#include <iostream>

namespace macrodyn::cli {
namespace {

bool ends_with(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void inspect(const std::string &path) {
  if (ends_with(path, ".pt")) {
    const auto model = learn::load_model(path);
    std::cout << path << " (TorchScript model)\n  metadata: " << model.metadata_json << "\n";
  } else {
    std::cout << summarize_hdf5(path);
    try { // a dataset: its record counts, which the shapes above spread over several lines
      const auto c = count_records(path);
      std::cout << "  records: " << c.partial << " partial-evolution, " << c.full
                << " full runs of " << c.times << " times, " << c.snapshots
                << " stored snapshots\n";
    } catch (const Error &) {
      // another kind of HDF5 file: its summary says what it holds
    }
  }
}

} // namespace

void add_inspect(CLI::App &app) {
  auto *cmd = app.add_subcommand("inspect", "Summarize a dataset.h5, trajectories.h5 or model.pt");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("files", *files, "files to summarize")->required()->check(CLI::ExistingFile);
  cmd->callback([files] {
    for (const auto &f : *files)
      inspect(f);
  });
}

} // namespace macrodyn::cli
