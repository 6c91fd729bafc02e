#pragma once
// mpirun as the tests start it: root's flag, oversubscription (4 ranks on 2 cores), and a private
// Open MPI session root for each launch, removed when the launcher goes.
#include <string>

namespace macrodyn::testing {

class MpiLauncher {
public:
  explicit MpiLauncher(int nprocs);
  ~MpiLauncher();
  MpiLauncher(const MpiLauncher &) = delete;
  MpiLauncher &operator=(const MpiLauncher &) = delete;

  /// "OMPI_MCA_orte_tmpdir_base=... mpirun ... -np N " to put before a command.
  const std::string &prefix() const { return prefix_; }

private:
  std::string session_root_, prefix_;
};

} // namespace macrodyn::testing
