// Local energy changes of every model equal the difference of two full-lattice energies.
#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/energy/curie_weiss_model.h"
#include "core/energy/eam_lattice_model.h"
#include "core/energy/ising_model.h"
#include "core/energy/pair_interaction_model.h"
#include "support/run_command.h"
#include "support/setfl_writer.h"

#include <gtest/gtest.h>

#include <memory>

using namespace macrodyn;
using macrodyn::SetflPotential;

namespace {

Configuration random_configuration(std::size_t n, int n_species, int n_vacancies,
                                   RandomStream &rng) {
  Configuration c(n);
  for (auto &s : c)
    s = static_cast<Species>(rng.below(n_species));
  for (int v = 0; v < n_vacancies; ++v)
    c[rng.below(n)] = kVacancy;
  return c;
}

void expect_local_deltas_match_full_energies(EnergyModel &model, Configuration config,
                                             RandomStream &rng, int n_species, bool flips) {
  const Lattice &lattice = model.lattice();
  for (int trial = 0; trial < 200; ++trial) {
    model.reset(config);
    const double before = model.total_energy(config);
    const std::size_t i = rng.below(config.size());
    // Exchange with a random first- or second-shell neighbour, or any site.
    std::size_t j =
        trial % 3 == 2
            ? rng.below(config.size())
            : lattice.neighbours(i, trial % 2)[rng.below(lattice.coordination(trial % 2))];
    if (j == i) continue;
    const double dE = model.exchange_delta(config, i, j);
    Configuration swapped = config;
    std::swap(swapped[i], swapped[j]);
    ASSERT_NEAR(dE, model.total_energy(swapped) - before, 1e-9) << "exchange " << i << " " << j;
    if (flips && config[i] != kVacancy) {
      const Species s = static_cast<Species>(rng.below(n_species));
      const double dF = model.flip_delta(config, i, s);
      Configuration flipped = config;
      flipped[i] = s;
      ASSERT_NEAR(dF, model.total_energy(flipped) - before, 1e-9) << "flip " << i;
      config = flipped; // walk through configurations
    }
  }
}

TEST(EnergyModels, IsingTwoShellsWithField) {
  RandomStream rng(1);
  for (auto kind : {LatticeKind::Square, LatticeKind::BCC}) {
    const Lattice lattice(kind,
                          kind == LatticeKind::Square ? std::array<int, 3>{6, 5, 1}
                                                      : std::array<int, 3>{3, 4, 3},
                          1.0, 2);
    IsingModel model(lattice, {1.0, -0.3}, 0.2);
    expect_local_deltas_match_full_energies(
        model, random_configuration(lattice.n_sites(), 2, 0, rng), rng, 2, true);
  }
}

TEST(EnergyModels, CurieWeissKeepsItsMagnetizationCurrent) {
  RandomStream rng(2);
  const Lattice lattice(LatticeKind::Square, {7, 7, 1}, 1.0);
  CurieWeissModel model(lattice, 1.3, 0.1);
  Configuration config = random_configuration(lattice.n_sites(), 2, 0, rng);
  model.reset(config);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t i = rng.below(config.size());
    const double dE = model.flip_delta(config, i, 1 - config[i]);
    const double before = model.total_energy(config);
    config[i] = 1 - config[i];
    ASSERT_NEAR(dE, model.total_energy(config) - before, 1e-12);
    model.notify(config, &i, 1); // the cached M follows without a reset
  }
}

TEST(EnergyModels, PairInteractionsThreeSpeciesWithVacancies) {
  RandomStream rng(3);
  const Lattice lattice(LatticeKind::BCC, {3, 3, 4}, 3.2, 2);
  PairInteractionTable table;
  table.species = {"Nb", "Mo", "Ta"};
  table.shell.assign(2, std::vector<double>(9));
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < 3; ++a)
      for (int b = a; b < 3; ++b)
        table.shell[s][a * 3 + b] = table.shell[s][b * 3 + a] = rng.uniform_open() - 0.5;
  PairInteractionModel model(lattice, table);
  expect_local_deltas_match_full_energies(model, random_configuration(lattice.n_sites(), 3, 4, rng),
                                          rng, 3, true);
}

TEST(EnergyModels, EamOnLatticeThreeSpeciesWithVacancies) {
  RandomStream rng(4);
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-eam-") + "/test.eam.alloy";
  const double cutoff = macrodyn::testing::write_test_setfl(path);
  const SetflPotential potential = read_setfl(path);
  const int shells = shells_within(LatticeKind::BCC, 3.24, cutoff);
  EXPECT_EQ(shells, 3); // 2.806, 3.24, 4.582 < 5.0 < 5.373 Angstrom
  const Lattice lattice(LatticeKind::BCC, {4, 4, 5}, 3.24, shells);
  EamLatticeModel model(lattice, potential, {"Ta", "Nb", "Mo"});
  expect_local_deltas_match_full_energies(model, random_configuration(lattice.n_sites(), 3, 5, rng),
                                          rng, 3, true);
}

TEST(EnergyModels, EamCachedDensitiesFollowMovesThroughNotify) {
  RandomStream rng(6);
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-eam-") + "/test.eam.alloy";
  macrodyn::testing::write_test_setfl(path);
  const Lattice lattice(LatticeKind::BCC, {4, 4, 4}, 3.24, 3);
  EamLatticeModel model(lattice, read_setfl(path), {"Nb", "Mo", "Ta"});
  Configuration config = random_configuration(lattice.n_sites(), 3, 3, rng);
  model.reset(config);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t i = rng.below(config.size());
    const std::size_t j = lattice.neighbours(i, 0)[rng.below(8)];
    const double dE = model.exchange_delta(config, i, j), before = model.total_energy(config);
    std::swap(config[i], config[j]);
    ASSERT_NEAR(dE, model.total_energy(config) - before, 1e-9);
    const std::size_t sites[2] = {i, j};
    model.notify(config, sites, 2); // no reset: the cache must stay exact
  }
}

TEST(SetflPotential, InterpolationReproducesACubicInsideTheTable) {
  // LAMMPS's scheme: 5-point slopes (exact to degree 4) and cubic Hermite segments: a cubic
  // polynomial is reproduced exactly away from the two ends of the table.
  std::vector<double> values;
  auto cubic = [](double x) { return 0.3 * x * x * x - x * x + 2 * x - 1; };
  for (int m = 0; m < 50; ++m)
    values.push_back(cubic(0.1 * m));
  const TabulatedFunction f(values, 0.1);
  for (double x = 0.35; x < 4.5; x += 0.0731) {
    double slope = 0;
    EXPECT_NEAR(f.evaluate(x, &slope), cubic(x), 1e-12) << x;
    EXPECT_NEAR(slope, 0.9 * x * x - 2 * x + 2, 1e-10) << x;
  }
}

TEST(PairInteractionFile, ReadsSymmetricTablesInTheCallersSpeciesOrder) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-epi-");
  macrodyn::testing::write_file(dir + "/nbmota.epi", R"(# test table
species Nb Mo Ta
shells 2
pair 1 Nb Mo -0.05   # first shell
pair 1 Ta Ta 0.01
pair 2 Mo Ta 0.02
)");
  const auto table = read_pair_interactions(dir + "/nbmota.epi", {"Ta", "Mo", "Nb"});
  EXPECT_DOUBLE_EQ(table.value(0, 2, 1), -0.05); // Nb-Mo
  EXPECT_DOUBLE_EQ(table.value(0, 1, 2), -0.05);
  EXPECT_DOUBLE_EQ(table.value(0, 0, 0), 0.01); // Ta-Ta
  EXPECT_DOUBLE_EQ(table.value(1, 0, 1), 0.02); // Mo-Ta, shell 2
  EXPECT_DOUBLE_EQ(table.value(1, 2, 2), 0.0);  // unlisted
}

TEST(PairInteractionFile, BadLinesAreErrorsWithFileAndLine) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-epi-");
  macrodyn::testing::write_file(dir + "/bad.epi", "species A B\nshells 1\npair 2 A B 0.1\n");
  try {
    read_pair_interactions(dir + "/bad.epi", {"A", "B"});
    FAIL() << "shell 2 of a 1-shell table was accepted";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("bad.epi:3:"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_pair_interactions(dir + "/bad.epi", {"A", "C"}), Error);
  EXPECT_THROW(read_pair_interactions(dir + "/absent.epi", {"A"}), Error);
}

} // namespace

// First-shell exchanges (the KMC hot path) read their neighbourhood from a pattern derived once
// per basis site; every lattice kind and boxes so small that periodic images of both sites'
// neighbourhoods overlap must still give full-lattice energy differences.
TEST(EnergyModels, EamFirstShellExchangesOnEveryLatticeKindAndSmallBoxes) {
  RandomStream rng(7);
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-eam-") + "/test.eam.alloy";
  const double cutoff = macrodyn::testing::write_test_setfl(path);
  const SetflPotential potential = read_setfl(path);
  struct Case {
    LatticeKind kind;
    std::array<int, 3> cells;
    double a;
  };
  // Within the 5 A cutoff: square and simple cubic (a = 2.2) 4 and 5 shells, BCC and FCC 3; the
  // first box of each kind is the smallest the lattice accepts for that shell count.
  for (const Case &c :
       {Case{LatticeKind::Square, {5, 6, 1}, 2.2}, Case{LatticeKind::Square, {9, 8, 1}, 2.2},
        Case{LatticeKind::SimpleCubic, {5, 5, 6}, 2.2}, Case{LatticeKind::BCC, {3, 4, 3}, 3.24},
        Case{LatticeKind::BCC, {7, 6, 6}, 3.24}, Case{LatticeKind::FCC, {3, 3, 4}, 4.05}}) {
    const auto lattice =
        std::make_unique<Lattice>(c.kind, c.cells, c.a, shells_within(c.kind, c.a, cutoff));
    EamLatticeModel model(*lattice, potential, {"Nb", "Mo", "Ta"});
    Configuration config = random_configuration(lattice->n_sites(), 3, 3, rng);
    model.reset(config);
    const double before = model.total_energy(config);
    for (int trial = 0; trial < 40; ++trial) {
      const std::size_t i = rng.below(config.size());
      const int d = static_cast<int>(rng.below(lattice->coordination(0)));
      const std::size_t j = lattice->neighbours(i, 0)[d];
      Configuration swapped = config;
      std::swap(swapped[i], swapped[j]);
      ASSERT_NEAR(model.exchange_delta(config, i, j), model.total_energy(swapped) - before, 1e-9)
          << "lattice kind " << static_cast<int>(c.kind) << ", " << c.cells[0] << "x"
          << c.cells[1] << "x" << c.cells[2] << " cells, exchange " << i << " " << j;
    }
  }
}
