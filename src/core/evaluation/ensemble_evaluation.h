#pragma once
/// Predicted ensembles (trajectories.h5) against ground-truth ensembles (the full records of a
/// dataset.h5), group by group (same snapshot, same conditions), time by time, observable by
/// observable. Errors are made dimensionless with the observable's scale: the standard deviation
/// of all its ground-truth values (every group, time and run).
#include "core/io/dataset_reader.h"
#include "core/io/trajectory_file.h"

namespace macrodyn {

struct EvaluationRow {
  std::size_t group = 0;
  std::uint64_t snapshot = 0;
  std::vector<double> condition; ///< the trajectories' condition columns
  double time = 0;
  std::size_t observable = 0;
  double mean_predicted = 0, mean_true = 0, std_predicted = 0, std_true = 0;
  double mean_error = 0; ///< |mean_p - mean_t| / scale
  double std_error =
      0; ///< |std_p - std_t| / std_t (NaN when std_t is 0 to 1e-12 of the scale, e.g. at time 0)
  double w1 = 0;       ///< W1(predicted, true) / scale
  double w1_floor = 0; ///< W1 between the two halves of the true ensemble / scale: noise level
};

struct Evaluation {
  std::vector<std::string> observables, conditions;
  std::vector<double> scale; ///< per observable
  std::vector<EvaluationRow> rows;
};

Evaluation evaluate_ensembles(const Trajectories &predicted, const DatasetContents &truth);

} // namespace macrodyn
