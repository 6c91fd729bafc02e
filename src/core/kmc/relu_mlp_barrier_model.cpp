#include "core/kmc/relu_mlp_barrier_model.h"

#include "core/base/error.h"

#include <algorithm>
#include <cstring>
#include <immintrin.h>
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
static_assert(kRows % 4 == 0, "packed_shared_row_sum takes the rows four at a time");
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

/// shared_row_sum for weights already gathered to the listed rows, block-major:
/// P[(k / 8) m + j][0..8) = W[row[j]][k..k+8). A block's rows are then 32 bytes apart instead of
/// a row's length (512 bytes for 128 outputs), read in one ascending stream. Same sums in the same
/// order as shared_row_sum, so the same bits. n must be a multiple of 8.
/// Four rows by two blocks (16 columns) at a time: a step loads 2 weight vectors and 4 row values
/// for 8 FMAs, where 8 rows by one block loaded 9 for 8 (the loads set the pace: the kernel alone
/// runs ~16 % faster; end to end, where it is ~15 % of the time, the gain is below the noise).
/// 12 sums would leave no registers for the operands.
MACRODYN_VECTOR_CLONES
void packed_shared_row_sum(const float *P, std::size_t n, const float *a, std::size_t m, float *y,
                           std::size_t ystride) {
  std::size_t k = 0;
  for (; k + 16 <= n; k += 16) {
    const float *block0 = P + k * m, *block1 = P + (k + 8) * m;
    for (int b0 = 0; b0 < kRows; b0 += 4) {
      v8 acc[4][2];
      for (int b = 0; b < 4; ++b)
        acc[b][0] = acc[b][1] = v8{};
      const float *ab = a + b0 * m;
      for (std::size_t j = 0; j < m; ++j) {
        const v8 w0 = load8(block0 + 8 * j), w1 = load8(block1 + 8 * j);
        for (int b = 0; b < 4; ++b) {
          const float x = ab[b * m + j];
          acc[b][0] += x * w0;
          acc[b][1] += x * w1;
        }
      }
      for (int b = 0; b < 4; ++b) {
        store8(y + (b0 + b) * ystride + k, acc[b][0]);
        store8(y + (b0 + b) * ystride + k + 8, acc[b][1]);
      }
    }
  }
  for (; k < n; k += 8) { // a last block of 8 columns: all rows at once
    const float *block = P + k * m; // (k / 8) m rows of 8
    v8 acc[kRows];
    for (int b = 0; b < kRows; ++b)
      acc[b] = v8{};
    for (std::size_t j = 0; j < m; ++j) {
      const v8 w = load8(block + 8 * j);
      for (int b = 0; b < kRows; ++b)
        acc[b] += a[b * m + j] * w;
    }
    for (int b = 0; b < kRows; ++b)
      store8(y + b * ystride + k, acc[b]);
  }
}

/// Y[b][k..k+32) = sum_j a[b][j] W[row[b][j]][k..k+32) for the rows b of a batch, each with its
/// own list of weight rows, one 32-column tile after another. The weights are stored tile-major
/// (tiles[t][row][32], see tile_major): a tile of a 128-wide layer is 16 KB, contiguous, stays in
/// the L1 cache while the batch's rows read it (a whole layer, 64 KB, does not; read from L2 the
/// loads, not the FMAs, set the pace), and the rows' ascending lists walk it upwards, which the
/// prefetchers follow. Two rows at a time keep 8 independent sums in flight. Every output still
/// sums its terms in list order from zero, as selected_row_sum does, so the results are the same
/// bits. n must be a multiple of 32.
struct RowList {
  const std::uint32_t *row;
  const float *a;
  std::size_t m;
  float *y;
};
constexpr std::size_t kTile = 32;
/// One tile's columns [k, k+32) of R rows at once: 4 R independent sums in flight (the FMA
/// latency needs 8 to keep both FMA pipes busy).
template <int R> MACRODYN_INLINE void tile_rows(const float *W, const RowList *r, std::size_t k) {
  v8 acc[R][4];
  std::size_t common = r[0].m;
  for (int q = 0; q < R; ++q) {
    common = std::min(common, r[q].m);
    for (int c = 0; c < 4; ++c)
      acc[q][c] = v8{};
  }
  for (std::size_t j = 0; j < common; ++j)
    for (int q = 0; q < R; ++q) {
      const float *w = W + std::size_t(r[q].row[j]) * kTile;
      const float a = r[q].a[j];
      for (int c = 0; c < 4; ++c)
        acc[q][c] += a * load8(w + 8 * c);
    }
  for (int q = 0; q < R; ++q) {
    for (std::size_t j = common; j < r[q].m; ++j) {
      const float *w = W + std::size_t(r[q].row[j]) * kTile;
      for (int c = 0; c < 4; ++c)
        acc[q][c] += r[q].a[j] * load8(w + 8 * c);
    }
    for (int c = 0; c < 4; ++c)
      store8(r[q].y + k + 8 * c, acc[q][c]);
  }
}

MACRODYN_VECTOR_CLONES
void tiled_row_sums(const float *tiles, std::size_t in, std::size_t n, const RowList *list,
                    std::size_t count) {
  for (std::size_t k = 0; k < n; k += kTile) {
    const float *W = tiles + k * in; // tile k / 32: in rows of 32
    std::size_t b = 0;
    for (; b + 2 <= count; b += 2) // 3 rows at a time measured slower (registers spill)
      tile_rows<2>(W, list + b, k);
    if (b < count) tile_rows<1>(W, list + b, k);
  }
}

/// weight [in][n] row-major as tiles[t][row][32] (n a multiple of 32).
std::vector<float> tile_major(const std::vector<float> &weight, std::size_t in, std::size_t n) {
  std::vector<float> tiles(weight.size());
  for (std::size_t t = 0; t < n / kTile; ++t)
    for (std::size_t r = 0; r < in; ++r)
      for (std::size_t c = 0; c < kTile; ++c)
        tiles[(t * in + r) * kTile + c] = weight[r * n + t * kTile + c];
  return tiles;
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
/// and the skipping of its zeros in one pass. index and value need room for n entries rounded up
/// to a multiple of 8 (the AVX2 version stores 8 at a time). Both versions give the same lists
/// (no arithmetic happens), so either may run.
__attribute__((target("default"))) std::size_t relu_on(const float *y, std::size_t n,
                                                       std::uint32_t *index, float *value) {
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    index[m] = static_cast<std::uint32_t>(i);
    value[m] = y[i];
    m += y[i] > 0.0f;
  }
  return m;
}

/// For a mask of 8 lanes, the lanes whose bit is set, packed to the front (one byte each).
struct LeftPackTable {
  std::uint64_t lanes[256];
  LeftPackTable() {
    for (unsigned mask = 0; mask < 256; ++mask) {
      std::uint64_t packed = 0;
      int k = 0;
      for (int lane = 0; lane < 8; ++lane)
        if (mask >> lane & 1u) packed |= std::uint64_t(lane) << (8 * k++);
      lanes[mask] = packed;
    }
  }
};
const LeftPackTable kLeftPack;

/// The units i..i+8 of v that are on (> 0), packed to the front of index[0..8) and value[0..8)
/// (all 8 stored); returns how many. A permutation by a table lookup on the comparison's mask.
__attribute__((target("avx2"), always_inline)) inline std::size_t
left_pack_on(__m256 v, std::size_t i, std::uint32_t *index, float *value) {
  const unsigned mask =
      static_cast<unsigned>(_mm256_movemask_ps(_mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_GT_OQ)));
  const __m256i lanes =
      _mm256_cvtepu8_epi32(_mm_cvtsi64_si128(static_cast<long long>(kLeftPack.lanes[mask])));
  _mm256_storeu_ps(value, _mm256_permutevar8x32_ps(v, lanes));
  _mm256_storeu_si256(reinterpret_cast<__m256i *>(index),
                      _mm256_add_epi32(lanes, _mm256_set1_epi32(static_cast<int>(i))));
  return static_cast<std::size_t>(__builtin_popcount(mask));
}

/// 8 units per step (left_pack_on), stored whole; the count advances by the mask's population.
/// ~1.5 cycles per 8 units instead of ~2 per unit.
__attribute__((target("avx2"))) std::size_t relu_on(const float *y, std::size_t n,
                                                    std::uint32_t *index, float *value) {
  std::size_t m = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    // Two 16-byte loads: y was just written by scale_and_shift's 16-byte (baseline SSE) stores,
    // and a 32-byte load spanning two stores cannot take its data from the store buffer (it
    // waits for both to retire: the loop's main cost when measured).
    const __m256 v = _mm256_loadu2_m128(y + i + 4, y + i);
    m += left_pack_on(v, i, index + m, value + m);
  }
  for (; i < n; ++i) {
    index[m] = static_cast<std::uint32_t>(i);
    value[m] = y[i];
    m += y[i] > 0.0f;
  }
  return m;
}

/// relu_on(y * scale + bias) of layer l's raw sums y for `count` rows `width` apart, into lists
/// `stride` apart, their lengths in active[] (scale_and_shift and the ReLU in one pass, without
/// writing y back): the layer-by-layer batch path, whose rows feed only the next layer.
/// The arithmetic is scale_and_shift's: a product, rounded, then a sum, rounded, in both
/// versions (neither is compiled with FMA, which would round once), so the same bits.
__attribute__((target("default"))) void shifted_relu_rows(const DenseLayer &l, const float *rows,
                                                          std::size_t width, int count,
                                                          std::uint32_t *index_base,
                                                          float *value_base, std::size_t stride,
                                                          std::size_t *active) {
  const bool scaled = !l.scale.empty();
  for (int b = 0; b < count; ++b) {
    const float *y = rows + b * width;
    std::uint32_t *index = index_base + b * stride;
    float *value = value_base + b * stride;
    std::size_t m = 0;
    for (std::size_t i = 0; i < l.out; ++i) {
      const float v = scaled ? y[i] * l.scale[i] + l.bias[i] : y[i] + l.bias[i];
      index[m] = static_cast<std::uint32_t>(i);
      value[m] = v;
      m += v > 0.0f;
    }
    active[b] = m;
  }
}

__attribute__((target("avx2"))) void shifted_relu_rows(const DenseLayer &l, const float *rows,
                                                       std::size_t width, int count,
                                                       std::uint32_t *index_base, float *value_base,
                                                       std::size_t stride, std::size_t *active) {
  const bool scaled = !l.scale.empty();
  const std::size_t n = l.out;
  const float *scale = l.scale.data(), *bias = l.bias.data();
  for (int b = 0; b < count; ++b) {
    const float *y = rows + b * width;
    std::uint32_t *index = index_base + b * stride;
    float *value = value_base + b * stride;
    std::size_t m = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
      __m256 v = _mm256_loadu_ps(y + i); // written by the kernels' 32-byte stores
      if (scaled) v = _mm256_mul_ps(v, _mm256_loadu_ps(scale + i));
      v = _mm256_add_ps(v, _mm256_loadu_ps(bias + i));
      m += left_pack_on(v, i, index + m, value + m);
    }
    for (; i < n; ++i) {
      const float v = scaled ? y[i] * scale[i] + bias[i] : y[i] + bias[i];
      index[m] = static_cast<std::uint32_t>(i);
      value[m] = v;
      m += v > 0.0f;
    }
    active[b] = m;
  }
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
  tiles_.resize(layers_.size());
  for (std::size_t l = 1; l < layers_.size(); ++l)
    if (layers_[l].out % kTile == 0)
      tiles_[l] = tile_major(layers_[l].weight, layers_[l].in, layers_[l].out);
  longest = (longest + 7) / 8 * 8; // relu_on stores 8 entries at a time
  index_.resize(longest);
  value_.resize(longest);
  batch_index_.resize(kRows * longest);
  batch_value_.resize(kRows * longest);
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

void ReluMlpBarrierModel::finish_rows(float *rows, std::size_t width, double *barriers) {
  // Layer by layer for all kRows rows (not row by row through all layers): a layer's weights are
  // then read by the rows one tile at a time, from L1 (tiled_row_sums).
  // The rows hold layer 0's raw sums; each layer's scale and shift happen in the next layer's
  // ReLU pass (shifted_relu_rows), the last layer's below.
  const std::size_t stride = index_.size();
  for (std::size_t l = 1; l < layers_.size(); ++l) {
    const auto &d = layers_[l];
    RowList list[kRows];
    std::size_t active[kRows];
    shifted_relu_rows(layers_[l - 1], rows, width, kRows, batch_index_.data(), batch_value_.data(),
                      stride, active);
    for (int b = 0; b < kRows; ++b)
      list[b] = {batch_index_.data() + b * stride, batch_value_.data() + b * stride, active[b],
                 rows + b * width};
    if (!tiles_[l].empty())
      tiled_row_sums(tiles_[l].data(), d.in, d.out, list, kRows);
    else
      for (const RowList &r : list)
        selected_row_sum(d.weight.data(), d.out, r.row, r.a, r.m, r.y);
  }
  for (int b = 0; b < kRows; ++b) {
    scale_and_shift(layers_.back(), rows + b * width);
    barriers[b] = static_cast<double>(rows[b * width]);
  }
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

void ReluMlpBarrierModel::check_features(const std::uint16_t *feature, std::size_t count,
                                         std::size_t nnz) const {
  const auto &first = layers_.front();
  if (nnz > first.in)
    throw Error(std::to_string(nnz) + " sparse features per row, but the model reads only " +
                std::to_string(first.in));
  for (std::size_t j = 0; j < count; ++j)
    if (feature[j] >= first.in)
      throw Error("sparse feature " + std::to_string(feature[j]) +
                  " out of range (the model reads " + std::to_string(first.in) + ")");
}

void ReluMlpBarrierModel::evaluate_sparse(const std::uint16_t *feature, const float *value,
                                          std::size_t nnz, std::size_t batch, double *barriers) {
  const auto &first = layers_.front();
  bool shared = batch == kRows;
  for (std::size_t b = 1; shared && b < batch; ++b)
    shared = std::equal(feature, feature + nnz, feature + b * nnz);
  if (shared) {
    evaluate_frames(feature, value, nnz, batch, barriers);
    return;
  }
  check_features(feature, batch * nnz, nnz);
  for (std::size_t b = 0; b < batch; ++b) {
    std::copy(feature + b * nnz, feature + (b + 1) * nnz, index_.begin());
    selected_row_sum(first.weight.data(), first.out, index_.data(), value + b * nnz, nnz,
                     h_.data());
    scale_and_shift(first, h_.data());
    barriers[b] = finish(h_.data());
  }
}

void ReluMlpBarrierModel::evaluate_frames(const std::uint16_t *feature, const float *value,
                                          std::size_t nnz, std::size_t batch, double *barriers) {
  const auto &first = layers_.front();
  if (batch != kRows) {
    BarrierModel::evaluate_frames(feature, value, nnz, batch, barriers);
    return;
  }
  check_features(feature, nnz, nnz);
  // The jump encodings' 8 frames list the same features: one pass over the first layer's
  // weights for all 8 (the first layer's cost is then the arithmetic, not the cache).
  const std::size_t width = h_.size();
  if (first.out % 8 == 0) {
    // The process sends the same feature list every time: gather its weight rows once.
    if (!std::equal(feature, feature + nnz, packed_features_.begin(), packed_features_.end())) {
      packed_features_.assign(feature, feature + nnz);
      packed_first_.resize(nnz * first.out);
      for (std::size_t k = 0; k < first.out; k += 8)
        for (std::size_t j = 0; j < nnz; ++j)
          std::copy_n(&first.weight[std::size_t(feature[j]) * first.out + k], 8,
                      &packed_first_[k * nnz + 8 * j]);
    }
    packed_shared_row_sum(packed_first_.data(), first.out, value, nnz, rows_.data(), width);
  } else {
    std::copy(feature, feature + nnz, index_.begin());
    shared_row_sum(first.weight.data(), first.out, index_.data(), value, nnz, rows_.data(), width);
  }
  finish_rows(rows_.data(), width, barriers);
}

} // namespace macrodyn
