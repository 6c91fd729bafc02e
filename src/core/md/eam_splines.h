#pragma once
/// The cubic-spline tables of an EAM potential in the layout LAMMPS's pair eam, eam/alloy and
/// eam/fs build (PairEAM::file2array / array2spline: 7 coefficients per knot, value in [3..6],
/// derivative in [0..2]), evaluated with exactly LAMMPS's arithmetic (PairEAM::compute, LAMMPS
/// 29 Sep 2021), so forces built from them agree with a full force computation to rounding.
/// A view: the tables belong to the pair style.
#include <algorithm>

namespace macrodyn {

struct EamSplines {
  int nr = 0, nrho = 0;
  double rdr = 0, rdrho = 0, cutforcesq = 0;
  double ***rhor_spline = nullptr, ***frho_spline = nullptr, ***z2r_spline = nullptr;
  const int *type2frho = nullptr;
  int **type2rhor = nullptr, **type2z2r = nullptr;
  double **scale = nullptr;

  /// Electron density at an atom of type `at` due to a neighbour of type `from` at distance r.
  double density(int at, int from, double r) const {
    double p = r * rdr + 1.0;
    int m = std::min(static_cast<int>(p), nr - 1);
    p = std::min(p - m, 1.0);
    const double *c = rhor_spline[type2rhor[from][at]][m];
    return ((c[3] * p + c[4]) * p + c[5]) * p + c[6];
  }

  /// F'(rho) of the embedding function of `type` (the table's last interval beyond rhomax).
  double embedding_slope(int type, double rho) const {
    double p = rho * rdrho + 1.0;
    int m = std::max(1, std::min(static_cast<int>(p), nrho - 1));
    p = std::min(p - m, 1.0);
    const double *c = frho_spline[type2frho[type]][m];
    return (c[0] * p + c[1]) * p + c[2];
  }

  /// fpair of atom i (type ti, embedding slope fpi) and neighbour j at distance r: the force on i
  /// is delta_ij * fpair with delta_ij = x_i - x_j.
  double pair_force(int ti, int tj, double r, double fpi, double fpj) const {
    double p = r * rdr + 1.0;
    int m = std::min(static_cast<int>(p), nr - 1);
    p = std::min(p - m, 1.0);
    const double *c = rhor_spline[type2rhor[ti][tj]][m];
    const double rhoip = (c[0] * p + c[1]) * p + c[2]; // density at j due to i, d/dr
    c = rhor_spline[type2rhor[tj][ti]][m];
    const double rhojp = (c[0] * p + c[1]) * p + c[2]; // density at i due to j, d/dr
    c = z2r_spline[type2z2r[ti][tj]][m];
    const double z2p = (c[0] * p + c[1]) * p + c[2];
    const double z2 = ((c[3] * p + c[4]) * p + c[5]) * p + c[6];
    const double recip = 1.0 / r;
    const double phi = z2 * recip;
    const double phip = z2p * recip - phi * recip;
    const double psip = fpi * rhojp + fpj * rhoip + phip;
    return -scale[ti][tj] * psip * recip;
  }
};

} // namespace macrodyn
