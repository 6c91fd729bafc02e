#include "core/kmc/spin_flip_process.h"

#include "core/base/error.h"

namespace macrodyn {

SpinFlipProcess::SpinFlipProcess(Configuration &config, EnergyModel &model, FlipRule rule,
                                 double kT, double nu)
    : config_(&config), model_(&model), rule_(rule), kT_(kT), nu_(nu) {
  require(kT > 0, "spin flips need a temperature > 0");
  require(nu > 0, "spin flips need an attempt frequency > 0");
  for (std::size_t i = 0; i < config.size(); ++i)
    if (config[i] != 0 && config[i] != 1)
      throw Error("spin flips need species 0 or 1 on every site; site " + std::to_string(i) +
                  " has " + std::to_string(config[i]));
  model_->reset(config);
  // The flip energy of k depends on the spins within `shells` shells of k; by symmetry of the
  // shells those k are the neighbours of a changed site. Models coupling every site (Curie-Weiss)
  // or reaching beyond their bonds (EAM: densities of neighbours) need every rate anew.
  const int shells = model_->interaction_shells();
  const Lattice &lattice = model_->lattice();
  if (shells != EnergyModel::kGlobal &&
      model_->dependency_radius() <= lattice.shell_distance(shells - 1) * (1 + 1e-9))
    dependent_shells_ = shells;
}

double SpinFlipProcess::rate(std::size_t i) const {
  if (!is_active(i)) return 0.0;
  const double dE = model_->flip_delta(*config_, i, 1 - (*config_)[i]);
  return memo_.get(0, dE, [&] { return flip_rate(rule_, dE, kT_, nu_); });
}

void SpinFlipProcess::all_rates(std::vector<double> &rates) const {
  if (!model_->flip_delta_uniform_over_sites()) return KmcProcess::all_rates(rates);
  // Mean-field models: one rate per species, computed at a representative site of each.
  double per_species[2] = {-1.0, -1.0};
  for (std::size_t i = 0; i < rates.size(); ++i) {
    const Species s = (*config_)[i];
    if (per_species[s] < 0)
      per_species[s] = flip_rate(rule_, model_->flip_delta(*config_, i, 1 - s), kT_, nu_);
    rates[i] = is_active(i) ? per_species[s] : 0.0;
  }
}

void SpinFlipProcess::execute(std::size_t i, std::vector<std::size_t> &changed) {
  (*config_)[i] = 1 - (*config_)[i];
  changed.assign(1, i);
  model_->notify(*config_, &i, 1);
}

bool SpinFlipProcess::affected_slots(const std::vector<std::size_t> &changed,
                                     std::vector<std::size_t> &slots) const {
  if (dependent_shells_ < 0) return false;
  const Lattice &lattice = model_->lattice();
  slots.clear();
  for (std::size_t c : changed) {
    slots.push_back(c);
    for (int s = 0; s < dependent_shells_; ++s)
      slots.insert(slots.end(), lattice.neighbours(c, s),
                   lattice.neighbours(c, s) + lattice.coordination(s));
  }
  return true;
}

} // namespace macrodyn
