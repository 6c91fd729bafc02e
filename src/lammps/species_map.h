#pragma once
// Atom types <-> lattice species: the `types name1 ... nameN` keyword every lattice style shares.
// One type may be named `vac`: the vacancy, which no energy model or observable sees.
#include "core/base/configuration.h"

#include <string>
#include <vector>

namespace macrodyn::lmp {

class SpeciesMap {
public:
  /// names[t-1] is the species of atom type t (empty: "species1", "species2", ...). Throws
  /// macrodyn::Error when two types share a species or two types are `vac`.
  SpeciesMap(std::vector<std::string> names, int ntypes);

  const std::vector<std::string> &species() const { return species_; }
  int n_species() const { return static_cast<int>(species_.size()); }
  int vacancy_type() const { return vacancy_type_; } ///< 0 when there is none
  macrodyn::Species species_of_type(int type) const { return species_of_type_[type]; }
  int type_of(macrodyn::Species s) const {
    return s == macrodyn::kVacancy ? vacancy_type_ : type_of_species_[s];
  }
  /// The configuration of a replicated per-site type array (SiteMap::site_types()).
  macrodyn::Configuration configuration(const std::vector<int> &site_types) const;

private:
  std::vector<std::string> species_;
  std::vector<macrodyn::Species> species_of_type_; // index type
  std::vector<int> type_of_species_;
  int vacancy_type_ = 0;
};

} // namespace macrodyn::lmp
