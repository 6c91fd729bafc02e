// The local closure encoder (learn/train/local_configuration_encoder.h): descriptors against a
// brute-force double loop, the analytic Jacobian against autograd, and the invariances it exists
// for (atom order, periodic images, translation, a rotation of the cubic box).
#include "learn/train/force_projection.h"
#include "learn/train/local_configuration_encoder.h"

#include <gtest/gtest.h>
#include <torch/autograd.h>

#include <cmath>

using namespace macrodyn::learn;

namespace {

constexpr int kAtoms = 14;
constexpr double kSide = 5.5;

struct Fixture {
  torch::jit::Module encoder{"unused"};
  torch::Tensor x, m;
};

Fixture fixture(int configurations) {
  torch::manual_seed(21);
  LocalEncoderSpec spec;
  spec.atoms = kAtoms;
  spec.closure = 4;
  spec.hidden = {8, 8};
  spec.radial = 4;
  spec.box = {kSide, kSide, kSide};
  Fixture f;
  f.encoder = build_local_configuration_encoder(spec);
  const auto r = torch::rand({configurations, 3 * kAtoms}, torch::kFloat64) * kSide;
  const auto v = torch::randn({configurations, 3 * kAtoms}, torch::kFloat64);
  f.x = torch::cat({r, v}, 1);
  f.m = 1 + torch::rand({configurations, kAtoms}, torch::kFloat64);
  fit_descriptor_scaling(f.encoder, f.x, f.m);
  return f;
}

double max_abs(const torch::Tensor &t) {
  return t.abs().max().item<double>();
}

torch::Tensor encode(Fixture &f, const torch::Tensor &x, const torch::Tensor &m) {
  return f.encoder.run_method("encode", x, m).toTensor();
}

TEST(LocalEncoder, DescriptorsEqualABruteForceDoubleLoop) {
  auto f = fixture(1);
  const auto d = f.encoder.run_method("descriptors", f.x, f.m).toTensor()[0];
  const auto x = f.x[0];
  const double rc = 2.5, r0 = 0.8, width = (rc - r0) / 3;
  for (int i = 0; i < kAtoms; ++i) {
    std::vector<double> G(4, 0.0), Gdot(4, 0.0);
    for (int j = 0; j < kAtoms; ++j) {
      if (j == i) continue;
      double dr[3], dv[3], r2 = 0;
      for (int c = 0; c < 3; ++c) {
        dr[c] = x[3 * i + c].item<double>() - x[3 * j + c].item<double>();
        dr[c] -= kSide * std::round(dr[c] / kSide);
        dv[c] = x[3 * kAtoms + 3 * i + c].item<double>() - x[3 * kAtoms + 3 * j + c].item<double>();
        r2 += dr[c] * dr[c];
      }
      const double r = std::sqrt(r2);
      if (r >= rc) continue;
      const double rdot = (dr[0] * dv[0] + dr[1] * dv[1] + dr[2] * dv[2]) / r;
      const double fc = 0.5 * (std::cos(M_PI * r / rc) + 1), dfc = -0.5 * M_PI / rc * std::sin(M_PI * r / rc);
      for (int k = 0; k < 4; ++k) {
        const double mu = r0 + k * width, e = std::exp(-0.5 * (r - mu) * (r - mu) / (width * width));
        G[k] += e * fc;
        Gdot[k] += (-(r - mu) / (width * width) * e * fc + e * dfc) * rdot;
      }
    }
    double kinetic = 0;
    for (int c = 0; c < 3; ++c)
      kinetic += std::pow(x[3 * kAtoms + 3 * i + c].item<double>(), 2);
    EXPECT_NEAR(d[i][0].item<double>(), f.m[0][i].item<double>() * kinetic, 1e-12);
    for (int k = 0; k < 4; ++k) {
      EXPECT_NEAR(d[i][1 + k].item<double>(), G[k], 1e-12) << "atom " << i << " k " << k;
      EXPECT_NEAR(d[i][5 + k].item<double>(), Gdot[k], 1e-12) << "atom " << i << " k " << k;
    }
  }
}

TEST(LocalEncoder, AnalyticJacobianEqualsAutograd) {
  auto f = fixture(3);
  const auto jacobian = f.encoder.run_method("closure_jacobian", f.x, f.m).toTensor();
  auto x = f.x.clone().requires_grad_(true);
  const auto closure = f.encoder.run_method("closure", x, f.m).toTensor();
  std::vector<torch::Tensor> rows;
  for (int k = 0; k < closure.size(1); ++k)
    rows.push_back(torch::autograd::grad({closure.select(1, k).sum()}, {x}, {}, true)[0]);
  const auto reference = torch::stack(rows, 1);
  EXPECT_LT(max_abs(jacobian - reference), 1e-10 * max_abs(reference));
  // And through the projections' parts: the whole J has the z* row first.
  const auto parts = encoder_jacobian(f.encoder, f.x, f.m);
  EXPECT_LT(max_abs(parts.dense().slice(1, 1) - reference), 1e-10 * max_abs(reference));
}

TEST(LocalEncoder, InvariantToAtomOrderImagesTranslationAndRotation) {
  auto f = fixture(2);
  const auto z = encode(f, f.x, f.m);
  const auto r = f.x.slice(1, 0, 3 * kAtoms).reshape({2, kAtoms, 3});
  const auto v = f.x.slice(1, 3 * kAtoms).reshape({2, kAtoms, 3});
  auto pack = [](const torch::Tensor &r, const torch::Tensor &v) {
    return torch::cat({r.reshape({2, -1}), v.reshape({2, -1})}, 1);
  };
  // Atom order.
  const auto p = torch::randperm(kAtoms, torch::kLong);
  EXPECT_LT(max_abs(encode(f, pack(r.index_select(1, p), v.index_select(1, p)), f.m.index_select(1, p)) - z), 1e-12);
  // An unwrapped image of one atom, and a translation of all.
  auto image = r.clone();
  image[0][3] += torch::tensor({kSide, -2 * kSide, 0.0}, torch::kFloat64);
  EXPECT_LT(max_abs(encode(f, pack(image, v), f.m) - z), 1e-12);
  const auto shifted = r + torch::tensor({0.3, -1.7, 2.2}, torch::kFloat64);
  EXPECT_LT(max_abs(encode(f, pack(shifted, v), f.m) - z), 1e-10);
  // A quarter turn about z maps the cubic box onto itself.
  const auto turn = torch::tensor({{0.0, -1.0, 0.0}, {1.0, 0.0, 0.0}, {0.0, 0.0, 1.0}}, torch::kFloat64);
  EXPECT_LT(max_abs(encode(f, pack(torch::matmul(r, turn.t()), torch::matmul(v, turn.t())), f.m) - z), 1e-10);
  // What it is not invariant to: another configuration.
  EXPECT_GT(max_abs(encode(f, pack(r.flip(0), v), f.m) - z), 1e-6);
}

} // namespace
