#include "core/energy/macro_bias.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>

namespace macrodyn {

double SwitchingFunction::value(double r) const {
  if (r <= r_on) return 1.0;
  if (r >= r_off) return 0.0;
  const double x = (r - r_on) / (r_off - r_on);
  return 1.0 - x * x * x * (10.0 - 15.0 * x + 6.0 * x * x);
}

double SwitchingFunction::derivative(double r) const {
  if (r <= r_on || r >= r_off) return 0.0;
  const double x = (r - r_on) / (r_off - r_on);
  return -30.0 * x * x * (1.0 - x) * (1.0 - x) / (r_off - r_on);
}

SmoothCounts SmoothCounts::from(const PairCounts &counts) {
  SmoothCounts c(counts.n_species);
  for (int a = 0; a < c.n_species; ++a) {
    c.species[a] = static_cast<double>(counts.species[a]);
    for (int b = 0; b < c.n_species; ++b)
      c.directed[a * c.n_species + b] = static_cast<double>(counts.pairs(0, a, b));
  }
  return c;
}

namespace {

SroSpec first_shell_spec(int n_species) {
  SroSpec spec;
  spec.n_species = n_species;
  spec.shells = {0};
  spec.pairs = all_species_pairs(n_species);
  spec.deltas = true;
  return spec;
}

} // namespace

std::vector<std::string> MacroBias::first_shell_names(const std::vector<std::string> &species) {
  return sro_names(first_shell_spec(static_cast<int>(species.size())), species);
}

MacroBias::MacroBias(const std::vector<std::string> &species,
                     const std::vector<std::string> &observables, std::vector<double> weights,
                     double kappa, int coordination)
    : observables_(observables), weights_(std::move(weights)), kappa_(kappa),
      n_species_(static_cast<int>(species.size())), z_(coordination) {
  require(!observables.empty(), "the bias needs at least one observable");
  require(kappa >= 0, "kappa must be >= 0");
  if (weights_.empty()) weights_.assign(observables.size(), 1.0);
  require(weights_.size() == observables.size(),
          "give one weight per observable (" + std::to_string(observables.size()) + ")");
  const auto names = first_shell_names(species);
  for (const auto &name : observables) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      std::string list;
      for (const auto &n : names)
        list += " " + n;
      throw Error("unknown bias observable '" + name + "' (available:" + list + ")");
    }
    selected_.push_back(static_cast<int>(it - names.begin()));
  }
}

std::vector<double> MacroBias::values(const SmoothCounts &c, std::vector<double> *jacobian) const {
  // The formulas of sro_observables.cpp (evaluate) for shell 0, written for real counts, with
  // their derivatives by the directed counts P_ab.
  const int n = n_species_;
  const auto pairs = all_species_pairs(n);
  double atoms = 0;
  for (double s : c.species)
    atoms += s;
  std::vector<double> out;
  const std::size_t columns = static_cast<std::size_t>(n) * n;
  if (jacobian) jacobian->clear();
  auto row = [&] {
    if (jacobian) jacobian->resize(jacobian->size() + columns, 0.0);
  };
  auto d = [&](int a, int b) -> double & {
    return (*jacobian)[(out.size() - 1) * columns + a * n + b];
  };
  for (auto [a, b] : pairs) { // alpha_ab = 1 - P_ab / (D_a c_b), D_a = sum_b' P_ab'
    double D = 0;
    for (int k = 0; k < n; ++k)
      D += c.directed[a * n + k];
    const double c_b = c.species[b] / atoms;
    const double P = c.directed[a * n + b];
    out.push_back(1.0 - P / (D * c_b));
    row();
    if (jacobian)
      for (int k = 0; k < n; ++k)
        d(a, k) = ((k == b ? -D : 0.0) + P) / (D * D * c_b);
  }
  for (auto [a, b] : pairs) { // delta_ab = P_ab / N_a - z c_b
    out.push_back(c.directed[a * n + b] / c.species[a] - z_ * c.species[b] / atoms);
    row();
    if (jacobian) d(a, b) = 1.0 / c.species[a];
  }
  for (auto [a, b] : pairs) { // count_ab = P_ab
    out.push_back(c.directed[a * n + b]);
    row();
    if (jacobian) d(a, b) = 1.0;
  }
  return out;
}

MacroBias::Evaluation MacroBias::evaluate(const SmoothCounts &counts,
                                          const std::vector<double> &target) const {
  require(counts.n_species == n_species_, "bias counts have the wrong number of species");
  require(target.size() == observables_.size(),
          "the bias target has " + std::to_string(target.size()) + " values, the bias " +
              std::to_string(observables_.size()) + " observables");
  std::vector<double> jacobian;
  const auto all = values(counts, &jacobian);
  Evaluation e;
  double atoms = 0;
  for (double s : counts.species)
    atoms += s;
  const std::size_t columns = static_cast<std::size_t>(n_species_) * n_species_;
  e.dE_dP.assign(columns, 0.0);
  for (std::size_t k = 0; k < selected_.size(); ++k) {
    const double z = all[selected_[k]];
    require(std::isfinite(z), "bias observable " + observables_[k] +
                                  " is undefined (a species it needs is absent)");
    e.z.push_back(z);
    const double diff = z - target[k];
    e.energy += 0.5 * kappa_ * atoms * weights_[k] * diff * diff;
    for (std::size_t col = 0; col < columns; ++col)
      e.dE_dP[col] += kappa_ * atoms * weights_[k] * diff * jacobian[selected_[k] * columns + col];
  }
  return e;
}

double MacroBias::energy(const SmoothCounts &counts, const std::vector<double> &target) const {
  const auto all = values(counts, nullptr);
  double atoms = 0;
  for (double s : counts.species)
    atoms += s;
  double energy = 0;
  for (std::size_t k = 0; k < selected_.size(); ++k) {
    const double diff = all[selected_[k]] - target[k];
    energy += 0.5 * kappa_ * atoms * weights_[k] * diff * diff;
  }
  return energy;
}

} // namespace macrodyn
