#pragma once
/// Where the data put the stationary state (`macrodyn diagnose`, with the ground truth). Near the
/// direct ensemble's late mean mu the drift is small and nearly linear, and its zero - the
/// stationary state - moves by (drift error) / (relaxation rate): a slowly relaxing observable
/// needs a very precise drift there. Within a box of +-w direct sd around mu the training rates
/// dz/dt of the prescribed observables are fitted by a + B (z - mu) (least squares, one fit per
/// observable); the data's fixed point is mu - B^-1 a, with the standard error of a carried
/// through B^-1. The same fit of the model's drift over the same records gives the model's fixed
/// point. Data and direct apart (beyond their se): the data are biased there (estimator, states);
/// data and model apart: the fit; all three together, but a large se: too few data there.
#include <cstddef>
#include <vector>

namespace macrodyn {

struct StationaryInput {
  std::size_t n = 0, dimension = 0, prescribed = 0;
  std::vector<double> z0, dz, dt, drift; ///< training pairs (n x D, n x D, n) and model drift
  std::vector<double> mu, sd;            ///< direct late mean and sd (P each)
  double box = 3.0;                      ///< half-width of the box in direct sd
};

struct StationaryCheck {
  std::size_t n = 0;                                       ///< training pairs in the box
  std::vector<double> data_rate, data_rate_se, model_rate; ///< a at mu (P each)
  /// Rate of relaxation along each observable: -(eigenvalue of B) sorted, slowest first.
  std::vector<double> relaxation_rates;
  std::vector<double> data_point, data_point_se, model_point; ///< fixed points (P each)
};

/// Throws Error when the box holds fewer than 4 (P + 1) pairs.
StationaryCheck check_stationary(const StationaryInput &input);

} // namespace macrodyn
