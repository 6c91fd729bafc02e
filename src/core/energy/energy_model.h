#pragma once
/// Energy models of a lattice configuration. Each gives exact local energy changes of moves without
/// recomputing the whole lattice, and the full energy (for tests and diagnostics).
/// Energies in eV (or the caller's reduced unit, consistently with kT).
#include "core/base/configuration.h"
#include "core/lattice/lattice.h"

#include <cstddef>
#include <limits>

namespace macrodyn {

class EnergyModel {
public:
  virtual ~EnergyModel() = default;

  /// Total energy of config.
  virtual double total_energy(const Configuration &config) const = 0;
  /// Energy change when site i takes species s (spin flip). Models without flips throw.
  virtual double flip_delta(const Configuration &config, std::size_t i, Species s) const = 0;
  /// Energy change when the contents of sites i and j are exchanged (i != j).
  virtual double exchange_delta(const Configuration &config, std::size_t i,
                                std::size_t j) const = 0;

  /// Tells the model that a move happened (models with cached state, e.g. a global magnetization,
  /// update it). `after` is the configuration after the move; sites lists the changed sites.
  virtual void notify(const Configuration &after, const std::size_t *sites, int n_sites) {
    (void)after, (void)sites, (void)n_sites;
  }
  /// Recomputes any cached state from scratch.
  virtual void reset(const Configuration &config) { (void)config; }
  /// The configuration was set back: `sites` lists every site changed since the cache last equalled
  /// reset(config). Afterwards the cache must be bit for bit what reset(config) gives (models with
  /// floating-point caches recompute the affected entries; integer caches just notify).
  virtual void restore(const Configuration &config, const std::size_t *sites, int n_sites) {
    notify(config, sites, n_sites);
  }

  /// Number of neighbour shells a site's energy depends on: after a move at i, energy changes of
  /// moves touching sites within interaction_shells() shells of i may change. A model coupling
  /// every site to every other (Curie-Weiss) returns kGlobal.
  static constexpr int kGlobal = -1;
  virtual int interaction_shells() const = 0;
  /// Distance within which a change at one site can alter the energy change of a move at another
  /// site (infinite for global models). Pair models: the last interaction shell.
  virtual double dependency_radius() const {
    const int shells = interaction_shells();
    return shells == kGlobal ? std::numeric_limits<double>::infinity()
                             : lattice_->shell_distance(shells - 1);
  }
  /// True when flip_delta(config, i, s) depends on i only through config[i] (mean-field models):
  /// a process may then compute one rate per species instead of one per site.
  virtual bool flip_delta_uniform_over_sites() const { return false; }

  const Lattice &lattice() const { return *lattice_; }

protected:
  explicit EnergyModel(const Lattice &lattice) : lattice_(&lattice) {}
  const Lattice *lattice_;
};

} // namespace macrodyn
