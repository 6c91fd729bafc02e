#pragma once
/// LAMMPS eam/alloy (DYNAMO setfl) potential files, evaluated exactly as LAMMPS's pair eam/alloy
/// does (same cubic interpolation of the tables, same linear extension of F beyond the density
/// table), so lattice energies agree with LAMMPS energies of the same configuration.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace macrodyn {

/// A tabulated function on the grid x_m = (m - 1) * delta, m = 1..n, interpolated with LAMMPS's
/// pair_eam cubic scheme (PairEAM::interpolate / the coefficient evaluation in PairEAM::compute).
class TabulatedFunction {
public:
  TabulatedFunction() = default;
  TabulatedFunction(const std::vector<double> &values, double delta);
  double operator()(double x) const { return evaluate(x, nullptr); }
  /// Value and, through slope, the derivative d/dx at x.
  double evaluate(double x, double *slope) const {
    return interpolate(coeff_.data(), static_cast<int>(coeff_.size()) - 1, rdelta_, x, slope);
  }
  /// LAMMPS's interpolation from coefficient rows coeff[1..n] on a grid of reciprocal step rdelta.
  /// Inline: the lattice EAM model evaluates embedding energies in its innermost loop.
  static double interpolate(const std::array<double, 7> *coeff, int n, double rdelta, double x,
                            double *slope) {
    double p = x * rdelta + 1.0; // as LAMMPS: times the reciprocal step, not divided by the step
    const int m = std::max(1, std::min(static_cast<int>(p), n - 1));
    p = std::min(p - m, 1.0);
    const double *c = coeff[m].data();
    if (slope) *slope = (c[0] * p + c[1]) * p + c[2];
    return ((c[3] * p + c[4]) * p + c[5]) * p + c[6];
  }
  double last_x() const { return (static_cast<double>(coeff_.size()) - 2) * delta_; }
  double reciprocal_step() const { return rdelta_; }
  /// The interpolation coefficients, 1-based as in LAMMPS: coefficients()[m], m = 1..n.
  const std::vector<std::array<double, 7>> &coefficients() const { return coeff_; }

private:
  double delta_ = 1.0, rdelta_ = 1.0;
  std::vector<std::array<double, 7>> coeff_; // 1-based like LAMMPS: coeff_[m], m = 1..n
};

struct SetflPotential {
  std::vector<std::string> elements;
  int nrho = 0, nr = 0;
  double drho = 0, dr = 0, cutoff = 0;
  /// F_a(rho), per element; beyond the last tabulated density (nrho - 1) drho LAMMPS extends F
  /// linearly with its slope there (EamLatticeModel::embed does the same)
  std::vector<TabulatedFunction> embedding;
  std::vector<TabulatedFunction> density;   ///< f_a(r), per element (density a contributes)
  std::vector<TabulatedFunction> r_phi;     ///< r * phi_ab(r), index a * n + b, symmetric

  std::size_t index(const std::string &element) const; ///< throws when absent
  double pair(std::size_t a, std::size_t b, double r) const;
};

/// Reads a setfl file; throws Error naming the file and what is wrong.
SetflPotential read_setfl(const std::string &path);

} // namespace macrodyn
