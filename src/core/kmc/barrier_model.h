#pragma once
/// A learned model of vacancy-jump barriers: maps a batch of encoded jump environments to
/// barriers. The core defines only this interface (no Torch); src/learn implements it with a
/// TorchScript model (torch_barrier_model.h) and tests implement known functions.
#include <cstddef>

namespace macrodyn {

class BarrierModel {
public:
  virtual ~BarrierModel() = default;
  /// Features per jump the model reads.
  virtual std::size_t features() const = 0;
  /// barriers[b] (energy units of the KMC, eV in metal units) of the `batch` encodings
  /// x[b * features() .. (b + 1) * features()). Must be a deterministic function of its input
  /// batch (the process always evaluates the 8 jumps of one vacancy together).
  virtual void evaluate(const float *x, std::size_t batch, double *barriers) = 0;
};

} // namespace macrodyn
