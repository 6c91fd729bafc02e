#include "core/evaluation/direct_state_check.h"

#include "core/base/error.h"
#include "core/evaluation/ensemble_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace macrodyn {

namespace {

/// Column j of the training states, sorted.
std::vector<double> sorted_column(const std::vector<double> &training, std::size_t D,
                                  std::size_t j) {
  std::vector<double> v;
  for (std::size_t i = j; i < training.size(); i += D)
    v.push_back(training[i]);
  std::sort(v.begin(), v.end());
  return v;
}

} // namespace

std::vector<StartDriftRow>
start_drift(const DatasetContents &truth, const std::vector<EnsembleGroup> &groups,
            const std::vector<double> &start, const std::vector<double> &drift,
            const std::vector<double> &training, std::size_t D, std::size_t P) {
  require(start.size() == groups.size() * D && drift.size() == groups.size() * D && P <= D &&
              P <= truth.dimension() && truth.n_times >= 2,
          "start drift: inconsistent input");
  std::vector<StartDriftRow> rows;
  for (std::size_t j = 0; j < D; ++j) {
    const auto column = sorted_column(training, D, j);
    for (std::size_t g = 0; g < groups.size(); ++g) {
      StartDriftRow row;
      row.group = g, row.observable = j;
      row.start = start[g * D + j];
      row.model = drift[g * D + j];
      row.training_rank =
          column.empty()
              ? 0.0
              : static_cast<double>(std::lower_bound(column.begin(), column.end(), row.start) -
                                    column.begin()) /
                    static_cast<double>(column.size());
      if (j < P) {
        const auto v0 = ensemble_values(truth, groups[g], 0, j);
        const auto v1 = ensemble_values(truth, groups[g], 1, j);
        row.t1 = truth.full_times[groups[g].runs.front() * truth.n_times + 1];
        std::vector<double> rate(v1.size());
        for (std::size_t r = 0; r < v1.size(); ++r)
          rate[r] = (v1[r] - v0[r]) / row.t1;
        row.has_direct = true;
        row.direct = mean_of(rate);
        row.direct_se = rate.size() > 1 ? std_of(rate) / std::sqrt(double(rate.size())) : 0.0;
        row.z = row.direct_se > 0 ? (row.model - row.direct) / row.direct_se : 0.0;
      }
      rows.push_back(row);
    }
  }
  return rows;
}

std::vector<CoverageRow> coverage(const DatasetContents &truth,
                                  const std::vector<EnsembleGroup> &groups,
                                  const std::vector<double> &training, std::size_t D,
                                  std::size_t P) {
  require(P <= D && P <= truth.dimension(), "coverage: inconsistent input");
  const std::size_t n = training.size() / D;
  std::vector<CoverageRow> rows;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (std::size_t t = 0; t < truth.n_times; ++t) {
      std::vector<double> mean(P), sd(P);
      for (std::size_t k = 0; k < P; ++k) {
        const auto v = ensemble_values(truth, groups[g], t, k);
        mean[k] = mean_of(v);
        sd[k] = std_of(v);
      }
      // The runs of a start share phi(0) (sd 0): at t = 0 distances are in the first time's sd.
      if (t == 0)
        for (std::size_t k = 0; k < P; ++k)
          sd[k] = std_of(ensemble_values(truth, groups[g], 1, k));
      CoverageRow row;
      row.group = g;
      row.time = truth.full_times[groups[g].runs.front() * truth.n_times + t];
      row.nearest = std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < n; ++i) {
        double d = 0;
        for (std::size_t k = 0; k < P; ++k)
          d = std::max(d, sd[k] > 0 ? std::fabs(training[i * D + k] - mean[k]) / sd[k]
                                    : (training[i * D + k] == mean[k] ? 0.0 : INFINITY));
        row.nearest = std::min(row.nearest, d);
        if (d <= 1.0) ++row.within_sd;
      }
      rows.push_back(row);
    }
  }
  return rows;
}

DirectLateState direct_late_state(const DatasetContents &truth,
                                  const std::vector<EnsembleGroup> &groups,
                                  const std::vector<std::size_t> &members, std::size_t P) {
  require(!members.empty() && P <= truth.dimension(), "late state: inconsistent input");
  DirectLateState s;
  s.mean.resize(P), s.sd.resize(P);
  for (std::size_t k = 0; k < P; ++k) {
    std::vector<double> late, start_means;
    double within = 0;
    for (std::size_t h : members) {
      const double *times = truth.full_times.data() + groups[h].runs.front() * truth.n_times;
      std::vector<double> mine;
      for (std::size_t t = 1; t < truth.n_times; ++t)
        if (times[t] >= 0.5 * times[truth.n_times - 1]) {
          const auto v = ensemble_values(truth, groups[h], t, k);
          mine.insert(mine.end(), v.begin(), v.end());
        }
      late.insert(late.end(), mine.begin(), mine.end());
      start_means.push_back(mean_of(mine));
      within = std::max(within, std_of(mine));
    }
    s.mean[k] = mean_of(late), s.sd[k] = std_of(late);
    const auto [lo, hi] = std::minmax_element(start_means.begin(), start_means.end());
    s.stationary = s.stationary && *hi - *lo <= within;
  }
  return s;
}

} // namespace macrodyn
