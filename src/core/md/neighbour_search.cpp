#include "core/md/neighbour_search.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

namespace macrodyn {

void sort_canonically(std::vector<Neighbour> &neighbours) {
  std::sort(neighbours.begin(), neighbours.end(), [](const Neighbour &a, const Neighbour &b) {
    return std::tie(a.id, a.delta[0], a.delta[1], a.delta[2]) <
           std::tie(b.id, b.delta[0], b.delta[1], b.delta[2]);
  });
}

NeighbourSearch::NeighbourSearch(const double *xyz, std::size_t n, const std::int64_t *ids,
                                 double cutoff, const double *lo, const double *hi)
    : xyz_(xyz), n_(n), ids64_(ids) {
  grid(cutoff, lo, hi);
}

NeighbourSearch::NeighbourSearch(const double *xyz, std::size_t n, const std::int32_t *ids,
                                 double cutoff, const double *lo, const double *hi)
    : xyz_(xyz), n_(n), ids32_(ids) {
  grid(cutoff, lo, hi);
}

void NeighbourSearch::bounding_box(double lo[3], double hi[3]) const {
  for (int d = 0; d < 3; ++d) {
    lo[d] = n_ ? xyz_[d] : 0;
    hi[d] = lo[d];
  }
  for (std::size_t i = 0; i < n_; ++i)
    for (int d = 0; d < 3; ++d) {
      const double v = xyz_[3 * i + d];
      lo[d] = v < lo[d] ? v : lo[d];
      hi[d] = v > hi[d] ? v : hi[d];
    }
}

void NeighbourSearch::grid(double cutoff, const double *given_lo, const double *given_hi) {
  if (!(cutoff > 0) || !std::isfinite(cutoff))
    throw Error("neighbour search: cutoff must be > 0, got " + std::to_string(cutoff));
  double lo[3], hi[3];
  if (given_lo && given_hi)
    for (int d = 0; d < 3; ++d)
      lo[d] = given_lo[d], hi[d] = given_hi[d];
  else
    bounding_box(lo, hi);
  for (int d = 0; d < 3; ++d) {
    if (!std::isfinite(lo[d]) || !std::isfinite(hi[d]) || hi[d] < lo[d])
      throw Error("neighbour search: bad bounds");
    lo_[d] = lo[d];
  }
  // Cells no narrower than the cutoff, and never many more cells than points (sparse points).
  const double max_cells = std::max<double>(1, 2.0 * static_cast<double>(n_));
  double total = 1;
  for (int d = 0; d < 3; ++d) {
    const double extent = hi[d] - lo_[d];
    count_[d] = std::max(1, static_cast<int>(std::min(1e6, std::floor(extent / cutoff))));
    total *= count_[d];
  }
  while (total > max_cells) {
    const int d = static_cast<int>(std::max_element(count_, count_ + 3) - count_);
    total /= count_[d];
    count_[d] = std::max(1, count_[d] / 2);
    total *= count_[d];
  }
  for (int d = 0; d < 3; ++d) {
    const double extent = hi[d] - lo_[d];
    inverse_width_[d] = count_[d] > 1 ? count_[d] / extent : 0.0;
  }
  slot_.assign(cells(), -1);
  near_.assign(cells() / 64 + 1, 0);
}

std::size_t NeighbourSearch::cell_of(const double *p, int c[3]) const {
  for (int d = 0; d < 3; ++d)
    c[d] = std::clamp(static_cast<int>((p[d] - lo_[d]) * inverse_width_[d]), 0, count_[d] - 1);
  return (static_cast<std::size_t>(c[2]) * count_[1] + c[1]) * count_[0] + c[0];
}

std::vector<std::vector<Neighbour>> NeighbourSearch::around(const std::vector<std::size_t> &centres,
                                                            double cutsq) {
  // Each marked cell lists the centres whose 27 cells include it (compressed rows).
  std::vector<std::size_t> marked;                           // cell of each slot
  std::vector<std::pair<std::int32_t, std::size_t>> entries; // (slot, centre)
  for (std::size_t k = 0; k < centres.size(); ++k) {
    if (centres[k] >= n_) throw Error("neighbour search: centre beyond the points");
    int c[3];
    cell_of(xyz_ + 3 * centres[k], c);
    for (int z = std::max(0, c[2] - 1); z <= std::min(count_[2] - 1, c[2] + 1); ++z)
      for (int y = std::max(0, c[1] - 1); y <= std::min(count_[1] - 1, c[1] + 1); ++y)
        for (int x = std::max(0, c[0] - 1); x <= std::min(count_[0] - 1, c[0] + 1); ++x) {
          const std::size_t cell = (static_cast<std::size_t>(z) * count_[1] + y) * count_[0] + x;
          if (slot_[cell] < 0) {
            slot_[cell] = static_cast<std::int32_t>(marked.size());
            marked.push_back(cell);
            near_[cell >> 6] |= std::uint64_t{1} << (cell & 63);
          }
          entries.emplace_back(slot_[cell], k);
        }
  }
  std::vector<std::size_t> start(marked.size() + 1, 0), list(entries.size());
  for (const auto &e : entries)
    ++start[e.first + 1];
  for (std::size_t s = 0; s < marked.size(); ++s)
    start[s + 1] += start[s];
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (const auto &e : entries)
    list[fill[e.first]++] = e.second;

  std::vector<std::vector<Neighbour>> found(centres.size());
  const int nx = count_[0] - 1, ny = count_[1] - 1, nz = count_[2] - 1;
  const std::size_t sx = static_cast<std::size_t>(count_[0]),
                    sy = static_cast<std::size_t>(count_[1]);
  for (std::size_t j = 0; j < n_; ++j) {
    const double *r = xyz_ + 3 * j;
    // cell_of(), written out: this loop is the O(n) pass.
    const int cx = std::clamp(static_cast<int>((r[0] - lo_[0]) * inverse_width_[0]), 0, nx);
    const int cy = std::clamp(static_cast<int>((r[1] - lo_[1]) * inverse_width_[1]), 0, ny);
    const int cz = std::clamp(static_cast<int>((r[2] - lo_[2]) * inverse_width_[2]), 0, nz);
    const std::size_t cell = (static_cast<std::size_t>(cz) * sy + cy) * sx + cx;
    if (!(near_[cell >> 6] >> (cell & 63) & 1)) continue; // most points: one bit in L1 cache
    const std::int32_t slot = slot_[cell];
    for (std::size_t e = start[slot]; e < start[slot + 1]; ++e) {
      const std::size_t k = list[e], i = centres[k];
      if (i == j) continue;
      const double *p = xyz_ + 3 * i;
      Neighbour nb{id(j), {p[0] - r[0], p[1] - r[1], p[2] - r[2]}, 0, j, 0};
      nb.rsq = nb.delta[0] * nb.delta[0] + nb.delta[1] * nb.delta[1] + nb.delta[2] * nb.delta[2];
      if (nb.rsq < cutsq) {
        if (kinds_) nb.kind = kinds_[j];
        found[k].push_back(nb);
      }
    }
  }
  for (std::size_t cell : marked) { // leave the tables clean for the next search
    slot_[cell] = -1;
    near_[cell >> 6] = 0;
  }
  return found;
}

} // namespace macrodyn
