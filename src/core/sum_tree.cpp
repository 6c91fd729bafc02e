#include "sum_tree.h"

#include "error.h"

#include <algorithm>

namespace macrodyn {

void SumTree::reset(std::size_t n_slots) {
  n_ = n_slots;
  leaves_ = 1;
  while (leaves_ < n_)
    leaves_ <<= 1;
  tree_.assign(2 * leaves_, 0.0);
}

void SumTree::assign(const std::vector<double> &weights) {
  require(weights.size() == n_, "sum tree: weight count does not match slot count");
  for (std::size_t i = 0; i < n_; ++i)
    tree_[leaves_ + i] = weights[i];
  rebuild_internal();
}

void SumTree::rebuild_internal() {
  for (std::size_t k = leaves_ - 1; k >= 1; --k)
    tree_[k] = tree_[2 * k] + tree_[2 * k + 1];
}

void SumTree::set(std::size_t slot, double weight) {
  std::size_t k = leaves_ + slot;
  tree_[k] = weight;
  // Recompute sums from the children instead of adding differences: no drift from round-off.
  for (k >>= 1; k >= 1; k >>= 1)
    tree_[k] = tree_[2 * k] + tree_[2 * k + 1];
}

void SumTree::set_many(const std::vector<std::size_t> &slots, const std::vector<double> &weights) {
  // A few slots (a flip and its neighbours): walking each path is cheaper than sorting every
  // level; the sums are the same either way (every ancestor ends as the sum of its final children).
  if (slots.size() <= 16) {
    for (std::size_t k = 0; k < slots.size(); ++k)
      set(slots[k], weights[k]);
    return;
  }
  level_.clear();
  for (std::size_t k = 0; k < slots.size(); ++k) {
    tree_[leaves_ + slots[k]] = weights[k];
    level_.push_back((leaves_ + slots[k]) >> 1);
  }
  // Walk up one level at a time; sorted and deduplicated, every ancestor is summed once.
  while (!level_.empty() && level_.front() >= 1) {
    std::sort(level_.begin(), level_.end());
    level_.erase(std::unique(level_.begin(), level_.end()), level_.end());
    for (std::size_t &k : level_) {
      tree_[k] = tree_[2 * k] + tree_[2 * k + 1];
      k >>= 1;
    }
    if (level_.front() == 0) break;
  }
}

std::size_t SumTree::find(double target) const {
  std::size_t k = 1;
  while (k < leaves_) {
    const double left = tree_[2 * k];
    // Descend right when the target lies past the left sum, or when the left subtree is empty
    // (round-off can leave target == left == 0 at the far end).
    if (target < left)
      k = 2 * k;
    else {
      target -= left;
      k = 2 * k + 1;
    }
  }
  std::size_t slot = k - leaves_;
  // Round-off may walk onto a trailing zero-weight leaf: step back to the last positive one.
  while (slot > 0 && (slot >= n_ || tree_[leaves_ + slot] <= 0.0))
    --slot;
  return slot;
}

} // namespace macrodyn
