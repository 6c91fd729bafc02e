#include "site_map_keywords.h"

#include "core/base/error.h"

#include "atom.h"
#include "error.h"
#include "lammps.h"

#include <climits>
#include <cmath>

using namespace LAMMPS_NS;

namespace macrodyn::lmp {

std::vector<Keyword> with_lattice_keywords(LAMMPS *lmp, std::vector<Keyword> own) {
  std::vector<Keyword> table{
      {"lattice", 2}, {"tolerance", 1}, {"types", lmp->atom->ntypes}, {"patches", 3}};
  table.insert(table.end(), own.begin(), own.end());
  return table;
}

void require_same_lattice(LAMMPS *lmp, const char *style, const LatticeKeywords &keywords,
                          const macrodyn::Lattice &lattice) {
  const auto &spec = keywords.spec;
  if (spec.kind != lattice.kind() || std::fabs(spec.a - lattice.constant()) > 1e-9 * spec.a)
    lmp->error->all(FLERR,
                    "{}: its lattice {} {} differs from the lattice {} {} of the style that uses "
                    "it (give both the same lattice keyword)",
                    style, macrodyn::lattice_kind_name(spec.kind), spec.a,
                    macrodyn::lattice_kind_name(lattice.kind()), lattice.constant());
}

bool read_lattice_keyword(const KeywordReader &r, LatticeKeywords &keywords) {
  SiteMapSpec &spec = keywords.spec;
  const std::string &key = r.key();
  if (key == "lattice") {
    try {
      spec.kind = macrodyn::parse_lattice_kind(r.word(1));
    } catch (const macrodyn::Error &e) {
      r.error(e.what());
    }
    spec.a = r.positive(2);
    keywords.have_lattice = true;
  } else if (key == "tolerance") {
    spec.tolerance = r.positive(1);
  } else if (key == "types") {
    keywords.type_names = r.words();
  } else if (key == "patches") {
    for (int d = 0; d < 3; ++d)
      keywords.patches[d] = static_cast<int>(r.integer(1 + d, 1, INT_MAX));
  } else {
    return false;
  }
  return true;
}

} // namespace macrodyn::lmp
