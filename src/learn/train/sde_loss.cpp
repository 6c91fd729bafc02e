#include "learn/train/sde_loss.h"

#include <torch/torch.h>

#include <cmath>

namespace macrodyn::learn {

namespace {

/// Batched Cholesky factorization and forward substitution written as column operations over
/// the batch: for the small D of macroscopic models this is several times faster than LAPACK's
/// per-matrix calls (torch::linalg_cholesky loops over the batch). Returns (y = L^-1 r,
/// log det S).
std::pair<torch::Tensor, torch::Tensor> whiten(const torch::Tensor &S, const torch::Tensor &r) {
  const auto D = S.size(1);
  std::vector<std::vector<torch::Tensor>> L(D, std::vector<torch::Tensor>(D));
  std::vector<torch::Tensor> y(D);
  torch::Tensor log_det;
  for (int64_t j = 0; j < D; ++j) {
    auto diagonal = S.select(1, j).select(1, j);
    for (int64_t k = 0; k < j; ++k)
      diagonal = diagonal - L[j][k] * L[j][k];
    L[j][j] = torch::sqrt(diagonal);
    log_det = j == 0 ? 2.0 * torch::log(L[j][j]) : log_det + 2.0 * torch::log(L[j][j]);
    for (int64_t i = j + 1; i < D; ++i) {
      auto v = S.select(1, i).select(1, j);
      for (int64_t k = 0; k < j; ++k)
        v = v - L[i][k] * L[j][k];
      L[i][j] = v / L[j][j];
    }
    auto rj = r.select(1, j);
    for (int64_t k = 0; k < j; ++k)
      rj = rj - L[j][k] * y[k];
    y[j] = rj / L[j][j];
  }
  return {torch::stack(y, 1), log_det};
}

} // namespace

torch::Tensor em_negative_log_likelihood(torch::jit::Module &module, const Batch &b, double K,
                                         double eps) {
  const auto f = module.run_method("drift_n", b.z0, b.c).toTensor();
  const auto g = module.run_method("diffusion_n", b.z0, b.c).toTensor();
  const auto D = b.z0.size(1);
  const auto dt = b.dt.unsqueeze(1);
  const auto r = b.dz - f * dt;
  const auto eye = torch::eye(D, b.z0.options()).unsqueeze(0);
  const auto S = K * torch::bmm(g, g.transpose(1, 2)) * dt.unsqueeze(2) + eps * eye;
  const auto [y, log_det] = whiten(S, r);
  return 0.5 * ((y * y).sum(1) + log_det + D * std::log(2.0 * M_PI)).mean();
}

} // namespace macrodyn::learn
