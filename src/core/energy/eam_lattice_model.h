#pragma once
/// EAM on the ideal lattice: E = sum_i F_{a_i}(rho_i) + sum_{i<j, r_ij < cutoff} phi_{a_i
/// a_j}(r_ij), rho_i = sum_j f_{a_j}(r_ij), with every function read from a LAMMPS eam/alloy file
/// and evaluated as LAMMPS does, at the fixed shell distances. Vacancies carry no density, no
/// embedding and no pair energy. The density of every site is cached and kept current by notify(),
/// so an exchange costs O(sites within two cutoffs), never a full recomputation. First-shell
/// exchanges (vacancy jumps) read which sites they reach from a pattern derived once per lattice
/// (ExchangeNeighbourhood) and their density changes from a table.
#include "core/energy/energy_model.h"
#include "core/energy/setfl_potential.h"
#include "core/lattice/exchange_neighbourhood.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace macrodyn {

/// Number of neighbour shells of `kind` lattices with constant a closer than cutoff.
int shells_within(LatticeKind kind, double a, double cutoff);

class EamLatticeModel : public EnergyModel {
public:
  static constexpr std::size_t kMaxSpecies = 16;
  /// species[k] names the eam/alloy element of species code k. The lattice must tabulate every
  /// shell within the cutoff (shells_within()).
  EamLatticeModel(const Lattice &lattice, const SetflPotential &potential,
                  const std::vector<std::string> &species);
  // embedding_tables_ point into potential_: no copies.
  EamLatticeModel(const EamLatticeModel &) = delete;
  EamLatticeModel &operator=(const EamLatticeModel &) = delete;

  double total_energy(const Configuration &config) const override;
  double flip_delta(const Configuration &config, std::size_t i, Species s) const override;
  double exchange_delta(const Configuration &config, std::size_t i, std::size_t j) const override;
  void notify(const Configuration &after, const std::size_t *sites, int n_sites) override;
  void reset(const Configuration &config) override;
  void restore(const Configuration &config, const std::size_t *sites, int n_sites) override;
  int interaction_shells() const override { return n_shells_; }
  /// A change at c alters densities within one cutoff, whose embedding energies enter moves of
  /// sites one more cutoff away.
  double dependency_radius() const override;

private:
  /// F(rho) of species s (0 for the vacancy), as SetflPotential::embed (LAMMPS's interpolation and
  /// linear extension past the table) from per-species copies of the cubic's value coefficients:
  /// the exchange hot path evaluates it for every site near a jump. No branch but the rare one
  /// past the table: the vacancy has a table of zeros.
  [[gnu::always_inline]] double embed(Species s, double rho) const {
    const EmbeddingTable &t = embedding_tables_[s + 1];
    double p = rho * t.rdrho + 1.0; // TabulatedFunction::interpolate's arithmetic
    const int m = std::max(1, std::min(static_cast<int>(p), t.n - 1));
    p = std::min(p - m, 1.0);
    const double *c = t.value[m].data();
    const double value = ((c[0] * p + c[1]) * p + c[2]) * p + c[3];
    return rho > t.rhomax ? beyond_table(t, rho, value) : value;
  }
  struct EmbeddingTable {
    const std::array<double, 4> *value; ///< rows 1..n - 1: the cubic's coefficients c3..c6
    const std::array<double, 7> *coeff; ///< LAMMPS's rows (for the slope past the table)
    int n;
    double rdrho, rhomax;
  };
  /// LAMMPS extends F linearly past the table with its slope at the last density.
  static double beyond_table(const EmbeddingTable &t, double rho, double value);
  std::vector<EmbeddingTable> embedding_tables_; ///< [species + 1], the vacancy first
  std::vector<std::vector<std::array<double, 4>>> embedding_values_; ///< what .value points to
  /// Recomputes embedded_ at the given sites from the cached species and densities.
  void refresh_embedding(const std::vector<std::size_t> &sites);
  /// exchange_delta of i and its d-th first-shell neighbour j (the KMC hot path).
  double first_shell_exchange_delta(const Configuration &config, std::size_t i, std::size_t j,
                                    int d) const;
  /// Pair-energy change of the bonds of a site whose d-th first-shell bond is skipped, its
  /// neighbours in shell s at lists[s], when its species goes old -> now.
  double bond_changes(const Configuration &config, const SiteIndex *const *lists, int skip,
                      Species old, Species now) const;
  /// Energy change when the species of `changed` sites become `now` (all other sites as config).
  double delta(const Configuration &config, const std::size_t *changed, const Species *now,
               int n) const;

  int n_shells_;
  std::size_t n_species_;
  std::vector<double> f_;   ///< [shell * n_species + a]: density species a gives at shell distance
  std::vector<double> phi_; ///< [(shell * n_species + a) * n_species + b]
  // Tables of the first-shell exchange path, species indexed + 1 (the vacancy at 0; n1 = species
  // + 1, S shells, T = S + 1 shell indices with S meaning "beyond"):
  // bond_change_[((old * n1 + now) * S + shell) * n1 + neighbour]: phi(now, nb) - phi(old, nb);
  // drho_table_[(a * n1 + b) * T * T + si * T + sj]: the density change at a site at shell si
  // from i and sj from j when i (species a) and j (species b) exchange.
  std::vector<double> bond_change_, drho_table_;
  SetflPotential potential_;
  std::vector<std::size_t> element_of_;

  std::vector<double> rho_;                  ///< density at every site (cached)
  std::vector<double> embedded_;             ///< F(rho) of every site as it is (cached)
  Configuration species_cache_;              ///< species as last seen by reset/notify
  mutable std::vector<double> drho_;         ///< scratch, all zero between calls
  mutable std::vector<char> marked_;         ///< scratch, all zero between calls
  mutable std::vector<std::size_t> touched_; ///< scratch
  /// Of first-shell exchanges; empty beyond ExchangeNeighbourhood::kMaxShells shells (every
  /// exchange then takes the general path).
  std::optional<ExchangeNeighbourhood> neighbourhood_;
};

} // namespace macrodyn
