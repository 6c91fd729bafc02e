// compute ID all spin/lattice lattice <sq|sc|bcc|fcc> <a> [up <type>] [down <type>] [tolerance <d>]
//                              [patches <px> <py> <pz>]
// Global vector: [1] magnetization (mean spin), [2] domain-wall density (fraction of unlike
// first-shell bonds). Atoms of type `up` carry spin +1, of type `down` spin -1. With patches: a
// global array, one row per patch, the same two columns (their mean over rows is the vector).
#include "compute_spin_lattice.h"

#include "site_map.h"
#include "site_map_keywords.h"
#include "species_map.h"
#include "style_guard.h"

#include "core/observables/observable_set.h"
#include "core/observables/spin_observables.h"

#include "atom.h"
#include "error.h"
#include "group.h"
#include "update.h"
#include "utils.h"

#include <string>

using namespace LAMMPS_NS;
using namespace macrodyn::lmp;

static constexpr const char *kStyle = "compute spin/lattice";

struct ComputeSpinLattice::Impl {
  macrodyn::lmp::LatticeKeywords keywords;
  int up_type = 1;
  int down_type = 2;
  double values[2] = {0.0, 0.0};
  std::vector<double> patch_storage;
  std::vector<double *> patch_rows;
};

ComputeSpinLattice::ComputeSpinLattice(LAMMPS *lmp, int narg, char **arg)
    : Compute(lmp, narg, arg), impl(new Impl) {
  if (igroup != group->find("all"))
    error->all(FLERR, "{}: group must be all (every lattice site is needed), not {}", kStyle,
               arg[1]);
  KeywordReader r(lmp, kStyle, narg, arg, 3, with_lattice_keywords(lmp, {{"up"}, {"down"}}));
  while (r.next()) {
    if (read_lattice_keyword(r, impl->keywords)) continue;
    // up or down
    (r.key() == "up" ? impl->up_type : impl->down_type) =
        static_cast<int>(r.integer(1, 1, atom->ntypes));
  }
  if (!impl->keywords.type_names.empty())
    error->all(FLERR, "{}: keyword types is not used here; spins come from the up and down types",
               kStyle);
  if (!impl->keywords.have_lattice)
    error->all(FLERR, "{}: the lattice keyword is required", kStyle);
  if (impl->up_type == impl->down_type)
    error->all(FLERR, "{}: up and down must be different types, both are {}", kStyle,
               impl->up_type);

  vector_flag = 1;
  size_vector = 2;
  extvector = 0;
  vector = impl->values;
  if (impl->keywords.has_patches()) {
    const auto &p = impl->keywords.patches;
    array_flag = 1;
    size_array_rows = p[0] * p[1] * p[2];
    size_array_cols = 2;
    extarray = 0;
    impl->patch_storage.assign(2 * size_array_rows, 0.0);
    for (int r = 0; r < size_array_rows; ++r)
      impl->patch_rows.push_back(&impl->patch_storage[2 * r]);
    array = impl->patch_rows.data();
  }
}

ComputeSpinLattice::~ComputeSpinLattice() = default;

void ComputeSpinLattice::init() {}

void ComputeSpinLattice::compute_vector() {
  evaluate();
}

void ComputeSpinLattice::compute_array() {
  evaluate();
}

void ComputeSpinLattice::evaluate() {
  // One evaluation fills the vector and the per-patch array: both are current afterwards.
  invoked_vector = invoked_array = update->ntimestep;
  // Atoms may have moved or swapped types since the last call: map them afresh.
  macrodyn::lmp::guarded(error, kStyle, [&] {
    const macrodyn::lmp::SiteMap map(lmp, impl->keywords.spec);
    std::vector<std::int8_t> spins(map.site_types().size());
    for (std::size_t s = 0; s < spins.size(); ++s) {
      const int type = map.site_types()[s];
      if (type == impl->up_type)
        spins[s] = 1;
      else if (type == impl->down_type)
        spins[s] = -1;
      else
        throw macrodyn::Error("lattice site " + std::to_string(s) + " holds an atom of type " +
                              std::to_string(type) + ", which is neither up (" +
                              std::to_string(impl->up_type) + ") nor down (" +
                              std::to_string(impl->down_type) + ")");
    }
    const auto obs = macrodyn::evaluate_spins(map.lattice(), spins);
    impl->values[0] = obs.magnetization;
    impl->values[1] = obs.domain_wall_density;
    if (array_flag) {
      const macrodyn::PatchTiling tiling(map.lattice(), impl->keywords.patches);
      const auto patches = macrodyn::evaluate_spins_by_patch(map.lattice(), spins, tiling);
      for (std::size_t r = 0; r < patches.size(); ++r) {
        impl->patch_rows[r][0] = patches[r].magnetization;
        impl->patch_rows[r][1] = patches[r].domain_wall_density;
      }
    }
  });
}

std::unique_ptr<macrodyn::ObservableSet>
ComputeSpinLattice::make_observables(const macrodyn::Lattice &lattice,
                                     const macrodyn::PatchTiling &tiling,
                                     const macrodyn::lmp::SpeciesMap &species) const {
  macrodyn::lmp::require_same_lattice(lmp, kStyle, impl->keywords, lattice);
  // Core spin observables read species 0 as +1 and 1 as -1: the KMC fix must agree.
  if (species.n_species() != 2 || species.species_of_type(impl->up_type) != 0 ||
      species.species_of_type(impl->down_type) != 1)
    error->all(FLERR, "{}: up type {} and down type {} must be the KMC fix's species 1 and 2",
               kStyle, impl->up_type, impl->down_type);
  return macrodyn::make_spin_observables(lattice, tiling);
}
