#include "learn/train/training_pairs.h"

#include "core/base/error.h"

#include <algorithm>

namespace macrodyn::learn {

Target target_of(const std::string &name) {
  if (name == "partial") return Target::Partial;
  if (name == "naive") return Target::Naive;
  throw Error("unknown target '" + name + "' (expected partial or naive)");
}

std::string name_of(Target target) {
  return target == Target::Partial ? "partial" : "naive";
}

namespace {

std::string joined(const std::vector<std::string> &v) {
  std::string out;
  for (const auto &s : v)
    out += (out.empty() ? "" : " ") + s;
  return out;
}

} // namespace

TrainingPairs make_pairs(const std::vector<DatasetContents> &datasets, Target target) {
  require(!datasets.empty(), "no dataset given");
  TrainingPairs p;
  const auto &first = datasets.front();
  p.observables = first.observables;
  p.conditions = first.conditions;
  p.time_unit = first.time_unit;
  p.K = target == Target::Partial ? first.K : 1.0;
  const std::size_t D = p.observables.size(), C = p.conditions.size();
  for (std::size_t which = 0; which < datasets.size(); ++which) {
    const auto &d = datasets[which];
    require(d.observables == p.observables, "dataset '" + d.path + "' has observables (" +
                                                joined(d.observables) + "), '" + first.path +
                                                "' has (" + joined(p.observables) + ")");
    require(d.conditions == p.conditions,
            "dataset '" + d.path + "' has other condition columns than '" + first.path + "'");
    require(d.time_unit == p.time_unit,
            "dataset '" + d.path + "' has time unit " + d.time_unit + ", not " + p.time_unit);
    require(target == Target::Naive || d.K == first.K,
            "dataset '" + d.path + "' has K = " + std::to_string(d.K) + ", '" + first.path +
                "' has K = " + std::to_string(first.K) + "; train them separately");
    // One system, seen under several conditions, is what a model learns: other lattices, species
    // or patches are errors; another energy model (its first word: ising, curie-weiss, pairs,
    // eam, learned) is most likely a mix-up, said aloud.
    require(d.lattice == first.lattice && d.species == first.species && d.n_s == first.n_s,
            "dataset '" + d.path + "' is of another system than '" + first.path + "' (lattice " +
                d.lattice + ", species " + joined(d.species) + ", " + std::to_string(d.n_s) +
                " sites per patch against " + first.lattice + ", " + joined(first.species) + ", " +
                std::to_string(first.n_s) + "); train them separately");
    const auto kind = [](const std::string &model) { return model.substr(0, model.find(' ')); };
    if (kind(d.energy_model) != kind(first.energy_model))
      p.warnings.push_back("dataset '" + d.path + "' was made with another energy model (" +
                           d.energy_model + ") than '" + first.path + "' (" +
                           first.energy_model + "): they are trained as one system");
    for (std::size_t i = 0; i < d.n_partial; ++i) {
      if (d.dt[i] <= 0) continue; // an event cap hit before any time passed: no information
      for (std::size_t k = 0; k < D; ++k) {
        const std::size_t at = i * D + k;
        if (target == Target::Partial) {
          p.z0.push_back(d.phi0[at]);
          p.dz.push_back(d.increment[at]);
        } else {
          p.z0.push_back(d.phi_patch0[at]);
          p.dz.push_back(d.phi_patch1[at] - d.phi_patch0[at]);
        }
      }
      p.dt.push_back(d.dt[i]);
      p.source.emplace_back(which, i);
      p.cond.insert(p.cond.end(), d.condition.begin() + i * C, d.condition.begin() + (i + 1) * C);
      ++p.n;
    }
  }
  require(p.n > 0, "the datasets hold no partial-evolution records");
  return p;
}

void select_observables(TrainingPairs &p, const std::vector<std::string> &names) {
  if (names.size() == 1 && names[0] == "all") return;
  require(!names.empty(), "no observable selected");
  const std::size_t D = p.observables.size();
  std::vector<std::size_t> keep;
  for (const auto &name : names) {
    const auto it = std::find(p.observables.begin(), p.observables.end(), name);
    require(it != p.observables.end(),
            "no observable '" + name + "' (the data have: " + joined(p.observables) + ")");
    keep.push_back(static_cast<std::size_t>(it - p.observables.begin()));
  }
  std::vector<double> z0, dz;
  for (std::size_t i = 0; i < p.n; ++i)
    for (std::size_t k : keep) {
      z0.push_back(p.z0[i * D + k]);
      dz.push_back(p.dz[i * D + k]);
    }
  p.z0 = std::move(z0);
  p.dz = std::move(dz);
  p.observables = names;
}

void select_conditions(TrainingPairs &p, const std::vector<std::string> &names) {
  const std::size_t C = p.conditions.size();
  std::vector<std::size_t> keep;
  if (names.size() == 1 && names[0] == "auto") {
    for (std::size_t j = 0; j < C; ++j) {
      bool varies = false;
      for (std::size_t i = 1; i < p.n && !varies; ++i)
        varies = p.cond[i * C + j] != p.cond[j];
      if (varies) keep.push_back(j);
    }
  } else {
    for (const auto &name : names) {
      const auto it = std::find(p.conditions.begin(), p.conditions.end(), name);
      require(it != p.conditions.end(),
              "no condition column '" + name + "' (the data have: " + joined(p.conditions) + ")");
      keep.push_back(static_cast<std::size_t>(it - p.conditions.begin()));
    }
  }
  std::vector<double> cond;
  cond.reserve(p.n * keep.size());
  for (std::size_t i = 0; i < p.n; ++i)
    for (std::size_t j : keep)
      cond.push_back(p.cond[i * C + j]);
  std::vector<std::string> kept;
  for (std::size_t j : keep)
    kept.push_back(p.conditions[j]);
  p.cond = std::move(cond);
  p.conditions = std::move(kept);
}

} // namespace macrodyn::learn
