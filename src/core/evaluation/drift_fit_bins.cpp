#include "core/evaluation/drift_fit_bins.h"

#include "core/base/error.h"
#include "core/evaluation/ensemble_metrics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace macrodyn {

std::vector<DriftFitBin> drift_fit_bins(const DriftFitInput &in, std::size_t binned,
                                        std::size_t bins) {
  const std::size_t n = in.n, D = in.dimension;
  require(in.z0.size() == n * D && in.dz.size() == n * D && in.dt.size() == n &&
              in.drift.size() == n * D && in.variance.size() == n * D &&
              (in.cluster.empty() || in.cluster.size() == n),
          "drift fit: inconsistent input sizes");
  require(bins >= 1 && binned <= D, "drift fit: bad bin request");
  require(n >= 2 * bins, "drift fit: " + std::to_string(n) + " records are too few for " +
                             std::to_string(bins) + " bins of at least 2");
  std::vector<DriftFitBin> rows;
  std::vector<std::size_t> order(n);
  for (std::size_t k = 0; k < binned; ++k) {
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return in.z0[a * D + k] < in.z0[b * D + k];
    });
    for (std::size_t b = 0; b < bins; ++b) {
      const std::size_t from = b * n / bins, to = (b + 1) * n / bins;
      const std::size_t m = to - from;
      for (std::size_t j = 0; j < D; ++j) {
        // Rates dz/dt for the mean; their differences from the model drift for the standard
        // error (the spread of the drift over the bin's states is common to both means and does
        // not enter); residuals dz - f dt for the variance.
        double sum = 0, model = 0, dif = 0, dif2 = 0, res = 0, res2 = 0, predicted = 0;
        for (std::size_t q = from; q < to; ++q) {
          const std::size_t i = order[q];
          const double rate = in.dz[i * D + j] / in.dt[i];
          const double r = in.dz[i * D + j] - in.drift[i * D + j] * in.dt[i];
          sum += rate, model += in.drift[i * D + j];
          dif += rate - in.drift[i * D + j], dif2 += std::pow(rate - in.drift[i * D + j], 2);
          res += r, res2 += r * r, predicted += in.variance[i * D + j] * in.dt[i];
        }
        DriftFitBin row;
        row.binned_by = k, row.observable = j, row.n = m;
        row.lo = in.z0[order[from] * D + k];
        row.hi = in.z0[order[to - 1] * D + k];
        row.empirical = sum / m;
        row.model = model / m;
        const double var = std::max(0.0, (dif2 - dif * dif / m) / (m - 1));
        row.empirical_se = std::sqrt(var / m);
        if (!in.cluster.empty()) {
          // Cluster-robust: the variance of the mean from the clusters' summed deviations.
          std::map<std::size_t, double> deviation;
          for (std::size_t q = from; q < to; ++q) {
            const std::size_t i = order[q];
            deviation[in.cluster[i]] += in.dz[i * D + j] / in.dt[i] - in.drift[i * D + j] - dif / m;
          }
          double s2 = 0;
          for (const auto &[id, d] : deviation)
            s2 += d * d;
          const double C = static_cast<double>(deviation.size());
          row.clusters = deviation.size();
          row.empirical_se = C > 1 ? std::sqrt(s2 * C / (C - 1)) / m : 0.0;
        }
        row.z = row.empirical_se > 0 ? (row.model - row.empirical) / row.empirical_se : 0.0;
        const double res_var = std::max(0.0, (res2 - res * res / m) / (m - 1));
        row.variance_ratio = predicted > 0 ? res_var / (predicted / m) : 0.0;
        rows.push_back(row);
      }
    }
  }
  return rows;
}

std::vector<DriftFitSummary> summarize_drift_fit(const std::vector<DriftFitBin> &rows,
                                                 std::size_t dimension) {
  std::vector<DriftFitSummary> out(dimension);
  std::vector<std::vector<double>> ratios(dimension);
  for (const auto &r : rows) {
    auto &s = out[r.observable];
    s.mean_z2 += r.z * r.z;
    if (std::fabs(r.z) > std::fabs(s.worst_z)) s.worst_z = r.z;
    ratios[r.observable].push_back(r.variance_ratio);
  }
  for (std::size_t j = 0; j < dimension; ++j) {
    if (ratios[j].empty()) continue;
    out[j].mean_z2 /= static_cast<double>(ratios[j].size());
    out[j].median_variance_ratio = median_of(ratios[j]);
  }
  return out;
}

} // namespace macrodyn
