#pragma once
/// What the vacancy-exchange processes (KRA and learned barriers) share: minimum-image distances
/// between sites, the slots of the vacancies near changed sites, and the sorted vacancy list after
/// a journal restore.
#include "core/base/configuration.h"
#include "core/base/error.h"
#include "core/lattice/lattice.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace macrodyn {

class VacancyGeometry {
public:
  explicit VacancyGeometry(const Lattice &lattice) {
    for (std::size_t i = 0; i < lattice.n_sites(); ++i)
      positions_.push_back(lattice.position(i));
    for (int d = 0; d < 3; ++d) {
      box_[d] = lattice.cells()[d] * lattice.constant();
    }
  }

  double distance_squared(std::size_t i, std::size_t j) const { // minimum image
    double r2 = 0;
    const auto &a = positions_[i], &b = positions_[j];
    for (int d = 0; d < 3; ++d) {
      // Positions lie in [0, L): |difference| is in [0, L); the minimum image is the shorter way.
      const double x = std::fabs(b[d] - a[d]);
      const double m = std::min(x, box_[d] - x);
      r2 += m * m;
    }
    return r2;
  }

  /// True when a changed site lies within sqrt(reach2) of site v.
  bool near(std::size_t v, const std::vector<std::size_t> &changed, double reach2) const {
    for (std::size_t c : changed)
      if (distance_squared(v, c) <= reach2) return true;
    return false;
  }

  /// Slots u z .. u z + z - 1 of every vacancy u near a changed site (vacancy-major slots).
  void slots_near(const std::vector<std::size_t> &vacancies,
                  const std::vector<std::size_t> &changed, double reach2, int z,
                  std::vector<std::size_t> &slots) const {
    slots.clear();
    for (std::size_t u = 0; u < vacancies.size(); ++u)
      if (near(vacancies[u], changed, reach2))
        for (int k = 0; k < z; ++k)
          slots.push_back(u * z + k);
  }

  /// Slots of the jumps u -> t (t the k-th first-shell neighbour of vacancy u) whose rate may
  /// change: a changed site within sqrt(reach2) of u or of t. Vacancies farther than
  /// sqrt(outer2) from every changed site are skipped whole (outer = reach + first-shell distance).
  void jump_slots_near(const Lattice &lattice, const std::vector<std::size_t> &vacancies,
                       const std::vector<std::size_t> &changed, double reach2, double outer2,
                       std::vector<std::size_t> &slots) const {
    slots.clear();
    const int z = lattice.coordination(0);
    for (std::size_t u = 0; u < vacancies.size(); ++u) {
      const std::size_t v = vacancies[u];
      if (!near(v, changed, outer2)) continue;
      if (near(v, changed, reach2)) { // every jump of u starts within reach
        for (int k = 0; k < z; ++k)
          slots.push_back(u * z + k);
        continue;
      }
      const SiteIndex *targets = lattice.neighbours(v, 0);
      for (int k = 0; k < z; ++k)
        if (near(targets[k], changed, reach2)) slots.push_back(u * z + k);
    }
  }

private:
  std::vector<std::array<double, 3>> positions_;
  std::array<double, 3> box_{};
};

/// Checks that `order` lists exactly the vacancy sites of `current` (in any order) and returns it.
inline std::vector<std::size_t> checked_vacancy_order(const std::vector<std::size_t> &current,
                                                      const std::vector<std::size_t> &order) {
  std::vector<std::size_t> a = current, b = order;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  require(a == b, "the vacancy order names other sites than the configuration's " +
                      std::to_string(current.size()) + " vacancies");
  return order;
}

/// The vacancy sites in increasing order after the configuration was set back at `changed` (as a
/// fresh process lists them); throws when the restore changed their number.
inline std::vector<std::size_t> vacancies_after_restore(const Configuration &config,
                                                        const std::vector<std::size_t> &current,
                                                        const std::vector<std::size_t> &changed) {
  std::vector<std::size_t> sites;
  for (std::size_t v : current)
    if (config[v] == kVacancy) sites.push_back(v);
  for (std::size_t i : changed)
    if (config[i] == kVacancy) sites.push_back(i);
  std::sort(sites.begin(), sites.end());
  sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
  require(sites.size() == current.size(), "vacancy exchange: restore changed the vacancy count");
  return sites;
}

} // namespace macrodyn
