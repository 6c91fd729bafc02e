#pragma once
/// Training pairs (z0, z1 - z0, dt, conditions) from one or more datasets, for the method or the
/// naive baseline (doc/method.md):
///   partial: z0 = phi(x0), z1 - z0 = increment (= K (phi(x1) - phi(x0))), covariance factor K;
///   naive:   the patch is treated as the system: z0 = phi_I(x0), z1 - z0 = phi_I(x1) - phi_I(x0),
///            factor 1.
#include "core/io/dataset_reader.h"

#include <string>
#include <vector>

namespace macrodyn::learn {

enum class Target { Partial, Naive };
Target target_of(const std::string &name); ///< "partial" | "naive"
std::string name_of(Target target);

struct TrainingPairs {
  std::vector<std::string> observables, conditions;
  std::string time_unit;
  double K = 1.0;
  std::size_t n = 0;
  std::vector<double> z0, dz; ///< n x D
  std::vector<double> dt;     ///< n
  std::vector<double> cond;   ///< n x C (every condition column of the datasets)
  /// (dataset index, record index) of every pair.
  std::vector<std::pair<std::size_t, std::size_t>> source;
  std::size_t dimension() const { return observables.size(); }
  /// What a user should hear about the combination of datasets (printed by the trainer).
  std::vector<std::string> warnings;
};

/// Concatenates the partial records of datasets that share observables, conditions, K and time
/// unit (an Error names the first mismatch).
TrainingPairs make_pairs(const std::vector<DatasetContents> &datasets, Target target);

/// Keeps the observables `names` (in that order); "all" keeps every one.
void select_observables(TrainingPairs &pairs, const std::vector<std::string> &names);

/// Keeps the condition columns `names` (in that order); "auto" keeps those that vary.
void select_conditions(TrainingPairs &pairs, const std::vector<std::string> &names);

} // namespace macrodyn::learn
