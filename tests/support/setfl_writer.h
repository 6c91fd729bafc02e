#pragma once
// A synthetic eam/alloy (setfl) file for tests: smooth analytic functions for three elements named
// Nb, Mo and Ta, tabulated on LAMMPS's grid. Not a physical potential; it only has to be the same
// file for MACRODYN's lattice EAM and LAMMPS's pair eam/alloy.
#include <string>

namespace macrodyn::testing {

/// Writes the file and returns its cutoff (Angstrom).
double write_test_setfl(const std::string &path);

} // namespace macrodyn::testing
