#pragma once
/// The ground-truth ensembles of a dataset: its full records grouped by initial configuration
/// (snapshot id) and conditions. Every run of a group starts from the same phi(x0).
#include "core/io/dataset_reader.h"

namespace macrodyn {

struct EnsembleGroup {
  std::uint64_t snapshot = 0;
  std::vector<double> condition; ///< C values
  std::vector<double> initial;   ///< phi at time 0 (D values)
  std::vector<std::size_t> runs; ///< indices of the full records
};

/// Groups in order of first appearance.
std::vector<EnsembleGroup> ensemble_groups(const DatasetContents &data);

/// The values of observable k at time index t of every run of a group.
std::vector<double> ensemble_values(const DatasetContents &data, const EnsembleGroup &group,
                                    std::size_t t, std::size_t k);

} // namespace macrodyn
