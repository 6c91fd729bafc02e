#pragma once
/// An energy model plus the macro/bias term (macro_bias.h) on the lattice: the fast local path of
/// pair_style macro/bias for lattice KMC/MC. The bias depends on global pair counts, which a move
/// changes only around its sites: the energy change of a move is the inner model's plus the bias
/// energy at the locally updated counts minus the current one (exact; no full recount). Because
/// the bias couples every site to every other, a move changes the bias part of every other move:
/// interaction_shells() is kGlobal.
#include "core/energy/energy_model.h"
#include "core/energy/macro_bias.h"

#include <memory>

namespace macrodyn {

class BiasedEnergyModel : public EnergyModel {
public:
  BiasedEnergyModel(std::unique_ptr<EnergyModel> inner, std::shared_ptr<const MacroBias> bias,
                    int n_species, std::vector<double> target);

  double total_energy(const Configuration &config) const override;
  double flip_delta(const Configuration &config, std::size_t i, Species s) const override;
  double exchange_delta(const Configuration &config, std::size_t i, std::size_t j) const override;
  void notify(const Configuration &after, const std::size_t *sites, int n_sites) override;
  void reset(const Configuration &config) override;
  void restore(const Configuration &config, const std::size_t *sites, int n_sites) override;
  int interaction_shells() const override { return kGlobal; }

  /// A new target z* (the caller then recomputes every rate).
  void set_target(std::vector<double> target);
  /// The bias energy and observables of the current configuration.
  double bias_energy() const { return bias_->energy(counts_, target_); }
  const SmoothCounts &counts() const { return counts_; }

private:
  /// Counts after the sites `changed` take the species `now` (others as in x_).
  SmoothCounts counts_after(const std::size_t *changed, const Species *now, int n) const;
  /// Brings x_ and the counts to `config` at the given sites (repeats allowed).
  void follow(const Configuration &config, const std::size_t *sites, int n);

  std::unique_ptr<EnergyModel> inner_;
  std::shared_ptr<const MacroBias> bias_;
  int n_species_;
  std::vector<double> target_;
  Configuration x_; ///< the configuration the counts belong to
  SmoothCounts counts_;
};

} // namespace macrodyn
