#pragma once
/// The observables of a configuration by the names the lattice computes give them
/// (magnetization, domain_wall_density of compute spin/lattice; alpha_A_B_sN, delta_AB,
/// count_A_B_sN of compute sro/lattice), through the same core code: what `macrodyn predict`
/// needs to start from a LAMMPS dump.
#include "core/base/configuration.h"
#include "core/lattice/lattice.h"

#include <string>
#include <vector>

namespace macrodyn {

/// Throws Error naming an unknown observable. species: names of the species codes.
std::vector<double> named_observables(const Lattice &lattice, const Configuration &config,
                                      const std::vector<std::string> &species,
                                      const std::vector<std::string> &names);

} // namespace macrodyn
