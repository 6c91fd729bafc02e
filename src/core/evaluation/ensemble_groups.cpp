#include "core/evaluation/ensemble_groups.h"

namespace macrodyn {

std::vector<EnsembleGroup> ensemble_groups(const DatasetContents &d) {
  const std::size_t C = d.conditions.size(), D = d.dimension(), T = d.n_times;
  std::vector<EnsembleGroup> groups;
  for (std::size_t m = 0; m < d.n_full; ++m) {
    const std::vector<double> cond(d.full_condition.begin() + m * C,
                                   d.full_condition.begin() + (m + 1) * C);
    EnsembleGroup *group = nullptr;
    for (auto &g : groups)
      if (g.snapshot == d.full_snapshot[m] && g.condition == cond) group = &g;
    if (!group) {
      groups.push_back(
          {d.full_snapshot[m],
           cond,
           std::vector<double>(d.full_phi.begin() + m * T * D, d.full_phi.begin() + m * T * D + D),
           {}});
      group = &groups.back();
    }
    group->runs.push_back(m);
  }
  return groups;
}

std::vector<double> ensemble_values(const DatasetContents &d, const EnsembleGroup &g, std::size_t t,
                                    std::size_t k) {
  const std::size_t D = d.dimension(), T = d.n_times;
  std::vector<double> out;
  for (std::size_t m : g.runs)
    out.push_back(d.full_phi[(m * T + t) * D + k]);
  return out;
}

} // namespace macrodyn
