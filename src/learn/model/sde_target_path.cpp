#include "learn/model/sde_target_path.h"

#include "learn/model/model_archive.h"
#include "learn/model/sde_ensemble.h"
#include "learn/model/sde_metadata.h"

#include "core/base/error.h"

#include <algorithm>

namespace macrodyn::learn {

TargetPath::TargetPath(const TargetPathRequest &q) {
  require(q.horizon > 0, "the target horizon must be > 0");
  require(q.points >= 2, "the target path needs >= 2 points");
  auto loaded = load_model(q.model);
  const auto info = parse_sde_metadata(loaded.metadata_json, q.model);
  require(info.closure.empty(), "model '" + q.model +
                                    "' has closure variables; a bias target needs a model of "
                                    "prescribed observables only");
  observables_ = info.observables;
  const std::size_t D = observables_.size(), C = info.conditions.size();
  EnsembleRequest e;
  for (const auto &name : observables_) {
    const auto it = q.initial.find(name);
    require(it != q.initial.end(), "model '" + q.model + "' needs observable '" + name +
                                       "', which the bias cannot compute");
    e.initial.push_back(it->second);
  }
  for (const auto &name : info.conditions) {
    const auto it = q.conditions.find(name);
    require(it != q.conditions.end(), "model '" + q.model + "' needs condition '" + name +
                                          "' (give: condition " + name + " <value>)");
    e.condition.push_back(it->second);
  }
  for (int k = 0; k < q.points; ++k)
    e.times.push_back(q.horizon * k / (q.points - 1));
  e.runs = q.sample ? 1 : q.runs;
  // The training step of the model (time_scale) bounds the integration step.
  e.max_step = std::min(shortest_time_scale(loaded.module, e.condition, C, info.time_scale),
                        q.horizon / (q.points - 1));
  e.seed = q.seed;
  const auto out = integrate_ensembles(loaded.module, D, C, e);
  const std::size_t T = e.times.size(), R = e.runs;
  times_ = e.times;
  values_.assign(T * D, 0.0);
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t t = 0; t < T; ++t)
      for (std::size_t k = 0; k < D; ++k)
        values_[t * D + k] += out[(r * T + t) * D + k] / static_cast<double>(R);
}

std::vector<double> TargetPath::at(double t, const std::vector<std::string> &names) const {
  const std::size_t D = observables_.size(), T = times_.size();
  t = std::clamp(t, 0.0, times_.back());
  std::size_t hi = std::upper_bound(times_.begin(), times_.end(), t) - times_.begin();
  hi = std::min(std::max<std::size_t>(hi, 1), T - 1);
  const std::size_t lo = hi - 1;
  const double w = (t - times_[lo]) / (times_[hi] - times_[lo]);
  std::vector<double> out;
  for (const auto &name : names) {
    const auto it = std::find(observables_.begin(), observables_.end(), name);
    require(it != observables_.end(), "the target model has no observable '" + name + "'");
    const std::size_t k = it - observables_.begin();
    out.push_back((1 - w) * values_[lo * D + k] + w * values_[hi * D + k]);
  }
  return out;
}

} // namespace macrodyn::learn
