// Learning from partial forces (learn/train/latent_ode_trainer.h,
// configuration_encoder_trainer.h): a linear toy system whose macroscopic ODE is exactly closed
// is recovered from partial forces alone, its RK4 roll-out follows the exact solution, and the
// condition penalty lowers the encoder Jacobian's condition number.
#include "learn/train/configuration_encoder.h"
#include "learn/train/configuration_encoder_trainer.h"
#include "learn/train/force_projection.h"
#include "learn/train/latent_ode_trainer.h"
#include "learn/train/sde_module.h"

#include <gtest/gtest.h>
#include <torch/linalg.h>

using namespace macrodyn::learn;

namespace {

double relative_rms(const torch::Tensor &got, const torch::Tensor &want) {
  return std::sqrt((got - want).pow(2).mean().item<double>() / want.pow(2).mean().item<double>());
}

TEST(LatentOde, LinearToySystemIsRecoveredFromPartialForcesAlone) {
  // Microscopic x' = A x in R^{6N}, macroscopic z = P x with P A = B P: z' = B z exactly.
  // A = P^+ B P + (1 - P^+ P) C (1 - P^+ P): the second term moves x without moving z.
  torch::manual_seed(3);
  const int N = 40, d = 3, M = 12000, n = 4;
  const auto P = torch::randn({d, 6 * N}, torch::kFloat64) / std::sqrt(6.0 * N);
  const auto B = torch::tensor({{-1.0, 0.5, 0.0}, {-0.5, -1.0, 0.2}, {0.0, -0.2, -0.5}},
                               torch::kFloat64);
  const auto Pp = torch::linalg::pinv(P);
  const auto E = torch::eye(6 * N, torch::kFloat64) - torch::mm(Pp, P);
  // Unresolved motion of 0.2 the resolved one's rate: what makes a single configuration noisy.
  const auto C = 0.2 * torch::randn({6 * N, 6 * N}, torch::kFloat64) / std::sqrt(6.0 * N);
  const auto A = torch::mm(torch::mm(Pp, B), P) + torch::mm(torch::mm(E, C), E);
  ASSERT_LT(relative_rms(torch::mm(P, A), torch::mm(B, P)), 1e-10);

  const auto x = torch::randn({M, 6 * N}, torch::kFloat64);
  const auto f = torch::mm(x, A.t());
  const auto z = torch::mm(x, P.t());
  // The linear encoder's Jacobian in the parts of EncoderJacobian: z* row = P[0], closure = P[1:].
  EncoderJacobian j;
  j.temperature = P[0].unsqueeze(0).expand({M, 6 * N}).contiguous();
  j.first_layer = P.slice(0, 1);
  j.factor = torch::eye(d - 1, torch::kFloat64).unsqueeze(0).expand({M, d - 1, d - 1}).contiguous();
  // Forces on n random atoms of N per configuration: 10 % of them.
  const auto selected = std::get<1>(torch::rand({M, N}, torch::kFloat64).topk(n, 1));
  const auto f_sel = f.gather(1, selected_coordinates(selected, N));
  const auto data = project_partial(j, z, selected, f_sel);

  SdeSpec spec;
  spec.dimension = d;
  spec.hidden = {8, 8};
  spec.diffusion = DiffusionKind::None;
  auto ode = build_sde_module(spec);
  OdeTrainOptions o;
  o.epochs = 200;
  o.patience = 10;
  o.batch = 512;
  o.learning_rate = 3e-3;
  const auto result = train_latent_ode(ode, data, o);
  EXPECT_GT(result.best_epoch, 100);

  // The learned drift against B z at fresh macrostates within the data's range.
  const auto z_test = torch::randn({500, d}, torch::kFloat64) * z.std(0);
  const auto c = torch::zeros({500, 0}, torch::kFloat64);
  const auto g = ode.run_method("drift", z_test, c).toTensor();
  const double error = relative_rms(g, torch::mm(z_test, B.t()));
  // The data's own floor: the best linear drift for these partial forces, in closed form
  // (sum_c Q_c B z_c z_c^T = sum_c a_c z_c^T, column-major vec).
  const auto lhs = torch::einsum("ci,cj,cab->jbia", {z, z, data.q}).reshape({d * d, d * d});
  const auto rhs = torch::einsum("ca,ci->ia", {data.a, z}).reshape({d * d});
  const auto B_fit = torch::linalg::solve(lhs, rhs, true).reshape({d, d}).t();
  const double floor = relative_rms(torch::mm(z_test, B_fit.t()), torch::mm(z_test, B.t()));
  // The network has ~100 parameters against the fit's 9: it fits more of the noise (measured
  // 3.5x the floor, 0.038 against 0.011 at 12,000 configurations; both fall as 1/sqrt(M)).
  EXPECT_LT(error, 5 * floor) << "best linear fit " << floor;
  // A drift of the partial observations' noise alone, fitted per configuration: far worse.
  const double single = relative_rms(per_configuration_drift(data), torch::mm(z, B.t()));
  EXPECT_LT(error, 0.06) << "single-configuration estimates: " << single;
  EXPECT_GT(single, 10 * error);

  // RK4 roll-out of the learned ODE against the exact z(t) = exp(B t) z0.
  const auto z0 = z_test.slice(0, 0, 5);
  const auto path = ode.run_method("rk4", z0, c.slice(0, 0, 5), 0.01, 100).toTensor();
  const auto exact = torch::mm(z0, torch::linalg::matrix_exp(B * 1.0).t());
  EXPECT_EQ(path.size(0), 101);
  EXPECT_LT(relative_rms(path[100], exact), 0.1);
}

TEST(LatentOde, ConditionPenaltyLowersTheEncoderConditionNumber) {
  torch::manual_seed(11);
  const int N = 12, M = 256;
  const auto x = torch::randn({M, 6 * N}, torch::kFloat64);
  const auto m = torch::ones({M, N}, torch::kFloat64);
  auto kappa = [&](double lambda) {
    torch::manual_seed(5);
    ConfigurationEncoderSpec spec;
    spec.atoms = N;
    spec.closure = 6;
    spec.hidden = {16, 16};
    auto encoder = build_configuration_encoder(spec);
    EncoderTrainOptions o;
    o.epochs = 40;
    o.batch = 64;
    o.learning_rate = 1e-3;
    o.lambda_cond = lambda;
    return train_configuration_encoder(encoder, x, m, o).condition_number_median;
  };
  const double plain = kappa(0), penalized = kappa(1e-2);
  EXPECT_GT(plain, 2.0);
  EXPECT_LT(penalized, 0.5 * plain) << "without the penalty " << plain;
}

} // namespace
