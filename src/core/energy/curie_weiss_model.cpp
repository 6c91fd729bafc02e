#include "core/energy/curie_weiss_model.h"

#include "core/base/error.h"

namespace macrodyn {

CurieWeissModel::CurieWeissModel(const Lattice &lattice, double coupling, double field)
    : EnergyModel(lattice), coupling_(coupling), field_(field) {}

double CurieWeissModel::total_energy(const Configuration &config) const {
  long long m = 0;
  for (Species s : config)
    m += spin_of(s);
  const double n = static_cast<double>(config.size());
  return -coupling_ / (2.0 * n) * (static_cast<double>(m) * m - n) - field_ * m;
}

double CurieWeissModel::flip_delta(const Configuration &config, std::size_t i, Species s) const {
  const int old_spin = spin_of(config[i]);
  if (spin_of(s) == old_spin) return 0.0;
  const double n = static_cast<double>(config.size());
  return 2.0 * coupling_ / n * (old_spin * static_cast<double>(magnetization_) - 1.0) +
         2.0 * field_ * old_spin;
}

double CurieWeissModel::exchange_delta(const Configuration &, std::size_t, std::size_t) const {
  return 0.0; // exchanging two spins leaves M, hence E, unchanged
}

void CurieWeissModel::notify(const Configuration &after, const std::size_t *sites, int n_sites) {
  for (int k = 0; k < n_sites; ++k) {
    const int now = spin_of(after[sites[k]]);
    magnetization_ += now - spin_cache_[sites[k]];
    spin_cache_[sites[k]] = now;
  }
}

void CurieWeissModel::reset(const Configuration &config) {
  require(config.size() == lattice_->n_sites(), "Curie-Weiss model: configuration size mismatch");
  spin_cache_.resize(config.size());
  magnetization_ = 0;
  for (std::size_t i = 0; i < config.size(); ++i) {
    spin_cache_[i] = spin_of(config[i]);
    magnetization_ += spin_cache_[i];
  }
}

} // namespace macrodyn
