#pragma once
/// model.pt: a TorchScript archive (loadable by LAMMPS styles, by macrodyn and by Python's
/// torch.jit.load) that carries its metadata as the extra file "metadata.json", so a reader can
/// inspect the metadata without loading weights (it is a plain entry of the zip archive).
#include <string>

#include <torch/script.h>

namespace macrodyn::learn {

inline constexpr const char *kMetadataEntry = "metadata.json";

/// Writes module to path with metadata_json stored beside it, adding to it "weights_checksum":
/// a checksum of every parameter and buffer (names, types, shapes and bytes), which load_model
/// verifies, so that a damaged file is an error rather than other numbers. Throws
/// macrodyn::Error on I/O failure.
void save_model(const torch::jit::Module &module, const std::string &path,
                const std::string &metadata_json);

struct LoadedModel {
  torch::jit::Module module;
  std::string metadata_json;
};

/// Loads a model.pt; throws macrodyn::Error naming the file when it is missing, not a TorchScript
/// archive, has no metadata, or its weights do not match their checksum (models written before
/// the checksum existed load without the check).
LoadedModel load_model(const std::string &path);

/// The checksum save_model records ("fnv1a64:<16 hex digits>").
std::string weights_checksum(const torch::jit::Module &module);

} // namespace macrodyn::learn
