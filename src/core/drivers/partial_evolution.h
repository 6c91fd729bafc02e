#pragma once
/// The partial-evolution scheme (doc/method.md): from a large snapshot x0, draw a patch I
/// uniformly, evolve only its sites for a physical time dt (everything else frozen, moves out of
/// the patch not offered), and record phi(x0), phi_I(x0), phi_I(x1). The training target is z1 =
/// phi(x0) + (phi_I(x1) - phi_I(x0)), an unbiased estimate of phi after the whole box evolved for
/// dt, with K times its variance. Also the "full" mode: the whole box on a time grid, for ground
/// truth with the same observables.
///
/// Random streams are keyed (seed, snapshot id, sample): any split of the work over MPI ranks or
/// threads gives the same records.
#include "core/io/evolution_records.h"
#include "core/kmc/lattice_kmc.h"
#include "core/lattice/patch_tiling.h"
#include "core/observables/observable_set.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace macrodyn {

struct PartialEvolutionSettings {
  double dt = 1.0;                       ///< physical time per sample
  std::uint64_t max_events = UINT64_MAX; ///< cap per sample
  int samples = 1;                       ///< samples per snapshot
  std::uint64_t seed = 1;
  bool store_microstates = false;
  /// Vacancy jumps that start in the patch may end just outside it (then that vacancy is frozen).
  /// Every jump of the full dynamics then belongs to exactly one patch, which keeps the estimator
  /// unbiased to first order in dt; forbidding them (false) drops the border-crossing jumps.
  bool outbound_jumps = true;
};

class PartialEvolution {
public:
  /// The KMC is set up from (kind, cells, a, options) exactly as fix kmc/lattice does.
  PartialEvolution(LatticeKind kind, std::array<int, 3> cells, double a, KmcOptions options,
                   std::array<int, 3> patch_counts);
  ~PartialEvolution();

  const Lattice &lattice() const { return *lattice_; }
  const PatchTiling &tiling() const { return *tiling_; }
  /// The observables; must be set before sampling (make_spin_observables / make_sro_observables
  /// with lattice() and tiling()).
  void set_observables(std::unique_ptr<ObservableSet> observables);
  const ObservableSet &observables() const { return *observables_; }

  /// All samples of one snapshot; each record goes to `sink` as soon as it is complete.
  void sample(const Configuration &x0, std::uint64_t snapshot, const PartialEvolutionSettings &s,
              const std::function<void(const PartialRecord &)> &sink) const;
  /// The samples `which` (indices < s.samples) of one snapshot: the same records as sample()
  /// produces for them, so work can be split over ranks.
  void sample_some(const Configuration &x0, std::uint64_t snapshot,
                   const PartialEvolutionSettings &s, const std::vector<int> &which,
                   const std::function<void(const PartialRecord &)> &sink) const;
  /// Whole-box evolution of x0 recorded at `times` (increasing, > 0), `runs` independent runs.
  void full(const Configuration &x0, std::uint64_t snapshot, const std::vector<double> &times,
            int runs, std::uint64_t seed,
            const std::function<void(const FullRecord &)> &sink) const;
  /// The runs `which` of full(), with identical records.
  void full_some(const Configuration &x0, std::uint64_t snapshot, const std::vector<double> &times,
                 const std::vector<int> &which, std::uint64_t seed,
                 const std::function<void(const FullRecord &)> &sink) const;

private:
  LatticeKind kind_;
  std::array<int, 3> cells_;
  double a_;
  KmcOptions options_;
  std::unique_ptr<Lattice> lattice_;
  std::unique_ptr<PatchTiling> tiling_;
  std::unique_ptr<ObservableSet> observables_;
};

} // namespace macrodyn
