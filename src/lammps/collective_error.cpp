#include "collective_error.h"

#include <vector>

namespace macrodyn::lmp {

std::string first_error_across_ranks(MPI_Comm comm, const std::string &local_message) {
  int me = 0, nprocs = 1;
  MPI_Comm_rank(comm, &me);
  MPI_Comm_size(comm, &nprocs);
  const int mine = local_message.empty() ? nprocs : me;
  int first = nprocs;
  MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm);
  if (first == nprocs) return {};
  int length = static_cast<int>(local_message.size());
  MPI_Bcast(&length, 1, MPI_INT, first, comm);
  std::vector<char> text(local_message.begin(), local_message.end());
  text.resize(length);
  MPI_Bcast(text.data(), length, MPI_CHAR, first, comm);
  return std::string(text.begin(), text.end());
}

} // namespace macrodyn::lmp
