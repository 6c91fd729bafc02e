#include "learn/train/group_starts.h"

#include "learn/model/closure_patches.h"

#include "core/base/error.h"
#include "core/evaluation/ensemble_groups.h"
#include "core/lattice/lattice.h"
#include "core/lattice/patch_tiling.h"

#include <algorithm>
#include <memory>

namespace macrodyn::learn {

GroupStarts group_starts(const DatasetContents &data, const SdeModelInfo &info,
                         torch::jit::Module &model,
                         const std::map<std::string, double> &conditions) {
  const std::string &path = data.path;
  const bool closure = !info.closure.empty();
  require(data.n_full > 0, "'" + path +
                               "' holds no full-evolution records to start from (write "
                               "them with fix partial/evolve mode full, or give a CSV)");
  // Closure variables of a group's initial state come from its stored snapshot.
  std::unique_ptr<Lattice> lattice;
  std::unique_ptr<PatchTiling> tiling;
  torch::jit::Module encoder;
  if (closure) {
    require(!data.snapshot_ids.empty(),
            "the model has closure variables: '" + path +
                "' must store its snapshots (fix partial/evolve ... microstates yes)");
    lattice = std::make_unique<Lattice>(parse_lattice_kind(data.lattice), data.cells, 1.0);
    tiling = std::make_unique<PatchTiling>(*lattice, data.patch_shape);
    encoder = model.attr("closure").toModule();
  }
  const std::size_t prescribed = info.observables.size() - info.closure.size();
  std::vector<std::size_t> column;
  for (std::size_t k = 0; k < prescribed; ++k) {
    const auto &name = info.observables[k];
    const auto it = std::find(data.observables.begin(), data.observables.end(), name);
    require(it != data.observables.end(), "'" + path + "' has no observable '" + name + "'");
    column.push_back(it - data.observables.begin());
  }
  GroupStarts out;
  for (const auto &g : ensemble_groups(data)) {
    out.snapshot.push_back(g.snapshot);
    for (std::size_t k : column)
      out.initial.push_back(g.initial[k]);
    if (closure) {
      const auto at = std::find(data.snapshot_ids.begin(), data.snapshot_ids.end(), g.snapshot);
      require(at != data.snapshot_ids.end(),
              "'" + path + "' does not store snapshot " + std::to_string(g.snapshot));
      const auto c = box_closure(
          encoder, data.snapshots.data() + (at - data.snapshot_ids.begin()) * data.n_sites,
          *tiling);
      out.initial.insert(out.initial.end(), c.begin(), c.end());
    }
    for (const auto &name : info.conditions) {
      if (conditions.count(name)) {
        out.condition.push_back(conditions.at(name));
        continue;
      }
      const auto it = std::find(data.conditions.begin(), data.conditions.end(), name);
      require(it != data.conditions.end(), "'" + path + "' has no condition '" + name + "'");
      out.condition.push_back(g.condition[it - data.conditions.begin()]);
    }
  }
  return out;
}

} // namespace macrodyn::learn
