#include "learn/model/model_archive.h"

#include "core/base/error.h"

#include <fstream>

namespace macrodyn::learn {

void save_model(const torch::jit::Module &module, const std::string &path,
                const std::string &metadata_json) {
  torch::jit::ExtraFilesMap extra{{kMetadataEntry, metadata_json}};
  try {
    module.save(path, extra);
  } catch (const c10::Error &e) {
    throw Error("cannot write model '" + path + "': " + e.what_without_backtrace());
  }
}

LoadedModel load_model(const std::string &path) {
  if (!std::ifstream(path).good()) throw Error("cannot open model '" + path + "'");
  torch::jit::ExtraFilesMap extra{{kMetadataEntry, ""}};
  LoadedModel out;
  try {
    out.module = torch::jit::load(path, c10::nullopt, extra);
  } catch (const c10::Error &e) {
    throw Error("'" + path + "' is not a TorchScript model archive: " + e.what_without_backtrace());
  }
  out.metadata_json = extra[kMetadataEntry];
  if (out.metadata_json.empty())
    throw Error("model '" + path + "' carries no " + std::string(kMetadataEntry) +
                "; it was not written by macrodyn");
  return out;
}

} // namespace macrodyn::learn
