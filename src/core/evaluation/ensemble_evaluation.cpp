#include "core/evaluation/ensemble_evaluation.h"

#include "core/base/error.h"
#include "core/evaluation/ensemble_groups.h"
#include "core/evaluation/ensemble_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace macrodyn {

Evaluation evaluate_ensembles(const Trajectories &p, const DatasetContents &truth) {
  require(truth.n_full > 0, "'" + truth.path + "' holds no full-evolution records (ground truth)");
  Evaluation e;
  e.observables = p.observables;
  e.conditions = p.conditions;
  const std::size_t C = p.conditions.size(), T = p.times.size();
  // Observables of the prediction that the truth also has (closure variables have no ground
  // truth): prediction column predicted_of[k] is truth column column_of[k].
  std::vector<std::size_t> column_of, predicted_of, condition_of;
  e.observables.clear();
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
  e.scale.assign(D, 1.0);
  for (std::size_t k = 0; k < D; ++k) {
    std::vector<double> all;
    for (std::size_t m = 0; m < truth.n_full * T; ++m)
      all.push_back(truth.full_phi[m * truth.dimension() + column_of[k]]);
    const double s = std_of(all);
    if (s > 0) e.scale[k] = s;
  }
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
        EvaluationRow row;
        row.group = g;
        row.snapshot = p.snapshot[g];
        row.condition.assign(p.condition.begin() + g * C, p.condition.begin() + (g + 1) * C);
        row.time = p.times[t];
        row.observable = k;
        row.mean_predicted = mean_of(pred);
        row.mean_true = mean_of(real);
        row.std_predicted = std_of(pred);
        row.std_true = std_of(real);
        row.mean_error = std::abs(row.mean_predicted - row.mean_true) / e.scale[k];
        row.std_error = row.std_true > 1e-12 * e.scale[k]
                            ? std::abs(row.std_predicted - row.std_true) / row.std_true
                            : std::numeric_limits<double>::quiet_NaN();
        row.w1 = wasserstein1(pred, real) / e.scale[k];
        const std::size_t half = real.size() / 2;
        row.w1_floor = half > 0
                           ? wasserstein1(std::vector<double>(real.begin(), real.begin() + half),
                                          std::vector<double>(real.begin() + half, real.end())) /
                                 e.scale[k]
                           : std::numeric_limits<double>::quiet_NaN();
        e.rows.push_back(row);
      }
  }
  return e;
}

} // namespace macrodyn
