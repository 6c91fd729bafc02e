#pragma once
// The keywords lattice styles share: `lattice <style> <a>`, `tolerance <d>`, `types <name per
// type>` and (for computes) `patches <px> <py> <pz>`.
#include "keyword_reader.h"
#include "site_map.h"

#include <array>
#include <string>
#include <vector>

namespace LAMMPS_NS {
class LAMMPS;
}

namespace macrodyn::lmp {

struct LatticeKeywords {
  SiteMapSpec spec;
  bool have_lattice = false;
  std::vector<std::string> type_names; ///< empty unless `types` was given
  std::array<int, 3> patches{0, 0, 0}; ///< all zero unless `patches` was given
  bool has_patches() const { return patches[0] > 0; }
};

/// The shared keywords' entries for a style's keyword table, followed by `own`: `types` takes
/// exactly one name per atom type of the box.
std::vector<Keyword> with_lattice_keywords(LAMMPS_NS::LAMMPS *lmp, std::vector<Keyword> own);

/// Stops with a LAMMPS error naming `style` unless `lattice` has the kind and constant the
/// `lattice` keyword gave (a compute observing another style's lattice must read the same one).
void require_same_lattice(LAMMPS_NS::LAMMPS *lmp, const char *style,
                          const LatticeKeywords &keywords, const macrodyn::Lattice &lattice);

/// If the reader stands at a shared keyword, reads its values into `keywords` and returns true.
bool read_lattice_keyword(const KeywordReader &reader, LatticeKeywords &keywords);

} // namespace macrodyn::lmp
