#pragma once
/// A barrier model of the common neural-network-kinetics form, evaluated without Torch: affine
/// layers with a ReLU after each but the last, which has one output (batch normalization and any
/// scale/shift folded into the affine maps; learn/model/relu_mlp_form.h reads them from a
/// TorchScript model). Sparse inputs cost nnz x width in the first layer instead of
/// features x width, and a hidden unit that the ReLU set to zero is skipped in the next layer;
/// both are exact (only the order of float sums differs from a dense product).
///
/// Arithmetic is float32 like the TorchScript model; the kernels are compiled for AVX2 + FMA
/// where the CPU has them (chosen at run time), so barriers can differ in the last bits between
/// machines (as TorchScript's BLAS kernels do), never between runs or MPI ranks on one machine.
#include "core/kmc/barrier_model.h"

#include <cstdint>
#include <vector>

namespace macrodyn {

/// y = (x W) * scale + bias for x of `in` values: weight [in][out] row-major, scale [out] or
/// empty (1), bias [out]. A separate scale keeps a folded batch norm as the model computes it
/// (x W first, then the scale): the weights stay the model's own float32 values.
struct DenseLayer {
  std::size_t in = 0, out = 0;
  std::vector<float> weight, scale, bias;
};

class ReluMlpBarrierModel : public BarrierModel {
public:
  /// Throws Error unless the layers chain (out of one = in of the next), each has a weight of
  /// in x out and a bias of out values, and the last has one output.
  explicit ReluMlpBarrierModel(std::vector<DenseLayer> layers);

  std::size_t features() const override { return layers_.front().in; }
  void evaluate(const float *x, std::size_t batch, double *barriers) override;
  void evaluate_sparse(const std::uint16_t *feature, const float *value, std::size_t nnz,
                       std::size_t batch, double *barriers) override;
  /// Batches of 8 (a jump's frames) go layer by layer through column tiles of the weights;
  /// other batch sizes take evaluate_sparse(). Same bits as evaluate() on the dense rows.
  void evaluate_frames(const std::uint16_t *feature, const float *value, std::size_t nnz,
                       std::size_t batch, double *barriers) override;
  const std::vector<DenseLayer> &layers() const { return layers_; }

private:
  /// Layers 2..n from the first layer's pre-activations h (one row of width layers_[0].out), in
  /// place (h is as wide as the widest layer).
  double finish(float *h);
  /// Throws Error unless nnz <= features() and each of feature[0..count) is < features().
  void check_features(const std::uint16_t *feature, std::size_t count, std::size_t nnz) const;
  /// The same for the 8 rows of a jump's frames, rows `width` apart, holding the first layer's
  /// sums before its scale and shift: barriers[0..8).
  void finish_rows(float *rows, std::size_t width, double *barriers);

  std::vector<DenseLayer> layers_;
  std::vector<std::vector<float>> tiles_;      // hidden weights tile-major (empty: not tiled)
  std::vector<std::uint16_t> packed_features_; // the feature list evaluate_frames saw last
  std::vector<float> packed_first_;            // and its first-layer rows, block-major
  std::vector<float> h_, value_;               // a row's pre-activations; its non-zero inputs
  std::vector<float> rows_;                    // pre-activations of 8 rows evaluated together
  std::vector<std::uint32_t> index_;           // and where they are
  std::vector<std::uint32_t> batch_index_;     // the active-unit lists of the 8 rows
  std::vector<float> batch_value_;
};

} // namespace macrodyn
