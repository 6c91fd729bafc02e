#pragma once
/// Parts (a) and (d) of the bias decomposition (`macrodyn diagnose`): is the partial-evolution
/// estimator right, and how large is the finite-dt bias of E[dz]/dt? A partial dataset and a
/// whole-box dataset (fix partial/evolve mode full) taken from the same snapshots (the same pool)
/// are compared snapshot by snapshot: the mean partial increment rate K (phi(x1) - phi(x0)) / dt
/// against the mean whole-box rate (phi(t) - phi(0)) / t at the whole-box time t closest to dt.
/// The whole-box rates at every time of its grid show the finite-dt bias: for t -> 0 they tend
/// to the drift, and their change with t is what a drift fitted at the data's dt inherits.
#include "core/io/dataset_reader.h"

#include <cstdint>
#include <vector>

namespace macrodyn {

/// One snapshot and observable: the partial estimate against the whole-box increment.
struct EstimatorRow {
  std::uint64_t snapshot = 0;
  std::size_t observable = 0;
  double dt = 0;      ///< mean dt of the partial records
  double t_whole = 0; ///< the whole-box time compared with
  std::size_t n_partial = 0, n_whole = 0;
  double partial = 0, partial_se = 0; ///< mean K (phi(x1) - phi(x0)) / dt
  double whole = 0, whole_se = 0;     ///< mean (phi(t) - phi(0)) / t
  double z = 0;                       ///< (partial - whole) / sqrt(partial_se^2 + whole_se^2)
};

/// The whole-box rate at one time of the grid, pooled over the snapshots.
struct FiniteDtRow {
  std::size_t observable = 0;
  double t = 0;
  double rms_rate = 0; ///< root mean square over snapshots of their mean (phi(t) - phi(0)) / t
  /// sum_s p_s r_s(t) / sum_s p_s r_s(t_1) over the snapshots s, with r_s the whole-box rates
  /// and p_s the (independent) partial rates as weights: 1 without finite-dt bias, 0.9 when the
  /// rates at t are 10 % smaller than at the first time t_1 of the grid.
  double ratio_to_first = 0;
  /// Its standard error from the whole-box runs' noise (delta method; the correlation of the rates
  /// at t and t_1, which share their runs, is left out, so the error is an upper estimate).
  double ratio_se = 0;
};

struct EstimatorSummary {
  double mean_difference = 0, mean_difference_se = 0; ///< mean over snapshots of partial - whole
  double rms_whole = 0; ///< rms over snapshots of the whole-box rate (the drift's size)
  double mean_z2 = 0;   ///< about 1 when the estimator is unbiased
  double worst_z = 0;
};

struct EstimatorCheck {
  std::vector<EstimatorRow> rows;
  std::vector<FiniteDtRow> finite_dt;
  std::vector<EstimatorSummary> summary; ///< per observable
};

/// Compares the snapshots that both datasets hold (an Error when none, or when the observables
/// differ). Needs at least 2 partial records and 2 whole runs of a snapshot to use it.
EstimatorCheck check_estimator(const DatasetContents &partial, const DatasetContents &whole);

} // namespace macrodyn
