#pragma once
/// Part (c) of the bias decomposition (`macrodyn diagnose`): does a model's drift and diffusion
/// match the empirical increments of its own training data? The records are cut into equal-count
/// bins of one prescribed observable at a time; in each bin the mean of dz/dt (with its standard
/// error) is set against the mean of the model's drift over the same records, and the variance of
/// the residual dz - f dt against the model's covariance factor * (g g^T) dt.
/// A well-fitted model has z-scores of order 1 and variance ratios near 1 in every bin.
#include <cstddef>
#include <vector>

namespace macrodyn {

struct DriftFitInput {
  std::size_t n = 0, dimension = 0;
  std::vector<double> z0, dz, dt; ///< n x D, n x D, n
  std::vector<double> drift;      ///< the model's f(z0): n x D
  std::vector<double> variance;   ///< the model's factor (g g^T)_jj at z0: n x D (per unit time)
  /// Optional cluster of each record (n; e.g. its snapshot): records of one snapshot share its
  /// hidden state, so the standard errors are then computed from cluster sums (cluster-robust),
  /// not as if every record were independent.
  std::vector<std::size_t> cluster;
};

struct DriftFitBin {
  std::size_t binned_by = 0; ///< the observable whose value defines the bin
  double lo = 0, hi = 0;     ///< its range over the bin's records
  std::size_t observable = 0, n = 0;
  double empirical = 0; ///< mean dz/dt
  /// Standard error of empirical - model: both are means over the same records, so it comes from
  /// the spread of dz/dt - f, not of dz/dt (the drift's variation over the bin cancels).
  double empirical_se = 0;
  std::size_t clusters = 0;  ///< distinct clusters in the bin (0: not clustered)
  double model = 0;          ///< mean f over the same records
  double z = 0;              ///< (model - empirical) / empirical_se
  double variance_ratio = 0; ///< var(dz - f dt) / mean(model variance * dt); 1 when right
};

struct DriftFitSummary {
  double mean_z2 = 0; ///< mean of z^2 over the bins (about 1 for a fit within the noise)
  double worst_z = 0; ///< the z of largest magnitude
  double median_variance_ratio = 0;
};

/// Bins by each of the first `binned` observables in turn, `bins` equal-count bins each.
/// Throws Error when fewer than 2 records fall in a bin.
std::vector<DriftFitBin> drift_fit_bins(const DriftFitInput &input, std::size_t binned,
                                        std::size_t bins);

/// Summary per observable (index = observable) over every bin of every binning.
std::vector<DriftFitSummary> summarize_drift_fit(const std::vector<DriftFitBin> &rows,
                                                 std::size_t dimension);

} // namespace macrodyn
