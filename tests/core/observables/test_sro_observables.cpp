// Short-range order and spin observables: exact values derived by hand, a brute-force recount from
// coordinates, a random alloy, and the patch average equal to the box value.
#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/observables/spin_observables.h"
#include "core/observables/sro_observables.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace macrodyn;

namespace {

Configuration random_alloy(const Lattice &lattice, int n_species, int vacancies,
                           RandomStream &rng) {
  Configuration c(lattice.n_sites());
  for (std::size_t i = 0; i < c.size(); ++i)
    c[i] = static_cast<Species>(i % n_species);
  for (std::size_t i = c.size() - 1; i > 0; --i)
    std::swap(c[i], c[rng.below(i + 1)]); // shuffle
  for (int v = 0; v < vacancies; ++v)
    c[rng.below(c.size())] = kVacancy;
  return c;
}

double value_of(const SroSpec &spec, const std::vector<double> &values,
                const std::vector<std::string> &names, const std::string &name) {
  for (std::size_t k = 0; k < names.size(); ++k)
    if (names[k] == name) return values[k];
  ADD_FAILURE() << "no value named " << name;
  (void)spec;
  return NAN;
}

TEST(SroObservables, PerfectB2HasTheValuesDerivedByHand) {
  // B2: A on cube corners (basis 0), B on body centres (basis 1); c_A = c_B = 1/2.
  // Shell 1 (z = 8) joins corners to centres only: p_AB = 1, p_AA = 0, so
  //   alpha_AA(1) = 1 - 0 / (1/2) = 1,  alpha_AB(1) = 1 - 1 / (1/2) = -1;
  // shell 2 (6 neighbours at distance a) stays on the sublattice: p_AA = 1, p_AB = 0, so
  //   alpha_AA(2) = -1, alpha_AB(2) = 1.
  // delta: N_AA = 0 -> delta_AA = 0 - 8 (1/2) = -4; N_AB / N_A = 8 -> delta_AB = 8 - 4 = 4.
  const Lattice lattice(LatticeKind::BCC, {4, 4, 4}, 3.0, 2);
  Configuration config(lattice.n_sites());
  for (std::size_t i = 0; i < config.size(); ++i)
    config[i] = static_cast<Species>(lattice.basis_of(i));
  SroSpec spec{2, {0, 1}, all_species_pairs(2)};
  const std::vector<std::string> species = {"A", "B"};
  const auto names = sro_names(spec, species);
  const auto v = sro_values(spec, count_pairs(lattice, config, 2, 2), 8);
  EXPECT_DOUBLE_EQ(value_of(spec, v, names, "alpha_A_A_s1"), 1.0);
  EXPECT_DOUBLE_EQ(value_of(spec, v, names, "alpha_A_B_s1"), -1.0);
  EXPECT_DOUBLE_EQ(value_of(spec, v, names, "alpha_B_B_s1"), 1.0);
  EXPECT_DOUBLE_EQ(value_of(spec, v, names, "alpha_A_A_s2"), -1.0);
  EXPECT_DOUBLE_EQ(value_of(spec, v, names, "alpha_A_B_s2"), 1.0);
  EXPECT_DOUBLE_EQ(value_of(spec, v, names, "delta_AA"), -4.0);
  EXPECT_DOUBLE_EQ(value_of(spec, v, names, "delta_AB"), 4.0);
  EXPECT_DOUBLE_EQ(value_of(spec, v, names, "delta_BB"), -4.0);
  // 4^3 cells hold 64 A atoms, each with 8 B neighbours: P_AB = 64 * 8 = 512 directed pairs.
  EXPECT_DOUBLE_EQ(value_of(spec, v, names, "count_A_B_s1"), 512.0);
}

TEST(SroObservables, PureCrystalHasNoOrderToMeasure) {
  // One species: p_AA = 1 = c_A, so alpha_AA = 0; 2 N_AA / N_A = z, so delta_AA = z - z c_A = 0.
  const Lattice lattice(LatticeKind::BCC, {3, 3, 3}, 3.0);
  const Configuration config(lattice.n_sites(), 0);
  SroSpec spec{1, {0}, all_species_pairs(1)};
  const auto v = sro_values(spec, count_pairs(lattice, config, 1, 1), 8);
  EXPECT_DOUBLE_EQ(v[0], 0.0);
  EXPECT_DOUBLE_EQ(v[1], 0.0);
}

TEST(SroObservables, RandomEquimolarTernaryHasZeroSroWithinItsStandardError) {
  // Standard error of alpha for one random 16^3-cell configuration, estimated from the spread over
  // 40 independent random configurations; the test configuration must lie within 4 of them of 0.
  const Lattice lattice(LatticeKind::BCC, {16, 16, 16}, 3.24, 2);
  SroSpec spec{3, {0, 1}, all_species_pairs(3)};
  spec.deltas = false;
  RandomStream rng(314);
  const std::size_t n_alpha = spec.shells.size() * spec.pairs.size();
  std::vector<double> sum(n_alpha, 0), sum2(n_alpha, 0);
  const int replicas = 40;
  for (int r = 0; r < replicas; ++r) {
    const auto v =
        sro_values(spec, count_pairs(lattice, random_alloy(lattice, 3, 0, rng), 3, 2), 8);
    for (std::size_t k = 0; k < n_alpha; ++k)
      sum[k] += v[k], sum2[k] += v[k] * v[k];
  }
  const auto test =
      sro_values(spec, count_pairs(lattice, random_alloy(lattice, 3, 0, rng), 3, 2), 8);
  for (std::size_t k = 0; k < n_alpha; ++k) {
    const double mean = sum[k] / replicas;
    const double sd = std::sqrt((sum2[k] - replicas * mean * mean) / (replicas - 1));
    EXPECT_LT(sd, 0.02) << k;
    EXPECT_NEAR(test[k], 0.0, 4 * sd) << "alpha " << k << " sd " << sd;
    EXPECT_NEAR(mean, 0.0, 4 * sd / std::sqrt(double(replicas))) << "alpha " << k;
  }
}

/// Pair counts by brute force: every pair of sites, minimum-image distance from positions, shell
/// membership by distance; patches from coordinates (floor of position / patch length).
std::vector<PairCounts> brute_force_counts(const Lattice &lattice, const Configuration &c,
                                           int n_species, int n_shells,
                                           std::array<int, 3> patches) {
  const int K = patches[0] * patches[1] * patches[2];
  std::vector<PairCounts> out(K + 1);
  for (auto &pc : out) {
    pc.n_species = n_species, pc.n_shells = n_shells;
    pc.directed.assign(n_shells * n_species * n_species, 0);
    pc.species.assign(n_species, 0);
  }
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i] == kVacancy) continue;
    const auto pi = lattice.position(i);
    int patch = 0, stride = 1;
    for (int d = 0; d < 3; ++d) {
      const double length = lattice.cells()[d] * lattice.constant() / patches[d];
      patch += stride * static_cast<int>(std::floor(pi[d] / length + 1e-9));
      stride *= patches[d];
    }
    for (PairCounts *pc : {&out[K], &out[patch]}) {
      ++pc->species[c[i]];
      for (std::size_t j = 0; j < c.size(); ++j) {
        if (j == i || c[j] == kVacancy) continue;
        const auto pj = lattice.position(j);
        double r2 = 0;
        for (int d = 0; d < 3; ++d) {
          const double L = lattice.cells()[d] * lattice.constant();
          double x = pj[d] - pi[d];
          x -= L * std::round(x / L);
          r2 += x * x;
        }
        for (int s = 0; s < n_shells; ++s)
          if (std::fabs(std::sqrt(r2) - lattice.shell_distance(s)) < 1e-6)
            ++pc->directed[(s * n_species + c[i]) * n_species + c[j]];
      }
    }
  }
  return out;
}

TEST(SroObservables, CountsEqualBruteForceRecountIncludingPatches) {
  RandomStream rng(8);
  const Lattice lattice(LatticeKind::BCC, {4, 6, 4}, 3.1, 2);
  const PatchTiling tiling(lattice, {2, 3, 1});
  const auto config = random_alloy(lattice, 3, 4, rng);
  const auto brute = brute_force_counts(lattice, config, 3, 2, {2, 3, 1});
  const auto box = count_pairs(lattice, config, 3, 2);
  EXPECT_EQ(box.directed, brute.back().directed);
  EXPECT_EQ(box.species, brute.back().species);
  const auto patches = count_pairs_by_patch(lattice, config, 3, 2, tiling);
  EXPECT_EQ(sum_counts(patches).directed, box.directed);
  EXPECT_EQ(sum_counts(patches).species, box.species);
  for (int p = 0; p < tiling.n_patches(); ++p) {
    EXPECT_EQ(patches[p].directed, brute[p].directed) << "patch " << p;
    EXPECT_EQ(patches[p].species, brute[p].species) << "patch " << p;
  }
}

TEST(SroObservables, PatchMeanEqualsBoxValueExactly) {
  RandomStream rng(9);
  const Lattice lattice(LatticeKind::BCC, {8, 8, 8}, 3.24, 2);
  const PatchTiling tiling(lattice, {2, 2, 2});
  const auto config = random_alloy(lattice, 3, 3, rng);
  SroSpec spec{3, {0, 1}, all_species_pairs(3)};
  const auto box_counts = count_pairs(lattice, config, 3, 2);
  const auto box = sro_values(spec, box_counts, 8);
  std::vector<double> mean(box.size(), 0.0);
  for (const auto &pc : count_pairs_by_patch(lattice, config, 3, 2, tiling)) {
    const auto v = sro_patch_values(spec, pc, box_counts, tiling.n_patches(), 8);
    for (std::size_t k = 0; k < v.size(); ++k)
      mean[k] += v[k] / tiling.n_patches();
  }
  for (std::size_t k = 0; k < box.size(); ++k)
    EXPECT_NEAR(mean[k], box[k], 1e-12 * std::max(1.0, std::fabs(box[k]))) << k;
  // The NbMoTa study's per-patch normalization is available but is not a patch average.
  spec.normalization = SroSpec::Normalization::Patch;
  double max_gap = 0;
  std::vector<double> mean_patch(box.size(), 0.0);
  for (const auto &pc : count_pairs_by_patch(lattice, config, 3, 2, tiling)) {
    const auto v = sro_patch_values(spec, pc, box_counts, tiling.n_patches(), 8);
    for (std::size_t k = 0; k < v.size(); ++k)
      mean_patch[k] += v[k] / tiling.n_patches();
  }
  for (std::size_t k = 0; k < 15; ++k)
    max_gap = std::max(max_gap, std::fabs(mean_patch[k] - box[k]));
  EXPECT_GT(max_gap, 1e-6);
}

TEST(SpinObservables, PatchMeanEqualsBoxValueExactly) {
  RandomStream rng(10);
  const Lattice lattice(LatticeKind::Square, {32, 32, 1}, 1.0);
  const PatchTiling tiling(lattice, {4, 2, 1});
  std::vector<std::int8_t> spins(lattice.n_sites());
  for (auto &s : spins)
    s = rng.below(3) ? 1 : -1;
  const auto box = evaluate_spins(lattice, spins);
  double m = 0, dw = 0;
  for (const auto &p : evaluate_spins_by_patch(lattice, spins, tiling)) {
    m += p.magnetization / tiling.n_patches();
    dw += p.domain_wall_density / tiling.n_patches();
  }
  EXPECT_NEAR(m, box.magnetization, 1e-14);
  EXPECT_NEAR(dw, box.domain_wall_density, 1e-14);
}

TEST(SroObservables, AbsentSpeciesIsAnError) {
  const Lattice lattice(LatticeKind::BCC, {3, 3, 3}, 3.0);
  const Configuration config(lattice.n_sites(), 0);
  SroSpec spec{2, {0}, all_species_pairs(2)};
  EXPECT_THROW(sro_values(spec, count_pairs(lattice, config, 2, 1), 8), Error);
}

} // namespace

TEST(PairCounts, BccFirstShellFastPathEqualsTheNeighbourTable) {
  // n_shells = 1 on BCC takes the table-free path; with 2 shells the generic one counts shell 1
  // too.
  for (std::array<int, 3> cells : {std::array<int, 3>{3, 3, 3}, {3, 4, 5}, {6, 3, 4}}) {
    const Lattice lattice(LatticeKind::BCC, cells, 3.24, 2);
    RandomStream rng(cells[0] * 100 + cells[1] * 10 + cells[2]);
    Configuration x(lattice.n_sites());
    for (auto &s : x)
      s = rng.below(10) == 0 ? kVacancy : static_cast<Species>(rng.below(3));
    const auto fast = count_pairs(lattice, x, 3, 1), table = count_pairs(lattice, x, 3, 2);
    EXPECT_EQ(fast.species, table.species);
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b)
        EXPECT_EQ(fast.pairs(0, a, b), table.pairs(0, a, b)) << a << b;
  }
}
