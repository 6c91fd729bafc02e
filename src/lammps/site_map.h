#pragma once
// Maps the atoms of a LAMMPS box onto the sites of a core lattice (one atom per site) and keeps a
// replicated copy of the atom type on every site on every rank (a lattice is ~1 byte per site).
#include "core/lattice/lattice.h"

#include <vector>

namespace LAMMPS_NS {
class LAMMPS;
}

namespace macrodyn::lmp {

struct SiteMapSpec {
  macrodyn::LatticeKind kind = macrodyn::LatticeKind::SimpleCubic;
  double a = 0.0;         ///< lattice constant, LAMMPS length units
  double tolerance = 0.0; ///< max distance of an atom from its site; <= 0 means 0.1 * a
  int n_shells = 1;
};

class SiteMap {
public:
  /// Collective. Throws macrodyn::Error with the same message on every rank when the box does not
  /// hold whole unit cells, an atom is off-site, or a site holds no atom or more than one.
  SiteMap(LAMMPS_NS::LAMMPS *lmp, const SiteMapSpec &spec);

  const macrodyn::Lattice &lattice() const { return lattice_; }
  /// LAMMPS atom type on every site (replicated, identical on all ranks).
  const std::vector<int> &site_types() const { return site_types_; }
  /// Site of each local atom, index 0..nlocal-1 at the time of construction.
  const std::vector<std::size_t> &local_sites() const { return local_sites_; }

private:
  macrodyn::Lattice lattice_;
  std::vector<int> site_types_;
  std::vector<std::size_t> local_sites_;
};

} // namespace macrodyn::lmp
