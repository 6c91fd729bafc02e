// The macrodyn CLI as a user meets it: --version, --help per subcommand, clear errors.
#include "macrodyn/version.h"
#include "support/run_command.h"

#include <gtest/gtest.h>

using macrodyn::testing::run_command;

namespace {

const std::string kCli = MACRODYN_CLI_PATH;

TEST(Cli, PrintsItsVersion) {
  const auto run = run_command(kCli + " --version");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.output.find(std::string("macrodyn ") + macrodyn::kVersion), std::string::npos)
      << run.output;
}

TEST(Cli, EverySubcommandHasHelp) {
  for (const char *sub : {"train", "predict", "evaluate", "export", "inspect"}) {
    const auto run = run_command(kCli + " " + sub + " --help");
    EXPECT_EQ(run.exit_code, 0) << sub << ": " << run.output;
    EXPECT_NE(run.output.find("Usage:"), std::string::npos) << sub << ": " << run.output;
  }
}

TEST(Cli, UnknownOptionIsAClearError) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-cli-");
  macrodyn::testing::write_file(dir + "/x.h5", "");
  const auto run = run_command(kCli + " inspect --frobnicate " + dir + "/x.h5");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("--frobnicate"), std::string::npos) << run.output;
}

TEST(Cli, MissingSubcommandIsAClearError) {
  const auto run = run_command(kCli);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("subcommand"), std::string::npos) << run.output;
}

TEST(Cli, InspectOfAFileThatIsNotHdf5SaysSo) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-cli-");
  macrodyn::testing::write_file(dir + "/x.h5", "text");
  const auto run = run_command(kCli + " inspect " + dir + "/x.h5");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("is not a readable HDF5 file"), std::string::npos) << run.output;
}

TEST(Cli, ExportOfAnEmptyCheckpointSaysWhatIsMissing) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-cli-");
  const auto run = run_command(kCli + " export " + dir);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("holds no best_model.pt"), std::string::npos) << run.output;
}

} // namespace
