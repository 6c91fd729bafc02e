#include "subcommands.h"

#include "learn/train/predict_pipeline.h"

#include "core/base/error.h"

#include <iostream>

namespace macrodyn::cli {

void add_predict(CLI::App &app) {
  auto *cmd = app.add_subcommand("predict", "Euler-Maruyama ensembles of a learned model");
  auto s = std::make_shared<learn::PredictSettings>();
  auto conditions = std::make_shared<std::vector<std::string>>();
  cmd->add_option("model", s->model, "model.pt written by macrodyn train")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-i,--initial", s->initial,
                  "initial states: dataset.h5 (its full-record groups), a CSV with a header, or "
                  "a LAMMPS dump (first frame; columns id type x y z)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-t,--times", s->times, "output times (default: the dataset's full-record grid)")
      ->check(finite_number(true));
  cmd->add_option("-r,--runs", s->runs, "runs per initial state")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--step", s->step, "integration step (default: the training dt)")
      ->check(finite_number(true));
  cmd->add_option("--condition", *conditions, "name=value, e.g. temperature=1400 (repeatable)");
  cmd->add_option("--seed", s->seed, "random seed")->capture_default_str();
  cmd->add_option("--types", s->types,
                  "species of dump atom types 1, 2, ... (vac: vacancy; default: the model's "
                  "species, then vac)");
  cmd->add_option("--sites", s->sites,
                  "sites of the predicted system (default: the start's; a CSV start: the model's "
                  "training box); the noise is scaled by sqrt(training box / sites)");
  cmd->add_option("-o,--output", s->output, "trajectories (HDF5)")->capture_default_str();
  cmd->add_option("--csv", s->csv, "mean/std per time (default <output>.csv)");
  cmd->callback([s, conditions] {
    for (const auto &c : *conditions) {
      const auto eq = c.find('=');
      if (eq == std::string::npos) throw Exit{2, "--condition expects name=value, got " + c};
      try {
        s->conditions[c.substr(0, eq)] = std::stod(c.substr(eq + 1));
      } catch (const std::exception &) {
        throw Exit{2, "--condition " + c + ": the value is not a number"};
      }
    }
    learn::run_prediction(*s, std::cout);
  });
}

} // namespace macrodyn::cli
