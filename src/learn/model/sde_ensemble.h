#pragma once
/// Euler-Maruyama ensembles of a learned SDE (model.pt methods, physical units).
/// Run r of group g draws its noise from the stream (seed, g, r): the result does not depend on
/// how the runs are batched.
#include <torch/script.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace macrodyn::learn {

struct EnsembleRequest {
  std::vector<double> initial;   ///< G x D
  std::vector<double> condition; ///< G x C
  std::vector<double> times;     ///< output times, increasing, times[0] = 0
  std::size_t runs = 100;
  double max_step = 0; ///< integration step bound; each output interval is cut into equal steps
  std::uint64_t seed = 1;
  /// Multiplies every noise increment: sqrt(n / N) predicts a system of N sites with a model
  /// whose diffusion was learned for boxes of n sites (fluctuations of intensive observables
  /// scale as 1 / sqrt(sites)).
  double noise_scale = 1.0;
  /// Called after each output time t = 1 .. times.size() - 1 (progress of long predictions).
  std::function<void(std::size_t t)> on_time;
};

/// The smallest time unit tau(c) of the model over the G condition rows (G x C): the default
/// integration step, so that no condition is stepped in steps longer than its training dt. Models
/// without a `clock` method (written before it existed) have the one `fallback` time scale.
double shortest_time_scale(torch::jit::Module &model, const std::vector<double> &condition,
                           std::size_t conditions, double fallback);

/// Returns G x R x T x D values (times[0] gives the initial states).
std::vector<double> integrate_ensembles(torch::jit::Module &model, std::size_t dimension,
                                        std::size_t conditions, const EnsembleRequest &request);

} // namespace macrodyn::learn
