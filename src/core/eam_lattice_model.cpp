#include "eam_lattice_model.h"

#include "error.h"

#include <algorithm>
#include <cmath>

namespace macrodyn {

int shells_within(LatticeKind kind, double a, double cutoff) {
  // A box of 2 * (cutoff / a + 2) cells holds every shell within the cutoff as distinct sites.
  const int cells = 2 * static_cast<int>(std::ceil(cutoff / a) + 2);
  const std::array<int, 3> box = {cells, cells, kind == LatticeKind::Square ? 1 : cells};
  for (int shells = 1;; ++shells) {
    const Lattice probe(kind, box, a, shells);
    if (probe.shell_distance(shells - 1) >= cutoff) return shells - 1;
  }
}

EamLatticeModel::EamLatticeModel(const Lattice &lattice, const SetflPotential &potential,
                                 const std::vector<std::string> &species)
    : EnergyModel(lattice), n_species_(species.size()), potential_(potential) {
  n_shells_ = 0;
  while (n_shells_ < lattice.n_shells() && lattice.shell_distance(n_shells_) < potential.cutoff)
    ++n_shells_;
  require(n_shells_ >= 1,
          "no lattice shell lies within the eam/alloy cutoff " + std::to_string(potential.cutoff));
  require(n_shells_ < lattice.n_shells() ||
              shells_within(lattice.kind(), lattice.constant(), potential.cutoff) == n_shells_,
          "the lattice tabulates fewer shells than the eam/alloy cutoff reaches");
  for (const auto &name : species)
    element_of_.push_back(potential.index(name));
  f_.resize(n_shells_ * n_species_);
  phi_.resize(n_shells_ * n_species_ * n_species_);
  for (int s = 0; s < n_shells_; ++s) {
    const double r = lattice.shell_distance(s);
    for (std::size_t a = 0; a < n_species_; ++a) {
      f_[s * n_species_ + a] = potential.density[element_of_[a]](r);
      for (std::size_t b = 0; b < n_species_; ++b)
        phi_[(s * n_species_ + a) * n_species_ + b] =
            potential.pair(element_of_[a], element_of_[b], r);
    }
  }
  drho_.assign(lattice.n_sites(), 0.0);
  marked_.assign(lattice.n_sites(), 0);
}

double EamLatticeModel::dependency_radius() const {
  return 2.0 * lattice_->shell_distance(n_shells_ - 1);
}

double EamLatticeModel::embed(Species s, double rho) const {
  return s == kVacancy ? 0.0 : potential_.embed(element_of_[s], rho);
}

void EamLatticeModel::refresh_embedding(const std::vector<std::size_t> &sites) {
  for (std::size_t i : sites)
    embedded_[i] = embed(species_cache_[i], rho_[i]);
}

void EamLatticeModel::reset(const Configuration &config) {
  require(config.size() == lattice_->n_sites(), "EAM model: configuration size mismatch");
  species_cache_ = config;
  rho_.assign(config.size(), 0.0);
  embedded_.assign(config.size(), 0.0);
  for (std::size_t i = 0; i < config.size(); ++i) {
    for (int s = 0; s < n_shells_; ++s) {
      const SiteIndex *nb = lattice_->neighbours(i, s);
      for (int k = 0; k < lattice_->coordination(s); ++k)
        if (config[nb[k]] != kVacancy) rho_[i] += f_[s * n_species_ + config[nb[k]]];
    }
    embedded_[i] = embed(config[i], rho_[i]);
  }
}

void EamLatticeModel::restore(const Configuration &config, const std::size_t *sites, int n_sites) {
  // Densities of the neighbours of every touched site, summed in reset()'s order.
  std::vector<std::size_t> stale;
  for (int c = 0; c < n_sites; ++c) {
    species_cache_[sites[c]] = config[sites[c]];
    for (int s = 0; s < n_shells_; ++s) {
      const SiteIndex *nb = lattice_->neighbours(sites[c], s);
      stale.insert(stale.end(), nb, nb + lattice_->coordination(s));
    }
  }
  stale.insert(stale.end(), sites, sites + n_sites); // their own embedding species changed
  std::sort(stale.begin(), stale.end());
  stale.erase(std::unique(stale.begin(), stale.end()), stale.end());
  for (std::size_t i : stale) {
    rho_[i] = 0.0;
    for (int s = 0; s < n_shells_; ++s) {
      const SiteIndex *nb = lattice_->neighbours(i, s);
      for (int k = 0; k < lattice_->coordination(s); ++k)
        if (config[nb[k]] != kVacancy) rho_[i] += f_[s * n_species_ + config[nb[k]]];
    }
  }
  refresh_embedding(stale);
}

double EamLatticeModel::total_energy(const Configuration &config) const {
  // From scratch, independent of the cache.
  double e = 0.0;
  for (std::size_t i = 0; i < config.size(); ++i) {
    if (config[i] == kVacancy) continue;
    double rho = 0.0, pair = 0.0;
    for (int s = 0; s < n_shells_; ++s) {
      const SiteIndex *nb = lattice_->neighbours(i, s);
      for (int k = 0; k < lattice_->coordination(s); ++k) {
        const Species b = config[nb[k]];
        if (b == kVacancy) continue;
        rho += f_[s * n_species_ + b];
        pair += phi_[(s * n_species_ + config[i]) * n_species_ + b];
      }
    }
    e += embed(config[i], rho) + 0.5 * pair;
  }
  return e;
}

double EamLatticeModel::delta(const Configuration &config, const std::size_t *changed,
                              const Species *now, int n) const {
  auto species_after = [&](std::size_t site) {
    for (int c = 0; c < n; ++c)
      if (changed[c] == site) return now[c];
    return config[site];
  };
  // Density changes at every neighbour of a changed site, and pair energy changes of its bonds
  // (a bond between two changed sites is visited from both ends: count it once).
  double pair = 0.0;
  touched_.clear();
  for (int c = 0; c < n; ++c) {
    const Species before = config[changed[c]], after = now[c];
    for (int s = 0; s < n_shells_; ++s) {
      const SiteIndex *nb = lattice_->neighbours(changed[c], s);
      const double f_before = before == kVacancy ? 0.0 : f_[s * n_species_ + before];
      const double f_after = after == kVacancy ? 0.0 : f_[s * n_species_ + after];
      for (int k = 0; k < lattice_->coordination(s); ++k) {
        const std::size_t j = nb[k];
        if (!marked_[j]) marked_[j] = 1, touched_.push_back(j);
        drho_[j] += f_after - f_before;
        const Species bj = config[j], aj = species_after(j);
        const double w = std::find(changed, changed + n, j) != changed + n ? 0.5 : 1.0;
        const double old_pair = before == kVacancy || bj == kVacancy
                                    ? 0.0
                                    : phi_[(s * n_species_ + before) * n_species_ + bj];
        const double new_pair = after == kVacancy || aj == kVacancy
                                    ? 0.0
                                    : phi_[(s * n_species_ + after) * n_species_ + aj];
        pair += w * (new_pair - old_pair);
      }
    }
  }
  double embedding = 0.0;
  for (std::size_t j : touched_) {
    embedding += embed(species_after(j), rho_[j] + drho_[j]) - embedded_[j];
  }
  // Changed sites whose own density did not change still change their embedding species.
  for (int c = 0; c < n; ++c)
    if (!marked_[changed[c]])
      embedding += embed(now[c], rho_[changed[c]]) - embedded_[changed[c]];
  for (std::size_t j : touched_)
    drho_[j] = 0.0, marked_[j] = 0;
  return embedding + pair;
}

double EamLatticeModel::flip_delta(const Configuration &config, std::size_t i, Species s) const {
  if (config[i] == s) return 0.0;
  return delta(config, &i, &s, 1);
}

double EamLatticeModel::exchange_delta(const Configuration &config, std::size_t i,
                                       std::size_t j) const {
  if (config[i] == config[j]) return 0.0;
  const std::size_t sites[2] = {i, j};
  const Species now[2] = {config[j], config[i]};
  return delta(config, sites, now, 2);
}

void EamLatticeModel::notify(const Configuration &after, const std::size_t *sites, int n_sites) {
  touched_.clear();
  for (int c = 0; c < n_sites; ++c) {
    const std::size_t i = sites[c];
    const Species before = species_cache_[i], now = after[i];
    if (before == now) continue;
    for (int s = 0; s < n_shells_; ++s) {
      const double df = (now == kVacancy ? 0.0 : f_[s * n_species_ + now]) -
                        (before == kVacancy ? 0.0 : f_[s * n_species_ + before]);
      const SiteIndex *nb = lattice_->neighbours(i, s);
      for (int k = 0; k < lattice_->coordination(s); ++k) {
        rho_[nb[k]] += df;
        touched_.push_back(nb[k]);
      }
    }
    species_cache_[i] = now;
    touched_.push_back(i);
  }
  refresh_embedding(touched_); // repeats only recompute the same value
}

} // namespace macrodyn
