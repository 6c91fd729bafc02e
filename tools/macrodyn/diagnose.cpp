#include "subcommands.h"

#include "learn/train/diagnose_pipeline.h"

#include <iostream>

namespace macrodyn::cli {

void add_diagnose(CLI::App &app) {
  auto *cmd = app.add_subcommand(
      "diagnose", "Split a model's mean error into estimator, coverage, fit and time step");
  auto s = std::make_shared<learn::DiagnoseSettings>();
  cmd->add_option("model", s->model, "model.pt written by macrodyn train")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("data", s->data,
                  "the partial dataset(s) the model was trained on (with --whole: the first one's "
                  "snapshots)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--whole", s->whole,
                  "whole-box records (fix partial/evolve mode full) from the same snapshots: "
                  "the estimator and finite-dt checks")
      ->check(CLI::ExistingFile);
  cmd->add_option("--truth", s->truth,
                  "ground truth (full records with stored snapshots): drift at the direct "
                  "starts and coverage")
      ->check(CLI::ExistingFile);
  cmd->add_option("--bins", s->bins, "equal-count bins per prescribed observable")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--stationary-box", s->stationary_box,
                  "half-width, in direct sd, of the box around the direct stationary mean whose "
                  "training rates locate the data's stationary state")
      ->capture_default_str()
      ->check(finite_number(true));
  cmd->add_flag("--independent", s->independent,
                "fit standard errors with every record independent (default: clustered by "
                "snapshot, whose records share its microstate)");
  cmd->add_option("-o,--output", s->output,
                  "the fit table (CSV); beside it <stem>_estimator, _finite_dt, _starts and "
                  "_coverage.csv")
      ->capture_default_str();
  cmd->callback([s] { learn::run_diagnosis(*s, std::cout); });
}

} // namespace macrodyn::cli
