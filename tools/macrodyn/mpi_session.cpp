#include "mpi_session.h"

#include <mpi.h>

#include <cstdlib>
#include <initializer_list>

namespace macrodyn::cli {
namespace {

/// Set by mpirun/mpiexec of Open MPI (OMPI_*), of MPICH and Intel MPI (PMI_*), of MVAPICH
/// (MV2_*), and by PMIx launchers such as srun (PMIX_*).
bool started_by_a_launcher() {
  for (const char *name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MV2_COMM_WORLD_SIZE"})
    if (std::getenv(name)) return true;
  return false;
}

} // namespace

MpiSession::MpiSession(int &argc, char **&argv) {
  if (!started_by_a_launcher()) return;
  // Training threads compute shards; only the main thread calls MPI.
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  initialized_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  if (initialized_) MPI_Finalize();
}

void MpiSession::abort(int code) const {
  if (initialized_ && size_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

} // namespace macrodyn::cli
