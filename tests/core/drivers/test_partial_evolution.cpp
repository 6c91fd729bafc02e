// The partial-evolution estimator against full evolution of the same x0 for the same dt: equal
// means within statistical error, variance about K times larger. The estimator is
// z1 = phi(x0) + K (phi(x1) - phi(x0)) with x1 = x0 with only patch I evolved; for site observables
// (magnetization) it equals phi(x0) + phi_I(x1) - phi_I(x0); for pair observables it also holds the
// halves of border-crossing bonds that phi_I misses (doc/method.md, "Pair observables").
#include "core/base/random_stream.h"
#include "core/drivers/partial_evolution.h"
#include "support/setfl_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

using namespace macrodyn;

namespace {

struct Moments {
  std::vector<double> sum, sum2;
  int n = 0;
  void add(const std::vector<double> &x) {
    if (sum.empty()) sum.assign(x.size(), 0.0), sum2.assign(x.size(), 0.0);
    for (std::size_t k = 0; k < x.size(); ++k)
      sum[k] += x[k], sum2[k] += x[k] * x[k];
    ++n;
  }
  double mean(std::size_t k) const { return sum[k] / n; }
  double variance(std::size_t k) const { return (sum2[k] - n * mean(k) * mean(k)) / (n - 1); }
  double error(std::size_t k) const { return std::sqrt(variance(k) / n); }
};

/// NbMoTa-like vacancy exchange: KRA barriers of the study, nu = 1e13 /s, at temperature T (K).
KmcOptions alloy_exchange(EnergySpec energy, double T) {
  KmcOptions o;
  o.energy = std::move(energy);
  o.species = {"Nb", "Mo", "Ta"};
  o.move = KmcOptions::Move::VacancyExchange;
  o.barriers = {0.96, 1.29, 1.10};
  o.kT = kBoltzmannEvPerK * T;
  o.nu = 1e13;
  return o;
}

/// Runs both estimators from x0 and checks means and the variance ratio for every observable.
void expect_unbiased(const PartialEvolution &pe, const Configuration &x0, double dt, int samples,
                     int full_runs, const std::vector<std::size_t> &checked) {
  Moments partial, full;
  PartialEvolutionSettings s;
  s.dt = dt;
  s.samples = samples;
  s.seed = 77;
  s.outbound_jumps = true;
  pe.sample(x0, 0, s, [&](const PartialRecord &r) {
    std::vector<double> z1(r.phi0.size());
    for (std::size_t k = 0; k < z1.size(); ++k)
      z1[k] = r.phi0[k] + r.increment[k];
    EXPECT_DOUBLE_EQ(r.dt, dt);
    partial.add(z1);
  });
  pe.full(x0, 0, {dt}, full_runs, 78, [&](const FullRecord &r) { full.add(r.phi.back()); });
  const double K = pe.tiling().n_patches();
  const auto names = pe.observables().names();
  for (std::size_t k : checked) {
    const double se =
        std::sqrt(partial.error(k) * partial.error(k) + full.error(k) * full.error(k));
    EXPECT_NEAR(partial.mean(k), full.mean(k), 4 * se) << names[k];
    const double ratio = partial.variance(k) / full.variance(k);
    EXPECT_GT(ratio, 0.6 * K) << names[k];
    EXPECT_LT(ratio, 1.6 * K) << names[k];
    ::testing::Test::RecordProperty(names[k], "partial " + std::to_string(partial.mean(k)) +
                                                  " full " + std::to_string(full.mean(k)) + " +- " +
                                                  std::to_string(se) + " variance ratio " +
                                                  std::to_string(ratio));
  }
}

TEST(PartialEvolution, IsingEstimatorIsUnbiasedWithKTimesTheVariance) {
  // 32^2 Ising, J = 1, h = 0.1, T = 2.5, Glauber; K = 4 patches of 16^2; dt = 0.2.
  KmcOptions o;
  o.energy = IsingSpec{{1.0}, 0.1};
  o.kT = 2.5;
  PartialEvolution pe(LatticeKind::Square, {32, 32, 1}, 1.0, o, {2, 2, 1});
  pe.set_observables(make_spin_observables(pe.lattice(), pe.tiling()));
  RandomStream fill(1);
  Configuration x0(pe.lattice().n_sites());
  for (auto &s : x0)
    s = fill.below(10) < 3 ? 1 : 0; // m0 about 0.4
  expect_unbiased(pe, x0, 0.2, 6000, 3000, {0, 1});
}

TEST(PartialEvolution, TernaryVacancyAlloyEstimatorIsUnbiasedWithKTimesTheVariance) {
  // 8^3-cell BCC NbMoTa-like alloy, pair interactions, one vacancy per patch; K = 8 patches of 4^3.
  const std::string path = ::testing::TempDir() + "/pe_alloy.epi";
  std::ofstream(path) << "species Nb Mo Ta\nshells 1\npair 1 Nb Mo -0.08\npair 1 Mo Ta -0.05\n"
                         "pair 1 Nb Ta 0.03\n";
  const auto o = alloy_exchange(PairFileSpec{path}, 1500);
  PartialEvolution pe(LatticeKind::BCC, {8, 8, 8}, 3.24, o, {2, 2, 2});
  SroSpec spec{3, {0}, all_species_pairs(3)};
  pe.set_observables(make_sro_observables(pe.lattice(), pe.tiling(), spec, o.species));
  RandomStream fill(2);
  Configuration x0(pe.lattice().n_sites());
  for (auto &s : x0)
    s = static_cast<Species>(fill.below(3));
  for (int p = 0; p < 8; ++p)
    x0[pe.tiling().sites_of(p)[fill.below(128)]] = kVacancy;
  // Short dt, as the method requires: about 0.3 jumps per vacancy (the estimator is exact to first
  // order in dt; a vacancy that left its patch stays frozen, which matters at several jumps).
  const double dt = 0.3 / (8 * 1e13 * std::exp(-1.1 / o.kT));
  expect_unbiased(pe, x0, dt, 3000, 1500, {6, 7, 8, 9, 10, 11}); // the six delta parameters
}

} // namespace

namespace {

/// The records of one fresh KMC per sample (the definition of a sample), for comparison with
/// PartialEvolution, which reuses one KMC and restores the changed sites.
void expect_same_records_as_fresh_kmc(const PartialEvolution &pe, LatticeKind kind,
                                      std::array<int, 3> cells, double a, const KmcOptions &o,
                                      const Configuration &x0, double dt) {
  PartialEvolutionSettings s;
  s.dt = dt;
  s.samples = 40;
  s.seed = 5;
  s.store_microstates = true;
  std::vector<PartialRecord> records;
  pe.sample(x0, 3, s, [&](const PartialRecord &r) { records.push_back(r); });
  ASSERT_EQ(records.size(), 40u);
  std::uint64_t events = 0;
  for (const auto &r : records) {
    RandomStream rng(s.seed, {3, static_cast<std::uint64_t>(r.sample)});
    EXPECT_EQ(static_cast<int>(rng.below(pe.tiling().n_patches())), r.patch);
    LatticeKmc fresh(kind, cells, a, x0, o);
    fresh.set_active_sites(pe.tiling().active_mask(r.patch), true);
    EXPECT_EQ(fresh.advance(dt, UINT64_MAX, rng), r.events) << "sample " << r.sample;
    EXPECT_EQ(fresh.clock().time, r.dt);
    Configuration micro1;
    for (std::size_t i : pe.tiling().sites_of(r.patch))
      micro1.push_back(fresh.configuration()[i]);
    EXPECT_EQ(micro1, r.micro1) << "sample " << r.sample;
    events += r.events;
  }
  EXPECT_GT(events, 40u); // the samples did evolve
}

} // namespace

TEST(PartialEvolution, ReusedKmcGivesExactlyTheRecordsOfAFreshKmcPerSample) {
  {
    KmcOptions o;
    o.energy = IsingSpec{{1.0}, 0.1};
    o.kT = 2.5;
    PartialEvolution pe(LatticeKind::Square, {16, 16, 1}, 1.0, o, {2, 2, 1});
    pe.set_observables(make_spin_observables(pe.lattice(), pe.tiling()));
    RandomStream fill(3);
    Configuration x0(pe.lattice().n_sites());
    for (auto &s : x0)
      s = static_cast<Species>(fill.below(2));
    expect_same_records_as_fresh_kmc(pe, LatticeKind::Square, {16, 16, 1}, 1.0, o, x0, 0.3);
  }
  // EAM keeps floating-point densities: restore must recompute them bit for bit.
  const std::string setfl = ::testing::TempDir() + "/pe_restore.eam.alloy";
  macrodyn::testing::write_test_setfl(setfl);
  const auto o = alloy_exchange(EamFileSpec{setfl}, 2000);
  PartialEvolution pe(LatticeKind::BCC, {6, 6, 6}, 3.24, o, {2, 1, 1});
  SroSpec spec{3, {0}, all_species_pairs(3)};
  pe.set_observables(make_sro_observables(pe.lattice(), pe.tiling(), spec, o.species));
  RandomStream fill(4);
  Configuration x0(pe.lattice().n_sites());
  for (auto &s : x0)
    s = static_cast<Species>(fill.below(3));
  for (int p = 0; p < 2; ++p)
    for (int v = 0; v < 3; ++v)
      x0[pe.tiling().sites_of(p)[fill.below(216)]] = kVacancy;
  expect_same_records_as_fresh_kmc(pe, LatticeKind::BCC, {6, 6, 6}, 3.24, o, x0,
                                   20 / (1e13 * std::exp(-1.1 / o.kT)));
}

TEST(PartialEvolution, RestoreLeavesEveryRateBitForBitAsAFreshKmc) {
  // 500 EAM vacancy jumps, then restore: the sum of all rates (which read every cached density near
  // a vacancy) equals that of a fresh KMC exactly; an incremental undo would differ in the last
  // bits.
  const std::string setfl = ::testing::TempDir() + "/pe_restore2.eam.alloy";
  macrodyn::testing::write_test_setfl(setfl);
  const auto o = alloy_exchange(EamFileSpec{setfl}, 2000);
  RandomStream fill(6);
  Configuration x0(2 * 6 * 6 * 6);
  for (auto &s : x0)
    s = static_cast<Species>(fill.below(3));
  for (int v = 0; v < 4; ++v)
    x0[fill.below(x0.size())] = kVacancy;
  LatticeKmc kmc(LatticeKind::BCC, {6, 6, 6}, 3.24, x0, o);
  const double before = kmc.total_rate();
  kmc.start_journal();
  RandomStream rng(7);
  EXPECT_EQ(kmc.advance(INFINITY, 500, rng), 500u);
  EXPECT_NE(kmc.total_rate(), before);
  kmc.restore(x0);
  EXPECT_EQ(kmc.configuration(), x0);
  EXPECT_EQ(kmc.total_rate(), before); // exact, not near
  EXPECT_EQ(kmc.clock().time, 0.0);
}

TEST(PartialEvolution, LocalBoxUpdateOfSpinObservablesEqualsRecomputation) {
  const Lattice lattice(LatticeKind::Square, {24, 16, 1}, 1.0);
  const PatchTiling tiling(lattice, {2, 2, 1});
  const auto obs = make_spin_observables(lattice, tiling);
  RandomStream rng(8);
  Configuration x0(lattice.n_sites());
  for (auto &s : x0)
    s = static_cast<Species>(rng.below(2));
  for (int trial = 0; trial < 50; ++trial) {
    Configuration x1 = x0;
    std::vector<std::size_t> changed;
    const int n = 1 + static_cast<int>(rng.below(40)); // clusters of neighbours included
    std::size_t site = rng.below(x0.size());
    for (int k = 0; k < n; ++k) {
      site = rng.below(3) ? lattice.neighbours(site, 0)[rng.below(4)] : rng.below(x0.size());
      x1[site] = static_cast<Species>(1 - x1[site]);
      changed.push_back(site);
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    EXPECT_EQ(obs->box_changed(x0, obs->box(x0), x1, changed), obs->box(x1)) << trial;
  }
}

TEST(PartialEvolution, LocalBoxUpdateOfSroObservablesEqualsRecomputation) {
  // Vacancy exchanges, some chained, some across patch borders: the box values from the updated
  // counts equal a full recount exactly, and patch values computed afterwards use the right box.
  const Lattice lattice(LatticeKind::BCC, {6, 6, 6}, 3.24, 2);
  const PatchTiling tiling(lattice, {2, 1, 1});
  SroSpec spec{3, {0, 1}, all_species_pairs(3)};
  const auto obs = make_sro_observables(lattice, tiling, spec, {"Nb", "Mo", "Ta"});
  const auto fresh = make_sro_observables(lattice, tiling, spec, {"Nb", "Mo", "Ta"});
  RandomStream rng(12);
  Configuration x0(lattice.n_sites());
  for (auto &s : x0)
    s = static_cast<Species>(rng.below(3));
  for (int v = 0; v < 4; ++v)
    x0[rng.below(x0.size())] = kVacancy;
  const auto phi0 = obs->box(x0);
  for (int trial = 0; trial < 30; ++trial) {
    Configuration x1 = x0;
    std::vector<std::size_t> changed;
    for (int k = 0; k < 1 + static_cast<int>(rng.below(6)); ++k) {
      const std::size_t i = rng.below(x1.size()), j = lattice.neighbours(i, 0)[rng.below(8)];
      std::swap(x1[i], x1[j]);
      changed.insert(changed.end(), {i, j});
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    EXPECT_EQ(obs->box_changed(x0, phi0, x1, changed), fresh->box(x1)) << trial;
    EXPECT_EQ(obs->patch(x1, 1), fresh->patch(x1, 1)) << trial;
    EXPECT_EQ(obs->patch(x0, 0), fresh->patch(x0, 0)) << trial;
  }
}
