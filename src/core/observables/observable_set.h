#pragma once
/// The prescribed macroscopic observables phi of a configuration, for the box and for one patch of
/// a tiling, from the same code (spin_observables / sro_observables). Patch values average exactly
/// to the box values (phi(x) = (1/K) sum_I phi_I(x)), as the partial-evolution estimator needs.
#include "core/base/configuration.h"
#include "core/lattice/patch_tiling.h"
#include "core/observables/sro_observables.h"

#include <memory>
#include <string>
#include <vector>

namespace macrodyn {

class ObservableSet {
public:
  virtual ~ObservableSet() = default;
  virtual std::vector<std::string> names() const = 0;
  virtual std::vector<double> box(const Configuration &config) const = 0;
  virtual std::vector<double> patch(const Configuration &config, int patch) const = 0;
  /// box(x1) for x1 = x0 changed only at the sorted, distinct `changed` sites, given phi0 =
  /// box(x0). The default recomputes box(x1); observables that can, update phi0 locally at a cost
  /// proportional to the changes (partial evolution then costs the same for any box size).
  virtual std::vector<double> box_changed(const Configuration &x0, const std::vector<double> &phi0,
                                          const Configuration &x1,
                                          const std::vector<std::size_t> &changed) const {
    (void)x0, (void)phi0, (void)changed;
    return box(x1);
  }
};

/// The observables of several sets side by side (names must not repeat).
std::unique_ptr<ObservableSet>
combine_observables(std::vector<std::unique_ptr<ObservableSet>> sets);

/// Magnetization and domain-wall density; species 0 is spin +1, species 1 spin -1.
std::unique_ptr<ObservableSet> make_spin_observables(const Lattice &lattice,
                                                     const PatchTiling &tiling);

/// SRO values of spec (global normalization) for the named species.
std::unique_ptr<ObservableSet> make_sro_observables(const Lattice &lattice,
                                                    const PatchTiling &tiling, SroSpec spec,
                                                    std::vector<std::string> species);

} // namespace macrodyn
