#include "learn/train/network_data.h"

#include <torch/torch.h>

#include <cmath>

namespace macrodyn::learn {

Batch NetworkData::rows(const torch::Tensor &index) const {
  return {all.z0.index_select(0, index), all.dz.index_select(0, index),
          all.dt.index_select(0, index), all.c.index_select(0, index)};
}

void fit_normalization(const TrainingPairs &p, SdeSpec &spec) {
  const std::size_t D = p.dimension(), C = p.conditions.size();
  spec.dimension = static_cast<int>(D);
  spec.conditions = static_cast<int>(C);
  spec.z = Scaling::fit(p.z0, D);
  spec.c = Scaling::fit(p.cond, C);
  double mean_dt = 0;
  for (double t : p.dt)
    mean_dt += t / p.n;
  spec.time_scale = mean_dt;
  // Var(dz_n) ~ K g^2 dt_n with dt_n ~ 1: start g at the root of the mean variance / K.
  const auto dz = Scaling::fit(p.dz, D);
  double var = 0;
  for (std::size_t k = 0; k < D; ++k)
    var += std::pow(dz.scale[k] / spec.z.scale[k], 2) / D;
  spec.diffusion_init = std::sqrt(std::max(var, 1e-12) / p.K);
}

NetworkData to_network_units(const TrainingPairs &p, const SdeSpec &spec) {
  const auto n = static_cast<long>(p.n);
  const long D = spec.dimension, C = spec.conditions;
  const auto f64 = torch::kFloat64;
  auto table = [&](const std::vector<double> &v, long cols) {
    return torch::from_blob(const_cast<double *>(v.data()), {n, cols}, f64).clone();
  };
  auto z_shift = torch::tensor(spec.z.shift, f64), z_scale = torch::tensor(spec.z.scale, f64);
  NetworkData d;
  d.K = p.K;
  d.all.z0 = (table(p.z0, D) - z_shift) / z_scale;
  d.all.dz = table(p.dz, D) / z_scale;
  d.all.dt = table(p.dt, 1).squeeze(1) / spec.time_scale;
  d.all.c = C > 0 ? (table(p.cond, C) - torch::tensor(spec.c.shift, f64)) /
                        torch::tensor(spec.c.scale, f64)
                  : torch::zeros({n, 0}, f64);
  return d;
}

} // namespace macrodyn::learn
