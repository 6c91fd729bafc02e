#pragma once
/// The energy model of a KMC whose rates do not come from energies (learned barriers): every
/// energy and energy change is zero.
#include "core/energy/energy_model.h"

namespace macrodyn {

class NoEnergyModel : public EnergyModel {
public:
  explicit NoEnergyModel(const Lattice &lattice) : EnergyModel(lattice) {}
  double total_energy(const Configuration &) const override { return 0.0; }
  double flip_delta(const Configuration &, std::size_t, Species) const override { return 0.0; }
  double exchange_delta(const Configuration &, std::size_t, std::size_t) const override {
    return 0.0;
  }
  int interaction_shells() const override { return 1; }
};

} // namespace macrodyn
