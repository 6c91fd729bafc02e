#include "observable_set.h"

#include "error.h"
#include "spin_observables.h"

#include <algorithm>

namespace macrodyn {
namespace {

std::vector<std::int8_t> spins_of(const Configuration &config) {
  std::vector<std::int8_t> spins(config.size());
  for (std::size_t i = 0; i < config.size(); ++i) {
    if (config[i] != 0 && config[i] != 1)
      throw Error("spin observables need species 0 or 1; site " + std::to_string(i) + " has " +
                  std::to_string(config[i]));
    spins[i] = static_cast<std::int8_t>(spin_of(config[i]));
  }
  return spins;
}

class SpinObservableSet : public ObservableSet {
public:
  SpinObservableSet(const Lattice &lattice, const PatchTiling &tiling)
      : lattice_(&lattice), tiling_(&tiling) {}
  std::vector<std::string> names() const override {
    return {"magnetization", "domain_wall_density"};
  }
  std::vector<double> box(const Configuration &config) const override {
    const auto o = evaluate_spins(*lattice_, spins_of(config));
    return {o.magnetization, o.domain_wall_density};
  }
  std::vector<double> patch(const Configuration &config, int p) const override {
    // Only the patch's sites and their first-shell neighbours are read: O(patch size).
    long long spin = 0, unlike = 0;
    const auto &sites = tiling_->sites_of(p);
    const int z = lattice_->coordination(0);
    for (std::size_t i : sites) {
      const int si = spin_of(config[i]);
      spin += si;
      const SiteIndex *nb = lattice_->neighbours(i, 0);
      for (int k = 0; k < z; ++k)
        unlike += si != spin_of(config[nb[k]]);
    }
    const double n = static_cast<double>(sites.size());
    return {spin / n, unlike / (n * z)};
  }

private:
  const Lattice *lattice_;
  const PatchTiling *tiling_;
};

class SroObservableSet : public ObservableSet {
public:
  SroObservableSet(const Lattice &lattice, const PatchTiling &tiling, SroSpec spec,
                   std::vector<std::string> species)
      : lattice_(&lattice), tiling_(&tiling), spec_(std::move(spec)), species_(std::move(species)) {
    require(spec_.normalization == SroSpec::Normalization::Global,
            "partial evolution needs patch values that average to the box value: use the global "
            "normalization");
    shells_ = 1 + *std::max_element(spec_.shells.begin(), spec_.shells.end());
  }
  std::vector<std::string> names() const override { return sro_names(spec_, species_); }
  std::vector<double> box(const Configuration &config) const override {
    return sro_values(spec_, count_pairs(*lattice_, config, spec_.n_species, shells_),
                      lattice_->coordination(0));
  }
  std::vector<double> patch(const Configuration &config, int p) const override {
    // The global normalization needs the box counts of this very configuration.
    const auto parts = count_pairs_by_patch(*lattice_, config, spec_.n_species, shells_, *tiling_);
    return sro_patch_values(spec_, parts[p], sum_counts(parts), tiling_->n_patches(),
                            lattice_->coordination(0));
  }

private:
  const Lattice *lattice_;
  const PatchTiling *tiling_;
  SroSpec spec_;
  std::vector<std::string> species_;
  int shells_;
};

} // namespace

std::unique_ptr<ObservableSet> make_spin_observables(const Lattice &lattice,
                                                     const PatchTiling &tiling) {
  return std::make_unique<SpinObservableSet>(lattice, tiling);
}

std::unique_ptr<ObservableSet> make_sro_observables(const Lattice &lattice,
                                                    const PatchTiling &tiling, SroSpec spec,
                                                    std::vector<std::string> species) {
  return std::make_unique<SroObservableSet>(lattice, tiling, std::move(spec), std::move(species));
}

} // namespace macrodyn
