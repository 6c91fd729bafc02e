// macrodyn train under mpirun: data parallel over ranks with a fixed shard count, so 1, 2 and 4
// ranks, with any threads, give the model of a plain serial run bit for bit; a run resumes on
// another rank count; rank 0 alone prints and writes; errors end every rank.
#include "cli/ou_dataset.h"
#include "support/mpi_launcher.h"
#include "support/run_command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using macrodyn::testing::MpiLauncher;
using macrodyn::testing::run_command;

namespace {

const std::string kCli = MACRODYN_CLI_PATH;
// 1800 training rows in batches of 257: the last batch has 1 row, a shard that one rank computes
// while the others have none.
const std::string kCommon = " --hidden 8 8 --seed 5 --batch 257 --diffusion diag ";

macrodyn::testing::CommandResult train(const std::string &data, int ranks, int threads,
                                       const std::string &more) {
  // 4 shards (for up to 4 ranks) unless the test says otherwise.
  const std::string shards = more.find("--shards") == std::string::npos ? "--shards 4 " : "";
  const std::string args =
      " train " + data + kCommon + shards + "--threads " + std::to_string(threads) + " " + more;
  if (ranks == 0) return run_command(kCli + args); // no launcher: MPI is not started at all
  const MpiLauncher mpirun(ranks);
  return run_command(mpirun.prefix() + kCli + args);
}

/// "SAME" when every parameter of the models in b... equals a's, else the first that differs.
std::string compare_models(const std::string &dir, const std::string &a,
                           const std::vector<std::string> &others) {
  macrodyn::testing::write_file(dir + "/same.py", R"(
import sys, torch
a = dict(torch.jit.load(sys.argv[1]).named_parameters())
for path in sys.argv[2:]:
    b = dict(torch.jit.load(path).named_parameters())
    if a.keys() != b.keys():
        print("DIFFER", path, "parameter names"); sys.exit()
    for name in a:
        if not torch.equal(a[name], b[name]):
            print("DIFFER", path, name); sys.exit()
print("SAME", len(a))
)");
  std::string cmd = "/usr/bin/python3 " + dir + "/same.py " + a;
  for (const auto &o : others)
    cmd += " " + o;
  return run_command(cmd).output;
}

/// The log's loss columns (epoch, train and validation loss, learning rate): timings differ.
std::string losses(const std::string &log_path) {
  std::istringstream in(macrodyn::testing::read_file(log_path));
  std::string out;
  for (std::string line; std::getline(in, line);) {
    std::size_t cut = 0;
    for (int comma = 0; comma < 4 && cut != std::string::npos; ++comma)
      cut = line.find(',', cut + (comma > 0));
    out += line.substr(0, cut) + "\n";
  }
  return out;
}

std::size_t count(const std::string &text, const std::string &what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

} // namespace

TEST(CliTrainMpi, AnyRankAndThreadCountGivesTheSerialModelBitForBit) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-train-mpi-");
  const auto data = macrodyn::testing::ou_dataset(dir);
  const auto serial = train(data, 0, 1, "--epochs 3 -o " + dir + "/serial.pt");
  ASSERT_EQ(serial.exit_code, 0) << serial.output;
  EXPECT_NE(serial.output.find("4 shards on 1 rank(s) x 1 thread(s)"), std::string::npos)
      << serial.output;
  std::vector<std::string> models;
  for (const auto &[ranks, threads] :
       std::vector<std::pair<int, int>>{{1, 2}, {2, 1}, {3, 1}, {4, 1}, {2, 2}}) {
    const std::string name = dir + "/r" + std::to_string(ranks) + "t" + std::to_string(threads);
    const auto run = train(data, ranks, threads, "--epochs 3 -o " + name + ".pt");
    ASSERT_EQ(run.exit_code, 0) << run.output;
    // Rank 0 alone reports: one summary line and one line per epoch.
    const std::string summary = "4 shards on " + std::to_string(ranks) + " rank(s) x " +
                                std::to_string(threads) + " thread(s)";
    EXPECT_EQ(count(run.output, summary), 1u) << run.output;
    EXPECT_EQ(count(run.output, "epoch 3/3"), 1u) << run.output;
    EXPECT_EQ(losses(name + ".pt.log.csv"), losses(dir + "/serial.pt.log.csv")) << name;
    models.push_back(name + ".pt");
  }
  const auto same = compare_models(dir, dir + "/serial.pt", models);
  EXPECT_EQ(same.rfind("SAME", 0), 0u) << same;
  // The test can fail: another shard count is another rounding.
  ASSERT_EQ(run_command(kCli + " train " + data +
                        " --hidden 8 8 --seed 5 --batch 257 --shards 3 "
                        "--diffusion diag -q --epochs 3 -o " +
                        dir + "/three.pt")
                .exit_code,
            0);
  const auto differ = compare_models(dir, dir + "/serial.pt", {dir + "/three.pt"});
  EXPECT_EQ(differ.rfind("DIFFER", 0), 0u) << differ;
}

TEST(CliTrainMpi, ARunResumesOnAnotherRankCountToTheSameModel) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-train-mpi-");
  const auto data = macrodyn::testing::ou_dataset(dir);
  ASSERT_EQ(train(data, 0, 1, "-q --epochs 4 -o " + dir + "/straight.pt").exit_code, 0);
  const auto first = train(data, 2, 1, "-q --epochs 2 -o " + dir + "/split.pt");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const auto rest = train(data, 4, 1, "--epochs 4 --resume -o " + dir + "/split.pt");
  ASSERT_EQ(rest.exit_code, 0) << rest.output;
  EXPECT_EQ(count(rest.output, "resuming from the checkpoint"), 1u) << rest.output;
  const auto same = compare_models(dir, dir + "/straight.pt", {dir + "/split.pt"});
  EXPECT_EQ(same.rfind("SAME", 0), 0u) << same;
  EXPECT_EQ(losses(dir + "/split.pt.log.csv"), losses(dir + "/straight.pt.log.csv"));
}

TEST(CliTrainMpi, ErrorsAreSaidOnceAndEndEveryRank) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-train-mpi-");
  const auto data = macrodyn::testing::ou_dataset(dir);
  // More ranks than shards.
  auto run = train(data, 4, 1, "--shards 2 -o " + dir + "/m.pt");
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("macrodyn: ERROR: shards 2 is below the 4 MPI ranks of this run"),
            std::string::npos)
      << run.output;
  EXPECT_EQ(count(run.output, "shards 2 is below"), 1u) << run.output; // rank 0 says it for all
  EXPECT_FALSE(std::ifstream(dir + "/m.pt").good());
  // A command-line error: said by rank 0 only.
  run = train(data, 2, 1, "--shards 0");
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_EQ(count(run.output, "--shards"), 1u) << run.output;
  // An error of rank 0 alone (the log, which only rank 0 writes) while the others wait in the first
  // exchange: every rank ends, said once.
  run = run_command("timeout 60 env " + MpiLauncher(2).prefix() + kCli + " train " + data +
                    kCommon + "--epochs 1 --log " + dir + "/missing/log.csv -o " + dir + "/m.pt");
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.exit_code, 124) << "hung: " << run.output; // timeout's code
  EXPECT_EQ(count(run.output, "macrodyn: ERROR: cannot write the training log"), 1u) << run.output;
  // Only train runs in parallel.
  const MpiLauncher mpirun(2);
  run = run_command(mpirun.prefix() + kCli + " inspect " + data);
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_EQ(count(run.output, "macrodyn: ERROR: only train runs under mpirun (this run has 2 "
                              "ranks); run inspect as one process"),
            1u)
      << run.output;
}
