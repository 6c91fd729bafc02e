// The partial-evolution estimator against full evolution of the same x0 for the same dt: equal
// means within statistical error, variance about K times larger. The estimator is
// z1 = phi(x0) + K (phi(x1) - phi(x0)) with x1 = x0 with only patch I evolved; for site observables
// (magnetization) it equals phi(x0) + phi_I(x1) - phi_I(x0); for pair observables it also holds the
// halves of border-crossing bonds that phi_I misses (doc/method.md, "Pair observables").
#include "core/partial_evolution.h"
#include "core/random_stream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

using namespace macrodyn;

namespace {

struct Moments {
  std::vector<double> sum, sum2;
  int n = 0;
  void add(const std::vector<double> &x) {
    if (sum.empty()) sum.assign(x.size(), 0.0), sum2.assign(x.size(), 0.0);
    for (std::size_t k = 0; k < x.size(); ++k) sum[k] += x[k], sum2[k] += x[k] * x[k];
    ++n;
  }
  double mean(std::size_t k) const { return sum[k] / n; }
  double variance(std::size_t k) const { return (sum2[k] - n * mean(k) * mean(k)) / (n - 1); }
  double error(std::size_t k) const { return std::sqrt(variance(k) / n); }
};

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
    const double se = std::sqrt(partial.error(k) * partial.error(k) + full.error(k) * full.error(k));
    EXPECT_NEAR(partial.mean(k), full.mean(k), 4 * se) << names[k];
    const double ratio = partial.variance(k) / full.variance(k);
    EXPECT_GT(ratio, 0.6 * K) << names[k];
    EXPECT_LT(ratio, 1.6 * K) << names[k];
    ::testing::Test::RecordProperty(names[k], "partial " + std::to_string(partial.mean(k)) + " full " +
                                 std::to_string(full.mean(k)) + " +- " + std::to_string(se) +
                                 " variance ratio " + std::to_string(ratio));
  }
}

TEST(PartialEvolution, IsingEstimatorIsUnbiasedWithKTimesTheVariance) {
  // 32^2 Ising, J = 1, h = 0.1, T = 2.5, Glauber; K = 4 patches of 16^2; dt = 0.2.
  KmcOptions o;
  o.couplings = {1.0};
  o.field = 0.1;
  o.kT = 2.5;
  PartialEvolution pe(LatticeKind::Square, {32, 32, 1}, 1.0, o, {2, 2, 1});
  pe.set_observables(make_spin_observables(pe.lattice(), pe.tiling()));
  RandomStream fill(1);
  Configuration x0(pe.lattice().n_sites());
  for (auto &s : x0) s = fill.below(10) < 3 ? 1 : 0; // m0 about 0.4
  expect_unbiased(pe, x0, 0.2, 6000, 3000, {0, 1});
}

TEST(PartialEvolution, TernaryVacancyAlloyEstimatorIsUnbiasedWithKTimesTheVariance) {
  // 8^3-cell BCC NbMoTa-like alloy, pair interactions, one vacancy per patch; K = 8 patches of 4^3.
  const std::string path = ::testing::TempDir() + "/pe_alloy.epi";
  std::ofstream(path) << "species Nb Mo Ta\nshells 1\npair 1 Nb Mo -0.08\npair 1 Mo Ta -0.05\n"
                         "pair 1 Nb Ta 0.03\n";
  KmcOptions o;
  o.model = KmcOptions::Model::PairInteractions;
  o.pair_file = path;
  o.species = {"Nb", "Mo", "Ta"};
  o.move = KmcOptions::Move::VacancyExchange;
  o.barriers = {0.96, 1.29, 1.10};
  o.kT = kBoltzmannEvPerK * 1500;
  o.nu = 1e13;
  PartialEvolution pe(LatticeKind::BCC, {8, 8, 8}, 3.24, o, {2, 2, 2});
  SroSpec spec{3, {0}, all_species_pairs(3)};
  pe.set_observables(make_sro_observables(pe.lattice(), pe.tiling(), spec, o.species));
  RandomStream fill(2);
  Configuration x0(pe.lattice().n_sites());
  for (auto &s : x0) s = static_cast<Species>(fill.below(3));
  for (int p = 0; p < 8; ++p) x0[pe.tiling().sites_of(p)[fill.below(128)]] = kVacancy;
  // Short dt, as the method requires: about 0.3 jumps per vacancy (the estimator is exact to first
  // order in dt; a vacancy that left its patch stays frozen, which matters at several jumps).
  const double dt = 0.3 / (8 * 1e13 * std::exp(-1.1 / o.kT));
  expect_unbiased(pe, x0, dt, 3000, 1500, {6, 7, 8, 9, 10, 11}); // the six delta parameters
}

} // namespace
