// macrodyn train-ode as a user runs it: forces.h5 in, model.pt (encoder + latent ODE) out, the
// test trajectories' error printed, the same bits for the same seed, and clear errors.
#include "core/base/random_stream.h"
#include "core/io/partial_force_file.h"
#include "support/run_command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

using macrodyn::testing::run_command;

namespace {

const std::string kCli = MACRODYN_CLI_PATH;

/// Independent 3D harmonic oscillators (m = 1, k = 1): exact positions, velocities and forces,
/// 8 atoms, `trajectories` runs of 21 records, 3 atoms selected per record.
std::string oscillators(const std::string &dir, bool full, int trajectories = 6) {
  macrodyn::PartialForceDescription d;
  d.atoms = 8;
  d.selected = 3;
  d.units = "lj";
  d.pair_style = "none (harmonic test)";
  d.timestep = 0.01;
  d.full_forces = full;
  const std::string path = dir + (full ? "/full.h5" : "/forces.h5");
  macrodyn::PartialForceFile file(path, d);
  macrodyn::RandomStream rng(9, {});
  for (int t = 0; t < trajectories; ++t) {
    std::vector<double> amplitude(24), phase(24);
    for (int k = 0; k < 24; ++k)
      amplitude[k] = 0.5 + 0.1 * t + 0.2 * rng.uniform_open(), phase[k] = 6.283 * rng.uniform_open();
    for (int s = 0; s <= 20; ++s) {
      macrodyn::PartialForceRecord r;
      r.trajectory = t;
      r.step = 5 * s;
      r.time = r.step * d.timestep;
      r.types.assign(8, 1);
      r.masses.assign(8, 1.0);
      for (int k = 0; k < 24; ++k) {
        r.positions.push_back(amplitude[k] * std::cos(r.time + phase[k]));
        r.velocities.push_back(-amplitude[k] * std::sin(r.time + phase[k]));
      }
      for (int i = 0; i < 8; ++i)
        for (int c = 0; c < 3; ++c)
          r.full_forces.push_back(-r.positions[3 * i + c]);
      r.selected = {1 + s % 8, 1 + (s + 3) % 8, 1 + (s + 5) % 8};
      std::sort(r.selected.begin(), r.selected.end());
      for (auto id : r.selected)
        for (int c = 0; c < 3; ++c)
          r.forces.push_back(-r.positions[3 * (id - 1) + c]);
      if (!full) r.full_forces.clear();
      file.append(r);
    }
  }
  return path;
}

const std::string kTiny = " --closure 3 --encoder-hidden 8 --encoder-epochs 3 --hidden 8 "
                          "--epochs 3 -q";
const std::string kSmall = kTiny + " --test-trajectories 2";

TEST(CliTrainOde, WritesAModelWhoseRollOutPythonRuns) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-ode-");
  const auto data = oscillators(dir, false);
  auto run = run_command(kCli + " train-ode " + data + kSmall + " -o " + dir + "/m.pt");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // Same seed, same model: the printed summary and the weights agree.
  run = run_command(kCli + " train-ode " + data + " --closure 3 --encoder-hidden 8 "
                    "--encoder-epochs 3 --hidden 8 --epochs 3 --test-trajectories 2 --budget 30 -o " +
                    dir + "/a.pt");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("loss partial on 10 configurations (30 atom forces)"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("relative error of T(t) on 2 test trajectories"), std::string::npos);
  const auto again = run_command(kCli + " train-ode " + data + " --closure 3 --encoder-hidden 8 "
                                 "--encoder-epochs 3 --hidden 8 --epochs 3 --test-trajectories 2 "
                                 "--budget 30 -o " + dir + "/b.pt");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  macrodyn::testing::write_file(dir + "/check.py", R"(
import sys, json, zipfile, torch
m = torch.jit.load(sys.argv[1])
meta = json.loads([zipfile.ZipFile(sys.argv[1]).read(n) for n in zipfile.ZipFile(sys.argv[1]).namelist()
                   if n.endswith('metadata.json')][0])
x = torch.randn(2, 48, dtype=torch.float64); m8 = torch.ones(2, 8, dtype=torch.float64)
path = m.rollout(x, m8, 0.01, 5)
T = m.temperature(path)
v = x[:, 24:]
print('PY', meta['kind'], meta['loss'], tuple(path.shape), meta['configurations'],
      float((T[0] - (v * v).sum(1) / 21).abs().max()) < 1e-12,
      meta['weights_checksum'] == json.loads([zipfile.ZipFile(sys.argv[2]).read(n) for n in
      zipfile.ZipFile(sys.argv[2]).namelist() if n.endswith('metadata.json')][0])['weights_checksum'])
)");
  const auto py = run_command("/usr/bin/python3 " + dir + "/check.py " + dir + "/a.pt " + dir +
                              "/b.pt");
  ASSERT_EQ(py.exit_code, 0) << py.output;
  EXPECT_NE(py.output.find("PY latent-ode partial (6, 2, 4) 10 True True"), std::string::npos)
      << py.output;
  // macrodyn predict runs SDEs: it says what a latent ODE is and where its roll-outs are.
  const auto predict = run_command(kCli + " predict " + dir + "/a.pt -i " + data + " -r 1 -o " +
                                   dir + "/p.h5");
  EXPECT_EQ(predict.exit_code, 1);
  EXPECT_NE(predict.output.find("is a latent ODE of MD configurations (macrodyn train-ode)"),
            std::string::npos)
      << predict.output;
}

TEST(CliTrainOde, LossesThatNeedEveryForceRefuseAPartialFile) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-ode-");
  const auto partial = oscillators(dir, false), full = oscillators(dir, true);
  auto run = run_command(kCli + " train-ode " + partial + kSmall + " --loss latent -o " + dir +
                         "/m.pt");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("loss latent needs every force"), std::string::npos) << run.output;
  for (const char *loss : {"latent", "full"}) {
    run = run_command(kCli + " train-ode " + full + kSmall + " --loss " + loss + " -o " + dir +
                      "/" + loss + ".pt");
    EXPECT_EQ(run.exit_code, 0) << loss << ": " << run.output;
  }
  // The encoder of one model reused by another (the fair comparison of losses).
  run = run_command(kCli + " train-ode " + full + kSmall + " --loss latent --encoder " + dir +
                    "/full.pt -o " + dir + "/reuse.pt");
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST(CliTrainOde, RefusesTooFewTrajectoriesAndOtherFiles) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-ode-");
  const auto data = oscillators(dir, false, 2);
  auto run = run_command(kCli + " train-ode " + data + kSmall + " -o " + dir + "/m.pt");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("holds 2 trajectories: too few for 2 test trajectories"),
            std::string::npos)
      << run.output;
  run = run_command(kCli + " train-ode " + data + kTiny + " --test-trajectories 1 --budget 1 -o " +
                    dir + "/m.pt");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("buys no configuration"), std::string::npos) << run.output;
  macrodyn::testing::write_file(dir + "/not.h5", "plain text");
  run = run_command(kCli + " train-ode " + dir + "/not.h5" + kSmall + " -o " + dir + "/m.pt");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("not an HDF5 file"), std::string::npos) << run.output;
  EXPECT_FALSE(std::ifstream(dir + "/m.pt").good());
}

} // namespace
