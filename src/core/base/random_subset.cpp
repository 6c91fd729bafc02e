#include "core/base/random_subset.h"

#include "core/base/error.h"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace macrodyn {

std::vector<std::uint64_t> random_subset(std::uint64_t n, std::uint64_t size, RandomStream &rng) {
  if (size == 0 || size > n)
    throw Error("random subset: size " + std::to_string(size) + " must lie in 1 .. " +
                std::to_string(n));
  // Floyd: for j = n - size .. n - 1 draw t in [0, j]; take t, or j if t is taken already. Each
  // step keeps every size-(j - n + size + 1) subset of [0, j] equally likely.
  std::unordered_set<std::uint64_t> taken;
  taken.reserve(size * 2);
  std::vector<std::uint64_t> subset;
  subset.reserve(size);
  for (std::uint64_t j = n - size; j < n; ++j) {
    const std::uint64_t t = rng.below(j + 1);
    const std::uint64_t pick = taken.insert(t).second ? t : j;
    if (pick == j) taken.insert(j);
    subset.push_back(pick);
  }
  std::sort(subset.begin(), subset.end());
  return subset;
}

} // namespace macrodyn
