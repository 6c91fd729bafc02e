#include "core/energy/ising_model.h"

#include "core/base/error.h"

namespace macrodyn {

IsingModel::IsingModel(const Lattice &lattice, std::vector<double> couplings, double field)
    : EnergyModel(lattice), couplings_(std::move(couplings)), field_(field) {
  require(!couplings_.empty(), "Ising model needs at least one coupling J");
  require(static_cast<int>(couplings_.size()) <= lattice.n_shells(),
          "Ising model has " + std::to_string(couplings_.size()) +
              " couplings but the lattice tabulates only " + std::to_string(lattice.n_shells()) +
              " shell(s)");
}

double IsingModel::local_field(const Configuration &config, std::size_t i, std::size_t skip) const {
  double field = field_;
  const int shells = static_cast<int>(couplings_.size());
  for (int s = 0; s < shells; ++s) {
    const SiteIndex *nb = lattice_->neighbours(i, s);
    int sum = 0;
    for (int k = 0; k < lattice_->coordination(s); ++k)
      if (nb[k] != skip) sum += spin_of(config[nb[k]]);
    field += couplings_[s] * sum;
  }
  return field;
}

double IsingModel::total_energy(const Configuration &config) const {
  double pair = 0.0, magnet = 0.0;
  for (std::size_t i = 0; i < config.size(); ++i) {
    const int si = spin_of(config[i]);
    magnet += si;
    for (int s = 0; s < interaction_shells(); ++s) {
      const SiteIndex *nb = lattice_->neighbours(i, s);
      int sum = 0;
      for (int k = 0; k < lattice_->coordination(s); ++k)
        sum += spin_of(config[nb[k]]);
      pair += couplings_[s] * si * sum;
    }
  }
  return -0.5 * pair - field_ * magnet;
}

double IsingModel::flip_delta(const Configuration &config, std::size_t i, Species s) const {
  const int old_spin = spin_of(config[i]), new_spin = spin_of(s);
  if (old_spin == new_spin) return 0.0;
  // The hot path of spin-flip KMC: no site to skip.
  double field = field_;
  const int shells = static_cast<int>(couplings_.size());
  for (int sh = 0; sh < shells; ++sh) {
    const SiteIndex *nb = lattice_->neighbours(i, sh);
    const int z = lattice_->coordination(sh);
    int sum = 0;
    for (int k = 0; k < z; ++k)
      sum += spin_of(config[nb[k]]);
    field += couplings_[sh] * sum;
  }
  return -(new_spin - old_spin) * field;
}

double IsingModel::exchange_delta(const Configuration &config, std::size_t i, std::size_t j) const {
  const int si = spin_of(config[i]), sj = spin_of(config[j]);
  if (si == sj) return 0.0;
  // Site i goes si -> sj and j goes sj -> si; the i-j bond keeps its product and is skipped.
  return -(sj - si) * (local_field(config, i, j) - field_) -
         (si - sj) * (local_field(config, j, i) - field_);
}

} // namespace macrodyn
