#pragma once
/// A learned model of vacancy-jump barriers: maps a batch of encoded jump environments to
/// barriers. The core defines only this interface (no Torch); src/learn implements it with a
/// TorchScript model (torch_barrier_model.h), relu_mlp_barrier_model.h evaluates the common
/// Linear + ReLU form natively, and tests implement known functions.
#include <cstddef>
#include <cstdint>

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
  /// The same for a sparse batch: row b is zero except at the `nnz` features
  /// feature[b * nnz + j] (distinct, < features()), which hold value[b * nnz + j]. Jump encodings
  /// are sparse (about 112 of 729 voxels are sites within the radius); a model that can use that
  /// overrides this. The default fills the dense rows and calls evaluate(), so for such a model
  /// both paths agree bit for bit.
  virtual void evaluate_sparse(const std::uint16_t *feature, const float *value, std::size_t nnz,
                               std::size_t batch, double *barriers);
  /// The same when every row lists the same features feature[0..nnz) (a jump's 8 frames), with
  /// row b's values value[b * nnz + j]. The default repeats the list and calls
  /// evaluate_sparse(), so both agree bit for bit.
  virtual void evaluate_frames(const std::uint16_t *feature, const float *value, std::size_t nnz,
                               std::size_t batch, double *barriers);
};

} // namespace macrodyn
