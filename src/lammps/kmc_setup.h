#pragma once
// The set-up of a fix kmc/lattice as one value, for the styles that run the same dynamics on
// their own copies of the lattice (fix partial/evolve, upsample/lattice): where the sites are,
// which atom types are which species, the core's KMC options (energy model, moves, barriers,
// rates, kT) and the temperature as the input script gave it.
#include "site_map.h"
#include "species_map.h"

#include "core/kmc/lattice_kmc.h"

#include <string>

namespace macrodyn::lmp {

struct KmcSetup {
  const SiteMapSpec &sites;
  const SpeciesMap &species;
  const macrodyn::KmcOptions &options;
  double temperature; ///< K in units metal, reduced in units lj
  /// A human-readable description of the energy model (datasets' and pools' energy_model
  /// attribute) and the file it reads ("" when none).
  std::string energy_model, energy_model_file;
};

} // namespace macrodyn::lmp
