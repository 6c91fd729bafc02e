#include "core/drivers/partial_evolution.h"

#include "core/base/error.h"

#include <algorithm>

namespace macrodyn {

PartialEvolution::PartialEvolution(LatticeKind kind, std::array<int, 3> cells, double a,
                                   KmcOptions options, std::array<int, 3> patch_counts)
    : kind_(kind), cells_(cells), a_(a), options_(std::move(options)) {
  // The observables' lattice needs the shells SRO asks for; 2 covers the shipped observables.
  lattice_ = std::make_unique<Lattice>(kind, cells, a, kind == LatticeKind::Square ? 1 : 2);
  tiling_ = std::make_unique<PatchTiling>(*lattice_, patch_counts);
}

PartialEvolution::~PartialEvolution() = default;

void PartialEvolution::set_observables(std::unique_ptr<ObservableSet> observables) {
  observables_ = std::move(observables);
}

void PartialEvolution::sample(const Configuration &x0, std::uint64_t snapshot,
                              const PartialEvolutionSettings &s,
                              const std::function<void(const PartialRecord &)> &sink) const {
  std::vector<int> all(s.samples);
  for (int k = 0; k < s.samples; ++k)
    all[k] = k;
  sample_some(x0, snapshot, s, all, sink);
}

void PartialEvolution::sample_some(const Configuration &x0, std::uint64_t snapshot,
                                   const PartialEvolutionSettings &s, const std::vector<int> &which,
                                   const std::function<void(const PartialRecord &)> &sink) const {
  require(observables_ != nullptr, "partial evolution: no observables set");
  require(s.dt > 0, "partial evolution: dt must be > 0");
  require(s.samples >= 1, "partial evolution: samples must be >= 1");
  const auto phi0 = observables_->box(x0);
  // One KMC for all samples: everything frozen, then per sample the patch is activated, evolved,
  // and the changed sites restored; a sample costs what its patch's events cost (plus the box
  // observables), and the records are exactly those of a fresh KMC per sample.
  LatticeKmc evolving(kind_, cells_, a_, x0, options_);
  evolving.set_active_sites(std::vector<char>(x0.size(), 0), s.outbound_jumps);
  const double K = tiling_->n_patches();
  for (int k : which) {
    require(k >= 0 && k < s.samples, "partial evolution: sample index out of range");
    RandomStream rng(s.seed, {snapshot, static_cast<std::uint64_t>(k)});
    PartialRecord r;
    r.snapshot = snapshot;
    r.sample = k;
    r.patch = static_cast<int>(rng.below(tiling_->n_patches()));
    r.phi0 = phi0;
    r.phi_patch0 = observables_->patch(x0, r.patch);
    const auto &patch_sites = tiling_->sites_of(r.patch);
    evolving.change_active(patch_sites, true);
    evolving.start_journal();
    r.events = evolving.advance(s.dt, s.max_events, rng);
    r.dt = evolving.clock().time;
    const Configuration &x1 = evolving.configuration();
    std::vector<std::size_t> changed = evolving.journal();
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    const auto phi1 = observables_->box_changed(x0, phi0, x1, changed);
    r.phi_patch1 = observables_->patch(x1, r.patch);
    for (std::size_t d = 0; d < phi1.size(); ++d)
      r.increment.push_back(K * (phi1[d] - phi0[d]));
    if (s.store_microstates) {
      for (std::size_t i : patch_sites) {
        r.micro0.push_back(x0[i]);
        r.micro1.push_back(x1[i]);
      }
    }
    evolving.restore(x0);
    evolving.change_active(patch_sites, false);
    sink(r);
  }
}

void PartialEvolution::full(const Configuration &x0, std::uint64_t snapshot,
                            const std::vector<double> &times, int runs, std::uint64_t seed,
                            const std::function<void(const FullRecord &)> &sink) const {
  std::vector<int> all(runs);
  for (int k = 0; k < runs; ++k)
    all[k] = k;
  full_some(x0, snapshot, times, all, seed, sink);
}

void PartialEvolution::full_some(const Configuration &x0, std::uint64_t snapshot,
                                 const std::vector<double> &times, const std::vector<int> &which,
                                 std::uint64_t seed,
                                 const std::function<void(const FullRecord &)> &sink) const {
  require(observables_ != nullptr, "full evolution: no observables set");
  for (int run : which) {
    RandomStream rng(seed, {snapshot, static_cast<std::uint64_t>(run), 0xF011ULL});
    LatticeKmc kmc(kind_, cells_, a_, x0, options_);
    FullRecord r;
    r.snapshot = snapshot;
    r.run = run;
    r.times.push_back(0.0);
    r.phi.push_back(observables_->box(x0));
    for (double t : times) {
      require(t > kmc.clock().time, "full evolution: times must increase");
      kmc.advance(t - kmc.clock().time, UINT64_MAX, rng);
      r.times.push_back(kmc.clock().time);
      r.phi.push_back(observables_->box(kmc.configuration()));
    }
    sink(r);
  }
}

} // namespace macrodyn
