// CellList against brute force: the same neighbours (ids and separations) for random points,
// in an order that does not depend on how the points are numbered.
#include "core/base/random_stream.h"
#include "core/md/cell_list.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

using namespace macrodyn;

namespace {

struct Points {
  std::vector<double> xyz;
  std::vector<std::int64_t> ids;
};

Points random_points(std::size_t n, double box, std::uint64_t seed) {
  RandomStream rng(seed);
  Points p;
  for (std::size_t i = 0; i < n; ++i) {
    for (int d = 0; d < 3; ++d)
      p.xyz.push_back(box * rng.uniform_open());
    p.ids.push_back(static_cast<std::int64_t>(rng.below(n / 2)) + 1); // repeated ids, as images
  }
  return p;
}

} // namespace

TEST(CellList, FindsWhatBruteForceFinds) {
  const double cutoff = 1.3;
  for (double box : {2.0, 10.0, 40.0}) { // one cell, a few, many (capped by the point count)
    const auto p = random_points(3000, box, 17);
    const CellList cells(p.xyz.data(), p.ids.size(), cutoff);
    for (std::size_t i = 0; i < p.ids.size(); i += 97) {
      const auto found = cells.neighbours(i, p.ids.data(), cutoff * cutoff);
      std::vector<std::size_t> brute;
      for (std::size_t j = 0; j < p.ids.size(); ++j) {
        double rsq = 0;
        for (int d = 0; d < 3; ++d)
          rsq += (p.xyz[3 * i + d] - p.xyz[3 * j + d]) * (p.xyz[3 * i + d] - p.xyz[3 * j + d]);
        if (j != i && rsq < cutoff * cutoff) brute.push_back(j);
      }
      std::vector<std::size_t> got;
      for (const auto &nb : found) {
        got.push_back(nb.index);
        EXPECT_EQ(nb.id, p.ids[nb.index]);
        EXPECT_EQ(nb.delta[0], p.xyz[3 * i] - p.xyz[3 * nb.index]);
      }
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, brute) << "box " << box << " point " << i;
    }
  }
}

TEST(CellList, OrderIsIndependentOfNumbering) {
  const auto p = random_points(2000, 12.0, 23);
  std::vector<std::size_t> perm(p.ids.size());
  std::iota(perm.begin(), perm.end(), 0);
  RandomStream rng(2);
  for (std::size_t k = perm.size() - 1; k > 0; --k)
    std::swap(perm[k], perm[rng.below(k + 1)]);
  Points q;
  for (auto j : perm) {
    q.ids.push_back(p.ids[j]);
    for (int d = 0; d < 3; ++d)
      q.xyz.push_back(p.xyz[3 * j + d]);
  }
  const CellList a(p.xyz.data(), p.ids.size(), 1.5), b(q.xyz.data(), q.ids.size(), 1.5);
  for (std::size_t k = 0; k < perm.size(); k += 53) {
    const auto na = a.neighbours(perm[k], p.ids.data(), 2.25);
    const auto nb = b.neighbours(k, q.ids.data(), 2.25);
    ASSERT_EQ(na.size(), nb.size());
    for (std::size_t m = 0; m < na.size(); ++m) {
      EXPECT_EQ(na[m].id, nb[m].id);
      EXPECT_EQ(na[m].delta[1], nb[m].delta[1]);
    }
  }
}
