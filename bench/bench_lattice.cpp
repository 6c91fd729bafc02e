// Lattice construction (neighbour tables) and whole-box spin observables.
#include "core/base/random_stream.h"
#include "core/lattice/lattice.h"
#include "core/observables/spin_observables.h"

#include <benchmark/benchmark.h>

static void BM_BuildBccNeighbourTables(benchmark::State &state) {
  const int l = static_cast<int>(state.range(0));
  for (auto _ : state) {
    macrodyn::Lattice lattice(macrodyn::LatticeKind::BCC, {l, l, l}, 3.24, 2);
    benchmark::DoNotOptimize(lattice.n_sites());
  }
  state.counters["sites"] = 2.0 * l * l * l;
}
BENCHMARK(BM_BuildBccNeighbourTables)->Arg(8)->Arg(16)->Unit(benchmark::kMillisecond);

static void BM_SpinObservablesSquare(benchmark::State &state) {
  const int l = static_cast<int>(state.range(0));
  const macrodyn::Lattice lattice(macrodyn::LatticeKind::Square, {l, l, 1}, 1.0);
  macrodyn::RandomStream rng(1);
  std::vector<std::int8_t> spins(lattice.n_sites());
  for (auto &s : spins)
    s = rng.below(2) ? 1 : -1;
  for (auto _ : state)
    benchmark::DoNotOptimize(macrodyn::evaluate_spins(lattice, spins));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(spins.size()));
}
BENCHMARK(BM_SpinObservablesSquare)->Arg(64)->Arg(256);
