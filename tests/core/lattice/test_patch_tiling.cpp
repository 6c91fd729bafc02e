#include "core/base/error.h"
#include "core/lattice/patch_tiling.h"

#include <gtest/gtest.h>

#include <set>

using namespace macrodyn;

TEST(PatchTiling, PatchesPartitionTheLatticeIntoCongruentBlocks) {
  const Lattice lattice(LatticeKind::BCC, {4, 6, 2}, 1.0);
  const PatchTiling tiling(lattice, {2, 3, 1});
  EXPECT_EQ(tiling.n_patches(), 6);
  EXPECT_EQ(tiling.sites_per_patch(), lattice.n_sites() / 6);
  std::set<std::size_t> all;
  for (int p = 0; p < tiling.n_patches(); ++p) {
    const auto sites = tiling.sites_of(p);
    ASSERT_EQ(sites.size(), tiling.sites_per_patch());
    for (std::size_t i : sites) {
      EXPECT_TRUE(all.insert(i).second) << "site " << i << " in two patches";
      const auto c = lattice.cell_of(i);
      EXPECT_EQ(c[0] / 2 + 2 * (c[1] / 2), p); // blocks of 2x2x2 cells, x-fastest patch order
    }
  }
  EXPECT_EQ(all.size(), lattice.n_sites());
}

TEST(PatchTiling, NonDividingCountIsAnErrorNamingAxisAndLengths) {
  const Lattice lattice(LatticeKind::Square, {64, 64, 1}, 1.0);
  try {
    PatchTiling(lattice, {7, 1, 1});
    FAIL();
  } catch (const Error &e) {
    EXPECT_STREQ(e.what(), "patch count 7 does not divide lattice length 64 along x");
  }
}

TEST(PatchTiling, WindowsWrapPeriodicallyAndCoverTheBoxWithTheirStride) {
  const Lattice lattice(LatticeKind::Square, {8, 8, 1}, 1.0);
  const auto sites = window_sites(lattice, {6, 7, 0}, {4, 2, 1});
  ASSERT_EQ(sites.size(), 8u);
  EXPECT_EQ(sites[0], lattice.site({6, 7, 0}, 0));
  EXPECT_EQ(sites[2], lattice.site({0, 7, 0}, 0)); // wrapped in x
  EXPECT_EQ(sites[4], lattice.site({6, 0, 0}, 0)); // wrapped in y
  const auto origins = window_origins(lattice, {4, 4, 1}, {2, 2, 1});
  EXPECT_EQ(origins.size(), 16u);
  std::vector<int> covered(lattice.n_sites(), 0);
  for (const auto &o : origins)
    for (std::size_t i : window_sites(lattice, o, {4, 4, 1}))
      ++covered[i];
  for (int c : covered)
    EXPECT_EQ(c, 4); // half-window stride: every site in 2x2 windows
  EXPECT_THROW(window_origins(lattice, {4, 4, 1}, {3, 2, 1}), Error);
}
