#pragma once
/// The starts of a dataset's ground-truth groups in a model's coordinates: its prescribed
/// observables at t = 0, the closure variables of the stored snapshot (the model's encoder averaged
/// over the patches) and the conditions. What `macrodyn predict` integrates from and what
/// `macrodyn diagnose` evaluates the drift at.
#include "core/io/dataset_reader.h"
#include "learn/model/sde_metadata.h"

#include <torch/script.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace macrodyn::learn {

struct GroupStarts {
  std::vector<std::uint64_t> snapshot; ///< G
  std::vector<double> initial;         ///< G x D (the model's observables)
  std::vector<double> condition;       ///< G x C (the model's conditions)
};

/// data must be read with microstates when the model has closure variables. `conditions`
/// override or supply condition values by name. Throws Error naming what is missing.
GroupStarts group_starts(const DatasetContents &data, const SdeModelInfo &info,
                         torch::jit::Module &model,
                         const std::map<std::string, double> &conditions);

} // namespace macrodyn::learn
