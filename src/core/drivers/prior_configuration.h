#pragma once
/// The simple prior that upsampling can mix into its pools (doc/method.md, "Hierarchical
/// upsampling"): uncorrelated configurations at a random composition, so that the pools also cover
/// macrostates the small-system trajectories rarely visit.
#include "core/base/configuration.h"
#include "core/base/random_stream.h"

namespace macrodyn {

/// A random configuration with the vacancies of `like` (same sites) and n_species species on the
/// other N sites. The species counts are uniform over all compositions (n_0 + ... = N; the
/// discrete counterpart of fractions uniform on the simplex; for spins, n_up uniform in 0..N, so
/// the magnetization is uniform on its grid in [-1, 1]), placed at uniformly random sites.
Configuration draw_prior_configuration(const Configuration &like, int n_species, RandomStream &rng);

} // namespace macrodyn
