// Learned barriers: the voxel9 encoding against a brute-force construction from site coordinates
// (the README's frame table written out case by case), and the KMC process against the known
// barrier function of a test model: rates after events, with and without the memo, and after a
// journal restore equal those of a fresh process on the same configuration.
#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/kmc/barrier_model.h"
#include "core/kmc/lattice_kmc.h"
#include "core/kmc/learned_barrier_process.h"
#include "core/kmc/voxel_jump_encoding.h"
#include "support/random_alloy.h"
#include "support/voxel_brute_force.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>
#include <set>

using namespace macrodyn;

namespace {

constexpr double kA = 3.24, kRadius = 7.5;
const std::vector<float> kCodes = {1, 2, 3}; // Nb, Mo, Ta

std::vector<float> brute_force_encoding(const Lattice &lattice, const Configuration &x,
                                        std::size_t v, std::size_t t) {
  return macrodyn::testing::brute_force_jump_encoding(lattice, x, v, t, kCodes, kRadius);
}

/// A known function of the encoding: a base, the target's code (feature of voxel (1, 1, 1)) and
/// two more voxels, one of them off-axis so that a wrong frame shows.
class PickingModel : public BarrierModel {
public:
  std::size_t features() const override { return 729; }
  void evaluate(const float *x, std::size_t batch, double *barriers) override {
    EXPECT_EQ(batch, 8u);
    ++calls;
    for (std::size_t b = 0; b < batch; ++b)
      barriers[b] = energy(x + b * 729);
  }
  static double energy(const float *x) {
    const int target = (5 * 9 + 5) * 9 + 5; // (1, 1, 1)
    const int a = (3 * 9 + 5) * 9 + 6;      // (-1, 1, 2): not a site, always 0
    const int b = (6 * 9 + 2) * 9 + 4;      // (2, -2, 0)
    const int c = (7 * 9 + 5) * 9 + 3;      // (3, 1, -1)
    return 0.5 + 0.15 * x[target] + 0.7 * x[a] + 0.04 * x[b] - 0.03 * x[c];
  }
  int calls = 0;
};

KmcOptions learned_options(std::shared_ptr<BarrierModel> model, std::size_t memo) {
  KmcOptions o;
  o.energy = NoEnergySpec{};
  o.move = KmcOptions::Move::VacancyExchange;
  o.learned_barriers = std::move(model);
  o.encoding_codes = kCodes;
  o.encoding_radius = kRadius;
  o.barrier_memo = memo;
  o.kT = kBoltzmannEvPerK * 2000;
  o.nu = 1e13;
  return o;
}

/// (vacancy site, target site) -> rate, over every slot.
std::map<std::pair<std::size_t, std::size_t>, double> rates_by_jump(const LatticeKmc &kmc) {
  const auto &p = dynamic_cast<const LearnedBarrierProcess &>(kmc.process());
  std::map<std::pair<std::size_t, std::size_t>, double> out;
  for (std::size_t slot = 0; slot < p.n_slots(); ++slot)
    out[{p.vacancies()[slot / 8], p.target(slot)}] = p.rate(slot);
  return out;
}

} // namespace

TEST(VoxelJumpEncoding, InteriorAndWrappedSpheresMatchBruteForce) {
  // Sites as centres (not only vacancies) on three lines of cells through the box, one along
  // each axis: spheres away from the faces (read by fixed index offsets) and spheres that wrap
  // (read cell by cell), in a box with a different length along each axis.
  const Lattice lattice(LatticeKind::BCC, {9, 8, 7}, kA);
  const auto x = macrodyn::testing::random_ternary_alloy(lattice, 40, 12);
  const VoxelJumpEncoding encoding(lattice, kCodes, kRadius);
  std::vector<float> frames(8 * 729);
  int interior = 0, wrapped = 0;
  for (int axis = 0; axis < 3; ++axis)
    for (int c = 0; c < lattice.cells()[axis]; ++c)
      for (int basis = 0; basis < 2; ++basis) {
        std::array<int, 3> cell{3, 3, 3};
        cell[axis] = c;
        const std::size_t v = lattice.site(cell, basis);
        encoding.encode(x, v, frames.data());
        const std::size_t t = lattice.neighbours(v, 0)[0];
        const auto expected = brute_force_encoding(lattice, x, v, t);
        const int f = encoding.frame(v, 0);
        for (int i = 0; i < 729; ++i) // but the centre voxel (364), the vacancy's own: always 0
          if (i != 364)
            ASSERT_EQ(frames[f * 729 + i], expected[i]) << "site " << v << " feature " << i;
        ASSERT_EQ(frames[f * 729 + 364], 0.0f);
        (c >= 2 && c < lattice.cells()[axis] - 2 ? interior : wrapped) += 1;
      }
  EXPECT_EQ(interior, 24); // both paths ran
  EXPECT_EQ(wrapped, 24);
}

TEST(VoxelJumpEncoding, MatchesBruteForceFromCoordinatesForAllEightFrames) {
  const Lattice lattice(LatticeKind::BCC, {6, 5, 7}, kA);
  const auto x = macrodyn::testing::random_ternary_alloy(lattice, 6, 11);
  const VoxelJumpEncoding encoding(lattice, kCodes, kRadius);
  std::vector<float> frames(8 * 729);
  int checked = 0;
  for (std::size_t v = 0; v < x.size(); ++v) {
    if (x[v] != kVacancy) continue;
    encoding.encode(x, v, frames.data());
    std::set<int> seen;
    for (int k = 0; k < 8; ++k) {
      const std::size_t t = lattice.neighbours(v, 0)[k];
      const int f = encoding.frame(v, k);
      seen.insert(f);
      const auto expected = brute_force_encoding(lattice, x, v, t);
      for (int i = 0; i < 729; ++i)
        ASSERT_EQ(frames[f * 729 + i], expected[i]) << "vacancy " << v << " jump " << k;
      // In its own frame the target sits at voxel (1, 1, 1).
      EXPECT_EQ(frames[f * 729 + 455], x[t] == kVacancy ? 0.0f : kCodes[x[t]]);
      ++checked;
    }
    EXPECT_EQ(seen.size(), 8u) << "the 8 neighbours use the 8 frames";
  }
  EXPECT_EQ(checked, 48);
}

TEST(VoxelJumpEncoding, RefusesOtherLatticesAndSmallBoxes) {
  const Lattice fcc(LatticeKind::FCC, {6, 6, 6}, kA), thin(LatticeKind::BCC, {6, 4, 6}, kA);
  EXPECT_THROW(VoxelJumpEncoding encoding(fcc, kCodes, kRadius), Error);
  EXPECT_THROW(VoxelJumpEncoding encoding(thin, kCodes, kRadius), Error);
}

TEST(LearnedBarrierProcess, RatesFollowTheModelOfTheBruteForceEncoding) {
  const Lattice lattice(LatticeKind::BCC, {5, 5, 5}, kA);
  const auto x = macrodyn::testing::random_ternary_alloy(lattice, 3, 5);
  auto model = std::make_shared<PickingModel>();
  LatticeKmc kmc(LatticeKind::BCC, {5, 5, 5}, kA, x, learned_options(model, 0));
  const double kT = kBoltzmannEvPerK * 2000;
  for (const auto &[jump, rate] : rates_by_jump(kmc)) {
    const auto [v, t] = jump;
    const auto e = brute_force_encoding(lattice, x, v, t);
    const double expected =
        x[t] == kVacancy ? 0.0 : 1e13 * std::exp(-PickingModel::energy(e.data()) / kT);
    EXPECT_NEAR(rate, expected, 1e-12 * expected) << v << " -> " << t;
  }
  EXPECT_EQ(model->calls, 3) << "one batch of 8 per vacancy";
}

TEST(LearnedBarrierProcess, CachedRatesEqualAFreshProcessAfterEventsAndRestore) {
  const std::array<int, 3> cells{6, 6, 6};
  const Lattice lattice(LatticeKind::BCC, cells, kA);
  const auto x0 = macrodyn::testing::random_ternary_alloy(lattice, 4, 8);
  for (std::size_t memo : {std::size_t(0), std::size_t(4096)}) {
    auto model = std::make_shared<PickingModel>();
    LatticeKmc kmc(LatticeKind::BCC, cells, kA, x0, learned_options(model, memo));
    RandomStream rng(3, {memo});
    kmc.start_journal();
    for (int round = 0; round < 5; ++round) {
      kmc.advance(INFINITY, 100, rng);
      LatticeKmc fresh(LatticeKind::BCC, cells, kA, kmc.configuration(),
                       learned_options(std::make_shared<PickingModel>(), 0));
      EXPECT_EQ(rates_by_jump(kmc), rates_by_jump(fresh)) << "memo " << memo << " round " << round;
      EXPECT_NEAR(kmc.total_rate(), fresh.total_rate(), 1e-9 * fresh.total_rate());
    }
    const auto &stats = dynamic_cast<const LearnedBarrierProcess &>(kmc.process()).stats();
    if (memo > 0) EXPECT_GT(stats.memo_hits, 0u);
    // Only the vacancies near each event are re-evaluated: far fewer batches than 4 per event.
    EXPECT_LT(stats.evaluations + stats.memo_hits, 4u * 500);
    kmc.restore(x0);
    LatticeKmc fresh(LatticeKind::BCC, cells, kA, x0,
                     learned_options(std::make_shared<PickingModel>(), 0));
    EXPECT_EQ(rates_by_jump(kmc), rates_by_jump(fresh));
    EXPECT_EQ(kmc.total_rate(), fresh.total_rate());
  }
}
