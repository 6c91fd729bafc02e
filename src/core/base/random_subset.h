#pragma once
/// A uniformly random subset of {0, ..., n - 1} of a given size, drawn without replacement in
/// O(size log size) time and memory, whatever n is (Floyd's algorithm: Bentley & Floyd, "A sample
/// of brilliance", CACM 30(9), 1987). Every subset of that size is equally likely, so each element
/// is included with probability size / n.
#include "core/base/random_stream.h"

#include <cstdint>
#include <vector>

namespace macrodyn {

/// The subset in increasing order. Throws Error unless 0 < size <= n.
std::vector<std::uint64_t> random_subset(std::uint64_t n, std::uint64_t size, RandomStream &rng);

} // namespace macrodyn
