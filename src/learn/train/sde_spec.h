#pragma once
/// The shape of a learned SDE dz = f(z, c) dt + g(z, c) dW: which drift and diffusion
/// parameterization, network sizes, and the normalization that maps physical observables,
/// conditions and time to the network's units (doc/formats/model_pt.md).
#include <string>
#include <vector>

namespace macrodyn::learn {

enum class DriftKind { MLP, Onsager };
/// None: a deterministic latent ODE dz/dt = f(z, c) (the partial-force method), g = 0.
enum class DiffusionKind { DiagonalConstant, FullConstant, Diagonal, Full, None };

/// How the model's clock (the time unit of its networks) depends on the conditions:
///   Global:    one time scale for every condition (the mean dt of the training records);
///   LogLinear: log tau(c) linear in the normalized conditions;
///   Arrhenius: log tau(c) linear in c_ref / c - 1 (c a temperature: rates exp(-E / k T)).
/// Jump rates that differ 50x across temperatures make one global clock learn a drift whose
/// size spans 50x, and integrate the fast conditions in steps far longer than their data's dt.
enum class ClockKind { Global, LogLinear, Arrhenius };

DriftKind drift_kind(const std::string &name); ///< "mlp" | "onsager"
ClockKind clock_kind(const std::string &name); ///< "global" | "log-linear" | "arrhenius"
std::string name_of(ClockKind kind);
DiffusionKind
diffusion_kind(const std::string &name); ///< "diag-const" | "full-const" | "diag" | "full" | "none"
std::string name_of(DriftKind kind);
std::string name_of(DiffusionKind kind);

/// Affine map to network units: x_n = (x - shift) / scale, per column.
struct Scaling {
  std::vector<double> shift, scale;
  /// Mean and standard deviation of the columns of a rows x cols row-major table; a column
  /// that does not vary gets scale 1.
  static Scaling fit(const std::vector<double> &table, std::size_t cols);
};

struct SdeSpec {
  int dimension = 1;                   ///< D observables (prescribed + closure)
  int conditions = 0;                  ///< C condition inputs (0: unconditioned)
  int condition_embedding = 8;         ///< width of the condition embedding layer
  std::vector<int> hidden{64, 64, 64}; ///< hidden layer widths of every network
  DriftKind drift = DriftKind::MLP;
  DiffusionKind diffusion = DiffusionKind::Diagonal;
  double onsager_beta = 0.01;           ///< V(z) = |h(z)|^2 / 2 + beta |z|^2 (network units)
  double onsager_mobility_floor = 1e-3; ///< M = L L^T + floor * I
  double diffusion_floor = 1e-4; ///< state-dependent diagonal entries >= floor (network units)
  Scaling z, c;                  ///< observable and condition scalings
  /// t_n = t / tau(c), tau(c) = time_scale exp(sum_j clock_slopes[j] x_j(c)), x as ClockKind says
  /// (Global: no slopes, tau = time_scale).
  double time_scale = 1.0;
  ClockKind clock = ClockKind::Global;
  std::vector<double> clock_slopes; ///< C slopes (empty when Global)
  double diffusion_init = 1.0;      ///< initial diagonal of g (network units)
};

/// x_j(c) of a clock of this kind for condition column j at the value c (physical units):
/// c_ref / c - 1 (Arrhenius) or the normalized condition (LogLinear), with c_ref = spec.c.shift[j].
double clock_feature(const SdeSpec &spec, ClockKind kind, std::size_t j, double c);

/// tau(c) of the spec for one condition row (C values, physical units).
double clock_at(const SdeSpec &spec, const double *condition);

} // namespace macrodyn::learn
