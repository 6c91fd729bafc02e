// Observables: all first-shell SRO parameters of a 10^6-site BCC box (80^3 cells, 1,024,000 sites),
// whole box and whole box + 8 patches. items_per_second counts sites: ns/site = 1e9 / that
// (target <= 5 ns/site).
#include "core/base/random_stream.h"
#include "core/observables/sro_observables.h"

#include <benchmark/benchmark.h>

using namespace macrodyn;

namespace {

struct Box {
  Lattice lattice{LatticeKind::BCC, {80, 80, 80}, 3.24};
  Configuration config;
  Box() : config(lattice.n_sites()) {
    RandomStream rng(5);
    for (auto &s : config)
      s = static_cast<Species>(rng.below(3));
  }
};

const Box &box() {
  static const Box b;
  return b;
}

} // namespace

static void BM_SroFirstShellMillionSites(benchmark::State &state) {
  const Box &b = box();
  SroSpec spec{3, {0}, all_species_pairs(3)};
  for (auto _ : state)
    benchmark::DoNotOptimize(sro_values(spec, count_pairs(b.lattice, b.config, 3, 1), 8));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(b.config.size()));
}
BENCHMARK(BM_SroFirstShellMillionSites)->Unit(benchmark::kMillisecond);

static void BM_SroFirstShellMillionSitesWithPatches(benchmark::State &state) {
  const Box &b = box();
  const PatchTiling tiling(b.lattice, {2, 2, 2});
  SroSpec spec{3, {0}, all_species_pairs(3)};
  for (auto _ : state) {
    const auto patches = count_pairs_by_patch(b.lattice, b.config, 3, 1, tiling);
    const auto all = sum_counts(patches);
    benchmark::DoNotOptimize(sro_values(spec, all, 8));
    for (const auto &p : patches)
      benchmark::DoNotOptimize(sro_patch_values(spec, p, all, 8, 8));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(b.config.size()));
}
BENCHMARK(BM_SroFirstShellMillionSitesWithPatches)->Unit(benchmark::kMillisecond);
