#include "sde_loss.h"

#include <torch/torch.h>

#include <cmath>

namespace macrodyn::learn {

torch::Tensor em_negative_log_likelihood(torch::jit::Module &module, const Batch &b, double K,
                                         double eps) {
  const auto f = module.run_method("drift_n", b.z0, b.c).toTensor();
  const auto g = module.run_method("diffusion_n", b.z0, b.c).toTensor();
  const auto D = b.z0.size(1);
  const auto dt = b.dt.unsqueeze(1);
  const auto r = b.dz - f * dt;
  const auto eye = torch::eye(D, b.z0.options()).unsqueeze(0);
  const auto S = K * torch::bmm(g, g.transpose(1, 2)) * dt.unsqueeze(2) + eps * eye;
  const auto L = torch::linalg_cholesky(S);
  const auto y = torch::linalg_solve_triangular(L, r.unsqueeze(2), /*upper=*/false).squeeze(2);
  const auto log_det = 2.0 * torch::log(torch::diagonal(L, 0, 1, 2)).sum(1);
  return 0.5 * ((y * y).sum(1) + log_det + D * std::log(2.0 * M_PI)).mean();
}

} // namespace macrodyn::learn
