#pragma once
/// `macrodyn diagnose`: where a model's mean error comes from (doc/macrodyn_diagnose.md). From the
/// model and the partial dataset it was trained on, and optionally a whole-box dataset of the same
/// snapshots and the ground truth, it splits the error into
///   (a) the estimator: partial-evolution increments against whole-box increments (--whole);
///   (b) coverage: how close the training states come to the direct ensemble (--truth);
///   (c) fit: the model's drift and diffusion against its own training increments;
///   (d) time discretization: whole-box rates over the whole-box time grid (--whole);
/// and, at the direct starts (--truth), all of them together: the model's drift against the
/// direct ensemble's first slope.
#include <ostream>
#include <string>
#include <vector>

namespace macrodyn::learn {

struct DiagnoseSettings {
  std::string model;
  /// The partial datasets the model was trained on (--whole compares the first one's snapshots).
  std::vector<std::string> data;
  std::string whole; ///< optional whole-box dataset of the same snapshots
  std::string truth; ///< optional ground truth (full records with stored start snapshots)
  std::size_t bins = 8;
  double stationary_box = 3.0; ///< half-width in direct sd of the stationary check's box
  /// Fit standard errors as if every record were independent, instead of clustered by snapshot
  /// (right when a snapshot's records share nothing the model does not see, e.g. mean-field).
  bool independent = false;
  std::string output = "diagnose.csv"; ///< the fit table; the others beside it
};

void run_diagnosis(const DiagnoseSettings &settings, std::ostream &report);

} // namespace macrodyn::learn
