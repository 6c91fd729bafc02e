#include "lammps_harness.h"

#include "support/mpi_launcher.h"

#include <filesystem>
#include <optional>
#include <sstream>

namespace macrodyn::testing {

std::string lmp_wrapper() {
  return MACRODYN_SOURCE_DIR "/tools/lmp";
}
std::string plugin_path() {
  return MACRODYN_PLUGIN_PATH;
}

std::string LammpsRun::first_error() const {
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("ERROR", 0) == 0) return line;
  return {};
}

std::vector<double> LammpsRun::printed(const std::string &tag) const {
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(tag + " ", 0) != 0) continue;
    std::istringstream fields(line.substr(tag.size()));
    std::vector<double> values;
    for (double v; fields >> v;)
      values.push_back(v);
    return values;
  }
  return {};
}

LammpsRun run_lammps(const std::string &input_script, int nprocs, const std::string &extra_args,
                     const std::string &directory) {
  LammpsRun run;
  run.directory = directory.empty() ? make_temp_dir("macrodyn-lmp-") : directory;
  write_file(run.directory + "/in.test", input_script);
  std::optional<MpiLauncher> mpirun;
  if (nprocs > 1) mpirun.emplace(nprocs);
  const std::string launcher = (mpirun ? mpirun->prefix() : "") + lmp_wrapper();
  // The build directory is the one this test was built in, whatever MACRODYN_BUILD_DIR says.
  const std::string command = "cd " + run.directory +
                              " && MACRODYN_BUILD_DIR=" + MACRODYN_BINARY_DIR + " " + launcher +
                              " -in in.test -log log.lammps " + extra_args;
  run.result = run_command(command);
  run.log = read_file(run.directory + "/log.lammps");
  return run;
}

} // namespace macrodyn::testing
