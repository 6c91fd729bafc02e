#pragma once
// The snapshot-pool layout (core/io/snapshot_pool.h) of a lattice with the species of a lattice
// style, and the check that a pool read from disk fits them.
#include "species_map.h"

#include "core/io/snapshot_pool.h"
#include "core/lattice/lattice.h"

namespace macrodyn::lmp {

macrodyn::PoolLayout pool_layout(const macrodyn::Lattice &lattice, const SpeciesMap &species);

/// Throws macrodyn::Error naming the pool unless its lattice style, constant and species are
/// those given; with check_cells also its box (cells).
void require_pool_fits(const macrodyn::SnapshotPool &pool, const macrodyn::Lattice &lattice,
                       const SpeciesMap &species, bool check_cells);

} // namespace macrodyn::lmp
