// Cost of one partial-evolution record against simulating the whole box for the same dt, as the
// box grows (2D Ising, J = 1, h = 0.1, T = 2.5, Glauber; patches of 32^2; dt = 1).
// Per record: a snapshot's setup (one KMC over the box, all frozen) is shared by its samples; the
// figure divides it over kSamples samples. The direct cost grows like L^2; the record cost should
// stay flat.
#include "core/base/random_stream.h"
#include "core/drivers/partial_evolution.h"
#include "core/kmc/lattice_kmc.h"

#include <benchmark/benchmark.h>

using namespace macrodyn;

namespace {

constexpr int kSamples = 256;

KmcOptions ising() {
  KmcOptions o;
  o.energy = IsingSpec{{1.0}, 0.1};
  o.kT = 2.5;
  return o;
}

Configuration random_spins(std::size_t n) {
  RandomStream fill(1);
  Configuration x(n);
  for (auto &s : x)
    s = static_cast<Species>(fill.below(10) < 3 ? 1 : 0);
  return x;
}

void BM_PartialRecord(benchmark::State &state) {
  const int L = static_cast<int>(state.range(0));
  PartialEvolution pe(LatticeKind::Square, {L, L, 1}, 1.0, ising(), {L / 32, L / 32, 1});
  pe.set_observables(make_spin_observables(pe.lattice(), pe.tiling()));
  const auto x0 = random_spins(pe.lattice().n_sites());
  PartialEvolutionSettings s;
  s.dt = 1.0;
  s.samples = kSamples;
  std::uint64_t snapshot = 0, events = 0;
  for (auto _ : state)
    pe.sample(x0, snapshot++, s, [&](const PartialRecord &r) { events += r.events; });
  state.counters["us/record"] =
      benchmark::Counter(double(kSamples) * state.iterations(),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["events/record"] = double(events) / (double(kSamples) * state.iterations());
}

void BM_DirectWholeBox(benchmark::State &state) {
  const int L = static_cast<int>(state.range(0));
  const auto x0 = random_spins(static_cast<std::size_t>(L) * L);
  LatticeKmc kmc(LatticeKind::Square, {L, L, 1}, 1.0, x0, ising());
  RandomStream rng(2);
  for (auto _ : state)
    kmc.advance(1.0, UINT64_MAX, rng);
  state.counters["us/run"] = benchmark::Counter(
      double(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

} // namespace

BENCHMARK(BM_PartialRecord)->RangeMultiplier(2)->Range(64, 1024)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DirectWholeBox)->RangeMultiplier(2)->Range(64, 1024)->Unit(benchmark::kMillisecond);
