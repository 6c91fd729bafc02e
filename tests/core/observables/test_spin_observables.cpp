#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/observables/spin_observables.h"

#include <gtest/gtest.h>

using macrodyn::Lattice;
using macrodyn::LatticeKind;

TEST(SpinObservables, UniformAndCheckerboardGiveExactExtremes) {
  const Lattice square(LatticeKind::Square, {6, 4, 1}, 1.0);
  std::vector<std::int8_t> spins(square.n_sites(), 1);
  auto obs = macrodyn::evaluate_spins(square, spins);
  EXPECT_DOUBLE_EQ(obs.magnetization, 1.0);
  EXPECT_DOUBLE_EQ(obs.domain_wall_density, 0.0);
  // Checkerboard (even box): every bond joins unlike spins, half the spins are down.
  for (std::size_t i = 0; i < spins.size(); ++i) {
    const auto c = square.cell_of(i);
    spins[i] = (c[0] + c[1]) % 2 ? -1 : 1;
  }
  obs = macrodyn::evaluate_spins(square, spins);
  EXPECT_DOUBLE_EQ(obs.magnetization, 0.0);
  EXPECT_DOUBLE_EQ(obs.domain_wall_density, 1.0);
}

TEST(SpinObservables, RandomSquareConfigurationMatchesDirectBondCount) {
  const int lx = 9, ly = 7;
  const Lattice square(LatticeKind::Square, {lx, ly, 1}, 1.0);
  macrodyn::RandomStream rng(3);
  std::vector<std::int8_t> spins(square.n_sites());
  for (auto &s : spins)
    s = rng.below(2) ? 1 : -1;
  // Independent count: each site's +x and +y bond, by coordinates, wrapping by hand.
  auto spin = [&](int x, int y) { return spins[((y + ly) % ly) * lx + (x + lx) % lx]; };
  int sum = 0, unlike = 0;
  for (int y = 0; y < ly; ++y)
    for (int x = 0; x < lx; ++x) {
      sum += spin(x, y);
      unlike += (spin(x, y) != spin(x + 1, y)) + (spin(x, y) != spin(x, y + 1));
    }
  const auto obs = macrodyn::evaluate_spins(square, spins);
  EXPECT_DOUBLE_EQ(obs.magnetization, double(sum) / (lx * ly));
  EXPECT_DOUBLE_EQ(obs.domain_wall_density, double(unlike) / (2 * lx * ly));
}

TEST(SpinObservables, RejectsValuesOtherThanPlusMinusOne) {
  const Lattice square(LatticeKind::Square, {4, 4, 1}, 1.0);
  std::vector<std::int8_t> spins(square.n_sites(), 1);
  spins[5] = 0;
  EXPECT_THROW(macrodyn::evaluate_spins(square, spins), macrodyn::Error);
  EXPECT_THROW(macrodyn::evaluate_spins(square, std::vector<std::int8_t>(3, 1)), macrodyn::Error);
}
