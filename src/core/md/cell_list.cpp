#include "core/md/cell_list.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace macrodyn {

CellList::CellList(const double *xyz, std::size_t n, double cutoff) : xyz_(xyz) {
  if (!(cutoff > 0) || !std::isfinite(cutoff))
    throw Error("cell list: cutoff must be > 0, got " + std::to_string(cutoff));
  double hi[3];
  for (int d = 0; d < 3; ++d) {
    lo_[d] = std::numeric_limits<double>::max();
    hi[d] = std::numeric_limits<double>::lowest();
  }
  for (std::size_t i = 0; i < n; ++i)
    for (int d = 0; d < 3; ++d) {
      lo_[d] = std::min(lo_[d], xyz[3 * i + d]);
      hi[d] = std::max(hi[d], xyz[3 * i + d]);
    }
  // Cells no narrower than the cutoff; never more cells than about 2 per point, so memory stays
  // O(n) however sparse the points are.
  const double max_cells = std::max<double>(1, 2.0 * static_cast<double>(n));
  double total = 1;
  for (int d = 0; d < 3; ++d) {
    const double extent = n ? hi[d] - lo_[d] : 0;
    count_[d] = std::max(1, static_cast<int>(std::floor(extent / cutoff)));
    total *= count_[d];
  }
  while (total > max_cells) {
    const int d = static_cast<int>(std::max_element(count_, count_ + 3) - count_);
    total /= count_[d];
    count_[d] = std::max(1, count_[d] / 2);
    total *= count_[d];
  }
  for (int d = 0; d < 3; ++d) {
    const double extent = n ? hi[d] - lo_[d] : 0;
    width_[d] = count_[d] > 1 ? extent / count_[d] : std::numeric_limits<double>::max();
  }
  const std::size_t ncells = static_cast<std::size_t>(count_[0]) * count_[1] * count_[2];
  start_.assign(ncells + 1, 0);
  std::vector<std::size_t> cell(n);
  int shift[3];
  for (std::size_t i = 0; i < n; ++i) {
    cell[i] = cell_of(xyz + 3 * i, shift);
    ++start_[cell[i] + 1];
  }
  for (std::size_t c = 0; c < ncells; ++c)
    start_[c + 1] += start_[c];
  order_.resize(n);
  std::vector<std::size_t> fill(start_.begin(), start_.end() - 1);
  for (std::size_t i = 0; i < n; ++i)
    order_[fill[cell[i]]++] = i;
}

std::size_t CellList::cell_of(const double *p, int c[3]) const {
  for (int d = 0; d < 3; ++d) {
    const double s = (p[d] - lo_[d]) / width_[d];
    c[d] = std::clamp(static_cast<int>(s), 0, count_[d] - 1);
  }
  return (static_cast<std::size_t>(c[2]) * count_[1] + c[1]) * count_[0] + c[0];
}

std::vector<Neighbour> CellList::neighbours(std::size_t self, const std::int64_t *ids,
                                            double cutsq) const {
  return find(self, ids, cutsq);
}

std::vector<Neighbour> CellList::neighbours(std::size_t self, const std::int32_t *ids,
                                            double cutsq) const {
  return find(self, ids, cutsq);
}

template <class Id>
std::vector<Neighbour> CellList::find(std::size_t self, const Id *ids, double cutsq) const {
  const double *p = xyz_ + 3 * self;
  int c[3];
  cell_of(p, c);
  std::vector<Neighbour> found;
  for (int dz = -1; dz <= 1; ++dz)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int q[3] = {c[0] + dx, c[1] + dy, c[2] + dz};
        bool inside = true; // cells beyond the grid are empty (no periodic wrap: images are points)
        for (int d = 0; d < 3; ++d)
          inside = inside && q[d] >= 0 && q[d] < count_[d];
        if (!inside) continue;
        const std::size_t cell = (static_cast<std::size_t>(q[2]) * count_[1] + q[1]) * count_[0] + q[0];
        for (std::size_t k = start_[cell]; k < start_[cell + 1]; ++k) {
          const std::size_t j = order_[k];
          if (j == self) continue;
          const double *r = xyz_ + 3 * j;
          Neighbour nb{static_cast<std::int64_t>(ids[j]), {p[0] - r[0], p[1] - r[1], p[2] - r[2]}, 0, j};
          nb.rsq = nb.delta[0] * nb.delta[0] + nb.delta[1] * nb.delta[1] + nb.delta[2] * nb.delta[2];
          if (nb.rsq < cutsq) found.push_back(nb);
        }
      }
  std::sort(found.begin(), found.end(), [](const Neighbour &a, const Neighbour &b) {
    return std::tie(a.id, a.delta[0], a.delta[1], a.delta[2]) <
           std::tie(b.id, b.delta[0], b.delta[1], b.delta[2]);
  });
  return found;
}

} // namespace macrodyn
