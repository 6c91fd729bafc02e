#pragma once
/// Predicted ensembles (trajectories.h5) against ground-truth ensembles (the full records of a
/// dataset.h5), group by group (same snapshot, same conditions), time by time, observable by
/// observable, on the ground truth's own scale: a bias is measured in units of the direct
/// ensemble's standard deviation at that time (never of a spread pooled over the whole
/// relaxation, which hides biases behind the transient), and as a z-score with both ensembles'
/// standard errors, so that noise and error can be told apart (doc/macrodyn_predict_evaluate.md).
#include "core/io/dataset_reader.h"
#include "core/io/trajectory_file.h"

#include <functional>

namespace macrodyn {

struct EvaluationRow {
  std::size_t group = 0;
  std::uint64_t snapshot = 0;
  std::vector<double> condition; ///< the trajectories' condition columns
  double time = 0;
  std::size_t observable = 0;
  double mean_predicted = 0, mean_true = 0, std_predicted = 0, std_true = 0;
  std::size_t n_predicted = 0, n_true = 0; ///< runs in each ensemble
  double bias = 0;     ///< mean_predicted - mean_true
  double bias_sd = 0;  ///< bias / std_true (NaN where std_true = 0, e.g. at time 0)
  double z = 0;        ///< bias / sqrt(std_p^2 / n_p + std_t^2 / n_t): |z| >> 2 is not noise
  double sd_ratio = 0; ///< std_predicted / std_true
  double w1 = 0;       ///< W1(predicted, true), observable units
  double w1_floor = 0; ///< W1 between the two halves of the true ensemble: sampling noise alone
};

/// One group's trajectory of one observable as a whole.
struct EvaluationTrajectory {
  std::size_t group = 0, observable = 0;
  /// Means over the late part of the horizon (times >= half the last time): the stationary value
  /// once the transient has passed, and their difference.
  double stationary_predicted = 0, stationary_true = 0, stationary_error = 0;
  /// sum_t (mean_p - mean_t)^2 / sum_t mean_t^2 over times > 0, the published study's metric of
  /// the mean trajectory (NaN when the true mean is 0 at every time).
  double relative_squared_error = 0;
};

/// Per observable, over groups and times > 0.
struct EvaluationSummary {
  double typical_bias_sd = 0; ///< median |bias_sd|
  double worst_bias_sd = 0;   ///< max |bias_sd|
  double worst_bias_time = 0; ///< where it is
  double worst_z = 0;         ///< max |z|
  double median_sd_ratio = 0, min_sd_ratio = 0, max_sd_ratio = 0;
  double worst_stationary_error = 0;     ///< max |stationary_error| over groups (signed)
  double relative_squared_error = 0;     ///< mean over groups
  double w1_last = 0, w1_floor_last = 0; ///< means over groups at the last time, in units of std_true
};

struct Evaluation {
  std::vector<std::string> observables, conditions;
  std::vector<EvaluationRow> rows;
  std::vector<EvaluationTrajectory> trajectories;
  std::vector<EvaluationSummary> summary; ///< per observable
};

/// on_group(g, groups) is called after each predicted group (progress of long evaluations).
Evaluation evaluate_ensembles(const Trajectories &predicted, const DatasetContents &truth,
                              const std::function<void(std::size_t, std::size_t)> &on_group = {});

/// The statistics of one row from the two ensembles' values (the row's identity is left as is).
void compare_ensembles(const std::vector<double> &predicted, const std::vector<double> &truth,
                       EvaluationRow &row);
/// Trajectories and summaries of `e.rows` (rows of one group in time order, as evaluate_ensembles
/// writes them); fills e.trajectories and e.summary.
void summarize_evaluation(Evaluation &e);

} // namespace macrodyn
