#pragma once
/// Binary sum tree over non-negative weights: O(log n) update and O(log n) selection of a slot with
/// probability weight / total. The rejection-free KMC solver's only data structure; knows no
/// physics.
#include <cstddef>
#include <vector>

namespace macrodyn {

class SumTree {
public:
  SumTree() = default;
  explicit SumTree(std::size_t n_slots) { reset(n_slots); }

  /// All weights set to zero.
  void reset(std::size_t n_slots);
  /// Sets all weights at once in O(n). weights.size() must equal size().
  void assign(const std::vector<double> &weights);
  /// Sets one weight (>= 0) in O(log n).
  void set(std::size_t slot, double weight);
  /// Sets several weights (slots in any order, repeats allowed: the last one wins), recomputing
  /// each shared ancestor once.
  void set_many(const std::vector<std::size_t> &slots, const std::vector<double> &weights);

  std::size_t size() const { return n_; }
  double weight(std::size_t slot) const { return tree_[leaves_ + slot]; }
  double total() const { return tree_.empty() ? 0.0 : tree_[1]; }
  /// The slot whose cumulative weight interval holds target, 0 <= target < total(). Never returns a
  /// slot of zero weight.
  std::size_t find(double target) const;

private:
  void rebuild_internal();

  std::size_t n_ = 0;
  std::size_t leaves_ = 0;   // power of two >= n_
  std::vector<double> tree_; // 1-based heap: node k has children 2k, 2k+1; leaves at leaves_ + slot
  std::vector<std::size_t> level_; // scratch for set_many
};

} // namespace macrodyn
