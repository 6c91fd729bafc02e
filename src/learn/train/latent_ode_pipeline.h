#pragma once
/// `macrodyn train-ode` end to end (doc/method.md, "Partial force computations"): forces.h5 ->
/// closure encoder (trained, or reused from a model.pt) -> per-configuration quadratic forms of
/// the chosen loss -> latent ODE -> model.pt, then the roll-out of the test trajectories and the
/// study's relative error of T(t).
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace macrodyn::learn {

struct LatentOdeSettings {
  std::string forces;            ///< forces.h5 (fix partial/force)
  std::string output = "model.pt";
  std::string loss = "partial";  ///< partial (L_{x,p}), full (L_x, every force), latent (L_z)
  double budget = 0;             ///< atom-force evaluations to use (0: every training record)
  int test_trajectories = 10;    ///< the highest trajectory numbers are held out
  // Encoder.
  std::string encoder;           ///< model.pt whose encoder to reuse (empty: train one)
  std::string encoder_kind = "mlp"; ///< mlp (the study's, over ID-ordered coordinates) or local
  int radial = 8;                ///< local: radial functions
  double cutoff = 2.5;           ///< local: descriptor cutoff (at most half the box side)
  int closure = 31;
  std::vector<int> encoder_hidden{64, 64};
  int encoder_epochs = 200;
  int encoder_configurations = 5000; ///< spread over the training records
  double lambda_cond = 1e-5;
  double encoder_learning_rate = 1e-4;
  // Latent ODE.
  std::string drift = "onsager"; ///< onsager or mlp
  std::vector<int> hidden{64, 64};
  int epochs = 200;
  int batch = 512;
  double learning_rate = 1e-3;
  std::uint64_t seed = 1;
  int threads = 1;
  bool quiet = false;
};

struct LatentOdeSummary {
  std::size_t configurations = 0;    ///< training configurations the loss saw
  double force_evaluations = 0;      ///< atom forces they cost
  double relative_error = 0;         ///< mean over test trajectories of sum|T^-T| / sum|T|
  std::vector<double> trajectory_errors;
  double constant_error = 0;         ///< the same error of the naive T(t) = T(0)
  double seconds_encoder = 0, seconds_projection = 0, seconds_training = 0;
};

LatentOdeSummary run_latent_ode(const LatentOdeSettings &settings, std::ostream &progress);

} // namespace macrodyn::learn
