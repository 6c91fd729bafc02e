#include "core/kmc/lattice_kmc.h"

#include "core/base/error.h"
#include "core/energy/biased_energy_model.h"
#include "core/kmc/learned_barrier_process.h"
#include "core/kmc/spin_flip_process.h"
#include "core/kmc/vacancy_exchange_process.h"

#include <algorithm>

namespace macrodyn {
LatticeKmc::LatticeKmc(LatticeKind kind, std::array<int, 3> cells, double a, Configuration config,
                       const KmcOptions &options)
    : config_(std::move(config)), options_(options) {
  require(options.kT > 0, "temperature must be > 0");
  require(options.nu > 0, "attempt frequency must be > 0");
  const auto energy = prepare(options.energy, {options.species, kind, a});
  lattice_ = std::make_unique<Lattice>(kind, cells, a, energy->shells());
  require(config_.size() == lattice_->n_sites(),
          "configuration has " + std::to_string(config_.size()) + " sites, the lattice " +
              std::to_string(lattice_->n_sites()));
  model_ = energy->build(*lattice_);
  if (options.bias) {
    require(has_energy(options.energy) && !options.learned_barriers,
            "a bias term needs an energy model (learned barriers have none)");
    const int n_species = options.species.empty() ? 2 : static_cast<int>(options.species.size());
    model_ = std::make_unique<BiasedEnergyModel>(std::move(model_), options.bias, n_species,
                                                 options.bias_target);
  }
  const bool has_vacancy = std::count(config_.begin(), config_.end(), kVacancy) > 0;
  if (options.move == KmcOptions::Move::Flip) {
    require(!options.learned_barriers, "learned barriers are for vacancy exchange, not spin flips");
    require(has_energy(options.energy), "spin flips need an energy model");
    require(!has_vacancy, "spin flips do not work with vacancies; use vacancy exchange");
    process_ = std::make_unique<SpinFlipProcess>(config_, *model_, options.flip_rule, options.kT,
                                                 options.nu);
  } else if (options.learned_barriers) {
    require(has_vacancy, "vacancy exchange needs at least one vacancy on the lattice");
    for (Species s : config_)
      require(s == kVacancy || (s >= 0 && static_cast<std::size_t>(s) < options.encoding_codes.size()),
              "learned barriers: species " + std::to_string(int(s)) + " has no encoding code");
    encoding_ = std::make_unique<VoxelJumpEncoding>(*lattice_, options.encoding_codes,
                                                    options.encoding_radius);
    process_ = std::make_unique<LearnedBarrierProcess>(config_, *lattice_, *encoding_,
                                                       *options.learned_barriers, options.kT,
                                                       options.nu, options.barrier_memo);
  } else {
    require(has_energy(options.energy),
            "vacancy exchange with KRA barriers needs an energy model");
    require(has_vacancy, "vacancy exchange needs at least one vacancy on the lattice");
    process_ = std::make_unique<VacancyExchangeProcess>(config_, *model_, options.barriers,
                                                        options.kT, options.nu);
  }
  solver_ = std::make_unique<KmcSolver>(*process_);
}

LatticeKmc::~LatticeKmc() = default;

void LatticeKmc::set_active_sites(std::vector<char> active, bool outbound) {
  require(active.empty() || active.size() == config_.size(), "active-site mask has wrong size");
  process_->set_active_sites(std::move(active), outbound);
  solver_->refresh();
}

void LatticeKmc::change_active(const std::vector<std::size_t> &sites, bool on) {
  process_->set_active(sites, on, config_.size());
  solver_->apply_changes(sites);
}

void LatticeKmc::set_vacancy_order(const std::vector<std::size_t> &order) {
  process_->set_vacancy_order(order);
  solver_->refresh();
}

void LatticeKmc::set_bias_target(const std::vector<double> &target) {
  auto *biased = dynamic_cast<BiasedEnergyModel *>(model_.get());
  require(biased != nullptr, "this KMC has no bias term");
  biased->set_target(target);
  solver_->refresh();
}

double LatticeKmc::total_rate() const {
  return solver_->total_rate();
}

void LatticeKmc::start_journal() {
  journal_.clear();
  solver_->set_journal(&journal_);
}

void LatticeKmc::restore(const Configuration &x) {
  require(x.size() == config_.size(), "restore: configuration size mismatch");
  solver_->set_journal(nullptr);
  std::sort(journal_.begin(), journal_.end());
  journal_.erase(std::unique(journal_.begin(), journal_.end()), journal_.end());
  for (std::size_t i : journal_)
    config_[i] = x[i];
  model_->restore(config_, journal_.data(), static_cast<int>(journal_.size()));
  process_->resync(journal_);
  solver_->apply_changes(journal_);
  journal_.clear();
  clock_ = KmcClock{};
}

std::uint64_t LatticeKmc::advance(double duration, std::uint64_t max_events, RandomStream &rng) {
  return solver_->advance(clock_.time + duration, max_events, rng, clock_);
}

} // namespace macrodyn
