// The partial-force losses as quadratic forms (learn/train/force_projection.h), checked against
// independent recomputations: the Jacobian against autograd, J^+ against a dense SVD
// pseudo-inverse, E_I L_{x,p} = L_x by enumerating every selection of a tiny system, L_z and L_x
// against their definitions.
#include "learn/train/configuration_encoder.h"
#include "learn/train/force_projection.h"

#include <gtest/gtest.h>
#include <torch/autograd.h>
#include <torch/linalg.h>

#include <vector>

using namespace macrodyn::learn;

namespace {

constexpr int kAtoms = 5;

struct Batch {
  torch::jit::Module encoder{"unused"};
  torch::Tensor x, m, z;
};

Batch small_batch(int configurations) {
  torch::manual_seed(7);
  ConfigurationEncoderSpec spec;
  spec.atoms = kAtoms;
  spec.closure = 3;
  spec.hidden = {8, 6};
  Batch b;
  b.encoder = build_configuration_encoder(spec);
  b.x = torch::randn({configurations, 6 * kAtoms}, torch::kFloat64);
  b.m = 1 + torch::rand({configurations, kAtoms}, torch::kFloat64);
  b.z = b.encoder.run_method("encode", b.x, b.m).toTensor();
  return b;
}

/// dphi/dx by autograd, one output at a time: B x d x 6N.
torch::Tensor autograd_jacobian(Batch &b) {
  auto x = b.x.clone().requires_grad_(true);
  const auto z = b.encoder.run_method("encode", x, b.m).toTensor();
  std::vector<torch::Tensor> rows;
  for (int k = 0; k < z.size(1); ++k)
    rows.push_back(torch::autograd::grad({z.select(1, k).sum()}, {x}, {}, true)[0]);
  return torch::stack(rows, 1);
}

double max_abs(const torch::Tensor &t) {
  return t.abs().max().item<double>();
}

TEST(ForceProjection, JacobianEqualsAutograd) {
  auto b = small_batch(4);
  const auto parts = encoder_jacobian(b.encoder, b.x, b.m);
  const auto reference = autograd_jacobian(b);
  EXPECT_LT(max_abs(parts.dense() - reference), 1e-12 * max_abs(reference));
  const auto J = parts.dense();
  EXPECT_LT(max_abs(parts.gram() - torch::bmm(J, J.transpose(1, 2))), 1e-12 * max_abs(J * J) * 30);
  // z* = 20 T exactly, T = sum m v^2 / (3 (N - 1)).
  const auto v = b.x.slice(1, 3 * kAtoms).reshape({4, kAtoms, 3});
  const auto T = (b.m.unsqueeze(2) * v * v).sum({1, 2}) / (3.0 * (kAtoms - 1));
  EXPECT_LT(max_abs(b.z.select(1, 0) - 20 * T), 1e-13);
}

TEST(ForceProjection, PseudoInverseRowsEqualADenseSvdPseudoInverse) {
  auto b = small_batch(3);
  const auto parts = encoder_jacobian(b.encoder, b.x, b.m);
  const auto pinv = torch::linalg::pinv(autograd_jacobian(b)); // B x 6N x d, by SVD
  const auto selected = torch::tensor({{0, 3}, {1, 2}, {4, 0}}, torch::kLong);
  const auto rows = pseudo_inverse_rows(parts, selected);
  const auto cols = selected_coordinates(selected, kAtoms);
  for (int c = 0; c < 3; ++c) {
    const auto want = pinv[c].index_select(0, cols[c]);
    EXPECT_LT(max_abs(rows[c] - want), 1e-9 * max_abs(want)) << "configuration " << c;
  }
  // Coordinates: atom 3's positions then its velocities.
  const auto atom3 = selected_coordinates(torch::tensor({{3}}, torch::kLong), kAtoms)[0];
  EXPECT_EQ(std::vector<int64_t>(atom3.data_ptr<int64_t>(), atom3.data_ptr<int64_t>() + 6),
            (std::vector<int64_t>{9, 10, 11, 24, 25, 26}));
}

TEST(ForceProjection, LossesEqualTheirDefinitions) {
  auto b = small_batch(3);
  const auto parts = encoder_jacobian(b.encoder, b.x, b.m);
  const auto J = autograd_jacobian(b);
  const auto f = torch::randn({3, 6 * kAtoms}, torch::kFloat64);
  const auto g = torch::randn({3, 4}, torch::kFloat64);
  // L_z = |J f - g|^2 / d.
  const auto Jf = torch::bmm(J, f.unsqueeze(2)).squeeze(2);
  const auto lz = ((Jf - g) * (Jf - g)).sum(1) / 4;
  EXPECT_LT(max_abs(projected_loss(project_latent(parts, b.z, f), g) - lz), 1e-11);
  // L_x = |f - J^+ g|^2 / 6N.
  const auto r = f - torch::bmm(torch::linalg::pinv(J), g.unsqueeze(2)).squeeze(2);
  const auto lx = (r * r).sum(1) / (6 * kAtoms);
  EXPECT_LT(max_abs(projected_loss(project_full(parts, b.z, f), g) - lx), 1e-9);
}

TEST(ForceProjection, PartialLossAveragedOverEverySelectionIsTheFullLoss) {
  // Every 2-atom subset of 5 atoms (10 of them), exactly: E_I L_{x,p} = L_x.
  auto b = small_batch(1);
  const auto parts = encoder_jacobian(b.encoder, b.x, b.m);
  const auto f = torch::randn({1, 6 * kAtoms}, torch::kFloat64);
  const auto g = torch::randn({1, 4}, torch::kFloat64);
  const double full = projected_loss(project_full(parts, b.z, f), g).item<double>();
  double sum = 0;
  int subsets = 0;
  for (int i = 0; i < kAtoms; ++i)
    for (int j = i + 1; j < kAtoms; ++j, ++subsets) {
      const auto selected = torch::tensor({{i, j}}, torch::kLong);
      const auto f_sel = f.gather(1, selected_coordinates(selected, kAtoms));
      sum += projected_loss(project_partial(parts, b.z, selected, f_sel), g).item<double>();
    }
  EXPECT_EQ(subsets, 10);
  EXPECT_NEAR(sum / subsets, full, 1e-12 * std::abs(full));
  // One selection alone is not the full loss (the test can fail).
  const auto one = torch::tensor({{0, 1}}, torch::kLong);
  const double single =
      projected_loss(project_partial(parts, b.z, one, f.gather(1, selected_coordinates(one, kAtoms))),
                     g)
          .item<double>();
  EXPECT_GT(std::abs(single - full), 1e-6 * std::abs(full));
}

} // namespace
