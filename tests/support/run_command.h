#pragma once
// Runs a shell command and captures what it printed (stdout and stderr together) and how it ended.
#include <string>

namespace macrodyn::testing {

struct CommandResult {
  int exit_code = -1; ///< exit status, or -1 when the process did not exit normally
  int signal = 0;     ///< terminating signal (a crash), 0 otherwise
  std::string output; ///< stdout and stderr, interleaved
};

CommandResult run_command(const std::string &command);

/// A fresh empty directory under <build>/tests/tmp (kept for post-mortem inspection), or under
/// `parent` when given.
std::string make_temp_dir(const std::string &prefix, const std::string &parent = "");

void write_file(const std::string &path, const std::string &text);
std::string read_file(const std::string &path);

} // namespace macrodyn::testing
