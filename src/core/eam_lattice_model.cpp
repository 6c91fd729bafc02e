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
  require(n_species_ <= kMaxSpecies, "EAM on the lattice: at most " +
                                         std::to_string(kMaxSpecies) + " species");
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
  const std::size_t n1 = n_species_ + 1;
  f_padded_.assign(n_shells_ * n1, 0.0);
  phi_padded_.assign(n_shells_ * n1 * n1, 0.0);
  for (int s = 0; s < n_shells_; ++s)
    for (std::size_t a = 0; a < n_species_; ++a) {
      f_padded_[s * n1 + a + 1] = f_[s * n_species_ + a];
      for (std::size_t b = 0; b < n_species_; ++b)
        phi_padded_[(s * n1 + a + 1) * n1 + b + 1] = phi_[(s * n_species_ + a) * n_species_ + b];
    }
  for (std::size_t a = 0; a < n_species_; ++a) {
    const TabulatedFunction &F = potential_.embedding[element_of_[a]];
    embedding_tables_.push_back({F.coefficients().data(),
                                 static_cast<int>(F.coefficients().size()) - 1,
                                 F.reciprocal_step(), (potential_.nrho - 1) * potential_.drho});
  }
  stamp_.assign(lattice.n_sites(), 0);
  exchange_drho_.assign(lattice.n_sites(), 0.0);
  int neighbours = 0;
  for (int s = 0; s < n_shells_; ++s)
    neighbours += lattice.coordination(s);
  listed_.assign(2 * neighbours + 2, 0);
}

double EamLatticeModel::dependency_radius() const {
  return 2.0 * lattice_->shell_distance(n_shells_ - 1);
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
  const Species a = config[i], b = config[j];
  if (a == b) return 0.0;
  // The hot path of vacancy KMC (the general delta() gives the same energy; tests compare both
  // with full-lattice energies). One pass over the neighbours of i, then of j: density changes
  // listed once per site, pair changes bond by bond; then the embedding change of every listed
  // site. The i-j bond keeps its energy (phi is symmetric) and is skipped.
  if (++generation_ == 0) { // wrapped: forget every stamp
    std::fill(stamp_.begin(), stamp_.end(), 0);
    generation_ = 1;
  }
  std::size_t *const listed = listed_.data();
  std::size_t n_listed = 0;
  double *const drho = exchange_drho_.data();
  std::uint32_t *const stamp = stamp_.data();
  const std::uint32_t generation = generation_;
  for (const std::size_t site : {i, j}) {
    stamp[site] = generation;
    drho[site] = 0.0;
    listed[n_listed++] = site;
  }
  const std::size_t n1 = n_species_ + 1;
  // Site `from` changes species old -> now; `other` is the exchange partner. Returns the pair
  // energy change of from's bonds. Accumulates in locals: through the captured references every
  // += would go through memory (the stores to drho and listed may alias them).
  auto pass = [&, drho, stamp, listed, generation](std::size_t from, std::size_t other, Species old,
                                                   Species now, std::size_t &count) {
    std::size_t n = count;
    double pair = 0.0;
    for (int s = 0; s < n_shells_; ++s) {
      const double df = f_padded_[s * n1 + now + 1] - f_padded_[s * n1 + old + 1];
      const double *phi_now = phi_padded_.data() + (s * n1 + now + 1) * n1 + 1;
      const double *phi_old = phi_padded_.data() + (s * n1 + old + 1) * n1 + 1;
      double dphi[kMaxSpecies + 1]; // indexed by the neighbour's species, vacancy at -1
      for (std::size_t c = 0; c < n1; ++c)
        dphi[c] = phi_now[static_cast<int>(c) - 1] - phi_old[static_cast<int>(c) - 1];
      const SiteIndex *nb = lattice_->neighbours(from, s);
      const int z = lattice_->coordination(s);
      for (int k = 0; k < z; ++k) {
        const std::size_t site = nb[k];
        if (stamp[site] != generation) {
          stamp[site] = generation;
          drho[site] = df;
          listed[n++] = site;
        } else {
          drho[site] += df;
        }
        pair += site != other ? dphi[config[site] + 1] : 0.0;
      }
    }
    count = n;
    return pair;
  };
  double pair = pass(i, j, a, b, n_listed);
  pair += pass(j, i, b, a, n_listed);
  // Embedding: i and j (listed first) change species; every other listed site keeps its own.
  double embedding = embed(b, rho_[i] + drho[i]) - embedded_[i] +
                     embed(a, rho_[j] + drho[j]) - embedded_[j];
  double more = 0.0; // a second accumulator: two independent chains of additions
  std::size_t k = 2;
  for (; k + 1 < n_listed; k += 2) {
    const std::size_t s0 = listed[k], s1 = listed[k + 1];
    embedding += embed(config[s0], rho_[s0] + drho[s0]) - embedded_[s0];
    more += embed(config[s1], rho_[s1] + drho[s1]) - embedded_[s1];
  }
  if (k < n_listed)
    embedding += embed(config[listed[k]], rho_[listed[k]] + drho[listed[k]]) -
                 embedded_[listed[k]];
  embedding += more;
  return embedding + pair;
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
