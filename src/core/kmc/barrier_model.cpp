#include "core/kmc/barrier_model.h"

#include <algorithm>
#include <vector>

namespace macrodyn {

void BarrierModel::evaluate_sparse(const std::uint16_t *feature, const float *value,
                                   std::size_t nnz, std::size_t batch, double *barriers) {
  const std::size_t n = features();
  std::vector<float> dense(batch * n, 0.0f);
  for (std::size_t b = 0; b < batch; ++b)
    for (std::size_t j = 0; j < nnz; ++j)
      dense[b * n + feature[b * nnz + j]] = value[b * nnz + j];
  evaluate(dense.data(), batch, barriers);
}

void BarrierModel::evaluate_frames(const std::uint16_t *feature, const float *value,
                                   std::size_t nnz, std::size_t batch, double *barriers) {
  std::vector<std::uint16_t> all(batch * nnz);
  for (std::size_t b = 0; b < batch; ++b)
    std::copy(feature, feature + nnz, all.begin() + b * nnz);
  evaluate_sparse(all.data(), value, nnz, batch, barriers);
}

} // namespace macrodyn
