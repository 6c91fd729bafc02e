// NeighbourSearch against brute force: the same neighbours (ids and separations) for random
// points of any density (one cell, a few, many), in an order that does not depend on how the
// points are numbered; repeated searches on one grid stay correct.
#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/md/neighbour_search.h"

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

std::vector<std::size_t> brute_force(const Points &p, std::size_t i, double cutsq) {
  std::vector<std::size_t> out;
  for (std::size_t j = 0; j < p.ids.size(); ++j) {
    double rsq = 0;
    for (int d = 0; d < 3; ++d)
      rsq += (p.xyz[3 * i + d] - p.xyz[3 * j + d]) * (p.xyz[3 * i + d] - p.xyz[3 * j + d]);
    if (j != i && rsq < cutsq) out.push_back(j);
  }
  return out;
}

} // namespace

TEST(NeighbourSearch, FindsWhatBruteForceFinds) {
  const double cutoff = 1.3;
  for (double box : {2.0, 10.0, 40.0}) {
    const auto p = random_points(3000, box, 17);
    NeighbourSearch search(p.xyz.data(), p.ids.size(), p.ids.data(), cutoff);
    std::vector<int> kinds(p.ids.size());
    for (std::size_t i = 0; i < kinds.size(); ++i)
      kinds[i] = static_cast<int>(i % 7);
    search.set_kinds(kinds.data());
    for (int round = 0; round < 2; ++round) { // the scratch table is clean for a second search
      std::vector<std::size_t> centres;
      for (std::size_t i = round; i < p.ids.size(); i += 97)
        centres.push_back(i);
      centres.push_back(centres[0]); // a repeated centre gets its own, equal list
      auto found = search.around(centres, cutoff * cutoff);
      for (auto &list : found)
        sort_canonically(list);
      ASSERT_EQ(found.size(), centres.size());
      for (std::size_t k = 0; k < centres.size(); ++k) {
        std::vector<std::size_t> got;
        for (std::size_t m = 0; m < found[k].size(); ++m) {
          const auto &nb = found[k][m];
          got.push_back(nb.index);
          EXPECT_EQ(nb.id, p.ids[nb.index]);
          EXPECT_EQ(nb.kind, kinds[nb.index]);
          EXPECT_EQ(nb.delta[0], p.xyz[3 * centres[k]] - p.xyz[3 * nb.index]);
          if (m) EXPECT_LE(found[k][m - 1].id, nb.id);
        }
        std::sort(got.begin(), got.end());
        EXPECT_EQ(got, brute_force(p, centres[k], cutoff * cutoff)) << "box " << box;
      }
    }
  }
}

TEST(NeighbourSearch, OrderIsIndependentOfNumbering) {
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
  std::vector<std::size_t> ca, cb;
  for (std::size_t k = 0; k < perm.size(); k += 53) {
    ca.push_back(perm[k]);
    cb.push_back(k);
  }
  NeighbourSearch a(p.xyz.data(), p.ids.size(), p.ids.data(), 1.5),
      b(q.xyz.data(), q.ids.size(), q.ids.data(), 1.5);
  auto na = a.around(ca, 2.25), nb = b.around(cb, 2.25);
  for (std::size_t k = 0; k < ca.size(); ++k) {
    sort_canonically(na[k]);
    sort_canonically(nb[k]);
    ASSERT_EQ(na[k].size(), nb[k].size());
    for (std::size_t m = 0; m < na[k].size(); ++m) {
      EXPECT_EQ(na[k][m].id, nb[k][m].id);
      EXPECT_EQ(na[k][m].delta[1], nb[k][m].delta[1]);
    }
  }
}

TEST(NeighbourSearch, RefusesBadInput) {
  const auto p = random_points(10, 3.0, 1);
  EXPECT_THROW(NeighbourSearch(p.xyz.data(), 10, p.ids.data(), 0.0), Error);
  NeighbourSearch s(p.xyz.data(), 10, p.ids.data(), 1.0);
  EXPECT_THROW(s.around({10}, 1.0), Error);
}
