#include "subcommands.h"

#include "core/base/error.h"
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
  const auto e = evaluate_ensembles(read_trajectories(predicted), read_dataset(truth));
  std::ofstream out(output);
  if (!out.good()) throw Error("cannot write '" + output + "'");
  out << "group,snapshot";
  for (const auto &c : e.conditions)
    out << "," << c;
  out << ",time,observable,mean_predicted,mean_true,std_predicted,std_true,mean_error,std_error,"
         "w1,w1_floor\n"
      << std::setprecision(8);
  for (const auto &r : e.rows) {
    out << r.group << "," << r.snapshot;
    for (double c : r.condition)
      out << "," << c;
    out << "," << r.time << "," << e.observables[r.observable] << "," << r.mean_predicted << ","
        << r.mean_true << "," << r.std_predicted << "," << r.std_true << "," << r.mean_error << ","
        << r.std_error << "," << r.w1 << "," << r.w1_floor << "\n";
  }
  // Summary per observable: errors averaged over groups and times > 0; W1 at the last time.
  std::cout << "macrodyn evaluate: " << predicted << " against " << truth
            << " (errors in units of each observable's ground-truth spread)\n";
  std::cout << std::left << std::setw(24) << "observable" << std::right << std::setw(12)
            << "mean_error" << std::setw(12) << "std_error" << std::setw(12) << "W1_last"
            << std::setw(12) << "W1_floor"
            << "\n";
  double last = 0;
  for (const auto &r : e.rows)
    last = std::max(last, r.time);
  for (std::size_t k = 0; k < e.observables.size(); ++k) {
    double mean_error = 0, std_error = 0, w1 = 0, floor = 0;
    int n = 0, n_std = 0, n_last = 0;
    for (const auto &r : e.rows) {
      if (r.observable != k || r.time <= 0) continue;
      mean_error += r.mean_error, ++n;
      if (std::isfinite(r.std_error)) std_error += r.std_error, ++n_std;
      if (r.time == last) w1 += r.w1, floor += r.w1_floor, ++n_last;
    }
    std::cout << std::left << std::setw(24) << e.observables[k] << std::right << std::fixed
              << std::setprecision(4) << std::setw(12) << mean_error / std::max(n, 1)
              << std::setw(12) << std_error / std::max(n_std, 1) << std::setw(12)
              << w1 / std::max(n_last, 1) << std::setw(12) << floor / std::max(n_last, 1) << "\n"
              << std::defaultfloat;
  }
  std::cout << "macrodyn evaluate: wrote " << output << "\n";
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
  cmd->add_option("-o,--output", *output, "metrics to write (CSV)")->capture_default_str();
  cmd->callback([predicted, truth, output] { evaluate(*predicted, *truth, *output); });
}

} // namespace macrodyn::cli
