#pragma once
/// Training pairs in network units: z_n = (z - shift) / scale, t_n = t / time_scale,
/// conditions likewise. The normalization is fitted on the pairs and stored in the model.
#include "learn/train/sde_loss.h"
#include "learn/train/sde_spec.h"
#include "learn/train/training_pairs.h"

#include <string>

namespace macrodyn::learn {

struct NetworkData {
  Batch all; ///< every pair, network units
  double K = 1.0;
  std::size_t size() const { return static_cast<std::size_t>(all.z0.size(0)); }
  Batch rows(const torch::Tensor &index) const;
};

/// Fills spec.dimension, conditions, the scalings, time_scale (mean dt) and diffusion_init (the
/// diagonal g that explains the mean increment variance with the K-inflated covariance).
void fit_normalization(const TrainingPairs &pairs, SdeSpec &spec);

/// Fits the clock tau(c) (sde_spec.h) to the records' dt: least squares of log dt on the clock's
/// features of the conditions. `request`: global | log-linear | arrhenius | auto (log-linear when
/// the fitted tau spans at least 2x over the records, else global). Returns one line for the
/// user saying which clock was fitted and its range.
std::string fit_clock(const TrainingPairs &pairs, const std::string &request, SdeSpec &spec);

/// dt in network units of every pair: dt / tau(c) (the clock of spec).
NetworkData to_network_units(const TrainingPairs &pairs, const SdeSpec &spec);

} // namespace macrodyn::learn
