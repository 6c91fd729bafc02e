// The closure autoencoder learns what the prescribed observables do not say: patches with the same
// magnetization, either ordered (a block of up spins) or shuffled, get well separated closure
// values, and the reconstruction beats the species-frequency baseline.
#include "learn/train/closure_data.h"
#include "learn/train/closure_module.h"
#include "learn/train/closure_trainer.h"

#include "core/base/random_stream.h"
#include "core/lattice/lattice.h"
#include "core/lattice/patch_tiling.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

using namespace macrodyn::learn;

TEST(Closure, SeparatesOrderedFromShuffledPatchesAtTheSameMagnetization) {
  const int n_s = 16, N = 2000;
  macrodyn::RandomStream rng(3, {});
  auto x = torch::empty({N, n_s}, torch::kLong);
  auto z = torch::empty({N, 1}, torch::kFloat64);
  std::vector<int> ordered(N);
  for (int i = 0; i < N; ++i) {
    const int up = 4 + static_cast<int>(rng.below(9)); // 4..12 up spins (species 0)
    std::vector<int64_t> s(n_s);
    for (int k = 0; k < n_s; ++k)
      s[k] = k < up ? 0 : 1;
    ordered[i] = i % 2;
    if (!ordered[i])
      for (int k = n_s; k > 1; --k)
        std::swap(s[k - 1], s[rng.below(k)]);
    for (int k = 0; k < n_s; ++k)
      x[i][k] = s[k];
    z[i][0] = (2.0 * up - n_s) / n_s;
  }
  torch::manual_seed(1);
  ClosureSpec spec;
  spec.sites = n_s;
  spec.channels = 2 + 1;
  spec.observables = 1;
  spec.dimension = 1;
  spec.hidden = {32};
  auto m = build_closure_module(spec);
  ClosureTrainOptions o;
  o.epochs = 40;
  o.batch = 64;
  o.learning_rate = 3e-3;
  const auto r = train_closure(m, x, z, o);
  EXPECT_LT(r.best_validation_loss, 0.8 * r.frequency_baseline)
      << r.best_validation_loss << " vs " << r.frequency_baseline;
  torch::NoGradGuard no_grad;
  const auto c = m.run_method("encode_species", x).toTensor().select(1, 0);
  double mean[2] = {0, 0}, var[2] = {0, 0};
  int count[2] = {0, 0};
  for (int i = 0; i < N; ++i)
    mean[ordered[i]] += c[i].item<double>(), ++count[ordered[i]];
  for (int g = 0; g < 2; ++g)
    mean[g] /= count[g];
  for (int i = 0; i < N; ++i)
    var[ordered[i]] += std::pow(c[i].item<double>() - mean[ordered[i]], 2) / count[ordered[i]];
  const double separation = std::abs(mean[0] - mean[1]) / std::sqrt(var[0] + var[1]);
  EXPECT_GT(separation, 2.0) << "closure means " << mean[0] << " " << mean[1];
  ::testing::Test::RecordProperty("separation", std::to_string(separation));
  ::testing::Test::RecordProperty("loss", std::to_string(r.best_validation_loss) + " baseline " +
                                              std::to_string(r.frequency_baseline));
}

TEST(Closure, BoxClosureIsTheMeanOfTheEncoderOverTheSnapshotPatches) {
  // An 8x8 square box in 2x2 patches of 4x4 sites. Every patch of the stored snapshot holds the
  // same asymmetric pattern P (in PatchTiling::sites_of order: x fastest), so the box closure must
  // equal E(P) exactly; a record's increment is E(after) - E(before).
  const macrodyn::Lattice lattice(macrodyn::LatticeKind::Square, {8, 8, 1}, 1.0);
  const macrodyn::PatchTiling tiling(lattice, {2, 2, 1});
  std::vector<std::int8_t> P(16), Q(16);
  for (int i = 0; i < 16; ++i) {
    P[i] = (i * 7 + i / 3) % 3 == 0 ? 0 : 1;
    Q[i] = i < 5 ? 0 : 1;
  }
  macrodyn::DatasetContents d;
  d.path = "memory";
  d.observables = {"magnetization"};
  d.lattice = "sq";
  d.cells = {8, 8, 1};
  d.patch_shape = {2, 2, 1};
  d.K = 4;
  d.n_s = 16;
  d.n_partial = 1;
  d.dt = {0.1};
  d.record_snapshot = {7};
  d.phi0 = d.phi_patch0 = d.phi_patch1 = d.increment = {0.0};
  d.micro0 = P;
  d.micro1 = Q;
  d.n_sites = 64;
  d.snapshot_ids = {7};
  d.snapshots.assign(64, 0);
  for (int J = 0; J < 4; ++J)
    for (std::size_t i = 0; i < 16; ++i)
      d.snapshots[tiling.sites_of(J)[i]] = P[i];
  TrainingPairs pairs;
  pairs.observables = {"magnetization"};
  pairs.n = 1;
  pairs.z0 = {0.25};
  pairs.dz = {0.5};
  pairs.dt = {0.1};
  pairs.source = {{0, 0}};
  torch::manual_seed(2);
  ClosureSpec spec;
  spec.sites = 16;
  spec.channels = 3;
  spec.observables = 1;
  spec.dimension = 2;
  auto closure = build_closure_module(spec);
  append_closure(pairs, {d}, closure, Target::Partial);
  torch::NoGradGuard no_grad;
  auto encode = [&](const std::vector<std::int8_t> &x) {
    return closure
        .run_method("encode_species",
                    torch::tensor(std::vector<int64_t>(x.begin(), x.end())).reshape({1, 16}))
        .toTensor()[0];
  };
  const auto eP = encode(P), eQ = encode(Q);
  ASSERT_EQ(pairs.observables,
            (std::vector<std::string>{"magnetization", "closure_1", "closure_2"}));
  EXPECT_EQ(pairs.z0[0], 0.25);
  EXPECT_EQ(pairs.dz[0], 0.5);
  for (int j = 0; j < 2; ++j) {
    EXPECT_NEAR(pairs.z0[1 + j], eP[j].item<double>(), 1e-14);
    EXPECT_NEAR(pairs.dz[1 + j], eQ[j].item<double>() - eP[j].item<double>(), 1e-14);
  }
}
