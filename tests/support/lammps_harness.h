#pragma once
// Runs LAMMPS input scripts the way a user does: through tools/lmp (serial) or
// mpirun -np N tools/lmp, in a fresh directory, and returns the output and the log.
#include "run_command.h"

#include <string>
#include <vector>

namespace macrodyn::testing {

struct LammpsRun {
  CommandResult result;
  std::string log;       ///< log.lammps of rank 0
  std::string directory; ///< where the run happened (for extra files it wrote)

  bool ok() const { return result.exit_code == 0 && result.signal == 0; }
  /// The text of the first "ERROR..." line, or "" when there is none.
  std::string first_error() const;
  /// Values printed by `print "TAG <values...>"` lines in the output: the numbers after TAG.
  std::vector<double> printed(const std::string &tag) const;
};

/// nprocs == 1 runs tools/lmp directly; otherwise through mpirun with the flags root needs.
/// The run happens in `directory` when given (to share files between runs), else in a fresh one.
LammpsRun run_lammps(const std::string &input_script, int nprocs = 1,
                     const std::string &extra_args = "", const std::string &directory = "");

/// The path of tools/lmp and of the built plugin (from the build's compile definitions).
std::string lmp_wrapper();
std::string plugin_path();

} // namespace macrodyn::testing
