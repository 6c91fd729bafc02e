// compute ID all closure/torch <model.pt> lattice <style> <a> [types <name per type>]
//     [compute <compute-ID> ...] [tolerance d]
// Global vector: the model's prescribed observables (taken by name from the given spin/lattice or
// sro/lattice computes, in the model's order; only when computes are given), then its closure
// variables: the model's encoder averaged over every patch of the current configuration (patches
// of the training system's cell shape). The names are printed at init.
#include "compute_closure_torch.h"

#include "lattice_computes.h"
#include "site_map.h"
#include "site_map_keywords.h"
#include "species_map.h"
#include "style_guard.h"

#include "core/lattice/patch_tiling.h"
#include "core/observables/observable_set.h"
#include "learn/model/closure_encoder.h"

#include "atom.h"
#include "comm.h"
#include "error.h"
#include "group.h"
#include "modify.h"
#include "update.h"
#include "utils.h"

#include <algorithm>

using namespace LAMMPS_NS;
using namespace macrodyn::lmp;

static constexpr const char *kStyle = "compute closure/torch";

struct ComputeClosureTorch::Impl {
  macrodyn::lmp::LatticeKeywords keywords;
  std::unique_ptr<macrodyn::lmp::SpeciesMap> species;
  std::unique_ptr<macrodyn::learn::ClosureEncoder> encoder;
  std::vector<std::string> compute_ids;
  std::vector<Compute *> computes;
  std::vector<std::string> names;
  std::vector<double> values;
};

ComputeClosureTorch::ComputeClosureTorch(LAMMPS *lmp, int narg, char **arg)
    : Compute(lmp, narg, arg), impl(new Impl) {
  if (igroup != group->find("all"))
    error->all(FLERR, "{}: group must be all (every lattice site is needed), not {}", kStyle,
               arg[1]);
  if (narg < 4) error->all(FLERR, "{}: expected compute ID all closure/torch model.pt ...", kStyle);
  const std::string model = arg[3];
  KeywordReader r(lmp, kStyle, narg, arg, 4,
                  with_lattice_keywords(lmp, {{"compute", kUpToNextKeyword}}));
  while (r.next()) {
    if (read_lattice_keyword(r, impl->keywords)) continue;
    impl->compute_ids = r.words(); // compute
  }
  if (!impl->keywords.have_lattice) error->all(FLERR, "{}: the lattice keyword is required", kStyle);
  if (impl->keywords.has_patches())
    error->all(FLERR, "{}: the patches come from the model; drop the patches keyword", kStyle);
  macrodyn::lmp::guarded(error, kStyle, [&] {
    impl->species =
        std::make_unique<macrodyn::lmp::SpeciesMap>(impl->keywords.type_names, atom->ntypes);
    impl->encoder = std::make_unique<macrodyn::learn::ClosureEncoder>(model);
  });
  if (!impl->compute_ids.empty()) impl->names = impl->encoder->prescribed();
  for (const auto &c : impl->encoder->closure())
    impl->names.push_back(c);
  impl->values.assign(impl->names.size(), 0.0);
  vector_flag = 1;
  size_vector = static_cast<int>(impl->names.size());
  extvector = 0;
  vector = impl->values.data();
  if (comm->me == 0) {
    std::string list;
    for (std::size_t k = 0; k < impl->names.size(); ++k)
      list += fmt::format(" {}:{}", k + 1, impl->names[k]);
    utils::logmesg(lmp, "{} {}: values{}\n", kStyle, id, list);
  }
}

ComputeClosureTorch::~ComputeClosureTorch() = default;

void ComputeClosureTorch::init() {
  impl->computes = macrodyn::lmp::find_lattice_computes(lmp, kStyle, impl->compute_ids);
}

void ComputeClosureTorch::compute_vector() {
  invoked_vector = update->ntimestep;
  macrodyn::lmp::guarded(error, kStyle, [&] {
    const macrodyn::lmp::SiteMap map(lmp, impl->keywords.spec);
    const auto &lattice = map.lattice();
    impl->encoder->check(lattice, impl->species->species());
    const auto config = impl->species->configuration(map.site_types());
    std::vector<double> out;
    if (!impl->computes.empty()) {
      // The prescribed observables through the same core objects as fix partial/evolve.
      const macrodyn::PatchTiling whole(lattice, {1, 1, 1});
      const auto obs =
          macrodyn::lmp::lattice_observables(impl->computes, lattice, whole, *impl->species);
      const auto names = obs->names();
      const auto values = obs->box(config);
      for (const auto &name : impl->encoder->prescribed()) {
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end())
          throw macrodyn::Error("the model's observable '" + name +
                                "' is not among the given computes' values");
        out.push_back(values[it - names.begin()]);
      }
    }
    const auto closure = impl->encoder->evaluate(lattice, config);
    out.insert(out.end(), closure.begin(), closure.end());
    std::copy(out.begin(), out.end(), impl->values.begin());
  });
}
