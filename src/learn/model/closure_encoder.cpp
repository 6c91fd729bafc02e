#include "learn/model/closure_encoder.h"

#include "learn/model/closure_patches.h"
#include "learn/model/model_archive.h"

#include "core/base/error.h"
#include "core/lattice/patch_tiling.h"

#include <nlohmann/json.hpp>

namespace macrodyn::learn {

struct ClosureEncoder::Module {
  torch::jit::Module closure;
};

ClosureEncoder::ClosureEncoder(const std::string &path)
    : module_(std::make_unique<Module>()), path_(path) {
  auto loaded = load_model(path);
  try {
    const auto j = nlohmann::json::parse(loaded.metadata_json);
    require(j.value("kind", "") == "macrodyn-sde", "model '" + path + "' is not a macrodyn SDE");
    if (j.contains("closure") && j.at("closure").is_array())
      closure_ = j.at("closure").get<std::vector<std::string>>();
    require(!closure_.empty(), "model '" + path + "' has no closure variables");
    prescribed_ = j.at("prescribed").get<std::vector<std::string>>();
    const auto &system = j.at("system");
    lattice_ = system.at("lattice").get<std::string>();
    species_ = system.at("species").get<std::vector<std::string>>();
    const auto cells = system.at("cells").get<std::vector<int>>();
    const auto shape = system.at("patch_shape").get<std::vector<int>>();
    sites_ = j.at("closure_model").at("sites").get<int>();
    for (int d = 0; d < 3; ++d)
      patch_cells_[d] = cells.at(d) / shape.at(d);
  } catch (const nlohmann::json::exception &e) {
    throw Error("model '" + path + "' has unreadable metadata: " + e.what());
  }
  module_->closure = loaded.module.attr("closure").toModule();
}

ClosureEncoder::~ClosureEncoder() = default;

void ClosureEncoder::check(const Lattice &lattice, const std::vector<std::string> &species) const {
  const std::string kind = lattice_kind_name(lattice.kind());
  require(kind == lattice_, "model '" + path_ + "' was trained on a " + lattice_ +
                                " lattice, this system is " + kind);
  auto join = [](const std::vector<std::string> &v) {
    std::string s;
    for (const auto &x : v)
      s += (s.empty() ? "" : " ") + x;
    return s;
  };
  require(species == species_, "model '" + path_ + "' has species (" + join(species_) +
                                   "), this system (" + join(species) + ")");
  for (int d = 0; d < 3; ++d)
    require(lattice.cells()[d] % patch_cells_[d] == 0,
            "model '" + path_ + "' encodes patches of " + std::to_string(patch_cells_[0]) + "x" +
                std::to_string(patch_cells_[1]) + "x" + std::to_string(patch_cells_[2]) +
                " cells, which do not tile this box of " + std::to_string(lattice.cells()[0]) +
                "x" + std::to_string(lattice.cells()[1]) + "x" +
                std::to_string(lattice.cells()[2]) + " cells");
}

std::vector<double> ClosureEncoder::evaluate(const Lattice &lattice, const Configuration &config) {
  std::array<int, 3> counts{};
  for (int d = 0; d < 3; ++d)
    counts[d] = lattice.cells()[d] / patch_cells_[d];
  const PatchTiling tiling(lattice, counts);
  require(static_cast<int>(tiling.sites_per_patch()) == sites_,
          "model '" + path_ + "' encodes patches of " + std::to_string(sites_) + " sites, not " +
              std::to_string(tiling.sites_per_patch()));
  return box_closure(module_->closure, config.data(), tiling);
}

} // namespace macrodyn::learn
