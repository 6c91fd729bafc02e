#include "core/energy/eam_lattice_model.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

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

namespace {

/// The lattice shells within the cutoff; all of them must be tabulated.
int shells_in_cutoff(const Lattice &lattice, double cutoff) {
  int n = 0;
  while (n < lattice.n_shells() && lattice.shell_distance(n) < cutoff)
    ++n;
  require(n >= 1, "no lattice shell lies within the eam/alloy cutoff " + std::to_string(cutoff));
  require(n < lattice.n_shells() || shells_within(lattice.kind(), lattice.constant(), cutoff) == n,
          "the lattice tabulates fewer shells than the eam/alloy cutoff reaches");
  return n;
}

} // namespace

EamLatticeModel::EamLatticeModel(const Lattice &lattice, const SetflPotential &potential,
                                 const std::vector<std::string> &species)
    : EnergyModel(lattice), n_shells_(shells_in_cutoff(lattice, potential.cutoff)),
      n_species_(species.size()), potential_(potential) {
  require(n_species_ <= kMaxSpecies, "EAM on the lattice: at most " +
                                         std::to_string(kMaxSpecies) + " species");
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
  if (n_shells_ <= ExchangeNeighbourhood::kMaxShells) neighbourhood_.emplace(lattice, n_shells_);
  // Species + 1 indexes the first-shell tables; the vacancy (0) gives no density and no bonds.
  const std::size_t n1 = n_species_ + 1;
  const int S = n_shells_, T = n_shells_ + 1;
  auto density = [&](int shell, std::size_t a1) {
    return shell < S && a1 > 0 ? f_[shell * n_species_ + a1 - 1] : 0.0;
  };
  auto bond = [&](int shell, std::size_t a1, std::size_t b1) {
    return a1 > 0 && b1 > 0 ? phi_[(shell * n_species_ + a1 - 1) * n_species_ + b1 - 1] : 0.0;
  };
  bond_change_.assign(n1 * n1 * S * n1, 0.0);
  drho_table_.assign(n1 * n1 * T * T, 0.0);
  for (std::size_t a1 = 0; a1 < n1; ++a1)
    for (std::size_t b1 = 0; b1 < n1; ++b1) {
      for (int shell = 0; shell < S; ++shell)
        for (std::size_t c1 = 0; c1 < n1; ++c1)
          bond_change_[((a1 * n1 + b1) * S + shell) * n1 + c1] =
              bond(shell, b1, c1) - bond(shell, a1, c1);
      // i turns a -> b, j turns b -> a; a site within reach of both gets i's change plus j's.
      for (int si = 0; si < T; ++si)
        for (int sj = 0; sj < T; ++sj) {
          const double from_i = density(si, b1) - density(si, a1);
          const double from_j = density(sj, a1) - density(sj, b1);
          drho_table_[(a1 * n1 + b1) * T * T + si * T + sj] =
              si < S && sj < S ? from_i + from_j : si < S ? from_i : from_j;
        }
    }
  // Embedding tables: the vacancy's is two rows of zeros, never past its end.
  embedding_values_.reserve(n1); // .value points into these
  embedding_values_.push_back(std::vector<std::array<double, 4>>(2, {0.0, 0.0, 0.0, 0.0}));
  embedding_tables_.push_back({embedding_values_[0].data(), nullptr, 2, 0.0,
                               std::numeric_limits<double>::infinity()});
  for (std::size_t a = 0; a < n_species_; ++a) {
    const TabulatedFunction &F = potential_.embedding[element_of_[a]];
    const auto &rows = F.coefficients();
    auto &values = embedding_values_.emplace_back(rows.size());
    for (std::size_t m = 0; m < rows.size(); ++m)
      values[m] = {rows[m][3], rows[m][4], rows[m][5], rows[m][6]};
    embedding_tables_.push_back({values.data(), rows.data(), static_cast<int>(rows.size()) - 1,
                                 F.reciprocal_step(), (potential_.nrho - 1) * potential_.drho});
  }
}

double EamLatticeModel::beyond_table(const EmbeddingTable &t, double rho, double value) {
  double slope = 0.0;
  TabulatedFunction::interpolate(t.coeff, t.n, t.rdrho, rho, &slope);
  return value + slope * (rho - t.rhomax);
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
  // Densities of every touched site and its neighbours, each summed afresh in reset()'s order
  // (listed once: marked_ is all zero between calls).
  touched_.clear();
  auto list = [&](std::size_t i) {
    if (!marked_[i]) marked_[i] = 1, touched_.push_back(i);
  };
  for (int c = 0; c < n_sites; ++c) {
    species_cache_[sites[c]] = config[sites[c]];
    list(sites[c]); // its own embedding species changed
    for (int s = 0; s < n_shells_; ++s) {
      const SiteIndex *nb = lattice_->neighbours(sites[c], s);
      for (int k = 0; k < lattice_->coordination(s); ++k)
        list(nb[k]);
    }
  }
  for (std::size_t i : touched_) {
    marked_[i] = 0;
    rho_[i] = 0.0;
    for (int s = 0; s < n_shells_; ++s) {
      const SiteIndex *nb = lattice_->neighbours(i, s);
      for (int k = 0; k < lattice_->coordination(s); ++k)
        if (config[nb[k]] != kVacancy) rho_[i] += f_[s * n_species_ + config[nb[k]]];
    }
  }
  refresh_embedding(touched_);
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

double EamLatticeModel::bond_changes(const Configuration &config, const SiteIndex *const *lists,
                                     int skip, Species old, Species now) const {
  const std::size_t n1 = n_species_ + 1;
  const Species *species = config.data();
  double pair = 0.0;
  for (int s = 0; s < n_shells_; ++s) {
    // Indexed by the neighbour's species, the vacancy at -1.
    const double *change = bond_change_.data() + ((old + 1) * n1 + now + 1) * n_shells_ * n1 +
                           s * n1 + 1;
    const SiteIndex *nb = lists[s];
    const int z = lattice_->coordination(s);
    const int skipped = s == 0 ? skip : z;
    for (int k = 0; k < skipped; ++k)
      pair += change[species[nb[k]]];
    for (int k = skipped + 1; k < z; ++k)
      pair += change[species[nb[k]]];
  }
  return pair;
}

double EamLatticeModel::first_shell_exchange_delta(const Configuration &config, std::size_t i,
                                                   std::size_t j, int d) const {
  // The sites whose embedding energy changes come in a fixed pattern (ExchangeNeighbourhood),
  // their density changes from a table: no search, no record of which sites were seen.
  constexpr int kMax = ExchangeNeighbourhood::kMaxShells;
  const Species a = config[i], b = config[j];
  const int S = n_shells_, T = n_shells_ + 1;
  const std::size_t n1 = n_species_ + 1;
  const int basis = lattice_->basis_of(i);
  const SiteIndex *lists[2 * kMax]; // i's shells, then j's
  for (int s = 0; s < S; ++s) {
    lists[s] = lattice_->neighbours(i, s);
    lists[S + s] = lattice_->neighbours(j, s);
  }
  // Bonds of i (a -> b) and of j (b -> a), the i-j bond (unchanged: phi is symmetric) skipped.
  double pair = bond_changes(config, lists, d, a, b);
  pair += bond_changes(config, lists + S, neighbourhood_->reverse(basis, d), b, a);

  const double *drho = drho_table_.data() + ((a + 1) * n1 + b + 1) * T * T;
  const std::vector<ExchangeNeighbourhood::Member> &members = neighbourhood_->members(basis, d);
  const ExchangeNeighbourhood::Member *m = members.data();
  const std::size_t n = members.size();
  const Species *species = config.data();
  auto change = [&](const ExchangeNeighbourhood::Member &member) {
    const SiteIndex site = lists[member.list][member.k];
    return embed(species[site], rho_[site] + drho[member.shells]) - embedded_[site];
  };
  // i and j (members 0 and 1) take each other's species; every other site keeps its own.
  double embedding = embed(b, rho_[i] + drho[m[0].shells]) - embedded_[i] +
                     embed(a, rho_[j] + drho[m[1].shells]) - embedded_[j];
  double more = 0.0; // a second accumulator: two independent chains of additions
  std::size_t k = 2;
  for (; k + 1 < n; k += 2) {
    embedding += change(m[k]);
    more += change(m[k + 1]);
  }
  if (k < n) embedding += change(m[k]);
  embedding += more;
  return embedding + pair;
}

double EamLatticeModel::exchange_delta(const Configuration &config, std::size_t i,
                                       std::size_t j) const {
  const Species a = config[i], b = config[j];
  if (a == b) return 0.0;
  const SiteIndex *first = lattice_->neighbours(i, 0);
  for (int d = 0; neighbourhood_ && d < lattice_->coordination(0); ++d)
    if (first[d] == j) return first_shell_exchange_delta(config, i, j, d);
  const std::size_t changed[2] = {i, j};
  const Species now[2] = {b, a};
  return delta(config, changed, now, 2);
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
