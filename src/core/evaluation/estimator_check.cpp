#include "core/evaluation/estimator_check.h"

#include "core/base/error.h"

#include <cmath>
#include <map>

namespace macrodyn {

namespace {

struct Moments {
  std::size_t n = 0;
  double sum = 0, sum2 = 0;
  void add(double x) { ++n, sum += x, sum2 += x * x; }
  double mean() const { return sum / n; }
  double se() const {
    if (n < 2) return 0;
    const double var = std::max(0.0, (sum2 - sum * sum / n) / (n - 1));
    return std::sqrt(var / n);
  }
};

} // namespace

EstimatorCheck check_estimator(const DatasetContents &partial, const DatasetContents &whole) {
  require(partial.observables == whole.observables,
          "'" + partial.path + "' and '" + whole.path + "' record different observables");
  require(partial.n_partial > 0, "'" + partial.path + "' holds no partial records");
  require(whole.n_full > 0, "'" + whole.path +
                                "' holds no whole-box records (fix partial/evolve mode full "
                                "on the same pool)");
  const std::size_t D = partial.dimension(), T = whole.n_times;
  // Partial rates per snapshot.
  std::map<std::uint64_t, std::vector<Moments>> p;
  std::map<std::uint64_t, Moments> p_dt;
  for (std::size_t i = 0; i < partial.n_partial; ++i) {
    auto &m = p[partial.record_snapshot[i]];
    m.resize(D);
    for (std::size_t j = 0; j < D; ++j)
      m[j].add(partial.increment[i * D + j] / partial.dt[i]);
    p_dt[partial.record_snapshot[i]].add(partial.dt[i]);
  }
  // Whole-box rates per snapshot and grid time (index 0 is t = 0).
  std::map<std::uint64_t, std::vector<Moments>> w; // T x D per snapshot
  std::map<std::uint64_t, std::vector<double>> w_times;
  for (std::size_t r = 0; r < whole.n_full; ++r) {
    auto &m = w[whole.full_snapshot[r]];
    m.resize(T * D);
    w_times[whole.full_snapshot[r]].assign(whole.full_times.begin() + r * T,
                                           whole.full_times.begin() + (r + 1) * T);
    const double *phi = whole.full_phi.data() + r * T * D;
    for (std::size_t t = 1; t < T; ++t) {
      const double time = whole.full_times[r * T + t];
      for (std::size_t j = 0; j < D; ++j)
        m[t * D + j].add((phi[t * D + j] - phi[j]) / time);
    }
  }
  EstimatorCheck out;
  out.summary.resize(D);
  std::vector<Moments> diff(D), whole_rate(D);
  // Per time and observable: sum of rate^2, of rate * weight, of the times.
  std::vector<std::vector<double>> r2(T, std::vector<double>(D)), r1(T, std::vector<double>(D));
  // Per snapshot (in order of use): weight^2 and the variances of the mean rates at every time.
  std::vector<std::vector<double>> w2(D), var_rate(D);
  std::vector<double> t_sum(T, 0.0);
  std::size_t used = 0;
  for (const auto &[snapshot, pm] : p) {
    const auto it = w.find(snapshot);
    if (it == w.end() || pm[0].n < 2 || it->second[D].n < 2) continue;
    ++used;
    const auto &times = w_times[snapshot];
    const double dt = p_dt[snapshot].mean();
    std::size_t best = 1;
    for (std::size_t t = 1; t < T; ++t)
      if (std::fabs(times[t] - dt) < std::fabs(times[best] - dt)) best = t;
    for (std::size_t j = 0; j < D; ++j) {
      const auto &wm = it->second[best * D + j];
      EstimatorRow row;
      row.snapshot = snapshot, row.observable = j, row.dt = dt, row.t_whole = times[best];
      row.n_partial = pm[j].n, row.n_whole = wm.n;
      row.partial = pm[j].mean(), row.partial_se = pm[j].se();
      row.whole = wm.mean(), row.whole_se = wm.se();
      const double se = std::hypot(row.partial_se, row.whole_se);
      row.z = se > 0 ? (row.partial - row.whole) / se : 0.0;
      out.rows.push_back(row);
      diff[j].add(row.partial - row.whole);
      whole_rate[j].add(row.whole * row.whole);
      auto &s = out.summary[j];
      s.mean_z2 += row.z * row.z;
      if (std::fabs(row.z) > std::fabs(s.worst_z)) s.worst_z = row.z;
      // Weighted by the snapshot's partial rate, which is independent of the whole-box runs:
      // weighting by the noisy whole-box rate at the first time itself would bias the ratio low
      // (errors in variables).
      const double weight = pm[j].mean();
      w2[j].push_back(weight * weight);
      for (std::size_t t = 1; t < T; ++t) {
        const double rate = it->second[t * D + j].mean();
        r2[t][j] += rate * rate, r1[t][j] += rate * weight;
        var_rate[j].push_back(std::pow(it->second[t * D + j].se(), 2));
        if (j == 0) t_sum[t] += times[t];
      }
    }
  }
  require(used > 0, "'" + partial.path + "' and '" + whole.path +
                        "' share no snapshot with 2 or more records each (run the whole-box "
                        "records on the same pool)");
  for (std::size_t j = 0; j < D; ++j) {
    auto &s = out.summary[j];
    s.mean_z2 /= static_cast<double>(used);
    s.mean_difference = diff[j].mean();
    s.mean_difference_se = diff[j].se();
    s.rms_whole = std::sqrt(whole_rate[j].mean());
    for (std::size_t t = 1; t < T; ++t) {
      FiniteDtRow row;
      row.observable = j;
      row.t = t_sum[t] / used;
      row.rms_rate = std::sqrt(r2[t][j] / used);
      row.ratio_to_first = r1[1][j] != 0 ? r1[t][j] / r1[1][j] : 0.0;
      double var = 0;
      for (std::size_t s = 0; s < w2[j].size(); ++s)
        var += w2[j][s] * (var_rate[j][s * (T - 1) + (t - 1)] +
                           row.ratio_to_first * row.ratio_to_first * var_rate[j][s * (T - 1)]);
      row.ratio_se = t > 1 && r1[1][j] != 0 ? std::sqrt(var) / std::fabs(r1[1][j]) : 0.0;
      out.finite_dt.push_back(row);
    }
  }
  return out;
}

} // namespace macrodyn
