#pragma once
// The observable computes of the lattice styles (spin/lattice, sro/lattice) as other styles use
// them: found by ID, and their observables as one core ObservableSet (the code fix partial/evolve,
// compute closure/torch and macrodyn itself share).
#include "species_map.h"

#include "core/lattice/lattice.h"
#include "core/lattice/patch_tiling.h"
#include "core/observables/observable_set.h"

#include <memory>
#include <string>
#include <vector>

namespace LAMMPS_NS {
class Compute;
class LAMMPS;
} // namespace LAMMPS_NS

namespace macrodyn::lmp {

/// The computes with these IDs; a LAMMPS error naming `style` when one is not a spin/lattice or
/// sro/lattice compute.
std::vector<LAMMPS_NS::Compute *> find_lattice_computes(LAMMPS_NS::LAMMPS *lmp, const char *style,
                                                        const std::vector<std::string> &ids);

/// Their observables side by side, in the order given, on `lattice` cut by `tiling`.
std::unique_ptr<macrodyn::ObservableSet>
lattice_observables(const std::vector<LAMMPS_NS::Compute *> &computes,
                    const macrodyn::Lattice &lattice, const macrodyn::PatchTiling &tiling,
                    const SpeciesMap &species);

} // namespace macrodyn::lmp
