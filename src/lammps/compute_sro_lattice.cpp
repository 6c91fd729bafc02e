// compute ID all sro/lattice lattice <style> <a> types <name per type> [shells s1 s2 ...]
//     [pair A B]... [deltas yes|no] [patches px py pz] [normalize global|patch] [tolerance d]
// Global vector: Warren-Cowley alpha per (shell, pair), the NbMoTa delta parameters, raw directed
// pair counts (order and names: doc/styles/compute_sro_lattice.md, and printed at init). With
// patches: a global array, one row per patch, same columns.
#include "compute_sro_lattice.h"

#include "site_map.h"
#include "site_map_keywords.h"
#include "species_map.h"
#include "style_guard.h"

#include "core/observables/observable_set.h"
#include "core/observables/sro_observables.h"

#include "atom.h"
#include "comm.h"
#include "error.h"
#include "group.h"
#include "update.h"
#include "utils.h"

#include <algorithm>
#include <climits>

using namespace LAMMPS_NS;
using namespace macrodyn::lmp;

static constexpr const char *kStyle = "compute sro/lattice";

struct ComputeSROLattice::Impl {
  macrodyn::lmp::LatticeKeywords keywords;
  std::unique_ptr<macrodyn::lmp::SpeciesMap> species;
  macrodyn::SroSpec spec;
  std::vector<std::pair<std::string, std::string>> pair_names;
  std::vector<std::string> names;
  std::vector<double> values;
  std::vector<double> patch_storage;
  std::vector<double *> patch_rows;
};

ComputeSROLattice::ComputeSROLattice(LAMMPS *lmp, int narg, char **arg)
    : Compute(lmp, narg, arg), impl(new Impl) {
  if (igroup != group->find("all"))
    error->all(FLERR, "{}: group must be all (every lattice site is needed), not {}", kStyle,
               arg[1]);
  parse(narg, arg);

  impl->names = macrodyn::sro_names(impl->spec, impl->species->species());
  impl->values.assign(impl->names.size(), 0.0);
  vector_flag = 1;
  size_vector = static_cast<int>(impl->names.size());
  extvector = 0;
  vector = impl->values.data();
  if (impl->keywords.has_patches()) {
    const auto &p = impl->keywords.patches;
    array_flag = 1;
    size_array_rows = p[0] * p[1] * p[2];
    size_array_cols = size_vector;
    extarray = 0;
    impl->patch_storage.assign(static_cast<std::size_t>(size_array_rows) * size_vector, 0.0);
    for (int r = 0; r < size_array_rows; ++r)
      impl->patch_rows.push_back(&impl->patch_storage[static_cast<std::size_t>(r) * size_vector]);
    array = impl->patch_rows.data();
  }
  if (comm->me == 0) {
    std::string list;
    for (std::size_t k = 0; k < impl->names.size(); ++k)
      list += fmt::format(" {}:{}", k + 1, impl->names[k]);
    utils::logmesg(lmp, "{} {}: values{}\n", kStyle, id, list);
  }
}

ComputeSROLattice::~ComputeSROLattice() = default;

void ComputeSROLattice::parse(int narg, char **arg) {
  std::vector<int> shells;
  bool deltas = true;
  KeywordReader r(lmp, kStyle, narg, arg, 3,
                  with_lattice_keywords(lmp, {{"shells", kUpToNextKeyword},
                                              {"pair", 2},
                                              {"deltas"},
                                              {"normalize"}}));
  while (r.next()) {
    if (read_lattice_keyword(r, impl->keywords)) continue;
    const std::string &key = r.key();
    if (key == "shells") {
      shells.clear();
      for (int k = 1; k <= r.count(); ++k) {
        const int shell = static_cast<int>(r.integer(k, 1, INT_MAX)) - 1;
        if (std::find(shells.begin(), shells.end(), shell) != shells.end())
          r.fail(fmt::format("lists shell {} twice", shell + 1));
        shells.push_back(shell);
      }
    } else if (key == "pair") {
      impl->pair_names.emplace_back(r.word(1), r.word(2));
    } else if (key == "deltas") {
      deltas = r.yes_no(1);
    } else { // normalize
      impl->spec.normalization = r.choice(1, {"global", "patch"}) == 0
                                     ? macrodyn::SroSpec::Normalization::Global
                                     : macrodyn::SroSpec::Normalization::Patch;
    }
  }
  if (!impl->keywords.have_lattice)
    error->all(FLERR, "{}: the lattice keyword is required", kStyle);
  if (impl->keywords.type_names.empty())
    error->all(FLERR, "{}: the types keyword is required", kStyle);
  macrodyn::lmp::guarded(error, kStyle, [&] {
    impl->species = std::make_unique<macrodyn::lmp::SpeciesMap>(impl->keywords.type_names, atom->ntypes);
  });
  auto &spec = impl->spec;
  spec.n_species = impl->species->n_species();
  spec.names = impl->species->species();
  spec.shells = shells.empty() ? std::vector<int>{0} : shells;
  spec.deltas = deltas;
  const auto &names = impl->species->species();
  auto code = [&](const std::string &name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) error->all(FLERR, "{}: pair species {} is not in types", kStyle, name);
    return static_cast<int>(it - names.begin());
  };
  for (const auto &[a, b] : impl->pair_names)
    spec.pairs.emplace_back(code(a), code(b));
  if (spec.pairs.empty()) spec.pairs = macrodyn::all_species_pairs(spec.n_species);
  const int max_shell = *std::max_element(spec.shells.begin(), spec.shells.end());
  impl->keywords.spec.n_shells = std::max(1, max_shell + 1);
}

void ComputeSROLattice::init() {}

void ComputeSROLattice::compute_vector() {
  evaluate();
}

void ComputeSROLattice::compute_array() {
  evaluate();
}

void ComputeSROLattice::evaluate() {
  // One evaluation fills the vector and the per-patch array: both are current afterwards.
  invoked_vector = invoked_array = update->ntimestep;
  // Types may have changed since the last call (KMC, atom/swap, set): map afresh.
  macrodyn::lmp::guarded(error, kStyle, [&] {
    const macrodyn::lmp::SiteMap map(lmp, impl->keywords.spec);
    const auto &lattice = map.lattice();
    const auto config = impl->species->configuration(map.site_types());
    const int n_shells = impl->keywords.spec.n_shells;
    const int z = lattice.coordination(0);
    if (!array_flag) {
      impl->values = macrodyn::sro_values(
          impl->spec, macrodyn::count_pairs(lattice, config, impl->spec.n_species, n_shells), z);
    } else {
      // One pass over the lattice: patch counts, whose sum is the box.
      const macrodyn::PatchTiling tiling(lattice, impl->keywords.patches);
      const auto patches =
          macrodyn::count_pairs_by_patch(lattice, config, impl->spec.n_species, n_shells, tiling);
      const auto box = macrodyn::sum_counts(patches);
      impl->values = macrodyn::sro_values(impl->spec, box, z);
      for (int r = 0; r < tiling.n_patches(); ++r) {
        const auto row =
            macrodyn::sro_patch_values(impl->spec, patches[r], box, tiling.n_patches(), z);
        std::copy(row.begin(), row.end(), impl->patch_rows[r]);
      }
    }
    vector = impl->values.data();
  });
}

std::unique_ptr<macrodyn::ObservableSet>
ComputeSROLattice::make_observables(const macrodyn::Lattice &lattice,
                                    const macrodyn::PatchTiling &tiling,
                                    const macrodyn::lmp::SpeciesMap &species) const {
  macrodyn::lmp::require_same_lattice(lmp, kStyle, impl->keywords, lattice);
  if (species.species() != impl->species->species())
    error->all(FLERR, "{}: its types must name the same species in the same order as the KMC fix",
               kStyle);
  if (impl->spec.normalization != macrodyn::SroSpec::Normalization::Global)
    error->all(FLERR, "{}: partial evolution needs normalize global", kStyle);
  return macrodyn::make_sro_observables(lattice, tiling, impl->spec, impl->species->species());
}
