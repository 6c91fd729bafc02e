#pragma once
/// The processes of one data-parallel training: MPI_COMM_WORLD when the program runs under mpirun
/// (the CLI initializes MPI only then), this process alone otherwise. Training needs one
/// collective: every rank's shard results, gathered in rank order on every rank, so that each
/// rank sums them in the same (shard) order and all ranks keep the same bits.
#include <vector>

namespace macrodyn::learn {

class RankGroup {
public:
  /// MPI_COMM_WORLD if MPI is initialized (and not finalized), else a group of one.
  static RankGroup world();
  /// This process alone (what library callers and tests get by default).
  static RankGroup alone() { return RankGroup(0, 1); }

  int rank() const { return rank_; }
  int size() const { return size_; }
  /// Rank 0 writes the files of a training (log, checkpoints, model); the others only compute.
  bool writes() const { return rank_ == 0; }

  /// The concatenation, in rank order, of every rank's `mine`, on every rank; counts[r] is the
  /// length of rank r's contribution (the same list on every rank).
  std::vector<double> all_gather(const std::vector<double> &mine,
                                 const std::vector<int> &counts) const;

private:
  RankGroup(int rank, int size) : rank_(rank), size_(size) {}
  int rank_, size_;
};

} // namespace macrodyn::learn
