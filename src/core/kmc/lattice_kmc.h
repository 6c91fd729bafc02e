#pragma once
/// A ready-to-run lattice kinetic Monte Carlo: lattice + configuration + energy model + move
/// process + BKL solver, assembled from plain options. The one entry point that LAMMPS styles, the
/// partial-evolution driver and the upsampler use.
#include "core/base/configuration.h"
#include "core/energy/energy_model.h"
#include "core/energy/energy_spec.h"
#include "core/kmc/barrier_model.h"
#include "core/kmc/kmc_solver.h"
#include "core/kmc/rate_law.h"
#include "core/lattice/lattice.h"

#include <memory>
#include <string>
#include <vector>

namespace macrodyn {

struct KmcOptions {
  enum class Move { Flip, VacancyExchange };

  /// The energy model (NoEnergySpec only with learned barriers, whose rates need none).
  EnergySpec energy = IsingSpec{};
  std::vector<std::string> species; ///< species names, index = species code

  Move move = Move::Flip;
  FlipRule flip_rule = FlipRule::Glauber;
  std::vector<double> barriers; ///< KRA E0 per species code (vacancy exchange)
  /// Learned barriers (vacancy exchange, BCC; replace KRA when set): the model, the voxel9
  /// encoding's value per species code and radius (length unit of the lattice), and how many
  /// environments to memoize (0: none). See learned_barrier_process.h.
  std::shared_ptr<BarrierModel> learned_barriers;
  std::vector<float> encoding_codes;
  double encoding_radius = 7.5;
  std::size_t barrier_memo = 0;
  /// A macro/bias term added to the energy model (biased_energy_model.h) and its target z*.
  std::shared_ptr<const class MacroBias> bias;
  std::vector<double> bias_target;

  double kT = 1.0; ///< energy units of the model
  double nu = 1.0; ///< attempt frequency, 1/time unit
};

class LatticeKmc {
public:
  /// Builds the lattice with as many shells as the model needs. Throws Error on inconsistent
  /// options (e.g. flips with a vacancy present, exchange without one, missing barriers).
  LatticeKmc(LatticeKind kind, std::array<int, 3> cells, double a, Configuration config,
             const KmcOptions &options);
  ~LatticeKmc();

  /// Restricts moves to a patch (see KmcProcess::set_active_sites); empty = whole lattice.
  void set_active_sites(std::vector<char> active, bool outbound = false);
  /// Freezes (on = false) or activates sites of an active set incrementally: only the moves of
  /// those sites get new rates (an empty active set first becomes "everything active").
  void change_active(const std::vector<std::size_t> &sites, bool on);
  /// Starts recording the sites that events change (restore() undoes them).
  void start_journal();
  /// Sites changed since start_journal() (in event order, with repeats).
  const std::vector<std::size_t> &journal() const { return journal_; }
  /// Sets every site changed since start_journal() back to `x` and brings the model, the process
  /// and the rates to exactly the state a fresh LatticeKmc on `x` (with the same active set) has;
  /// the clock is reset to zero. Cost proportional to the changes, not to the lattice.
  void restore(const Configuration &x);
  /// Advances by `duration` of physical time or max_events events, whichever comes first.
  std::uint64_t advance(double duration, std::uint64_t max_events, RandomStream &rng);

  const Lattice &lattice() const { return *lattice_; }
  const Configuration &configuration() const { return config_; }
  double energy() const { return model_->total_energy(config_); }
  /// Sum of all event rates (the solver's sum tree).
  double total_rate() const;
  /// A new target z* of the bias term (options.bias); every rate is recomputed.
  void set_bias_target(const std::vector<double> &target);
  /// The vacancy sites in slot order (empty without vacancies); set_vacancy_order() on a fresh
  /// LatticeKmc of the same configuration makes it continue this one event for event.
  std::vector<std::size_t> vacancy_order() const { return process_->vacancy_order(); }
  void set_vacancy_order(const std::vector<std::size_t> &order);
  /// The move process (e.g. to read LearnedBarrierProcess::stats()).
  const KmcProcess &process() const { return *process_; }
  KmcClock &clock() { return clock_; }
  const KmcClock &clock() const { return clock_; }

private:
  std::unique_ptr<Lattice> lattice_;
  Configuration config_;
  std::unique_ptr<EnergyModel> model_;
  std::unique_ptr<class VoxelJumpEncoding> encoding_;
  std::unique_ptr<KmcProcess> process_;
  std::unique_ptr<KmcSolver> solver_;
  KmcOptions options_;
  KmcClock clock_;
  std::vector<std::size_t> journal_;
};

} // namespace macrodyn
