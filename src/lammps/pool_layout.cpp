#include "pool_layout.h"

#include "core/base/error.h"

namespace macrodyn::lmp {

macrodyn::PoolLayout pool_layout(const macrodyn::Lattice &lattice, const SpeciesMap &species) {
  macrodyn::PoolLayout l;
  l.lattice = macrodyn::lattice_kind_name(lattice.kind());
  l.cells = lattice.cells();
  l.lattice_constant = lattice.constant();
  l.species = species.species();
  l.n_sites = lattice.n_sites();
  return l;
}

void require_pool_fits(const macrodyn::SnapshotPool &pool, const macrodyn::Lattice &lattice,
                       const SpeciesMap &species, bool check_cells) {
  auto expected = pool_layout(lattice, species);
  if (!check_cells) {
    expected.cells = pool.layout.cells;
    expected.n_sites = pool.layout.n_sites;
  }
  const auto difference = macrodyn::layout_difference(pool.layout, expected);
  if (!difference.empty())
    throw macrodyn::Error("snapshot pool '" + pool.path + "' does not fit this system: " +
                          difference + " (pool vs system)");
}

} // namespace macrodyn::lmp
