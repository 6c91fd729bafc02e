// The macro/bias term: its observables on the lattice equal sro_values (same formulas), dE/dP
// matches finite differences, the switching function is smooth, and the lattice fast path's
// energy changes equal differences of full recomputations along a KMC trajectory.
#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/energy/biased_energy_model.h"
#include "core/energy/macro_bias.h"
#include "core/energy/pair_interaction_model.h"
#include "core/kmc/lattice_kmc.h"
#include "core/observables/pair_counts.h"
#include "core/observables/sro_observables.h"
#include "support/random_alloy.h"
#include "support/run_command.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace macrodyn;

namespace {

const std::vector<std::string> kSpecies = {"Nb", "Mo", "Ta"};


} // namespace

TEST(SwitchingFunction, IsOneThenSmoothlyZeroWithItsDerivative) {
  const SwitchingFunction s{2.9, 3.1};
  EXPECT_EQ(s.value(2.806), 1.0);
  EXPECT_EQ(s.value(3.24), 0.0);
  EXPECT_NEAR(s.value(3.0), 0.5, 1e-12);
  for (double r = 2.85; r < 3.15; r += 0.0123) {
    const double h = 1e-6;
    EXPECT_NEAR(s.derivative(r), (s.value(r + h) - s.value(r - h)) / (2 * h), 1e-6) << r;
  }
  EXPECT_EQ(s.derivative(2.9), 0.0);
  EXPECT_EQ(s.derivative(3.1), 0.0);
}

TEST(MacroBias, LatticeObservablesAreTheSroValues) {
  const Lattice lattice(LatticeKind::BCC, {6, 6, 6}, 3.24, 1);
  const auto x = macrodyn::testing::random_ternary_alloy(lattice, 3, 4);
  const auto counts = count_pairs(lattice, x, 3, 1);
  SroSpec spec;
  spec.n_species = 3;
  spec.shells = {0};
  spec.pairs = all_species_pairs(3);
  const auto names = sro_names(spec, kSpecies);
  const auto expected = sro_values(spec, counts, 8);
  ASSERT_EQ(names, MacroBias::first_shell_names(kSpecies));
  const MacroBias bias(kSpecies, names, {}, 1.0, 8);
  const auto e = bias.evaluate(SmoothCounts::from(counts), std::vector<double>(names.size(), 0.0));
  for (std::size_t k = 0; k < names.size(); ++k)
    EXPECT_NEAR(e.z[k], expected[k], 1e-12 * (1 + std::abs(expected[k]))) << names[k];
}

TEST(MacroBias, GradientMatchesFiniteDifferences) {
  const std::vector<std::string> names = {"alpha_Nb_Mo_s1", "alpha_Ta_Ta_s1", "delta_NbMo",
                                          "delta_TaTa", "count_Mo_Ta_s1"};
  const MacroBias bias(kSpecies, names, {1.0, 2.0, 0.5, 1.5, 1e-6}, 0.3, 8);
  SmoothCounts c(3);
  RandomStream rng(7, {});
  for (auto &p : c.directed)
    p = 100 + 300 * rng.uniform_open();
  c.species = {90, 110, 100};
  const std::vector<double> target = {0.1, -0.2, 0.05, 0.3, 200};
  const auto e = bias.evaluate(c, target);
  EXPECT_NEAR(e.energy, bias.energy(c, target), 1e-12 * e.energy);
  for (std::size_t col = 0; col < 9; ++col) {
    const double h = 1e-4;
    SmoothCounts up = c, down = c;
    up.directed[col] += h;
    down.directed[col] -= h;
    const double fd = (bias.energy(up, target) - bias.energy(down, target)) / (2 * h);
    EXPECT_NEAR(e.dE_dP[col], fd, 1e-7 * (1 + std::abs(fd))) << col;
  }
}

TEST(MacroBias, UnknownObservablesAndWrongWeightsAreErrors) {
  EXPECT_THROW(MacroBias bias(kSpecies, {"delta_NbW"}, {}, 1.0, 8), Error);
  EXPECT_THROW(MacroBias bias(kSpecies, {"delta_NbMo", "delta_NbTa"}, {1.0}, 1.0, 8), Error);
}

TEST(BiasedEnergyModel, LocalChangesEqualFullRecomputationAlongATrajectory) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-bias-");
  macrodyn::testing::write_file(dir + "/pairs.epi", "species Nb Mo Ta\nshells 2\n"
                                                    "pair 1 Nb Mo -0.030\npair 1 Mo Ta -0.020\n"
                                                    "pair 2 Nb Mo 0.010\n");
  const std::array<int, 3> cells{5, 5, 5};
  const Lattice lattice(LatticeKind::BCC, cells, 3.24, 2);
  const auto x0 = macrodyn::testing::random_ternary_alloy(lattice, 4, 9);
  KmcOptions o;
  o.energy = PairFileSpec{dir + "/pairs.epi"};
  o.species = kSpecies;
  o.move = KmcOptions::Move::VacancyExchange;
  o.barriers = {0.96, 1.29, 1.10};
  o.kT = kBoltzmannEvPerK * 1400;
  o.nu = 1e13;
  o.bias = std::make_shared<MacroBias>(
      kSpecies, std::vector<std::string>{"delta_NbMo", "delta_MoTa", "alpha_Nb_Nb_s1"},
      std::vector<double>{1, 1, 1}, 0.05, 8);
  o.bias_target = {0.4, -0.3, 0.2};
  LatticeKmc kmc(LatticeKind::BCC, cells, 3.24, x0, o);
  // A biased model of the same kind, fed the trajectory, against full recomputation.
  auto inner_options = o;
  inner_options.bias.reset();
  RandomStream rng(11, {});
  for (int round = 0; round < 20; ++round) {
    kmc.advance(INFINITY, 5, rng);
    const auto &x = kmc.configuration();
    const Lattice full(LatticeKind::BCC, cells, 3.24, 2);
    BiasedEnergyModel model(std::make_unique<PairInteractionModel>(
                                full, read_pair_interactions(file_of(o.energy), kSpecies)),
                            o.bias, 3, o.bias_target);
    model.reset(x0);
    std::vector<std::size_t> all(x.size());
    for (std::size_t i = 0; i < all.size(); ++i)
      all[i] = i;
    model.notify(x, all.data(), static_cast<int>(all.size()));
    const double e0 = model.total_energy(x);
    EXPECT_NEAR(kmc.energy(), e0, 1e-9 * std::abs(e0));
    for (int trial = 0; trial < 30; ++trial) {
      const std::size_t i = rng.below(x.size());
      const std::size_t j = trial % 3 == 0 ? full.neighbours(i, 0)[trial % 8] : rng.below(x.size());
      if (i == j || x[i] == x[j]) continue;
      Configuration y = x;
      std::swap(y[i], y[j]);
      EXPECT_NEAR(model.exchange_delta(x, i, j), model.total_energy(y) - e0, 1e-9)
          << "round " << round << " swap " << i << " " << j;
    }
  }
  // A new target changes the energy by the bias difference only.
  const double before = kmc.energy();
  kmc.set_bias_target({0.0, 0.0, 0.0});
  EXPECT_NE(kmc.energy(), before);
}
