#include "run_command.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

namespace macrodyn::testing {

CommandResult run_command(const std::string &command) {
  CommandResult result;
  FILE *pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed for: " + command);
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    result.output.append(buffer, n);
  const int status = pclose(pipe);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

std::string make_temp_dir(const std::string &prefix, const std::string &parent) {
  // Inside the build tree by default, so a clean clone starts clean and nothing litters /tmp.
  const std::string root = parent.empty() ? std::string(MACRODYN_TEST_TMP) : parent;
  std::string pattern = root + "/" + prefix + "XXXXXX";
  std::filesystem::create_directories(root);
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
  return pattern;
}

void write_file(const std::string &path, const std::string &text) {
  std::ofstream out(path);
  if (!(out << text)) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string &path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace macrodyn::testing
