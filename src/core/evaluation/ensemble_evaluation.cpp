#include "core/evaluation/ensemble_evaluation.h"

#include "core/base/error.h"
#include "core/evaluation/ensemble_groups.h"
#include "core/evaluation/ensemble_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace macrodyn {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// |value| of the largest magnitude, with its sign; NaN for none.
double signed_worst(const std::vector<double> &x) {
  double worst = kNaN;
  for (double v : x)
    if (std::isfinite(v) && !(std::abs(v) <= std::abs(worst))) worst = v;
  return worst;
}

} // namespace

void compare_ensembles(const std::vector<double> &pred, const std::vector<double> &real,
                       EvaluationRow &row) {
  row.n_predicted = pred.size();
  row.n_true = real.size();
  row.mean_predicted = mean_of(pred);
  row.mean_true = mean_of(real);
  row.std_predicted = std_of(pred);
  row.std_true = std_of(real);
  row.bias = row.mean_predicted - row.mean_true;
  // Below 1e-12 of the mean's size the truth has no spread to measure against (time 0).
  const bool spread = row.std_true > 1e-12 * std::max(std::abs(row.mean_true), 1e-300);
  row.bias_sd = spread ? row.bias / row.std_true : kNaN;
  row.sd_ratio = spread ? row.std_predicted / row.std_true : kNaN;
  const double se = std::sqrt(row.std_predicted * row.std_predicted / std::max<double>(pred.size(), 1) +
                              row.std_true * row.std_true / std::max<double>(real.size(), 1));
  row.z = se > 0 ? row.bias / se : kNaN;
  row.w1 = wasserstein1(pred, real);
  const std::size_t half = real.size() / 2;
  row.w1_floor = half > 0 ? wasserstein1(std::vector<double>(real.begin(), real.begin() + half),
                                         std::vector<double>(real.begin() + half, real.end()))
                          : kNaN;
}

void summarize_evaluation(Evaluation &e) {
  const std::size_t D = e.observables.size();
  double last = 0;
  for (const auto &r : e.rows)
    last = std::max(last, r.time);
  // Rows of each (group, observable) trajectory.
  std::map<std::pair<std::size_t, std::size_t>, std::vector<const EvaluationRow *>> by_trajectory;
  for (const auto &r : e.rows)
    by_trajectory[{r.group, r.observable}].push_back(&r);
  e.trajectories.clear();
  for (const auto &[key, rows] : by_trajectory) {
    EvaluationTrajectory t;
    t.group = key.first;
    t.observable = key.second;
    double late_p = 0, late_t = 0, squared = 0, norm = 0;
    int n_late = 0;
    for (const auto *r : rows) {
      if (r->time <= 0) continue;
      squared += r->bias * r->bias;
      norm += r->mean_true * r->mean_true;
      if (r->time >= 0.5 * last) late_p += r->mean_predicted, late_t += r->mean_true, ++n_late;
    }
    t.stationary_predicted = n_late ? late_p / n_late : kNaN;
    t.stationary_true = n_late ? late_t / n_late : kNaN;
    t.stationary_error = t.stationary_predicted - t.stationary_true;
    t.relative_squared_error = norm > 0 ? squared / norm : kNaN;
    e.trajectories.push_back(t);
  }
  e.summary.assign(D, {});
  for (std::size_t k = 0; k < D; ++k) {
    std::vector<double> bias_sd, z, ratio, stationary, relative, w1, floor;
    auto &s = e.summary[k];
    s.worst_bias_sd = kNaN;
    for (const auto &r : e.rows) {
      if (r.observable != k || r.time <= 0) continue;
      if (std::isfinite(r.bias_sd)) {
        if (!(std::abs(r.bias_sd) <= std::abs(s.worst_bias_sd)))
          s.worst_bias_sd = r.bias_sd, s.worst_bias_time = r.time;
        bias_sd.push_back(std::abs(r.bias_sd));
      }
      if (std::isfinite(r.z)) z.push_back(r.z);
      if (std::isfinite(r.sd_ratio)) ratio.push_back(r.sd_ratio);
      if (r.time == last && r.std_true > 0) {
        w1.push_back(r.w1 / r.std_true);
        floor.push_back(r.w1_floor / r.std_true);
      }
    }
    for (const auto &t : e.trajectories) {
      if (t.observable != k) continue;
      stationary.push_back(t.stationary_error);
      if (std::isfinite(t.relative_squared_error)) relative.push_back(t.relative_squared_error);
    }
    s.typical_bias_sd = median_of(bias_sd);
    s.worst_z = signed_worst(z);
    s.median_sd_ratio = median_of(ratio);
    s.min_sd_ratio = ratio.empty() ? kNaN : *std::min_element(ratio.begin(), ratio.end());
    s.max_sd_ratio = ratio.empty() ? kNaN : *std::max_element(ratio.begin(), ratio.end());
    s.worst_stationary_error = signed_worst(stationary);
    s.relative_squared_error = relative.empty() ? kNaN : mean_of(relative);
    s.w1_last = w1.empty() ? kNaN : mean_of(w1);
    s.w1_floor_last = floor.empty() ? kNaN : mean_of(floor);
  }
}

Evaluation evaluate_ensembles(const Trajectories &p, const DatasetContents &truth,
                              const std::function<void(std::size_t, std::size_t)> &on_group) {
  require(truth.n_full > 0, "'" + truth.path + "' holds no full-evolution records (ground truth)");
  Evaluation e;
  e.conditions = p.conditions;
  const std::size_t C = p.conditions.size(), T = p.times.size();
  // Observables of the prediction that the truth also has (closure variables have no ground
  // truth): prediction column predicted_of[k] is truth column column_of[k].
  std::vector<std::size_t> column_of, predicted_of, condition_of;
  for (std::size_t k = 0; k < p.observables.size(); ++k) {
    const auto it = std::find(truth.observables.begin(), truth.observables.end(), p.observables[k]);
    if (it == truth.observables.end()) continue;
    column_of.push_back(it - truth.observables.begin());
    predicted_of.push_back(k);
    e.observables.push_back(p.observables[k]);
  }
  require(!column_of.empty(),
          "the prediction and the ground truth '" + truth.path + "' share no observable");
  for (const auto &name : p.conditions) {
    const auto it = std::find(truth.conditions.begin(), truth.conditions.end(), name);
    require(it != truth.conditions.end(), "the ground truth has no condition '" + name + "'");
    condition_of.push_back(it - truth.conditions.begin());
  }
  require(truth.n_times == T, "the prediction has " + std::to_string(T) +
                                  " times, the ground truth " + std::to_string(truth.n_times));
  for (std::size_t t = 0; t < T; ++t) {
    const double want = truth.full_times[t];
    require(std::abs(p.times[t] - want) <= 1e-6 * std::max(std::abs(want), 1e-300) ||
                p.times[t] == want,
            "prediction time " + std::to_string(p.times[t]) + " is not the ground truth's " +
                std::to_string(want));
  }
  const std::size_t D = column_of.size();
  const auto groups = ensemble_groups(truth);
  for (std::size_t g = 0; g < p.groups(); ++g) {
    const EnsembleGroup *match = nullptr;
    for (const auto &tg : groups) {
      bool same = tg.snapshot == p.snapshot[g];
      for (std::size_t j = 0; j < C && same; ++j)
        same = tg.condition[condition_of[j]] == p.condition[g * C + j];
      if (same) match = &tg;
    }
    require(match != nullptr, "no ground-truth ensemble for predicted group " + std::to_string(g) +
                                  " (snapshot " + std::to_string(p.snapshot[g]) + ")");
    for (std::size_t t = 0; t < T; ++t)
      for (std::size_t k = 0; k < D; ++k) {
        std::vector<double> pred;
        for (std::size_t r = 0; r < p.runs; ++r)
          pred.push_back(p.at(g, r, t, predicted_of[k]));
        const auto real = ensemble_values(truth, *match, t, column_of[k]);
        for (double v : pred)
          require(std::isfinite(v), "predicted group " + std::to_string(g) + " has a value " +
                                        std::to_string(v) + " of " + e.observables[k] +
                                        " at time " + std::to_string(p.times[t]));
        for (double v : real)
          require(std::isfinite(v), "the ground truth of group " + std::to_string(g) +
                                        " has a value " + std::to_string(v) + " of " +
                                        e.observables[k] + " at time " + std::to_string(p.times[t]));
        EvaluationRow row;
        row.group = g;
        row.snapshot = p.snapshot[g];
        row.condition.assign(p.condition.begin() + g * C, p.condition.begin() + (g + 1) * C);
        row.time = p.times[t];
        row.observable = k;
        compare_ensembles(pred, real, row);
        e.rows.push_back(row);
      }
    if (on_group) on_group(g + 1, p.groups());
  }
  summarize_evaluation(e);
  return e;
}

} // namespace macrodyn
