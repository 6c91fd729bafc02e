#include "site_map_keywords.h"

#include "style_guard.h"

#include "atom.h"
#include "error.h"
#include "lammps.h"
#include "utils.h"

using namespace LAMMPS_NS;

namespace MacroDyn {

int parse_lattice_keyword(LAMMPS *lmp, const char *style, int narg, char **arg, int iarg,
                          LatticeKeywords &keywords) {
  const std::string key = arg[iarg];
  Error *error = lmp->error;
  auto need = [&](int n) {
    if (iarg + n >= narg) error->all(FLERR, "{}: keyword {} needs {} value(s)", style, key, n);
  };
  SiteMapSpec &spec = keywords.spec;
  if (key == "lattice") {
    need(2);
    guarded(error, style, [&] { spec.kind = macrodyn::parse_lattice_kind(arg[iarg + 1]); });
    spec.a = utils::numeric(FLERR, arg[iarg + 2], false, lmp);
    if (spec.a <= 0.0)
      error->all(FLERR, "{}: lattice constant must be > 0, got {}", style, arg[iarg + 2]);
    keywords.have_lattice = true;
    return 3;
  }
  if (key == "tolerance") {
    need(1);
    spec.tolerance = utils::numeric(FLERR, arg[iarg + 1], false, lmp);
    if (spec.tolerance <= 0.0)
      error->all(FLERR, "{}: tolerance must be > 0, got {}", style, arg[iarg + 1]);
    return 2;
  }
  if (key == "types") {
    const int ntypes = lmp->atom->ntypes;
    need(ntypes);
    keywords.type_names.assign(arg + iarg + 1, arg + iarg + 1 + ntypes);
    return 1 + ntypes;
  }
  if (key == "patches") {
    need(3);
    for (int d = 0; d < 3; ++d) {
      keywords.patches[d] = utils::inumeric(FLERR, arg[iarg + 1 + d], false, lmp);
      if (keywords.patches[d] < 1)
        error->all(FLERR, "{}: patch counts must be >= 1, got {}", style, arg[iarg + 1 + d]);
    }
    return 4;
  }
  return 0;
}

} // namespace MacroDyn
