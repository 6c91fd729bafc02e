#include "support/mpi_launcher.h"

#include "support/run_command.h"

#include <filesystem>

namespace macrodyn::testing {

MpiLauncher::MpiLauncher(int nprocs) {
  // Open MPI keeps its session directory under one shared /tmp/ompi.<host>.<uid>; when ctest runs
  // two mpiruns at once, the one that finishes first removes that directory while the other is
  // still creating its pid.N inside it ("A call to mkdir was unable to create the desired
  // directory"). A private root per mpirun removes the race. It lives in /tmp, not in the build
  // tree, because Open MPI's sockets under it must stay within the 108-byte socket path limit.
  session_root_ = make_temp_dir("macrodyn-ompi-", "/tmp");
  prefix_ = "OMPI_MCA_orte_tmpdir_base=" + session_root_ +
            " mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(nprocs) + " ";
}

MpiLauncher::~MpiLauncher() {
  std::error_code ignored;
  std::filesystem::remove_all(session_root_, ignored);
}

} // namespace macrodyn::testing
