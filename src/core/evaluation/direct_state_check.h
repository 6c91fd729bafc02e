#pragma once
/// Part (b) of the bias decomposition and its sum at the direct runs' starts (`macrodyn
/// diagnose`):
///  - at each ground-truth start, the model's drift against the direct ensemble's first slope
///    (mean phi(t1) - phi(0)) / t1, the one place where the direct microstate (and hence its
///    closure) is stored: estimator, coverage, fit and discretization errors together;
///  - coverage: how close the training states come to the direct ensemble at every time, in
///    units of the direct ensemble's own sd, and where each start's closure values rank among
///    the training states (near 0 or 1: the model extrapolates).
#include "core/evaluation/ensemble_groups.h"

#include <vector>

namespace macrodyn {

struct StartDriftRow {
  std::size_t group = 0, observable = 0;
  double start = 0;         ///< the start's value (closure: from its stored snapshot)
  double training_rank = 0; ///< fraction of training states below the start's value
  double model = 0;         ///< the model's drift at the start
  bool has_direct = false;  ///< prescribed observables only (the truth holds no closure)
  double t1 = 0, direct = 0, direct_se = 0, z = 0; ///< first direct slope; (model - direct) / se
};

struct CoverageRow {
  std::size_t group = 0;
  double time = 0;
  /// The training state nearest to the direct mean, in direct sd units: the largest over the
  /// prescribed observables of |z0_k - mean_k| / sd_k, minimized over the training states.
  double nearest = 0;
  std::size_t within_sd =
      0; ///< training states within one direct sd in every prescribed observable
};

/// The direct ensemble's late state over the groups `members`: mean and sd of each of the first P
/// observables over their runs and the times of the late half of the horizon, pooled. A
/// stationary state only when the starts have forgotten where they began: `stationary` is false
/// when, for some observable, the starts' late means differ by more than the largest spread
/// within one start.
struct DirectLateState {
  std::vector<double> mean, sd; ///< P each
  bool stationary = true;
};
DirectLateState direct_late_state(const DatasetContents &truth,
                                  const std::vector<EnsembleGroup> &groups,
                                  const std::vector<std::size_t> &members, std::size_t P);

/// start: G x D starts (prescribed observables, then closure), drift: G x D model drift there;
/// training: n x D training states z0. The first P observables are the truth's (prescribed).
std::vector<StartDriftRow>
start_drift(const DatasetContents &truth, const std::vector<EnsembleGroup> &groups,
            const std::vector<double> &start, const std::vector<double> &drift,
            const std::vector<double> &training, std::size_t D, std::size_t P);

std::vector<CoverageRow> coverage(const DatasetContents &truth,
                                  const std::vector<EnsembleGroup> &groups,
                                  const std::vector<double> &training, std::size_t D,
                                  std::size_t P);

} // namespace macrodyn
