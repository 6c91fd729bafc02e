#include "core/kmc/vacancy_exchange_process.h"

#include "core/base/error.h"
#include "core/kmc/rate_law.h"

#include <algorithm>
#include <cmath>

namespace macrodyn {

VacancyExchangeProcess::VacancyExchangeProcess(Configuration &config, EnergyModel &model,
                                               std::vector<double> barriers, double kT, double nu)
    : config_(&config), model_(&model), barriers_(std::move(barriers)), kT_(kT), nu_(nu),
      geometry_(model.lattice()) {
  require(kT > 0, "vacancy exchange needs a temperature > 0");
  require(nu > 0, "vacancy exchange needs an attempt frequency > 0");
  const Lattice &lattice = model.lattice();
  z_ = lattice.coordination(0);
  for (std::size_t i = 0; i < config.size(); ++i) {
    if (config[i] == kVacancy)
      vacancies_.push_back(i);
    else if (config[i] < 0 || static_cast<std::size_t>(config[i]) >= barriers_.size())
      throw Error("site " + std::to_string(i) + " holds species " + std::to_string(config[i]) +
                  ", which has no migration barrier E0");
  }
  // The jump v -> t (t a first-shell neighbour of v) depends on sites within the model's
  // dependency radius of v or of t: within d(1st shell) + that radius of v.
  reach_ = model.dependency_radius() + 1e-6 * lattice.constant();
  outer_ = lattice.shell_distance(0) + reach_;
  model_->reset(config);
}

void VacancyExchangeProcess::set_vacancy_order(const std::vector<std::size_t> &order) {
  vacancies_ = checked_vacancy_order(vacancies_, order);
}

std::size_t VacancyExchangeProcess::target(std::size_t slot) const {
  const std::size_t v = vacancies_[slot / z_];
  return model_->lattice().neighbours(v, 0)[slot % z_];
}

double VacancyExchangeProcess::rate(std::size_t slot) const {
  const std::size_t v = vacancies_[slot / z_];
  const std::size_t t = target(slot);
  const Species x = (*config_)[t];
  if (x == kVacancy || !is_active(v) || (!outbound_ && !is_active(t))) return 0.0;
  const double dE = model_->exchange_delta(*config_, v, t);
  return memo_.get(static_cast<std::uint64_t>(x), dE, [&] { return kra_rate(barriers_[x], dE, kT_, nu_); });
}

void VacancyExchangeProcess::resync(const std::vector<std::size_t> &changed) {
  vacancies_ = vacancies_after_restore(*config_, vacancies_, changed);
}

void VacancyExchangeProcess::execute(std::size_t slot, std::vector<std::size_t> &changed) {
  const std::size_t v = vacancies_[slot / z_];
  const std::size_t t = target(slot);
  std::swap((*config_)[v], (*config_)[t]);
  vacancies_[slot / z_] = t;
  changed.assign({v, t});
  model_->notify(*config_, changed.data(), 2);
}

bool VacancyExchangeProcess::affected_slots(const std::vector<std::size_t> &changed,
                                            std::vector<std::size_t> &slots) const {
  if (std::isinf(reach_)) return false;
  geometry_.jump_slots_near(model_->lattice(), vacancies_, changed, reach_ * reach_,
                            outer_ * outer_, slots);
  return true;
}

} // namespace macrodyn
