#include "species_map.h"

#include "core/base/error.h"

#include <algorithm>

namespace macrodyn::lmp {

SpeciesMap::SpeciesMap(std::vector<std::string> names, int ntypes) {
  if (names.empty())
    for (int t = 1; t <= ntypes; ++t)
      names.push_back("species" + std::to_string(t));
  macrodyn::require(static_cast<int>(names.size()) == ntypes,
                    "types needs one name per atom type (" + std::to_string(ntypes) + ")");
  species_of_type_.assign(ntypes + 1, macrodyn::kVacancy);
  for (int t = 1; t <= ntypes; ++t) {
    const std::string &name = names[t - 1];
    if (name == "vac") {
      macrodyn::require(vacancy_type_ == 0, "only one atom type can be the vacancy (vac)");
      vacancy_type_ = t;
      continue;
    }
    macrodyn::require(std::find(species_.begin(), species_.end(), name) == species_.end(),
                      "species " + name + " is given to two atom types");
    species_of_type_[t] = static_cast<macrodyn::Species>(species_.size());
    type_of_species_.push_back(t);
    species_.push_back(name);
  }
}

macrodyn::Configuration SpeciesMap::configuration(const std::vector<int> &site_types) const {
  macrodyn::Configuration config(site_types.size());
  for (std::size_t s = 0; s < site_types.size(); ++s)
    config[s] = species_of_type_[site_types[s]];
  return config;
}

} // namespace macrodyn::lmp
