#pragma once
/// Transition rates from energy changes. kT and energies in the same unit (eV in LAMMPS metal
/// units), attempt frequency nu in 1/s (or the caller's time unit), rates in 1/s.
#include <cmath>
#include <string>

namespace macrodyn {

enum class FlipRule { Glauber, Metropolis };

/// Parses "glauber" or "metropolis"; throws Error otherwise.
FlipRule parse_flip_rule(const std::string &name);

/// Glauber: nu / (1 + exp(dE/kT)); Metropolis: nu * min(1, exp(-dE/kT)).
inline double flip_rate(FlipRule rule, double dE, double kT, double nu) {
  if (rule == FlipRule::Glauber) {
    const double x = dE / kT;
    // Written to stay finite for large |x|.
    return x > 0 ? nu * std::exp(-x) / (1.0 + std::exp(-x)) : nu / (1.0 + std::exp(x));
  }
  return dE <= 0 ? nu : nu * std::exp(-dE / kT);
}

/// Kinetically resolved activation (KRA): E_a = E0 + dE/2, rate nu exp(-E_a/kT). The forward and
/// backward rates of one jump differ by exp(-dE/kT): detailed balance by construction.
inline double kra_rate(double e0, double dE, double kT, double nu) {
  return nu * std::exp(-(e0 + 0.5 * dE) / kT);
}

} // namespace macrodyn
