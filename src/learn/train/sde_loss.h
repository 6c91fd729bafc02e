#pragma once
/// The Euler-Maruyama likelihood of doc/method.md in network units: for a step (z0, dz, dt, c),
///   r = dz - f(z0, c) dt,  S = K g g^T dt + eps I,
///   loss = (r^T S^-1 r + log det S + D log 2 pi) / 2     (mean over the batch),
/// the negative log density of dz under the model's step with covariance inflated K times.
#include <torch/script.h>

namespace macrodyn::learn {

struct Batch {
  torch::Tensor z0, dz, dt, c; ///< B x D, B x D, B, B x C (network units)
};

torch::Tensor em_negative_log_likelihood(torch::jit::Module &module, const Batch &batch, double K,
                                         double eps);

} // namespace macrodyn::learn
