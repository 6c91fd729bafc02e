#include "learn/train/closure_data.h"

#include "learn/model/closure_patches.h"

#include <algorithm>

#include "core/base/error.h"
#include "core/lattice/lattice.h"
#include "core/lattice/patch_tiling.h"

#include <torch/torch.h>

#include <map>

namespace macrodyn::learn {
namespace {

torch::Tensor as_long(const std::int8_t *data, long rows, long cols) {
  return torch::from_blob(const_cast<std::int8_t *>(data), {rows, cols}, torch::kInt8)
      .to(torch::kLong);
}

std::vector<std::size_t> columns(const DatasetContents &d, const std::vector<std::string> &names) {
  std::vector<std::size_t> out;
  for (const auto &name : names) {
    const auto it = std::find(d.observables.begin(), d.observables.end(), name);
    require(it != d.observables.end(), "'" + d.path + "' has no observable '" + name + "'");
    out.push_back(it - d.observables.begin());
  }
  return out;
}

} // namespace

ClosurePatches closure_patches(const std::vector<DatasetContents> &datasets,
                               const std::vector<std::string> &observables) {
  std::vector<torch::Tensor> species, zstar;
  for (const auto &d : datasets) {
    require(d.has_microstates(), "closure variables need patch microstates: '" + d.path +
                                     "' was written without microstates yes");
    const auto cols = columns(d, observables);
    const long N = static_cast<long>(d.n_partial), D = static_cast<long>(d.dimension());
    for (const auto *micro : {&d.micro0, &d.micro1})
      species.push_back(as_long(micro->data(), N, d.n_s));
    for (const auto *phi : {&d.phi_patch0, &d.phi_patch1}) {
      auto all = torch::from_blob(const_cast<double *>(phi->data()), {N, D}, torch::kFloat64);
      zstar.push_back(all.index_select(
          1, torch::tensor(std::vector<int64_t>(cols.begin(), cols.end()), torch::kLong)));
    }
  }
  return {torch::cat(species, 0), torch::cat(zstar, 0)};
}

void append_closure(TrainingPairs &p, const std::vector<DatasetContents> &datasets,
                    torch::jit::Module &closure, Target target) {
  const int c = static_cast<int>(closure.attr("dimension").toInt());
  const std::size_t D = p.dimension();
  // Per dataset: closure of every stored snapshot, and E before/after of every record.
  std::vector<std::map<std::uint64_t, std::vector<double>>> box(datasets.size());
  std::vector<torch::Tensor> before(datasets.size()), after(datasets.size());
  for (std::size_t k = 0; k < datasets.size(); ++k) {
    const auto &d = datasets[k];
    const long N = static_cast<long>(d.n_partial);
    before[k] = encode_patches(closure, as_long(d.micro0.data(), N, d.n_s));
    after[k] = encode_patches(closure, as_long(d.micro1.data(), N, d.n_s));
    if (target == Target::Naive) continue;
    require(d.n_sites > 0 && !d.snapshot_ids.empty(),
            "'" + d.path + "' stores no whole snapshots (closure of the box needs them)");
    const Lattice lattice(parse_lattice_kind(d.lattice), d.cells, 1.0);
    require(lattice.n_sites() == d.n_sites, "'" + d.path + "': snapshots do not match the lattice");
    const PatchTiling tiling(lattice, d.patch_shape);
    for (std::size_t s = 0; s < d.snapshot_ids.size(); ++s)
      box[k][d.snapshot_ids[s]] = box_closure(closure, d.snapshots.data() + s * d.n_sites, tiling);
  }
  std::vector<double> z0, dz;
  for (std::size_t i = 0; i < p.n; ++i) {
    const auto [k, r] = p.source[i];
    const auto &d = datasets[k];
    z0.insert(z0.end(), p.z0.begin() + i * D, p.z0.begin() + (i + 1) * D);
    dz.insert(dz.end(), p.dz.begin() + i * D, p.dz.begin() + (i + 1) * D);
    const auto b = before[k][static_cast<long>(r)], a = after[k][static_cast<long>(r)];
    if (target == Target::Naive) {
      for (int j = 0; j < c; ++j)
        z0.push_back(b[j].item<double>());
    } else {
      const std::uint64_t id = d.record_snapshot.at(r);
      const auto found = box[k].find(id);
      require(found != box[k].end(), "'" + d.path + "': record " + std::to_string(r) +
                                         " belongs to snapshot " + std::to_string(id) +
                                         ", which is not stored");
      z0.insert(z0.end(), found->second.begin(), found->second.end());
    }
    for (int j = 0; j < c; ++j)
      dz.push_back(a[j].item<double>() - b[j].item<double>());
  }
  p.z0 = std::move(z0);
  p.dz = std::move(dz);
  for (int j = 0; j < c; ++j)
    p.observables.push_back("closure_" + std::to_string(j + 1));
}

} // namespace macrodyn::learn
