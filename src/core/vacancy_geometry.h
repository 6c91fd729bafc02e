#pragma once
/// What the vacancy-exchange processes (KRA and learned barriers) share: minimum-image distances
/// between sites, the slots of the vacancies near changed sites, and the sorted vacancy list after
/// a journal restore.
#include "configuration.h"
#include "error.h"
#include "lattice.h"

#include <algorithm>
#include <array>
#include <vector>

namespace macrodyn {

class VacancyGeometry {
public:
  explicit VacancyGeometry(const Lattice &lattice) {
    for (std::size_t i = 0; i < lattice.n_sites(); ++i)
      positions_.push_back(lattice.position(i));
    for (int d = 0; d < 3; ++d) {
      box_[d] = lattice.cells()[d] * lattice.constant();
      half_box_[d] = 0.5 * box_[d];
    }
  }

  double distance_squared(std::size_t i, std::size_t j) const { // minimum image
    double r2 = 0;
    const auto &a = positions_[i], &b = positions_[j];
    for (int d = 0; d < 3; ++d) {
      // Positions lie in [0, L): the difference is in (-L, L); fold it to the minimum image.
      double x = b[d] - a[d];
      x = x > half_box_[d] ? x - box_[d] : (x < -half_box_[d] ? x + box_[d] : x);
      r2 += x * x;
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

private:
  std::vector<std::array<double, 3>> positions_;
  std::array<double, 3> box_{}, half_box_{};
};

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
