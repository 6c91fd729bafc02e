#pragma once
/// Sum tree over non-negative weights: O(log n) update and O(log n) selection of a slot with
/// probability weight / total. The rejection-free KMC solver's only data structure; knows no
/// physics.
///
/// Each node sums kFanout consecutive children (one 64-byte cache line of doubles), so a 65536-slot
/// tree has 6 levels instead of a binary tree's 17: an update or a selection touches 6 cache lines.
/// Every sum is recomputed from its children in a fixed order, never by adding differences, so the
/// tree is a function of its weights alone (no history, no drift): after any sequence of updates it
/// equals a tree assigned those weights at once, bit for bit.
#include <cstddef>
#include <vector>

namespace macrodyn {

class SumTree {
public:
  static constexpr std::size_t kFanout = 8;

  SumTree() = default;
  explicit SumTree(std::size_t n_slots) { reset(n_slots); }

  /// All weights set to zero.
  void reset(std::size_t n_slots);
  /// Sets all weights at once in O(n). weights.size() must equal size().
  void assign(const std::vector<double> &weights);
  /// Sets one weight (>= 0) in O(log n).
  void set(std::size_t slot, double weight);
  /// Sets several weights (slots in any order, repeats allowed: the last one wins).
  void set_many(const std::vector<std::size_t> &slots, const std::vector<double> &weights);

  std::size_t size() const { return n_; }
  double weight(std::size_t slot) const { return levels_[0][slot]; }
  double total() const { return levels_.empty() ? 0.0 : levels_.back()[0]; }
  /// The slot whose cumulative weight interval holds target, 0 <= target < total(). Never returns a
  /// slot of zero weight.
  std::size_t find(double target) const;

private:
  /// Recomputes node `node` of level `level` (>= 1) from its children.
  void resum(std::size_t level, std::size_t node) {
    const double *c = levels_[level - 1].data() + node * kFanout;
    // Pairwise in a fixed order: the same sum whichever way the children were set.
    levels_[level][node] = ((c[0] + c[1]) + (c[2] + c[3])) + ((c[4] + c[5]) + (c[6] + c[7]));
  }

  static constexpr std::size_t kMaxShared = 32; ///< set_many shares ancestors up to this many slots
  std::size_t n_ = 0;
  /// levels_[0] holds the weights, levels_[k][i] the sum of levels_[k-1][i*kFanout ...
  /// i*kFanout + kFanout - 1]; every level is padded with zeros to a multiple of kFanout, and the
  /// last level has a single node, the total.
  std::vector<std::vector<double>> levels_;
};

} // namespace macrodyn
