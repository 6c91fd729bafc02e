// macrodyn predict, evaluate and diagnose as a user runs them: ensembles from a dataset's
// ground-truth groups or from a CSV, trajectories.h5 + mean/std CSV, metrics.csv against the ground
// truth.
#include "core/base/random_stream.h"
#include "core/io/dataset_file.h"
#include "support/run_command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

using macrodyn::testing::run_command;

namespace {

const std::string kCli = MACRODYN_CLI_PATH;

/// OU process dm = -(m - 0.2) dt + 0.05 dW: partial records (K = 4) for training and exact
/// whole-box ensembles (30 runs from each of 2 snapshots at 2 temperatures) as ground truth.
std::string dataset_with_truth(const std::string &dir) {
  macrodyn::DatasetDescription d;
  d.observables = {"magnetization"};
  d.lattice = "sq";
  d.cells = {32, 32, 1};
  d.patch_shape = {2, 2, 1};
  d.sites_per_patch = 256;
  d.full_times = {0.5, 1.0};
  const std::string path = dir + "/dataset.h5";
  macrodyn::DatasetFile file(path, d);
  macrodyn::RandomStream rng(4, {});
  const double g = 0.05;
  for (int i = 0; i < 1000; ++i) {
    macrodyn::PartialRecord r;
    r.dt = 0.1;
    const double m = 0.2 + 0.5 * (rng.uniform_open() - 0.5);
    r.phi0 = r.phi_patch0 = {m};
    r.phi_patch1 = r.increment = {-(m - 0.2) * 0.1 + std::sqrt(4 * 0.1) * g * rng.normal()};
    file.append(r, {i % 2 ? 2.5 : 2.0, 0.1});
  }
  for (std::uint64_t snapshot : {0, 1})
    for (double temperature : {2.0, 2.5})
      for (int run = 0; run < 30; ++run) {
        macrodyn::FullRecord r;
        r.snapshot = snapshot;
        r.run = run;
        r.times = {0.0, 0.5, 1.0};
        double m = snapshot ? 0.4 : 0.0;
        r.phi.push_back({m});
        for (double step : {0.5, 0.5}) {
          // Exact OU transition over `step`.
          const double decay = std::exp(-step);
          m = 0.2 + (m - 0.2) * decay + g * std::sqrt((1 - decay * decay) / 2) * rng.normal();
          r.phi.push_back({m});
        }
        file.append(r, {temperature, 0.1});
      }
  return path;
}

/// dir/model.pt trained for `epochs` on dataset_with_truth(dir), one thread; returns the
/// dataset's path, or "" (the failure reported) when training failed.
std::string train_model(const std::string &dir, int epochs) {
  const auto data = dataset_with_truth(dir);
  const auto run = run_command(kCli + " train " + data + " -q --epochs " + std::to_string(epochs) +
                               " --hidden 8 --threads 1 -o " + dir + "/model.pt");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return run.exit_code == 0 ? data : "";
}

TEST(CliPredict, PredictsFromTheGroundTruthGroupsAndEvaluatesAgainstThem) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-predict-");
  const auto data = train_model(dir, 5);
  ASSERT_FALSE(data.empty());
  auto run = run_command(kCli + " predict " + dir + "/model.pt -i " + data + " -r 50 -o " + dir +
                         "/pred.h5");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("4 initial state(s) x 50 runs, 2 output times up to 1 s"),
            std::string::npos)
      << run.output;
  // mean/std CSV: a header and 4 groups x 3 times; the first row starts at the initial state.
  const auto csv = macrodyn::testing::read_file(dir + "/pred.h5.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 13) << csv;
  EXPECT_NE(csv.find("group,snapshot,temperature,time,magnetization_mean,magnetization_std\n"
                     "0,0,2,0,0,0\n"),
            std::string::npos)
      << csv;

  // inspect counts the dataset's records: 4 groups of full runs beside its partial records.
  run = run_command(kCli + " inspect " + data);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find(" full runs of 3 times, "), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("  records: "), std::string::npos) << run.output;
  run = run_command(kCli + " evaluate " + dir + "/pred.h5 " + data + " -o " + dir + "/metrics.csv");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("magnetization"), std::string::npos) << run.output;
  const auto metrics = macrodyn::testing::read_file(dir + "/metrics.csv");
  EXPECT_EQ(std::count(metrics.begin(), metrics.end(), '\n'), 13) << metrics;
  // The truth columns are the dataset's own ensemble statistics: at time 0 of snapshot 1 every
  // run starts at 0.4 (mean 0.4, spread 0), and the predicted ensemble starts there too.
  EXPECT_NE(metrics.find("2,1,2,0,magnetization,0.4,0.4,0,0,"), std::string::npos) << metrics;
  // A value that is not finite (a diverged run, a damaged file) is an error naming where it is,
  // not a hang (evaluate used to loop forever sorting a NaN).
  macrodyn::testing::write_file(dir + "/nan.py",
                                "import h5py, shutil, sys\n"
                                "shutil.copy(sys.argv[1], sys.argv[2])\n"
                                "with h5py.File(sys.argv[2], 'r+') as f:\n"
                                "    f['trajectories'][1, 3, 2, 0] = float('nan')\n");
  ASSERT_EQ(
      run_command("/usr/bin/python3 " + dir + "/nan.py " + dir + "/pred.h5 " + dir + "/nan.h5")
          .exit_code,
      0);
  run = run_command(kCli + " evaluate " + dir + "/nan.h5 " + data + " -o " + dir + "/nan.csv");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("predicted group 1 has a value nan of magnetization at time"),
            std::string::npos)
      << run.output;
  // The plotting script turns the metrics into one PNG per observable.
  run = run_command("/usr/bin/python3 " MACRODYN_SOURCE_DIR "/tools/plot_evaluation.py " + dir +
                    "/metrics.csv --out " + dir + "/plots");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto png = macrodyn::testing::read_file(dir + "/plots/magnetization.png");
  EXPECT_EQ(png.substr(1, 3), "PNG");
}

TEST(CliDiagnose, WritesTheDecompositionTablesAndRefusesWhatCannotBeCompared) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-diagnose-");
  const auto data = train_model(dir, 5);
  ASSERT_FALSE(data.empty());
  // The dataset's full runs serve as both the whole-box records (snapshot 0 is the partial
  // records' snapshot id) and the ground truth.
  auto run = run_command(kCli + " diagnose " + dir + "/model.pt " + data + " --whole " + data +
                         " --truth " + data + " -o " + dir + "/diag.csv");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char *part : {"(c) fit", "(a) estimator", "(d) finite dt", "(b) coverage"})
    EXPECT_NE(run.output.find(part), std::string::npos) << part << "\n" << run.output;
  auto lines = [&](const std::string &name) {
    const auto text = macrodyn::testing::read_file(dir + "/" + name);
    return std::count(text.begin(), text.end(), '\n');
  };
  EXPECT_EQ(lines("diag.csv"), 1 + 8);           // 8 bins of the one observable
  EXPECT_EQ(lines("diag_estimator.csv"), 1 + 1); // snapshot 0
  EXPECT_EQ(lines("diag_finite_dt.csv"), 1 + 2); // times 0.5 and 1
  EXPECT_EQ(lines("diag_starts.csv"), 1 + 4);    // 4 groups
  EXPECT_EQ(lines("diag_coverage.csv"), 1 + 4 * 3);
  run = run_command(kCli + " diagnose " + dir + "/model.pt " + data + " --bins 0");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("--bins"), std::string::npos) << run.output;
  run = run_command(kCli + " diagnose " + dir + "/model.pt " + data + " --bins 600");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("records are too few for 600 bins"), std::string::npos) << run.output;
}

/// dir/model.pt: 2 epochs on dataset_with_truth(dir) (enough for tests of the prediction's form).
bool train_quick_model(const std::string &dir) {
  return !train_model(dir, 2).empty();
}

TEST(CliPredict, StartsFromACsvAndNamesWhatIsMissing) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-predict-");
  ASSERT_TRUE(train_quick_model(dir));
  macrodyn::testing::write_file(dir + "/start.csv",
                                "magnetization,temperature\n-0.5,2.2\n0.5,2.2\n");
  auto run = run_command(kCli + " predict " + dir + "/model.pt -i " + dir +
                         "/start.csv --times 0.5 1 2 -r 20 -o " + dir + "/p.h5");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("2 initial state(s) x 20 runs, 3 output times up to 2 s"),
            std::string::npos)
      << run.output;
  // Conditions beyond the training range are predicted, with a warning.
  macrodyn::testing::write_file(dir + "/hot.csv", "magnetization,temperature\n0.5,5\n");
  run = run_command(kCli + " predict " + dir + "/model.pt -i " + dir +
                    "/hot.csv --times 0.5 -r 5 -o " + dir + "/hot.h5");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("WARNING: temperature = 5 lies outside the training range [2, 2.5]"),
            std::string::npos)
      << run.output;
  // A mean beyond the training states (|magnetization| <= 1) is predicted, with a warning.
  macrodyn::testing::write_file(dir + "/far.csv", "magnetization,temperature\n5,2.2\n");
  run = run_command(kCli + " predict " + dir + "/model.pt -i " + dir +
                    "/far.csv --times 0.01 -r 5 -o " + dir + "/far.h5");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("WARNING: the mean of magnetization reaches"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("the model extrapolates"), std::string::npos) << run.output;
  macrodyn::testing::write_file(dir + "/bad.csv", "m,temperature\n-0.5,2.2\n");
  run = run_command(kCli + " predict " + dir + "/model.pt -i " + dir + "/bad.csv --times 1 -o " +
                    dir + "/p.h5");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("has no column 'magnetization'"), std::string::npos) << run.output;
  run = run_command(kCli + " predict " + dir + "/model.pt -i " + dir +
                    "/start.csv --times 1 --condition pressure=3 -o " + dir + "/p.h5");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("takes no condition 'pressure'"), std::string::npos) << run.output;
}

TEST(CliPredict, NoiseScalesWithTheInverseSquareRootOfTheSystemSize) {
  // One Euler-Maruyama step from a fixed start: z1 = z0 + f h + g sqrt(h) xi scale, so the spread
  // of the runs is exactly proportional to the noise scale sqrt(training box / sites). The model
  // learned boxes of K x n_s = 4 x 256 sites; 4096 sites must halve the spread (same seed, same
  // noise draws) and leave the drift alone.
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-predict-sites-");
  ASSERT_TRUE(train_quick_model(dir));
  macrodyn::testing::write_file(dir + "/start.csv", "magnetization,temperature\n0.3,2.2\n");
  auto predict = [&](const std::string &sites, const std::string &out) {
    return run_command(kCli + " predict " + dir + "/model.pt -i " + dir +
                       "/start.csv --times 0.1 --step 0.1 -r 40 --sites " + sites + " -o " + dir +
                       "/" + out + ".h5");
  };
  auto run = predict("1024", "same");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("noise scaled"), std::string::npos) << run.output;
  run = predict("4096", "large");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("4096 sites (the model learned boxes of 1024): noise scaled by 0.5"),
            std::string::npos)
      << run.output;
  auto mean_std = [&](const std::string &out) {
    std::istringstream csv(macrodyn::testing::read_file(dir + "/" + out + ".h5.csv"));
    std::string line, cell;
    std::getline(csv, line); // header: group,snapshot,temperature,time,m_mean,m_std
    std::getline(csv, line); // time 0
    std::getline(csv, line); // time 0.1
    std::vector<double> v;
    for (std::istringstream fields(line); std::getline(fields, cell, ',');)
      v.push_back(std::stod(cell));
    return std::make_pair(v.at(4), v.at(5));
  };
  const auto same = mean_std("same"), large = mean_std("large");
  EXPECT_GT(same.second, 0.0);
  EXPECT_NEAR(large.second, 0.5 * same.second, 1e-9 * same.second);
  // The mean moves by half the sample mean of the (shared) noise term only.
  EXPECT_NEAR(large.first, same.first, 0.5 * same.second) << "drift must be unchanged";
}

} // namespace

TEST(CliBadInput, NumbersAreFiniteAndInRangeAndNamesAreKnown) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-badcli-");
  const auto data = dataset_with_truth(dir);
  struct Case {
    std::string args, message;
  };
  for (const Case &c : std::vector<Case>{
           {"bogus", "unknown subcommand 'bogus'"},
           {"train --bogus 3", "train has no option --bogus"},
           {"train " + data + " --lr nan -o " + dir + "/a.pt",
            "--lr: expected a finite number, got 'nan'"},
           {"train " + data + " --lr 1e400 -o " + dir + "/a.pt", "--lr: expected a finite number"},
           {"train " + data + " --epochs 0 -o " + dir + "/a.pt",
            "--epochs: Value 0 not in range 1"},
           {"train " + data + " --validation nan -o " + dir + "/a.pt",
            "--validation: expected a finite"},
       }) {
    const auto run = run_command(kCli + " " + c.args);
    EXPECT_GT(run.exit_code, 0) << c.args << "\n" << run.output;
    EXPECT_EQ(run.signal, 0) << c.args;
    EXPECT_NE(run.output.find(c.message), std::string::npos) << c.args << "\n" << run.output;
  }
  // Nothing was written by the refused trainings.
  std::ifstream log(dir + "/a.pt.log.csv");
  EXPECT_FALSE(log.good());
  // An ensemble that cannot fit in memory is refused before it is allocated, with its size.
  ASSERT_EQ(
      run_command(kCli + " train " + data + " -q --epochs 2 --hidden 8 -o " + dir + "/model.pt")
          .exit_code,
      0);
  const auto run = run_command(kCli + " predict " + dir + "/model.pt -i " + data +
                               " -r 1000000000000 -o " + dir + "/huge.h5");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(run.signal, 0);
  EXPECT_NE(run.output.find("the prediction would hold 4 initial state(s) x 1000000000000 runs"),
            std::string::npos)
      << run.output;
}
