#pragma once
/// Vacancy-mediated diffusion: a vacancy exchanges with a first-shell neighbour atom of species X
/// with the KRA rate nu exp(-(E0[X] + dE/2)/kT). Slots: (vacancy index, neighbour k),
/// vacancy-major. Vacancy-vacancy exchanges are not offered.
#include "core/kmc/kmc_process.h"
#include "core/kmc/rate_memo.h"
#include "core/lattice/vacancy_geometry.h"

#include <array>

namespace macrodyn {

class VacancyExchangeProcess : public KmcProcess {
public:
  /// barriers[X] is E0 of migrating species X (energy units of the model); kT > 0; nu in 1/time.
  VacancyExchangeProcess(Configuration &config, EnergyModel &model, std::vector<double> barriers,
                         double kT, double nu);

  std::size_t n_slots() const override { return vacancies_.size() * z_; }
  double rate(std::size_t slot) const override;
  void execute(std::size_t slot, std::vector<std::size_t> &changed) override;
  bool affected_slots(const std::vector<std::size_t> &changed,
                      std::vector<std::size_t> &slots) const override;

  /// Vacancies in increasing site order, as the constructor lists them.
  void resync(const std::vector<std::size_t> &changed) override;
  /// Current vacancy sites, in a fixed order (vacancy v keeps its index as it moves).
  const std::vector<std::size_t> &vacancies() const { return vacancies_; }
  /// The site a slot's jump lands on, and the vacancy it moves.
  std::size_t target(std::size_t slot) const;

  std::vector<std::size_t> vacancy_order() const override { return vacancies_; }
  void set_vacancy_order(const std::vector<std::size_t> &order) override;

private:
  Configuration *config_;
  EnergyModel *model_;
  std::vector<double> barriers_;
  double kT_, nu_;
  int z_;
  double reach_; // a changed site within this distance of v or t may change the rate of v -> t
  double outer_; // ... so only vacancies within reach_ + first-shell distance can be affected
  std::vector<std::size_t> vacancies_;
  VacancyGeometry geometry_;
  mutable RateMemo memo_;
};

} // namespace macrodyn
