#pragma once
/// LAMMPS eam/alloy (DYNAMO setfl) potential files, evaluated exactly as LAMMPS's pair eam/alloy
/// does (same cubic interpolation of the tables, same linear extension of F beyond the density
/// table), so lattice energies agree with LAMMPS energies of the same configuration.
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
  double evaluate(double x, double *slope) const;
  double last_x() const { return (static_cast<double>(coeff_.size()) - 2) * delta_; }

private:
  double delta_ = 1.0;
  std::vector<std::array<double, 7>> coeff_; // 1-based like LAMMPS: coeff_[m], m = 1..n
};

struct SetflPotential {
  std::vector<std::string> elements;
  int nrho = 0, nr = 0;
  double drho = 0, dr = 0, cutoff = 0;
  std::vector<TabulatedFunction> embedding; ///< F_a(rho), per element
  std::vector<TabulatedFunction> density;   ///< f_a(r), per element (density a contributes)
  std::vector<TabulatedFunction> r_phi;     ///< r * phi_ab(r), index a * n + b, symmetric

  std::size_t index(const std::string &element) const; ///< throws when absent
  /// F_a(rho) with LAMMPS's linear extension beyond the last tabulated density.
  double embed(std::size_t a, double rho) const;
  double pair(std::size_t a, std::size_t b, double r) const;
};

/// Reads a setfl file; throws Error naming the file and what is wrong.
SetflPotential read_setfl(const std::string &path);

} // namespace macrodyn
