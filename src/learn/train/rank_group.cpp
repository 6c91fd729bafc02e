#include "learn/train/rank_group.h"

#include "core/base/error.h"

#include <mpi.h>

#include <limits>
#include <numeric>
#include <string>

namespace macrodyn::learn {

RankGroup RankGroup::world() {
  int initialized = 0, finalized = 0;
  MPI_Initialized(&initialized);
  MPI_Finalized(&finalized);
  if (!initialized || finalized) return alone();
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return RankGroup(rank, size);
}

std::vector<double> RankGroup::all_gather(const std::vector<double> &mine,
                                          const std::vector<int> &counts) const {
  require(static_cast<int>(counts.size()) == size_, "all_gather: one count per rank");
  require(static_cast<int>(mine.size()) == counts[rank_],
          "all_gather: rank " + std::to_string(rank_) + " gives " + std::to_string(mine.size()) +
              " values, expected " + std::to_string(counts[rank_]));
  if (size_ == 1) return mine;
  long long total = 0;
  for (int c : counts)
    total += c;
  require(total <= std::numeric_limits<int>::max(),
          "all_gather: " + std::to_string(total) +
              " values exceed MPI's int counts (fewer shards)");
  std::vector<int> offsets(size_, 0);
  std::partial_sum(counts.begin(), counts.end() - 1, offsets.begin() + 1);
  std::vector<double> all(static_cast<std::size_t>(total));
  // MPI_IN_PLACE is not used: mine may be empty on a rank without shards.
  const int rc = MPI_Allgatherv(mine.data(), counts[rank_], MPI_DOUBLE, all.data(), counts.data(),
                                offsets.data(), MPI_DOUBLE, MPI_COMM_WORLD);
  require(rc == MPI_SUCCESS, "MPI_Allgatherv failed (code " + std::to_string(rc) + ")");
  return all;
}

} // namespace macrodyn::learn
