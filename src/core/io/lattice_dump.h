#pragma once
/// LAMMPS text dumps of lattice configurations, written and read back.
///
/// Reading: the first frame of a LAMMPS text dump (columns id, type, x, y, z in any order; 2D: z may be
/// absent or constant) as a configuration on a periodic lattice of a given style: the lattice
/// constant comes from the volume per site (cubic cells fill the box), the cells from the box
/// lengths, and every atom must sit within 0.25 a of a distinct site.
#include "core/base/configuration.h"
#include "core/lattice/lattice.h"

#include <array>
#include <cstdint>
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

/// Where the lattice sits in the LAMMPS box: a site's position is lo + Lattice::position(site);
/// a 2D lattice keeps the box's z range [z_lo, z_hi] and puts its atoms at z_2d.
struct DumpPlacement {
  std::array<double, 3> lo{0, 0, 0};
  double z_lo = -0.5, z_hi = 0.5, z_2d = 0.0;
};

/// Appends the configuration as one frame (time step `step`) with columns id type x y z, readable
/// by read_dump, rerun and read_lattice_dump. Atom ids are site + 1; type_of_species[s] is the
/// atom type of species s, vacancy_type that of kVacancy. Throws Error naming the file.
void append_lattice_dump(const std::string &path, std::uint64_t step, const Lattice &lattice,
                         const Configuration &config, const std::vector<int> &type_of_species,
                         int vacancy_type, const DumpPlacement &placement);

} // namespace macrodyn
