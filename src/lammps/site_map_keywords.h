#pragma once
// The keywords lattice styles share: `lattice <style> <a>`, `tolerance <d>`, `types <name per
// type>` and (for computes) `patches <px> <py> <pz>`.
#include "site_map.h"

#include <array>
#include <string>
#include <vector>

namespace LAMMPS_NS {
class LAMMPS;
}

namespace MacroDyn {

struct LatticeKeywords {
  SiteMapSpec spec;
  bool have_lattice = false;
  std::vector<std::string> type_names; ///< empty unless `types` was given
  std::array<int, 3> patches{0, 0, 0}; ///< all zero unless `patches` was given
  bool has_patches() const { return patches[0] > 0; }
};

/// If arg[iarg] is one of the shared keywords, parses it with its values and returns the number of
/// words consumed; returns 0 for any other keyword. Bad values are LAMMPS errors naming `style`.
int parse_lattice_keyword(LAMMPS_NS::LAMMPS *lmp, const char *style, int narg, char **arg, int iarg,
                          LatticeKeywords &keywords);

} // namespace MacroDyn
