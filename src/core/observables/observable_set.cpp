#include "core/observables/observable_set.h"

#include "core/base/error.h"
#include "core/observables/spin_observables.h"

#include <algorithm>
#include <cmath>

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
  std::vector<double> box_changed(const Configuration &x0, const std::vector<double> &phi0,
                                  const Configuration &x1,
                                  const std::vector<std::size_t> &changed) const override {
    // Spin sum and unlike directed pairs touching a changed site, before and after.
    const int z = lattice_->coordination(0);
    const double n = static_cast<double>(x0.size());
    long long dspin = 0, dunlike = 0;
    auto in_changed = [&](std::size_t j) {
      return std::binary_search(changed.begin(), changed.end(), j);
    };
    for (std::size_t i : changed) {
      dspin += spin_of(x1[i]) - spin_of(x0[i]);
      const SiteIndex *nb = lattice_->neighbours(i, 0);
      for (int k = 0; k < z; ++k) {
        const std::size_t j = nb[k];
        // Pairs (i, j) and (j, i); a pair of two changed sites is met from both ends: count half.
        const int weight = in_changed(j) ? 1 : 2;
        dunlike +=
            weight * ((spin_of(x1[i]) != spin_of(x1[j])) - (spin_of(x0[i]) != spin_of(x0[j])));
      }
    }
    // Rebuild from exact integer totals so the result equals box(x1) bit for bit.
    const long long spin0 = std::llround(phi0[0] * n), unlike0 = std::llround(phi0[1] * n * z);
    return {static_cast<double>(spin0 + dspin) / n,
            static_cast<double>(unlike0 + dunlike) / (n * z)};
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
    if (spec_.names.empty()) spec_.names = species_;
    require(spec_.normalization == SroSpec::Normalization::Global,
            "partial evolution needs patch values that average to the box value: use the global "
            "normalization");
    shells_ = 1 + *std::max_element(spec_.shells.begin(), spec_.shells.end());
  }
  std::vector<std::string> names() const override { return sro_names(spec_, species_); }
  std::vector<double> box(const Configuration &config) const override {
    return sro_values(spec_, box_counts(config), lattice_->coordination(0));
  }
  std::vector<double> patch(const Configuration &config, int p) const override {
    // The global normalization needs the box counts of this very configuration (cached).
    const auto part =
        count_pairs_of(*lattice_, config, spec_.n_species, shells_, tiling_->sites_of(p));
    return sro_patch_values(spec_, part, box_counts(config), tiling_->n_patches(),
                            lattice_->coordination(0));
  }
  std::vector<double> box_changed(const Configuration &x0, const std::vector<double> &phi0,
                                  const Configuration &x1,
                                  const std::vector<std::size_t> &changed) const override {
    (void)phi0;
    auto counts1 = update_counts(*lattice_, box_counts(x0), x0, x1, changed);
    remember(x1, counts1);
    return sro_values(spec_, counts1, lattice_->coordination(0));
  }

private:
  /// Box counts of the last two configurations seen (a snapshot and its latest evolved copy), so
  /// partial evolution never recounts the box: found by comparing the configuration bytes.
  /// Not thread-safe (one ObservableSet per thread).
  const PairCounts &box_counts(const Configuration &x) const {
    for (std::size_t k = 0; k < cache_.size(); ++k)
      if (cache_[k].first == x) {
        if (k + 1 < cache_.size()) std::swap(cache_[k], cache_.back()); // most recent last
        return cache_.back().second;
      }
    remember(x, count_pairs(*lattice_, x, spec_.n_species, shells_));
    return cache_.back().second;
  }
  void remember(const Configuration &x, PairCounts counts) const {
    if (cache_.size() == 2) cache_.erase(cache_.begin()); // the least recently used
    cache_.emplace_back(x, std::move(counts));
  }

  const Lattice *lattice_;
  const PatchTiling *tiling_;
  SroSpec spec_;
  std::vector<std::string> species_;
  int shells_;
  mutable std::vector<std::pair<Configuration, PairCounts>> cache_;
};

class CombinedObservableSet : public ObservableSet {
public:
  explicit CombinedObservableSet(std::vector<std::unique_ptr<ObservableSet>> sets)
      : sets_(std::move(sets)) {
    for (const auto &s : sets_)
      widths_.push_back(s->names().size());
    std::vector<std::string> all = names();
    std::sort(all.begin(), all.end());
    const auto twice = std::adjacent_find(all.begin(), all.end());
    require(twice == all.end(),
            "observable '" + (twice == all.end() ? "" : *twice) + "' comes from two computes");
  }
  std::vector<std::string> names() const override {
    return joined([](const ObservableSet &s) { return s.names(); });
  }
  std::vector<double> box(const Configuration &x) const override {
    return joined([&](const ObservableSet &s) { return s.box(x); });
  }
  std::vector<double> patch(const Configuration &x, int p) const override {
    return joined([&](const ObservableSet &s) { return s.patch(x, p); });
  }
  std::vector<double> box_changed(const Configuration &x0, const std::vector<double> &phi0,
                                  const Configuration &x1,
                                  const std::vector<std::size_t> &changed) const override {
    std::vector<double> out;
    std::size_t at = 0;
    for (std::size_t k = 0; k < sets_.size(); ++k) {
      const std::vector<double> part(phi0.begin() + at, phi0.begin() + at + widths_[k]);
      const auto v = sets_[k]->box_changed(x0, part, x1, changed);
      out.insert(out.end(), v.begin(), v.end());
      at += widths_[k];
    }
    return out;
  }

private:
  template <class F> auto joined(F f) const -> decltype(f(std::declval<const ObservableSet &>())) {
    decltype(f(*sets_.front())) out;
    for (const auto &s : sets_) {
      const auto v = f(*s);
      out.insert(out.end(), v.begin(), v.end());
    }
    return out;
  }
  std::vector<std::unique_ptr<ObservableSet>> sets_;
  std::vector<std::size_t> widths_; ///< observables of each set (names() builds strings)
};

} // namespace

std::unique_ptr<ObservableSet>
combine_observables(std::vector<std::unique_ptr<ObservableSet>> sets) {
  require(!sets.empty(), "no observables to combine");
  if (sets.size() == 1) return std::move(sets.front());
  return std::make_unique<CombinedObservableSet>(std::move(sets));
}

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
