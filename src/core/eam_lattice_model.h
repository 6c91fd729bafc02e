#pragma once
/// EAM on the ideal lattice: E = sum_i F_{a_i}(rho_i) + sum_{i<j, r_ij < cutoff} phi_{a_i
/// a_j}(r_ij), rho_i = sum_j f_{a_j}(r_ij), with every function read from a LAMMPS eam/alloy file
/// and evaluated as LAMMPS does, at the fixed shell distances. Vacancies carry no density, no
/// embedding and no pair energy. The density of every site is cached and kept current by notify(),
/// so an exchange costs O(sites within two cutoffs), never a full recomputation.
#include "energy_model.h"
#include "setfl_potential.h"

#include <cstdint>

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
  /// linear extension past the table) from a flat per-species copy of what it reads: the exchange
  /// hot path evaluates it for every site near a jump.
  double embed(Species s, double rho) const {
    if (s == kVacancy) return 0.0;
    const EmbeddingTable &t = embedding_tables_[s];
    const bool beyond = rho > t.rhomax;
    double slope = 0.0;
    const double value =
        TabulatedFunction::interpolate(t.coeff, t.n, t.rdrho, rho, beyond ? &slope : nullptr);
    return beyond ? value + slope * (rho - t.rhomax) : value;
  }
  struct EmbeddingTable {
    const std::array<double, 7> *coeff;
    int n;
    double rdrho, rhomax;
  };
  std::vector<EmbeddingTable> embedding_tables_; ///< per species code
  /// Recomputes embedded_ at the given sites from the cached species and densities.
  void refresh_embedding(const std::vector<std::size_t> &sites);
  /// Energy change when the species of `changed` sites become `now` (all other sites as config).
  double delta(const Configuration &config, const std::size_t *changed, const Species *now,
               int n) const;

  int n_shells_;
  std::size_t n_species_;
  std::vector<double> f_;   ///< [shell * n_species + a]: density species a gives at shell distance
  std::vector<double> phi_; ///< [(shell * n_species + a) * n_species + b]
  /// The same with a leading zero row/column for the vacancy (index species + 1), for the
  /// exchange hot path: f_padded_[shell * (n + 1) + a + 1], phi_padded_[(shell * (n + 1) + a + 1)
  /// * (n + 1) + b + 1].
  std::vector<double> f_padded_, phi_padded_;
  SetflPotential potential_;
  std::vector<std::size_t> element_of_;

  std::vector<double> rho_;                  ///< density at every site (cached)
  std::vector<double> embedded_;             ///< F(rho) of every site as it is (cached)
  Configuration species_cache_;              ///< species as last seen by reset/notify
  mutable std::vector<double> drho_;         ///< scratch, all zero between calls
  mutable std::vector<char> marked_;         ///< scratch, all zero between calls
  mutable std::vector<std::size_t> touched_; ///< scratch
  // Scratch of exchange_delta: the sites whose density changes, listed once each (room for the
  // neighbours of both sites). A site is listed in the current call when stamp_[site] ==
  // generation_; its density change is then exchange_drho_[site].
  mutable std::vector<std::uint32_t> stamp_;
  mutable std::uint32_t generation_ = 0;
  mutable std::vector<double> exchange_drho_;
  mutable std::vector<std::size_t> listed_;
};

} // namespace macrodyn
