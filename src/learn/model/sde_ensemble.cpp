#include "learn/model/sde_ensemble.h"

#include "core/base/error.h"
#include "core/base/random_stream.h"

#include <torch/torch.h>

#include <cmath>

namespace macrodyn::learn {

double shortest_time_scale(torch::jit::Module &model, const std::vector<double> &condition,
                           std::size_t C, double fallback) {
  if (!model.find_method("clock") || condition.empty() || C == 0) return fallback;
  torch::NoGradGuard no_grad;
  const auto G = static_cast<long>(condition.size() / C);
  auto c = torch::tensor(condition, torch::kFloat64).reshape({G, long(C)});
  const double tau = model.run_method("clock", c).toTensor().min().item<double>();
  require(std::isfinite(tau) && tau > 0,
          "the model's time scale at these conditions is not a positive number (" +
              std::to_string(tau) + ")");
  return tau;
}

std::vector<double> integrate_ensembles(torch::jit::Module &model, std::size_t D, std::size_t C,
                                        const EnsembleRequest &q) {
  require(!q.times.empty() && q.times[0] == 0.0, "output times must start at 0");
  for (std::size_t t = 1; t < q.times.size(); ++t)
    require(q.times[t] > q.times[t - 1], "output times must increase");
  require(q.max_step > 0, "the integration step must be > 0");
  require(q.runs > 0, "at least one run per initial state");
  require(q.noise_scale >= 0, "the noise scale must be >= 0");
  const std::size_t G = q.initial.size() / D, R = q.runs, T = q.times.size(), B = G * R;
  require(q.condition.size() == G * C, "one condition row per initial state");
  torch::NoGradGuard no_grad;
  const auto f64 = torch::kFloat64;
  auto z = torch::empty({long(B), long(D)}, f64);
  auto c = torch::empty({long(B), long(C)}, f64);
  auto za = z.accessor<double, 2>();
  auto ca = c.accessor<double, 2>();
  std::vector<RandomStream> noise_streams;
  noise_streams.reserve(B);
  for (std::size_t g = 0; g < G; ++g)
    for (std::size_t r = 0; r < R; ++r) {
      const std::size_t b = g * R + r;
      for (std::size_t k = 0; k < D; ++k)
        za[b][k] = q.initial[g * D + k];
      for (std::size_t j = 0; j < C; ++j)
        ca[b][j] = q.condition[g * C + j];
      noise_streams.emplace_back(q.seed, std::initializer_list<std::uint64_t>{g, r});
    }
  std::vector<double> out(B * T * D);
  auto record = [&](std::size_t t) {
    auto a = z.accessor<double, 2>();
    for (std::size_t b = 0; b < B; ++b)
      for (std::size_t k = 0; k < D; ++k)
        out[(b * T + t) * D + k] = a[b][k];
  };
  record(0);
  auto noise = torch::empty({long(B), long(D)}, f64);
  auto na = noise.accessor<double, 2>();
  for (std::size_t t = 1; t < T; ++t) {
    const double interval = q.times[t] - q.times[t - 1];
    const auto steps = static_cast<std::size_t>(std::ceil(interval / q.max_step - 1e-9));
    const double h = interval / steps;
    for (std::size_t s = 0; s < steps; ++s) {
      for (std::size_t b = 0; b < B; ++b)
        for (std::size_t k = 0; k < D; ++k)
          na[b][k] = q.noise_scale * noise_streams[b].normal();
      z = model.run_method("step", z, c, h, noise).toTensor().contiguous();
    }
    require(torch::isfinite(z).all().item<bool>(), "the prediction diverged before time " +
                                                       std::to_string(q.times[t]) +
                                                       " (non-finite values); use a smaller step");
    record(t);
    if (q.on_time) q.on_time(t);
  }
  return out;
}

} // namespace macrodyn::learn
