// Hierarchical upsampling: the enlargement is exact (checked site by site through positions), and
// upsampled 64^2 Ising pools reproduce the distributions of directly simulated 64^2 systems.
#include "core/base/random_stream.h"
#include "core/drivers/upsampler.h"
#include "core/evaluation/ensemble_metrics.h"
#include "core/kmc/lattice_kmc.h"
#include "core/observables/spin_observables.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace macrodyn;

TEST(Upsampler, BlockEnlargementCopiesEachCellIntoATwoByTwoByTwoBlock) {
  const Lattice small(LatticeKind::BCC, {3, 2, 2}, 1.0);
  RandomStream rng(2, {});
  Configuration x(small.n_sites());
  for (auto &s : x)
    s = static_cast<Species>(rng.below(4)) - 1; // -1 (vacancy) .. 2
  for (auto mode : {EnlargeMode::Block, EnlargeMode::Tile}) {
    const auto big = enlarge(small, x, mode);
    const Lattice large(LatticeKind::BCC, {6, 4, 4}, 1.0);
    ASSERT_EQ(big.size(), large.n_sites());
    for (std::size_t site = 0; site < large.n_sites(); ++site) {
      // The source site, found from positions: block halves the cell coordinates (keeping the
      // position within the cell), tile wraps them into the small box.
      const auto cell = large.cell_of(site);
      std::array<int, 3> from{};
      for (int d = 0; d < 3; ++d)
        from[d] = mode == EnlargeMode::Block ? cell[d] / 2 : cell[d] % small.cells()[d];
      const auto p = large.position(site);
      std::size_t match = small.n_sites();
      for (std::size_t s = 0; s < small.n_sites(); ++s) {
        const auto q = small.position(s);
        bool same = true;
        for (int d = 0; d < 3; ++d)
          same = same && std::abs((q[d] - from[d]) - (p[d] - cell[d])) < 1e-9;
        if (same && small.cell_of(s) == from) match = s;
      }
      ASSERT_LT(match, small.n_sites());
      EXPECT_EQ(big[site], x[match]) << site;
    }
  }
}

namespace {

KmcOptions ising() {
  KmcOptions o;
  o.energy = IsingSpec{{1.0}, 0.1};
  o.kT = 2.5;
  return o;
}

/// An equilibrated L^2 snapshot: random start at m = 0, Glauber dynamics for time 150 (at t = 40
/// the 64^2 mean magnetization was still 0.57 instead of 0.73).
Configuration equilibrated(int L, std::uint64_t seed) {
  RandomStream fill(seed, {1});
  Configuration x(static_cast<std::size_t>(L) * L);
  for (auto &s : x)
    s = static_cast<Species>(fill.below(2));
  LatticeKmc kmc(LatticeKind::Square, {L, L, 1}, 1.0, x, ising());
  RandomStream rng(seed, {2});
  kmc.advance(150.0, UINT64_MAX, rng);
  return kmc.configuration();
}

SpinObservables observe(int L, const Configuration &x) {
  const Lattice lattice(LatticeKind::Square, {L, L, 1}, 1.0);
  std::vector<std::int8_t> spins(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    spins[i] = static_cast<std::int8_t>(spin_of(x[i]));
  return evaluate_spins(lattice, spins);
}

struct Pool {
  std::vector<double> m, dw;
  void add(const SpinObservables &o) {
    m.push_back(o.magnetization);
    dw.push_back(o.domain_wall_density);
  }
};

Pool upsampled_pool(int small, int levels, double window_time, int n, std::uint64_t seed) {
  Pool pool;
  UpsampleSettings s;
  s.levels = levels;
  s.window_time = window_time;
  s.seed = seed;
  for (int k = 0; k < n; ++k) {
    const auto r = upsample(LatticeKind::Square, {small, small, 1}, 1.0,
                            equilibrated(small, seed * 1000 + k), ising(), s, k);
    EXPECT_EQ(r.cells[0], 64);
    pool.add(observe(64, r.configuration));
  }
  return pool;
}

} // namespace

TEST(Upsampler, IsingPoolsUpsampledFrom16And32MatchDirect64Distributions) {
  // 2D Ising, J = 1, h = 0.1, T = 2.5, continuous-time Glauber. 40 snapshots per pool; windows of
  // the small size, stride half a window, time 20 each (each site relaxes about 80 time units per
  // level; with 3 per window W1(m) was 14x the noise floor from 16^2, 6x from 32^2).
  const int n = 40;
  Pool direct, direct2;
  for (int k = 0; k < n; ++k) {
    direct.add(observe(64, equilibrated(64, 500 + k)));
    direct2.add(observe(64, equilibrated(64, 900 + k)));
  }
  const double floor_m = wasserstein1(direct.m, direct2.m);
  const double floor_dw = wasserstein1(direct.dw, direct2.dw);
  struct Case {
    const char *name;
    Pool pool;
  } cases[] = {{"16^2 -> 64^2", upsampled_pool(16, 2, 20.0, n, 3)},
               {"32^2 -> 64^2", upsampled_pool(32, 1, 20.0, n, 4)}};
  for (const auto &c : cases) {
    const double w_m = wasserstein1(c.pool.m, direct.m), w_dw = wasserstein1(c.pool.dw, direct.dw);
    std::printf("%s: W1(m) = %.4f (noise floor %.4f), W1(dw) = %.4f (floor %.4f); "
                "mean m %.4f vs %.4f, mean dw %.4f vs %.4f\n",
                c.name, w_m, floor_m, w_dw, floor_dw, mean_of(c.pool.m), mean_of(direct.m),
                mean_of(c.pool.dw), mean_of(direct.dw));
    EXPECT_LT(w_m, 3 * floor_m) << c.name;
    EXPECT_LT(w_dw, 3 * floor_dw) << c.name;
  }
  // Without relaxation the block copies halve the domain walls: the comparison can fail.
  const auto raw = upsampled_pool(32, 1, 1e-9, 10, 5);
  EXPECT_GT(std::abs(mean_of(raw.dw) - mean_of(direct.dw)), 10 * floor_dw);
}
