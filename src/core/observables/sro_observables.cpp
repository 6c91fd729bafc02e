#include "core/observables/sro_observables.h"

#include "core/base/error.h"

#include <cmath>
#include <limits>

namespace macrodyn {

std::vector<std::pair<int, int>> all_species_pairs(int n_species) {
  std::vector<std::pair<int, int>> pairs;
  for (int a = 0; a < n_species; ++a)
    for (int b = a; b < n_species; ++b)
      pairs.emplace_back(a, b);
  return pairs;
}

std::vector<std::string> sro_names(const SroSpec &spec, const std::vector<std::string> &species) {
  std::vector<std::string> names;
  for (int s : spec.shells)
    for (auto [a, b] : spec.pairs)
      names.push_back("alpha_" + species[a] + "_" + species[b] + "_s" + std::to_string(s + 1));
  if (spec.deltas)
    for (auto [a, b] : all_species_pairs(spec.n_species))
      names.push_back("delta_" + species[a] + species[b]);
  for (int s : spec.shells)
    for (auto [a, b] : spec.pairs)
      names.push_back("count_" + species[a] + "_" + species[b] + "_s" + std::to_string(s + 1));
  return names;
}

namespace {

/// One formula for every case: numerator counts `num` (scaled by `scale`), normalization `norm`.
std::vector<double> evaluate(const SroSpec &spec, const PairCounts &num, const PairCounts &norm,
                             double scale, int z) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double atoms = static_cast<double>(norm.atoms());
  auto ratio = [&](double top, double bottom) { return bottom > 0 ? top / bottom : nan; };
  std::vector<double> out;
  for (int s : spec.shells)
    for (auto [a, b] : spec.pairs) {
      const double c_b = ratio(static_cast<double>(norm.species[b]), atoms);
      out.push_back(1.0 - ratio(scale * num.pairs(s, a, b), norm.neighbours_of(s, a) * c_b));
    }
  if (spec.deltas)
    for (auto [a, b] : all_species_pairs(spec.n_species)) {
      const double c_b = ratio(static_cast<double>(norm.species[b]), atoms);
      out.push_back(ratio(scale * num.pairs(0, a, b), static_cast<double>(norm.species[a])) -
                    z * c_b);
    }
  for (int s : spec.shells)
    for (auto [a, b] : spec.pairs)
      out.push_back(scale * num.pairs(s, a, b));
  return out;
}

} // namespace

std::vector<double> sro_values(const SroSpec &spec, const PairCounts &box, int z) {
  for (auto [a, b] : spec.pairs)
    for (int species : {a, b})
      require(box.species[species] > 0,
              "species " +
                  (static_cast<std::size_t>(species) < spec.names.size()
                       ? spec.names[species]
                       : std::to_string(species)) +
                  " is absent from the box: its SRO is undefined");
  return evaluate(spec, box, box, 1.0, z);
}

std::vector<double> sro_patch_values(const SroSpec &spec, const PairCounts &patch,
                                     const PairCounts &box, int n_patches, int z) {
  if (spec.normalization == SroSpec::Normalization::Patch)
    return evaluate(spec, patch, patch, 1.0, z);
  return evaluate(spec, patch, box, static_cast<double>(n_patches), z);
}

} // namespace macrodyn
