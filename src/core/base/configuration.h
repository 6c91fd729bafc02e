#pragma once
/// A lattice configuration: one species code per site, in the lattice's site order.
/// Species are 0..n_species-1; kVacancy marks a vacancy, which no energy model sees.
/// For spin models species 0 is spin +1 and species 1 is spin -1.
#include <cstdint>
#include <vector>

namespace macrodyn {

using Species = std::int8_t;
inline constexpr Species kVacancy = -1;
using Configuration = std::vector<Species>;

inline int spin_of(Species s) {
  return s == 0 ? 1 : -1;
}

/// Boltzmann constant in eV/K (CODATA 2018), the unit system of lattice KMC in MACRODYN.
inline constexpr double kBoltzmannEvPerK = 8.617333262e-5;

} // namespace macrodyn
