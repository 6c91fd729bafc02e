#include "core/kmc/relu_mlp_barrier_model.h"

#include "core/base/error.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace macrodyn {

namespace {

// The kernels are cloned for x86-64-v3 (AVX2 + FMA: Haswell and later, Zen) and a baseline; the
// loader picks one per process by CPU features at start-up, so a run never mixes them.
#define MACRODYN_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#define MACRODYN_INLINE inline __attribute__((always_inline))

// Eight floats as one value (GCC/Clang vector extension): one AVX register, or two SSE ones.
typedef float v8 __attribute__((vector_size(32)));
MACRODYN_INLINE v8 load8(const float *p) {
  v8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
MACRODYN_INLINE void store8(float *p, v8 v) {
  std::memcpy(p, &v, sizeof v);
}

/// y[0..8B) = sum_j a[j] W[row[j]][0..8B), W's rows `stride` apart: 8B outputs held in
/// registers while the selected rows stream by.
template <int B>
MACRODYN_INLINE void row_sum_block(const float *W, std::size_t stride, const std::uint32_t *row,
                                   const float *a, std::size_t m, float *y) {
  v8 acc[B];
  for (int q = 0; q < B; ++q)
    acc[q] = v8{};
  for (std::size_t j = 0; j < m; ++j) {
    const float *w = W + std::size_t(row[j]) * stride;
    for (int q = 0; q < B; ++q)
      acc[q] += a[j] * load8(w + 8 * q);
  }
  for (int q = 0; q < B; ++q)
    store8(y + 8 * q, acc[q]);
}

/// y[0..n) = sum_j a[j] W[row[j]] for W [rows][n] row-major: the one kernel of both the sparse
/// first layer (rows = features with a value) and the hidden layers (rows = active units).
MACRODYN_VECTOR_CLONES
void selected_row_sum(const float *W, std::size_t n, const std::uint32_t *row, const float *a,
                      std::size_t m, float *y) {
  std::size_t k = 0;
  for (; k + 64 <= n; k += 64)
    row_sum_block<8>(W + k, n, row, a, m, y + k);
  for (; k + 8 <= n; k += 8)
    row_sum_block<1>(W + k, n, row, a, m, y + k);
  for (; k < n; ++k) { // a last partial block (and a width-1 output layer)
    float acc = 0.0f;
    for (std::size_t j = 0; j < m; ++j)
      acc += a[j] * W[std::size_t(row[j]) * n + k];
    y[k] = acc;
  }
}

/// Y[b][0..n) = sum_j a[b][j] W[row[j]] for kRows rows b that share one list of weight rows
/// (a[b] = a + b m, Y[b] = y + b ystride): each weight row is loaded once for all of them, 8
/// outputs of every row held in registers.
constexpr int kRows = 8;
MACRODYN_VECTOR_CLONES
void shared_row_sum(const float *W, std::size_t n, const std::uint32_t *row, const float *a,
                    std::size_t m, float *y, std::size_t ystride) {
  std::size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    v8 acc[kRows];
    for (int b = 0; b < kRows; ++b)
      acc[b] = v8{};
    for (std::size_t j = 0; j < m; ++j) {
      const v8 w = load8(W + std::size_t(row[j]) * n + k);
      for (int b = 0; b < kRows; ++b)
        acc[b] += a[b * m + j] * w;
    }
    for (int b = 0; b < kRows; ++b)
      store8(y + b * ystride + k, acc[b]);
  }
  for (; k < n; ++k)
    for (int b = 0; b < kRows; ++b) {
      float acc = 0.0f;
      for (std::size_t j = 0; j < m; ++j)
        acc += a[b * m + j] * W[std::size_t(row[j]) * n + k];
      y[b * ystride + k] = acc;
    }
}

/// The non-zero entries of x[0..n) as (index, value) lists, without branches; returns their
/// count.
std::size_t nonzeros(const float *x, std::size_t n, std::uint32_t *index, float *value) {
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    index[m] = static_cast<std::uint32_t>(i);
    value[m] = x[i];
    m += x[i] != 0.0f;
  }
  return m;
}

/// The units of pre-activations y[0..n) that the ReLU leaves on (y > 0) as (index, value) lists,
/// without branches (about half are off, in no pattern a branch predictor could follow): the ReLU
/// and the skipping of its zeros in one pass.
std::size_t relu_on(const float *y, std::size_t n, std::uint32_t *index, float *value) {
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    index[m] = static_cast<std::uint32_t>(i);
    value[m] = y[i];
    m += y[i] > 0.0f;
  }
  return m;
}

/// y = y * scale + bias, the layer's step after the product.
void scale_and_shift(const DenseLayer &l, float *y) {
  if (l.scale.empty())
    for (std::size_t k = 0; k < l.out; ++k)
      y[k] += l.bias[k];
  else
    for (std::size_t k = 0; k < l.out; ++k)
      y[k] = y[k] * l.scale[k] + l.bias[k];
}

} // namespace

ReluMlpBarrierModel::ReluMlpBarrierModel(std::vector<DenseLayer> layers)
    : layers_(std::move(layers)) {
  require(!layers_.empty(), "a ReLU network needs at least one layer");
  std::size_t widest = 0;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const auto &d = layers_[l];
    const std::string name = "layer " + std::to_string(l + 1);
    require(d.in > 0 && d.out > 0, name + " has no inputs or no outputs");
    require(d.weight.size() == d.in * d.out,
            name + ": weight has " + std::to_string(d.weight.size()) + " values, expected " +
                std::to_string(d.in) + " x " + std::to_string(d.out));
    require(d.scale.empty() || d.scale.size() == d.out,
            name + ": scale has " + std::to_string(d.scale.size()) + " values, expected " +
                std::to_string(d.out) + " (or none)");
    require(d.bias.size() == d.out, name + ": bias has " + std::to_string(d.bias.size()) +
                                        " values, expected " + std::to_string(d.out));
    if (l > 0)
      require(d.in == layers_[l - 1].out, name + " takes " + std::to_string(d.in) +
                                              " inputs but the layer before gives " +
                                              std::to_string(layers_[l - 1].out));
    widest = std::max(widest, d.out);
  }
  require(layers_.back().out == 1, "the last layer must give one barrier per jump, it gives " +
                                       std::to_string(layers_.back().out));
  // Work rows: pre-activations of the widest layer; non-zero lists as long as the widest input.
  std::size_t longest = 0;
  for (const auto &d : layers_)
    longest = std::max(longest, d.in);
  h_.resize(widest);
  rows_.resize(kRows * widest);
  index_.resize(longest);
  value_.resize(longest);
}

double ReluMlpBarrierModel::finish(float *h) {
  for (std::size_t l = 1; l < layers_.size(); ++l) {
    const auto &d = layers_[l];
    const std::size_t m = relu_on(h, d.in, index_.data(), value_.data());
    selected_row_sum(d.weight.data(), d.out, index_.data(), value_.data(), m, h);
    scale_and_shift(d, h);
  }
  return static_cast<double>(h[0]);
}

void ReluMlpBarrierModel::evaluate(const float *x, std::size_t batch, double *barriers) {
  const auto &first = layers_.front();
  for (std::size_t b = 0; b < batch; ++b) {
    const std::size_t m = nonzeros(x + b * first.in, first.in, index_.data(), value_.data());
    selected_row_sum(first.weight.data(), first.out, index_.data(), value_.data(), m, h_.data());
    scale_and_shift(first, h_.data());
    barriers[b] = finish(h_.data());
  }
}

void ReluMlpBarrierModel::evaluate_sparse(const std::uint16_t *feature, const float *value,
                                          std::size_t nnz, std::size_t batch, double *barriers) {
  const auto &first = layers_.front();
  if (nnz > first.in)
    throw Error(std::to_string(nnz) + " sparse features per row, but the model reads only " +
                std::to_string(first.in));
  for (std::size_t j = 0; j < nnz; ++j)
    if (feature[j] >= first.in)
      throw Error("sparse feature " + std::to_string(feature[j]) +
                  " out of range (the model reads " + std::to_string(first.in) + ")");
  // The jump encodings' 8 frames list the same features: one pass over the first layer's
  // weights for all 8 (the first layer's cost is then the arithmetic, not the cache).
  bool shared = batch == kRows;
  for (std::size_t b = 1; shared && b < batch; ++b)
    shared = std::equal(feature, feature + nnz, feature + b * nnz);
  if (shared) {
    std::copy(feature, feature + nnz, index_.begin());
    const std::size_t width = h_.size();
    shared_row_sum(first.weight.data(), first.out, index_.data(), value, nnz, rows_.data(), width);
    for (std::size_t b = 0; b < batch; ++b) {
      scale_and_shift(first, rows_.data() + b * width);
      barriers[b] = finish(rows_.data() + b * width);
    }
    return;
  }
  for (std::size_t b = 0; b < batch; ++b) {
    for (std::size_t j = 0; j < nnz; ++j) {
      index_[j] = feature[b * nnz + j];
      if (index_[j] >= first.in)
        throw Error("sparse feature " + std::to_string(index_[j]) +
                    " out of range (the model reads " + std::to_string(first.in) + ")");
    }
    selected_row_sum(first.weight.data(), first.out, index_.data(), value + b * nnz, nnz,
                     h_.data());
    scale_and_shift(first, h_.data());
    barriers[b] = finish(h_.data());
  }
}

} // namespace macrodyn
