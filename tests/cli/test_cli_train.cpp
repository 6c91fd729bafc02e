// macrodyn train as a user runs it: a dataset in, model.pt + CSV log out, a TOML configuration
// that the command line overrides, resume after an interruption, and clear errors.
#include "cli/ou_dataset.h"
#include "core/base/random_stream.h"
#include "core/io/dataset_file.h"
#include "support/run_command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

using macrodyn::testing::run_command;

namespace {

const std::string kCli = MACRODYN_CLI_PATH;

std::string synthetic_dataset(const std::string &dir, const std::string &energy_model = "",
                              const std::string &name = "dataset.h5") {
  return macrodyn::testing::ou_dataset(dir, energy_model, name);
}

TEST(CliTrain, WritesAModelAndALogAndHonoursConfigurationAndOverrides) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-train-");
  const auto data = synthetic_dataset(dir);
  macrodyn::testing::write_file(dir + "/train.toml", R"(
# the command line overrides epochs
epochs = 50
hidden = [8, 8]
diffusion = "diag-const"
seed = 3
)");
  const auto run = run_command(kCli + " train " + data + " -c " + dir +
                               "/train.toml --epochs 4 -o " + dir + "/model.pt --threads 1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("2000 records (partial, K = 4) of 1 observables, 1 condition(s)"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("epoch 4/4"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("epoch 5/"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("samples/s  ETA"), std::string::npos) << run.output;
  const auto log = macrodyn::testing::read_file(dir + "/model.pt.log.csv");
  EXPECT_EQ(
      log.rfind("epoch,train_loss,validation_loss,learning_rate,samples_per_second,seconds\n", 0),
      0u)
      << log;
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 5) << log;
  // The metadata tells what the model is; Python reads it and runs the model.
  macrodyn::testing::write_file(dir + "/check.py", R"(
import json, sys, torch
extra = {"metadata.json": ""}
m = torch.jit.load(sys.argv[1], _extra_files=extra)
meta = json.loads(extra["metadata.json"])
f = m.drift(torch.tensor([[0.2]], dtype=torch.float64), torch.tensor([[2.25]], dtype=torch.float64))
print("META", meta["observables"], meta["conditions"], meta["K"], meta["diffusion"], meta["hidden"],
      meta["training"]["seed"], tuple(f.shape))
)");
  const auto py = run_command("/usr/bin/python3 " + dir + "/check.py " + dir + "/model.pt");
  EXPECT_NE(py.output.find("META ['magnetization'] ['temperature'] 4 diag-const [8, 8] 3 (1, 1)"),
            std::string::npos)
      << py.output;
}

TEST(CliTrain, ResumeContinuesAnInterruptedRunToTheSameModel) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-train-");
  const auto data = synthetic_dataset(dir);
  const std::string common = " --hidden 8 --threads 1 -q --seed 5 ";
  ASSERT_EQ(
      run_command(kCli + " train " + data + common + "--epochs 6 -o " + dir + "/a.pt").exit_code,
      0);
  ASSERT_EQ(
      run_command(kCli + " train " + data + common + "--epochs 3 -o " + dir + "/b.pt").exit_code,
      0);
  const auto resumed =
      run_command(kCli + " train " + data + common + "--epochs 6 --resume -o " + dir + "/b.pt");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  // Same weights: compare the drift of both models at a few states in Python.
  macrodyn::testing::write_file(dir + "/same.py", R"(
import sys, torch
a, b = torch.jit.load(sys.argv[1]), torch.jit.load(sys.argv[2])
z = torch.linspace(-0.1, 0.5, 7, dtype=torch.float64).reshape(7, 1)
c = torch.full((7, 1), 2.2, dtype=torch.float64)
print("SAME", torch.equal(a.drift(z, c), b.drift(z, c)), torch.equal(a.diffusion(z, c), b.diffusion(z, c)))
)");
  const auto py =
      run_command("/usr/bin/python3 " + dir + "/same.py " + dir + "/a.pt " + dir + "/b.pt");
  EXPECT_NE(py.output.find("SAME True True"), std::string::npos) << py.output;
  // The checkpoint holds the best model so far; export takes it out, and it runs in Python.
  const auto exported =
      run_command(kCli + " export " + dir + "/b.pt.checkpoint -o " + dir + "/exported.pt");
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  const auto py2 =
      run_command("/usr/bin/python3 " + dir + "/same.py " + dir + "/exported.pt " + dir + "/b.pt");
  EXPECT_NE(py2.output.find("SAME True True"), std::string::npos) << py2.output;
  // One header and one line per epoch, the resumed epochs appended.
  const auto log = macrodyn::testing::read_file(dir + "/b.pt.log.csv");
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 7) << log;
}

TEST(CliTrain, ResumeChecksTheCheckpointBelongsToThisTraining) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-train-");
  const auto data = synthetic_dataset(dir);
  const std::string common = " --hidden 8 --threads 1 -q --seed 5 ";
  ASSERT_EQ(
      run_command(kCli + " train " + data + common + "--epochs 2 -o " + dir + "/b.pt").exit_code,
      0);
  // Other data (the dataset twice) or another seed: refused, naming what differs.
  auto run = run_command(kCli + " train " + data + " " + data + common + "--epochs 4 --resume -o " +
                         dir + "/b.pt");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("was written for other data or settings; now "), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("records: 4000"), std::string::npos) << run.output;
  run = run_command(kCli + " train " + data +
                    " --hidden 8 --threads 1 -q --seed 6 --epochs 4 "
                    "--resume -o " +
                    dir + "/b.pt");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("seed: 6"), std::string::npos) << run.output;
  // The same training resumes, and says so.
  run = run_command(kCli + " train " + data + common + "--epochs 4 --resume -o " + dir + "/b.pt");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("resuming from the checkpoint in"), std::string::npos) << run.output;
  // --resume without a checkpoint is an error, not a fresh start.
  run = run_command(kCli + " train " + data + common + "--epochs 4 --resume -o " + dir + "/c.pt");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("--resume: no checkpoint in"), std::string::npos) << run.output;
  // A directory as the model file is refused before the training, leaving nothing behind.
  run = run_command(kCli + " train " + data + common + "--epochs 4 -o " + dir);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("is a directory; name the model file"), std::string::npos)
      << run.output;
  EXPECT_FALSE(std::ifstream(dir + ".log.csv").good());
}

TEST(CliTrain, DatasetsOfAnotherEnergyModelAreSaidAloud) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-train-");
  const auto ising = synthetic_dataset(dir, "ising J=1 h=0.1", "ising.h5");
  const auto cw = synthetic_dataset(dir, "curie-weiss J=1 h=0", "cw.h5");
  const auto run = run_command(kCli + " train " + ising + " " + cw +
                               " --hidden 8 --epochs 1 -q -o " + dir + "/m.pt");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("WARNING: dataset '" + cw +
                            "' was made with another energy model "
                            "(curie-weiss J=1 h=0) than '" +
                            ising + "' (ising J=1 h=0.1)"),
            std::string::npos)
      << run.output;
}

TEST(CliTrain, TwoThreadsGiveTheSameModelEveryTime) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-train-");
  const auto data = synthetic_dataset(dir);
  const std::string common = " --hidden 8 --threads 2 --batch 256 --seed 5 --epochs 3 ";
  const auto a = run_command(kCli + " train " + data + common + "-o " + dir + "/a.pt");
  ASSERT_EQ(a.exit_code, 0) << a.output;
  EXPECT_NE(a.output.find("2 thread(s)"), std::string::npos) << a.output;
  ASSERT_EQ(run_command(kCli + " train " + data + common + "-q -o " + dir + "/b.pt").exit_code, 0);
  macrodyn::testing::write_file(dir + "/same.py", R"(
import json, sys, torch
extra = {"metadata.json": ""}
a, b = torch.jit.load(sys.argv[1], _extra_files=extra), torch.jit.load(sys.argv[2])
z = torch.linspace(-0.1, 0.5, 7, dtype=torch.float64).reshape(7, 1)
c = torch.full((7, 1), 2.2, dtype=torch.float64)
print("SAME", torch.equal(a.drift(z, c), b.drift(z, c)), torch.equal(a.diffusion(z, c), b.diffusion(z, c)),
      "THREADS", json.loads(extra["metadata.json"])["training"]["threads"])
)");
  const auto py =
      run_command("/usr/bin/python3 " + dir + "/same.py " + dir + "/a.pt " + dir + "/b.pt");
  EXPECT_NE(py.output.find("SAME True True THREADS 2"), std::string::npos) << py.output;
}

TEST(CliTrain, BadInputIsAClearError) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-train-");
  const auto data = synthetic_dataset(dir);
  macrodyn::testing::write_file(dir + "/bad.toml", "epochz = 3\n");
  auto run = run_command(kCli + " train " + data + " -c " + dir + "/bad.toml");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("unknown key 'epochz'"), std::string::npos) << run.output;
  run = run_command(kCli + " train " + data + " --conditions pressure -o " + dir + "/m.pt");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("no condition column 'pressure'"), std::string::npos) << run.output;
  macrodyn::testing::write_file(dir + "/plain.h5", "not hdf5");
  run = run_command(kCli + " train " + dir + "/plain.h5");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("is not an HDF5 file"), std::string::npos) << run.output;
  run = run_command(kCli + " train --diffusion wide " + data);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("wide"), std::string::npos) << run.output;
}

} // namespace

TEST(CliTrain, ClosureVariablesTravelInsideTheModel) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-train-");
  macrodyn::DatasetDescription d;
  d.observables = {"magnetization"};
  d.species = {"up", "down"};
  d.lattice = "sq";
  d.cells = {32, 32, 1};
  d.patch_shape = {2, 2, 1};
  d.sites_per_patch = 256;
  d.microstates = true;
  d.n_sites = 1024;
  {
    macrodyn::DatasetFile file(dir + "/micro.h5", d);
    macrodyn::RandomStream rng(5, {});
    for (std::uint64_t snap = 0; snap < 4; ++snap) {
      macrodyn::Configuration x(1024);
      for (auto &s : x)
        s = static_cast<macrodyn::Species>(rng.below(2));
      file.append_snapshot(snap, x);
      for (int k = 0; k < 50; ++k) {
        macrodyn::PartialRecord r;
        r.snapshot = snap;
        r.sample = k;
        r.dt = 0.1;
        r.phi0 = r.phi_patch0 = {0.0};
        r.phi_patch1 = r.increment = {0.01 * rng.normal()};
        r.micro0.assign(x.begin(), x.begin() + 256); // any patch-sized microstates will do here
        r.micro1 = r.micro0;
        r.micro1[k] = static_cast<macrodyn::Species>(1 - r.micro1[k]);
        file.append(r, {2.5, 0.1});
      }
    }
  }
  const auto run =
      run_command(kCli + " train " + dir + "/micro.h5 --closure 2 --closure-epochs 2 " +
                  "--epochs 2 --hidden 8 -o " + dir + "/m.pt");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(
      run.output.find("closure autoencoder, 2 variable(s), 400 patch microstates of 256 sites"),
      std::string::npos)
      << run.output;
  macrodyn::testing::write_file(dir + "/check.py", R"(
import json, sys, torch
extra = {"metadata.json": ""}
m = torch.jit.load(sys.argv[1], _extra_files=extra)
meta = json.loads(extra["metadata.json"])
c = m.closure.encode_species(torch.zeros(3, 256, dtype=torch.long))
print("CLOSURE", meta["observables"], meta["closure"], meta["closure_model"]["sites"], tuple(c.shape))
)");
  const auto py = run_command("/usr/bin/python3 " + dir + "/check.py " + dir + "/m.pt");
  EXPECT_NE(py.output.find("CLOSURE ['magnetization', 'closure_1', 'closure_2'] ['closure_1', "
                           "'closure_2'] 256 (3, 2)"),
            std::string::npos)
      << py.output;
}
