#pragma once
// The keywords every lattice style shares: `lattice <style> <a>` and `tolerance <d>`.
#include "site_map.h"

namespace LAMMPS_NS {
class LAMMPS;
}

namespace MacroDyn {

/// If arg[iarg] is `lattice` or `tolerance`, parses it with its values into spec and returns the
/// number of words consumed; returns 0 for any other keyword. Bad values are LAMMPS errors naming
/// `style`. Sets have_lattice when the lattice keyword was read.
int parse_site_map_keyword(LAMMPS_NS::LAMMPS *lmp, const char *style, int narg, char **arg,
                           int iarg, SiteMapSpec &spec, bool &have_lattice);

} // namespace MacroDyn
