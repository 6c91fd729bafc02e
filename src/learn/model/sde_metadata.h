#pragma once
/// The fields of a macrodyn SDE model's metadata.json (doc/formats/model.md) that its callers need:
/// `macrodyn predict` and pair_style macro/bias's target path.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace macrodyn::learn {

/// The fields of metadata.json a caller of the model needs.
struct SdeModelInfo {
  std::vector<std::string> observables, conditions;
  std::vector<std::string> closure; ///< the closure variables among observables (none: empty)
  std::string time_unit;
  double time_scale = 1.0;
  std::string lattice;              ///< system.lattice (empty in models without it)
  std::vector<std::string> species; ///< system.species
  std::size_t box_sites = 0;        ///< sites of the training box, K x system.n_s (0: unknown)
  /// [min, max] of each condition over the training records (absent in older models).
  std::map<std::string, std::pair<double, double>> condition_ranges;
  /// [min, max] of each observable over the training states (absent in older models).
  std::map<std::string, std::pair<double, double>> observable_ranges;
};
SdeModelInfo parse_sde_metadata(const std::string &json, const std::string &path);

} // namespace macrodyn::learn
