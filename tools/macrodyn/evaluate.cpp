#include "subcommands.h"

#include "core/base/error.h"
#include "core/base/sibling_csv.h"
#include "core/base/progress_clock.h"
#include "core/evaluation/ensemble_evaluation.h"
#include "core/io/dataset_reader.h"
#include "core/io/trajectory_file.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>

namespace macrodyn::cli {
namespace {

void evaluate(const std::string &predicted, const std::string &truth, const std::string &output) {
  ProgressClock clock; // a line every 10 s of a long evaluation
  const auto e = evaluate_ensembles(
      read_trajectories(predicted), read_dataset(truth), [&](std::size_t g, std::size_t groups) {
        if (!clock.due()) return;
        std::cout << "macrodyn evaluate: " << g << "/" << groups << " initial states after "
                  << std::lround(clock.elapsed_seconds()) << " s" << std::endl;
      });
  std::ofstream out(output);
  if (!out.good()) throw Error("cannot write '" + output + "'");
  out << "group,snapshot";
  for (const auto &c : e.conditions)
    out << "," << c;
  out << ",time,observable,mean_predicted,mean_true,std_predicted,std_true,n_predicted,n_true,"
         "bias,bias_sd,z,sd_ratio,w1,w1_floor\n"
      << std::setprecision(8);
  for (const auto &r : e.rows) {
    out << r.group << "," << r.snapshot;
    for (double c : r.condition)
      out << "," << c;
    out << "," << r.time << "," << e.observables[r.observable] << "," << r.mean_predicted << ","
        << r.mean_true << "," << r.std_predicted << "," << r.std_true << "," << r.n_predicted
        << "," << r.n_true << "," << r.bias << "," << r.bias_sd << "," << r.z << ","
        << r.sd_ratio << "," << r.w1 << "," << r.w1_floor << "\n";
  }
  const std::string starts = sibling_csv(output, "starts");
  const std::string summary = sibling_csv(output, "summary");
  std::ofstream per_start(starts);
  if (!per_start.good()) throw Error("cannot write '" + starts + "'");
  per_start << "group,observable,stationary_predicted,stationary_true,stationary_error,"
               "relative_squared_error\n"
            << std::setprecision(8);
  for (const auto &t : e.trajectories)
    per_start << t.group << "," << e.observables[t.observable] << "," << t.stationary_predicted
              << "," << t.stationary_true << "," << t.stationary_error << ","
              << t.relative_squared_error << "\n";
  std::ofstream table(summary);
  if (!table.good()) throw Error("cannot write '" + summary + "'");
  table << "observable,typical_bias_sd,worst_bias_sd,worst_bias_time,worst_z,median_sd_ratio,"
           "min_sd_ratio,max_sd_ratio,worst_stationary_error,relative_squared_error,w1_last,"
           "w1_floor_last\n"
        << std::setprecision(6);
  for (std::size_t k = 0; k < e.observables.size(); ++k) {
    const auto &s = e.summary[k];
    table << e.observables[k] << "," << s.typical_bias_sd << "," << s.worst_bias_sd << ","
          << s.worst_bias_time << "," << s.worst_z << "," << s.median_sd_ratio << ","
          << s.min_sd_ratio << "," << s.max_sd_ratio << "," << s.worst_stationary_error << ","
          << s.relative_squared_error << "," << s.w1_last << "," << s.w1_floor_last << "\n";
  }

  std::cout << "macrodyn evaluate: " << predicted << " against " << truth << "\n"
            << "  bias in units of the direct ensemble's sd at each time (typical: median over "
               "starts and times > 0,\n  worst: the largest); z: bias over both ensembles' "
               "standard errors; sd ratio: predicted / direct\n  (median); stationary: mean over "
               "the late half of the horizon, predicted - direct, worst start;\n  rel_sq: "
               "sum_t (mean error)^2 / sum_t mean^2, mean over starts; W1 at the last time in sd "
               "units\n";
  std::cout << std::left << std::setw(22) << "observable" << std::right << std::setw(10)
            << "bias_typ" << std::setw(10) << "bias_max" << std::setw(10) << "z_max"
            << std::setw(10) << "sd_ratio" << std::setw(12) << "stationary" << std::setw(11)
            << "rel_sq" << std::setw(9) << "W1_last" << std::setw(9) << "W1_floor"
            << "\n";
  for (std::size_t k = 0; k < e.observables.size(); ++k) {
    const auto &s = e.summary[k];
    std::cout << std::left << std::setw(22) << e.observables[k] << std::right << std::fixed
              << std::setprecision(3) << std::setw(10) << s.typical_bias_sd << std::setw(10)
              << s.worst_bias_sd << std::setw(10) << s.worst_z << std::setw(10)
              << s.median_sd_ratio << std::setprecision(5) << std::setw(12)
              << s.worst_stationary_error << std::defaultfloat << std::setprecision(3)
              << std::setw(11) << s.relative_squared_error << std::fixed << std::setw(9)
              << s.w1_last << std::setw(9) << s.w1_floor_last << "\n"
              << std::defaultfloat;
  }
  std::cout << "macrodyn evaluate: wrote " << output << ", " << starts << ", " << summary << "\n";
}

} // namespace

void add_evaluate(CLI::App &app) {
  auto *cmd = app.add_subcommand("evaluate", "Compare predicted ensembles with ground truth");
  auto predicted = std::make_shared<std::string>();
  auto truth = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>("metrics.csv");
  cmd->add_option("predicted", *predicted, "trajectories.h5 from macrodyn predict")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("truth", *truth, "dataset.h5 with full-evolution records")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", *output,
                  "metrics per start, time and observable (CSV); beside it <stem>_starts.csv and "
                  "<stem>_summary.csv")
      ->capture_default_str();
  cmd->callback([predicted, truth, output] { evaluate(*predicted, *truth, *output); });
}

} // namespace macrodyn::cli
