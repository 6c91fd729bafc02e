#include "core/energy/biased_energy_model.h"

#include "core/base/error.h"

#include <algorithm>

namespace macrodyn {

BiasedEnergyModel::BiasedEnergyModel(std::unique_ptr<EnergyModel> inner,
                                     std::shared_ptr<const MacroBias> bias, int n_species,
                                     std::vector<double> target)
    : EnergyModel(inner->lattice()), inner_(std::move(inner)), bias_(std::move(bias)),
      n_species_(n_species), target_(std::move(target)), counts_(n_species) {
  require(target_.size() == bias_->dimension(), "the bias target needs one value per observable");
}

void BiasedEnergyModel::set_target(std::vector<double> target) {
  require(target.size() == bias_->dimension(), "the bias target needs one value per observable");
  target_ = std::move(target);
}

void BiasedEnergyModel::reset(const Configuration &config) {
  inner_->reset(config);
  x_ = config;
  counts_ = SmoothCounts::from(count_pairs(*lattice_, config, n_species_, 1));
}

double BiasedEnergyModel::total_energy(const Configuration &config) const {
  return inner_->total_energy(config) +
         bias_->energy(SmoothCounts::from(count_pairs(*lattice_, config, n_species_, 1)), target_);
}

SmoothCounts BiasedEnergyModel::counts_after(const std::size_t *changed, const Species *now,
                                             int n) const {
  SmoothCounts c = counts_;
  const int ns = n_species_;
  auto species_after = [&](std::size_t site) {
    for (int k = 0; k < n; ++k)
      if (changed[k] == site) return now[k];
    return x_[site];
  };
  auto bond = [&](Species a, Species b, double sign) {
    if (a == kVacancy || b == kVacancy) return;
    c.directed[a * ns + b] += sign;
    c.directed[b * ns + a] += sign;
  };
  const Lattice &lattice = *lattice_;
  const int z = lattice.coordination(0);
  for (int k = 0; k < n; ++k) {
    const std::size_t site = changed[k];
    if (x_[site] != kVacancy) c.species[x_[site]] -= 1;
    if (now[k] != kVacancy) c.species[now[k]] += 1;
    const SiteIndex *nb = lattice.neighbours(site, 0);
    for (int m = 0; m < z; ++m) {
      const std::size_t other = nb[m];
      // A bond between two changed sites is handled once, from its lower site.
      bool other_changed = false;
      for (int q = 0; q < n; ++q)
        other_changed = other_changed || changed[q] == other;
      if (other_changed && other < site) continue;
      bond(x_[site], x_[other], -1.0);
      bond(species_after(site), species_after(other), +1.0);
    }
  }
  return c;
}

double BiasedEnergyModel::flip_delta(const Configuration &config, std::size_t i, Species s) const {
  const double inner = inner_->flip_delta(config, i, s);
  const auto after = counts_after(&i, &s, 1);
  return inner + bias_->energy(after, target_) - bias_->energy(counts_, target_);
}

double BiasedEnergyModel::exchange_delta(const Configuration &config, std::size_t i,
                                         std::size_t j) const {
  const double inner = inner_->exchange_delta(config, i, j);
  const std::size_t sites[2] = {i, j};
  const Species now[2] = {config[j], config[i]};
  const auto after = counts_after(sites, now, 2);
  return inner + bias_->energy(after, target_) - bias_->energy(counts_, target_);
}

void BiasedEnergyModel::follow(const Configuration &config, const std::size_t *sites, int n) {
  std::vector<std::size_t> changed;
  std::vector<Species> now;
  for (int k = 0; k < n; ++k)
    if (std::find(changed.begin(), changed.end(), sites[k]) == changed.end()) {
      changed.push_back(sites[k]);
      now.push_back(config[sites[k]]);
    }
  counts_ = counts_after(changed.data(), now.data(), static_cast<int>(changed.size()));
  for (std::size_t k = 0; k < changed.size(); ++k)
    x_[changed[k]] = now[k];
}

void BiasedEnergyModel::notify(const Configuration &after, const std::size_t *sites, int n) {
  inner_->notify(after, sites, n);
  follow(after, sites, n);
}

void BiasedEnergyModel::restore(const Configuration &config, const std::size_t *sites, int n) {
  inner_->restore(config, sites, n);
  follow(config, sites, n);
}

} // namespace macrodyn
