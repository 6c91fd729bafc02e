#include "subcommands.h"

#include "learn/train/latent_ode_pipeline.h"

#include <iostream>

namespace macrodyn::cli {

void add_train_ode(CLI::App &app) {
  auto *cmd = app.add_subcommand(
      "train-ode", "Learn a latent ODE from partial forces (forces.h5 written by fix "
                   "partial/force): closure encoder, loss L_{x,p} (or L_x, L_z), test roll-outs");
  auto s = std::make_shared<learn::LatentOdeSettings>();
  cmd->add_option("forces", s->forces, "forces.h5")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", s->output, "model archive to write (default model.pt)");
  cmd->add_option("--loss", s->loss,
                  "partial (L_x,p: forces on the selected atoms; the method), full (L_x) or "
                  "latent (L_z; both need every force)")
      ->check(CLI::IsMember({"partial", "full", "latent"}));
  cmd->add_option("--budget", s->budget,
                  "atom-force evaluations to train on (default: every training record)")
      ->check(finite_number(false));
  cmd->add_option("--test-trajectories", s->test_trajectories,
                  "trajectories held out, the highest numbers (default 10)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--encoder", s->encoder, "reuse the encoder of this model.pt")
      ->check(CLI::ExistingFile);
  cmd->add_option("--encoder-kind", s->encoder_kind,
                  "mlp (the study's, over ID-ordered coordinates) or local (invariant to atom "
                  "order: per-atom descriptors, averaged)")
      ->check(CLI::IsMember({"mlp", "local"}));
  cmd->add_option("--radial", s->radial, "local encoder: radial functions (default 8)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--cutoff", s->cutoff, "local encoder: descriptor cutoff (default 2.5)")
      ->check(finite_number(true));
  cmd->add_option("--closure", s->closure, "learned closure variables (default 31)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--encoder-hidden", s->encoder_hidden, "encoder widths (default 64 64)");
  cmd->add_option("--encoder-epochs", s->encoder_epochs, "encoder epochs (default 200)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--encoder-configurations", s->encoder_configurations,
                  "configurations the encoder trains on (default 5000)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--lambda-cond", s->lambda_cond, "condition penalty weight (default 1e-5)")
      ->check(finite_number(false));
  cmd->add_option("--encoder-lr", s->encoder_learning_rate, "encoder learning rate (1e-4)")
      ->check(finite_number(true));
  cmd->add_option("--drift", s->drift, "onsager (default) or mlp")
      ->check(CLI::IsMember({"onsager", "mlp"}));
  cmd->add_option("--hidden", s->hidden, "latent ODE widths (default 64 64)");
  cmd->add_option("--epochs", s->epochs, "latent ODE epochs (default 200)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--batch", s->batch, "batch size (default 512)")->check(CLI::PositiveNumber);
  cmd->add_option("--lr", s->learning_rate, "learning rate (default 1e-3)")
      ->check(finite_number(true));
  cmd->add_option("--seed", s->seed, "random seed (default 1)");
  cmd->add_option("--threads", s->threads, "CPU threads (default 1)")->check(CLI::PositiveNumber);
  cmd->add_flag("-q,--quiet", s->quiet, "no progress lines");
  cmd->callback([s] { learn::run_latent_ode(*s, std::cout); });
}

} // namespace macrodyn::cli
