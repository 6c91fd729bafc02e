#pragma once
/// Record orders for training, from keyed random streams (the same on every platform and for
/// every thread count): a validation split and one shuffle per epoch.
#include "core/base/random_stream.h"

#include <torch/torch.h>

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace macrodyn::learn {

/// Fisher-Yates permutation of 0..n-1 from the stream (seed, key).
inline std::vector<std::int64_t> permutation(std::size_t n, std::uint64_t seed,
                                             std::initializer_list<std::uint64_t> key) {
  std::vector<std::int64_t> p(n);
  for (std::size_t i = 0; i < n; ++i)
    p[i] = static_cast<std::int64_t>(i);
  RandomStream rng(seed, key);
  for (std::size_t i = n; i > 1; --i)
    std::swap(p[i - 1], p[rng.below(i)]);
  return p;
}

/// Entries [from, to) of an order as an index tensor (a mini-batch's rows).
inline torch::Tensor index_tensor(const std::vector<std::int64_t> &order, std::size_t from,
                                  std::size_t to) {
  return torch::tensor(std::vector<std::int64_t>(order.begin() + from, order.begin() + to),
                       torch::kLong);
}

} // namespace macrodyn::learn
