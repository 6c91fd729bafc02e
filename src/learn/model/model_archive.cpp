#include "learn/model/model_archive.h"

#include "core/base/checksum.h"
#include "core/base/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>

namespace macrodyn::learn {
namespace {

constexpr const char *kChecksumKey = "weights_checksum";

void add_tensor(Fnv1a &f, const std::string &name, const at::Tensor &t) {
  const auto c = t.detach().to(torch::kCPU).contiguous();
  f.add(name);
  f.add(std::string(c10::toString(c.scalar_type())));
  for (auto d : c.sizes())
    f.add(&d, sizeof d);
  f.add(c.data_ptr(), c.numel() * c.element_size());
}

} // namespace

std::string weights_checksum(const torch::jit::Module &module) {
  Fnv1a f;
  for (const auto &p : module.named_parameters(/*recurse=*/true))
    add_tensor(f, "p:" + p.name, p.value);
  for (const auto &b : module.named_buffers(/*recurse=*/true))
    add_tensor(f, "b:" + b.name, b.value);
  char text[32];
  std::snprintf(text, sizeof text, "fnv1a64:%016llx", static_cast<unsigned long long>(f.value()));
  return text;
}

void save_model(const torch::jit::Module &module, const std::string &path,
                const std::string &metadata_json) {
  std::string with_checksum;
  try {
    auto j = nlohmann::json::parse(metadata_json);
    j[kChecksumKey] = weights_checksum(module);
    with_checksum = j.dump(2);
  } catch (const nlohmann::json::exception &e) {
    throw Error("cannot write model '" + path + "': its metadata is not JSON: " + e.what());
  }
  torch::jit::ExtraFilesMap extra{{kMetadataEntry, with_checksum}};
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
  std::string recorded;
  try {
    const auto j = nlohmann::json::parse(out.metadata_json);
    if (j.contains(kChecksumKey)) recorded = j.at(kChecksumKey).get<std::string>();
  } catch (const nlohmann::json::exception &e) {
    throw Error("model '" + path + "' is damaged: its " + std::string(kMetadataEntry) +
                " is not JSON (" + e.what() + ")");
  }
  if (!recorded.empty()) {
    const std::string actual = weights_checksum(out.module);
    if (actual != recorded)
      throw Error("model '" + path + "' is damaged: its weights give checksum " + actual +
                  ", its metadata records " + recorded);
  }
  return out;
}

} // namespace macrodyn::learn
