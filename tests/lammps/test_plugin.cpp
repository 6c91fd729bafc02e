// The plugin as a user meets it: plugin load / plugin list through tools/lmp, serial and MPI,
// and LAMMPS's own clear errors for a wrong path or a plugin built against other headers.
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

using macrodyn::testing::run_lammps;

namespace {

const std::string kLoadAndList = R"lmp(
plugin load ${macrodyn}
plugin list
)lmp";

TEST(Plugin, LoadsAndListsItsStylesSerially) {
  const auto run = run_lammps(kLoadAndList);
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_NE(run.result.output.find("Loading plugin: MACRODYN"), std::string::npos);
  EXPECT_NE(run.result.output.find("compute style plugin spin/lattice"), std::string::npos)
      << run.result.output;
}

TEST(Plugin, WrongPathGivesLammpsErrorNotACrash) {
  const auto run = run_lammps(R"lmp(
plugin load /nonexistent/macrodyn.so
region box block 0 4 0 4 -0.5 0.5
)lmp");
  EXPECT_NE(run.result.output.find("Open of file /nonexistent/macrodyn.so failed"),
            std::string::npos)
      << run.result.output;
  // The script then fails at the first MACRODYN style with LAMMPS's own message.
  const auto use = run_lammps(R"lmp(
plugin load /nonexistent/macrodyn.so
units metal
dimension 2
lattice sq 1.0
region box block 0 4 0 4 -0.5 0.5
create_box 2 box
compute s all spin/lattice lattice sq 1.0
)lmp");
  EXPECT_EQ(use.result.signal, 0);
  EXPECT_NE(use.result.exit_code, 0);
  EXPECT_NE(use.first_error().find("Unrecognized compute style 'spin/lattice'"), std::string::npos)
      << use.result.output;
}

TEST(Plugin, PluginBuiltForOtherLammpsHeadersIsRefusedCleanly) {
  const auto run = run_lammps("plugin load " MACRODYN_FOREIGN_PLUGIN_PATH R"lmp(
plugin list
units metal
dimension 2
lattice sq 1.0
region box block 0 4 0 4 -0.5 0.5
create_box 2 box
compute s all spin/lattice lattice sq 1.0
)lmp");
  EXPECT_EQ(run.result.signal, 0);
  EXPECT_NE(run.first_error().find("macrodyn plugin refused to load"), std::string::npos)
      << run.result.output;
  EXPECT_EQ(run.result.output.find("style plugin spin/lattice"), std::string::npos);
  EXPECT_NE(run.result.output.find("ERROR: Unrecognized compute style 'spin/lattice'"),
            std::string::npos)
      << run.result.output;
  EXPECT_NE(run.result.exit_code, 0);
}

} // namespace
