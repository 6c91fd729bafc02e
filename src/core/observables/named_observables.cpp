#include "core/observables/named_observables.h"

#include "core/base/error.h"
#include "core/observables/pair_counts.h"
#include "core/observables/spin_observables.h"
#include "core/observables/sro_observables.h"

#include <algorithm>

namespace macrodyn {

std::vector<double> named_observables(const Lattice &lattice, const Configuration &config,
                                      const std::vector<std::string> &species,
                                      const std::vector<std::string> &names) {
  // SRO: every shell a name mentions, all pairs, the deltas.
  SroSpec spec;
  spec.n_species = static_cast<int>(species.size());
  spec.names = species;
  spec.pairs = all_species_pairs(spec.n_species);
  spec.deltas = true;
  bool sro = false, spin = false;
  for (const auto &name : names) {
    if (name == "magnetization" || name == "domain_wall_density") {
      spin = true;
    } else if (name.rfind("alpha_", 0) == 0 || name.rfind("count_", 0) == 0 ||
               name.rfind("delta_", 0) == 0) {
      sro = true;
      const auto at = name.rfind("_s");
      if (name.rfind("delta_", 0) != 0 && at != std::string::npos) {
        const int shell = std::stoi(name.substr(at + 2)) - 1;
        if (std::find(spec.shells.begin(), spec.shells.end(), shell) == spec.shells.end())
          spec.shells.push_back(shell);
      }
    } else {
      throw Error("observable '" + name + "' is not one the lattice computes produce");
    }
  }
  std::vector<std::string> all_names;
  std::vector<double> all_values;
  if (sro) {
    std::sort(spec.shells.begin(), spec.shells.end());
    const int shells = spec.shells.empty() ? 1 : spec.shells.back() + 1;
    const Lattice shelled(lattice.kind(), lattice.cells(), lattice.constant(), shells);
    all_names = sro_names(spec, species);
    all_values = sro_values(spec, count_pairs(shelled, config, spec.n_species, shells),
                            shelled.coordination(0));
  }
  if (spin) {
    std::vector<std::int8_t> spins(config.size());
    for (std::size_t i = 0; i < config.size(); ++i) {
      require(config[i] == 0 || config[i] == 1, "spin observables need species 0 and 1 only");
      spins[i] = static_cast<std::int8_t>(spin_of(config[i]));
    }
    const auto s = evaluate_spins(lattice, spins);
    all_names.insert(all_names.end(), {"magnetization", "domain_wall_density"});
    all_values.insert(all_values.end(), {s.magnetization, s.domain_wall_density});
  }
  std::vector<double> out;
  for (const auto &name : names) {
    const auto it = std::find(all_names.begin(), all_names.end(), name);
    require(it != all_names.end(), "observable '" + name + "' names species not in the system");
    out.push_back(all_values[it - all_names.begin()]);
  }
  return out;
}

} // namespace macrodyn
