#include "site_map_keywords.h"

#include "style_guard.h"

#include "error.h"
#include "lammps.h"
#include "utils.h"

#include <string>

using namespace LAMMPS_NS;

namespace MacroDyn {

int parse_site_map_keyword(LAMMPS *lmp, const char *style, int narg, char **arg, int iarg,
                           SiteMapSpec &spec, bool &have_lattice) {
  const std::string key = arg[iarg];
  Error *error = lmp->error;
  auto need = [&](int n) {
    if (iarg + n >= narg) error->all(FLERR, "{}: keyword {} needs {} value(s)", style, key, n);
  };
  if (key == "lattice") {
    need(2);
    guarded(error, style, [&] { spec.kind = macrodyn::parse_lattice_kind(arg[iarg + 1]); });
    spec.a = utils::numeric(FLERR, arg[iarg + 2], false, lmp);
    if (spec.a <= 0.0)
      error->all(FLERR, "{}: lattice constant must be > 0, got {}", style, arg[iarg + 2]);
    have_lattice = true;
    return 3;
  }
  if (key == "tolerance") {
    need(1);
    spec.tolerance = utils::numeric(FLERR, arg[iarg + 1], false, lmp);
    if (spec.tolerance <= 0.0)
      error->all(FLERR, "{}: tolerance must be > 0, got {}", style, arg[iarg + 1]);
    return 2;
  }
  return 0;
}

} // namespace MacroDyn
