#pragma once
/// The first frame of a LAMMPS text dump (columns id, type, x, y, z in any order; 2D: z may be
/// absent or constant) as a configuration on a periodic lattice of a given style: the lattice
/// constant comes from the volume per site (cubic cells fill the box), the cells from the box
/// lengths, and every atom must sit within 0.25 a of a distinct site.
#include "core/base/configuration.h"
#include "core/lattice/lattice.h"

#include <memory>
#include <string>
#include <vector>

namespace macrodyn {

struct LatticeSnapshot {
  std::unique_ptr<Lattice> lattice;
  Configuration configuration;
  long long step = 0;
};

/// species_of_type[t] is the species of atom type t (index 0 unused; kVacancy for a vacancy
/// type). Throws Error naming the file and what does not fit.
LatticeSnapshot read_lattice_dump(const std::string &path, LatticeKind kind,
                                  const std::vector<Species> &species_of_type);

} // namespace macrodyn
