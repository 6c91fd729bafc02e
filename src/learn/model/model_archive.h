#pragma once
/// model.pt: a TorchScript archive (loadable by LAMMPS styles, by macrodyn and by Python's
/// torch.jit.load) that carries its metadata as the extra file "metadata.json", so a reader can
/// inspect the metadata without loading weights (it is a plain entry of the zip archive).
#include <string>

#include <torch/script.h>

namespace macrodyn::learn {

inline constexpr const char *kMetadataEntry = "metadata.json";

/// Writes module to path with metadata_json stored beside it. Throws macrodyn::Error on I/O
/// failure.
void save_model(const torch::jit::Module &module, const std::string &path,
                const std::string &metadata_json);

struct LoadedModel {
  torch::jit::Module module;
  std::string metadata_json;
};

/// Loads a model.pt; throws macrodyn::Error naming the file when it is missing, not a TorchScript
/// archive, or has no metadata.
LoadedModel load_model(const std::string &path);

} // namespace macrodyn::learn
