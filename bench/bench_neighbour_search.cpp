// The O(N) pass of a partial force computation: the neighbours of 50 centres among N points (LJ
// density 0.8, cutoff 2.5), grid included, against N.
#include "core/base/random_stream.h"
#include "core/md/neighbour_search.h"

#include <benchmark/benchmark.h>

#include <cmath>

namespace {

struct Cloud {
  std::vector<double> xyz;
  std::vector<std::int32_t> ids;
  std::vector<std::size_t> centres;
};

Cloud cloud(std::size_t n) {
  macrodyn::RandomStream rng(1);
  const double box = std::cbrt(n / 0.8);
  Cloud c;
  for (std::size_t i = 0; i < n; ++i) {
    for (int d = 0; d < 3; ++d)
      c.xyz.push_back(box * rng.uniform_open());
    c.ids.push_back(static_cast<std::int32_t>(i + 1));
  }
  for (int k = 0; k < 50; ++k)
    c.centres.push_back(rng.below(n));
  return c;
}

void BM_NeighbourSearch(benchmark::State &state) {
  const auto c = cloud(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    macrodyn::NeighbourSearch search(c.xyz.data(), c.ids.size(), c.ids.data(), 2.5);
    benchmark::DoNotOptimize(search.around(c.centres, 2.5 * 2.5).data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_NeighbourSearch)
    ->Arg(800)
    ->Arg(6400)
    ->Arg(51200)
    ->Arg(307200)
    ->Unit(benchmark::kMicrosecond);

// With the box given (as LAMMPS's subdomain + ghost cutoff): no bounding-box pass.
void BM_NeighbourSearchKnownBox(benchmark::State &state) {
  const auto c = cloud(static_cast<std::size_t>(state.range(0)));
  const double box = std::cbrt(state.range(0) / 0.8), lo[3] = {0, 0, 0}, hi[3] = {box, box, box};
  for (auto _ : state) {
    macrodyn::NeighbourSearch search(c.xyz.data(), c.ids.size(), c.ids.data(), 2.5, lo, hi);
    benchmark::DoNotOptimize(search.around(c.centres, 2.5 * 2.5).data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_NeighbourSearchKnownBox)
    ->Arg(800)
    ->Arg(51200)
    ->Arg(307200)
    ->Unit(benchmark::kMicrosecond);

} // namespace
