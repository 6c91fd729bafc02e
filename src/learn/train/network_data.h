#pragma once
/// Training pairs in network units: z_n = (z - shift) / scale, t_n = t / time_scale,
/// conditions likewise. The normalization is fitted on the pairs and stored in the model.
#include "learn/train/sde_loss.h"
#include "learn/train/sde_spec.h"
#include "learn/train/training_pairs.h"

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

NetworkData to_network_units(const TrainingPairs &pairs, const SdeSpec &spec);

} // namespace macrodyn::learn
