#include "core/kmc/sum_tree.h"

#include "core/base/error.h"

#include <algorithm>

namespace macrodyn {

static_assert(SumTree::kFanout == 8, "SumTree::resum sums exactly eight children");

void SumTree::reset(std::size_t n_slots) {
  n_ = n_slots;
  levels_.clear();
  std::size_t width = n_slots;
  for (;;) {
    const std::size_t nodes = width == 0 ? 1 : (width + kFanout - 1) / kFanout;
    levels_.emplace_back(nodes * kFanout, 0.0);
    width = nodes;
    if (nodes == 1) break;
  }
  levels_.emplace_back(1, 0.0); // the total
}

void SumTree::assign(const std::vector<double> &weights) {
  require(weights.size() == n_, "sum tree: weight count does not match slot count");
  std::copy(weights.begin(), weights.end(), levels_[0].begin());
  for (std::size_t level = 1; level < levels_.size(); ++level)
    for (std::size_t node = 0; node < levels_[level].size(); ++node)
      if (node * kFanout < levels_[level - 1].size()) resum(level, node);
}

void SumTree::set(std::size_t slot, double weight) {
  levels_[0][slot] = weight;
  std::size_t node = slot;
  for (std::size_t level = 1; level < levels_.size(); ++level) {
    node /= kFanout;
    resum(level, node);
  }
}

void SumTree::set_many(const std::vector<std::size_t> &slots, const std::vector<double> &weights) {
  // Updates touch few slots (a flip and its neighbours) that often share ancestors: set the
  // leaves, then recompute each distinct ancestor once per level. The sums equal those of
  // one-by-one updates since every node is recomputed from its final children.
  if (slots.size() > kMaxShared) {
    for (std::size_t k = 0; k < slots.size(); ++k)
      set(slots[k], weights[k]);
    return;
  }
  std::size_t nodes[kMaxShared];
  std::size_t n = 0;
  for (std::size_t k = 0; k < slots.size(); ++k) {
    levels_[0][slots[k]] = weights[k];
    nodes[n++] = slots[k];
  }
  for (std::size_t level = 1; level < levels_.size(); ++level) {
    std::size_t unique = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t parent = nodes[k] / kFanout;
      bool seen = false;
      for (std::size_t u = 0; u < unique; ++u)
        seen |= nodes[u] == parent;
      if (!seen) nodes[unique++] = parent;
    }
    n = unique;
    for (std::size_t k = 0; k < n; ++k)
      resum(level, nodes[k]);
  }
}

std::size_t SumTree::find(double target) const {
  std::size_t node = 0;
  for (std::size_t level = levels_.size() - 1; level-- > 0;) {
    const double *c = levels_[level].data() + node * kFanout;
    // The first child whose cumulative interval holds the target = the number of children whose
    // cumulative end is <= target (a zero-weight child ends where its predecessor does, so it is
    // never the first). Counted without branches: a data-dependent branch per child mispredicts.
    // Prefix sums in three rounds of independent additions (a running sum would chain eight
    // additions per level on the critical path).
    const double p01 = c[0] + c[1], p23 = c[2] + c[3], p45 = c[4] + c[5], p67 = c[6] + c[7];
    const double p0123 = p01 + p23;
    const double end[kFanout] = {c[0],        p01,         p01 + c[2],         p0123,
                                 p0123 + c[4], p0123 + p45, p0123 + p45 + c[6], p0123 + (p45 + p67)};
    std::size_t k = std::size_t(end[0] <= target) + std::size_t(end[1] <= target) +
                    std::size_t(end[2] <= target) + std::size_t(end[3] <= target) +
                    std::size_t(end[4] <= target) + std::size_t(end[5] <= target) +
                    std::size_t(end[6] <= target) + std::size_t(end[7] <= target);
    if (k == kFanout) {
      // Round-off left the target at or past the node's end: take its last positive child.
      k = kFanout - 1;
      while (k > 0 && !(c[k] > 0.0))
        --k;
    }
    if (k > 0) target -= end[k - 1];
    node = node * kFanout + k;
  }
  // A node of positive total has a positive child, so the walk ends on a positive weight unless
  // the whole tree is empty.
  return node < n_ ? node : n_ - 1;
}

} // namespace macrodyn
