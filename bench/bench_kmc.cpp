// Kinetic Monte Carlo throughput.
//  - NbMoTa-like vacancy exchange on 16^3 BCC cells (8192 sites, 8 vacancies), pair interactions
//    with 2 shells: events/s (target >= 2e6 on one core).
//  - 2D Ising Glauber on 256^2 at T = 2.5: events/s and "site updates/s equivalent" = simulated
//  time
//    x n x nu / wall time, i.e. the attempts a rejection-based Metropolis sweep would need for the
//    same physical time (target >= 2e7).
#include "core/base/random_stream.h"
#include "core/kmc/lattice_kmc.h"

#include <benchmark/benchmark.h>

#include <fstream>

using namespace macrodyn;

static std::string write_pairs_file() {
  const std::string path = "/tmp/macrodyn_bench_nbmota.epi";
  std::ofstream(path) << "species Nb Mo Ta\nshells 2\npair 1 Nb Mo -0.030\npair 1 Mo Ta -0.020\n"
                         "pair 1 Nb Ta 0.005\npair 2 Nb Mo 0.010\npair 2 Nb Nb 0.004\n";
  return path;
}

static void BM_VacancyExchangePairs16(benchmark::State &state) {
  KmcOptions o;
  o.energy = PairFileSpec{write_pairs_file()};
  o.species = {"Nb", "Mo", "Ta"};
  o.move = KmcOptions::Move::VacancyExchange;
  o.barriers = {0.96, 1.29, 1.10};
  o.kT = kBoltzmannEvPerK * 1400;
  o.nu = 1e13;
  const Lattice lattice(LatticeKind::BCC, {16, 16, 16}, 3.24);
  RandomStream fill(1);
  Configuration config(lattice.n_sites());
  for (auto &s : config)
    s = static_cast<Species>(fill.below(3));
  for (int v = 0; v < 8; ++v)
    config[v * 1024] = kVacancy;
  LatticeKmc kmc(LatticeKind::BCC, {16, 16, 16}, 3.24, config, o);
  RandomStream rng(2);
  std::uint64_t events = 0;
  for (auto _ : state)
    events += kmc.advance(INFINITY, 10000, rng);
  state.counters["events/s"] = benchmark::Counter(double(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VacancyExchangePairs16)->Unit(benchmark::kMillisecond);

static void BM_IsingGlauber256(benchmark::State &state) {
  KmcOptions o;
  o.energy = IsingSpec{{1.0}, 0.0};
  o.kT = 2.5;
  const int L = 256;
  RandomStream fill(3);
  Configuration config(L * L);
  for (auto &s : config)
    s = static_cast<Species>(fill.below(2));
  LatticeKmc kmc(LatticeKind::Square, {L, L, 1}, 1.0, config, o);
  RandomStream rng(4);
  std::uint64_t events = 0;
  const double t0 = kmc.clock().time;
  for (auto _ : state)
    events += kmc.advance(INFINITY, 100000, rng);
  state.counters["events/s"] = benchmark::Counter(double(events), benchmark::Counter::kIsRate);
  state.counters["site_updates/s"] =
      benchmark::Counter((kmc.clock().time - t0) * L * L * o.nu, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IsingGlauber256)->Unit(benchmark::kMillisecond);

// EAM on the lattice, 16^3 cells, 8 vacancies: events/s (target >= 2e5 on one core). Two
// potentials: the synthetic Nb/Mo/Ta setfl of the tests (5 A cutoff: 3 BCC shells) and the
// project's Zhou 2004 NbMoTa (6.4 A: 5 shells, 58 neighbours). The vacancies start one per
// octant, two regimes:
// - Dispersed: blocks of 1000 events from that start, the lattice restored after each block
//   (untimed): a jump changes only its own vacancy's rates.
// - Clustered: 20000 events before timing, then the steady state. Both potentials bind vacancies
//   into clusters, and every vacancy within two cutoffs of a jump needs its rates anew (about 37
//   rates per event instead of 8 with the Zhou potential), so this is slower.
#include "support/setfl_writer.h"

#ifndef MACRODYN_SOURCE_DIR
#error "bench/CMakeLists.txt defines MACRODYN_SOURCE_DIR (for potentials/)"
#endif

static void vacancy_exchange_eam(benchmark::State &state, const std::string &eam_file,
                                 bool dispersed) {
  KmcOptions o;
  o.energy = EamFileSpec{eam_file};
  o.species = {"Nb", "Mo", "Ta"};
  o.move = KmcOptions::Move::VacancyExchange;
  o.barriers = {0.96, 1.29, 1.10};
  o.kT = kBoltzmannEvPerK * 1400;
  o.nu = 1e13;
  const double a = 3.24;
  const Lattice lattice(LatticeKind::BCC, {16, 16, 16}, a);
  RandomStream fill(1);
  Configuration config(lattice.n_sites());
  for (auto &s : config)
    s = static_cast<Species>(fill.below(3));
  for (int octant = 0; octant < 8; ++octant)
    config[lattice.site({4 + 8 * (octant & 1), 4 + 4 * (octant & 2), 4 + 2 * (octant & 4)}, 0)] =
        kVacancy;
  LatticeKmc kmc(LatticeKind::BCC, {16, 16, 16}, a, config, o);
  RandomStream rng(2);
  std::uint64_t events = 0;
  if (dispersed) {
    for (auto _ : state) {
      kmc.start_journal();
      events += kmc.advance(INFINITY, 1000, rng);
      state.PauseTiming();
      kmc.restore(config);
      state.ResumeTiming();
    }
  } else {
    kmc.advance(INFINITY, 20000, rng);
    for (auto _ : state)
      events += kmc.advance(INFINITY, 2000, rng);
  }
  state.counters["events/s"] = benchmark::Counter(double(events), benchmark::Counter::kIsRate);
}

static void BM_VacancyExchangeEamSynthetic16(benchmark::State &state, bool dispersed) {
  const std::string path = "/tmp/macrodyn_bench_test.eam.alloy";
  macrodyn::testing::write_test_setfl(path);
  vacancy_exchange_eam(state, path, dispersed);
}
BENCHMARK_CAPTURE(BM_VacancyExchangeEamSynthetic16, dispersed, true)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK_CAPTURE(BM_VacancyExchangeEamSynthetic16, clustered, false)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

static void BM_VacancyExchangeEamZhouNbMoTa16(benchmark::State &state, bool dispersed) {
  vacancy_exchange_eam(state, MACRODYN_SOURCE_DIR "/potentials/NbMoTa.eam.alloy", dispersed);
}
BENCHMARK_CAPTURE(BM_VacancyExchangeEamZhouNbMoTa16, dispersed, true)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK_CAPTURE(BM_VacancyExchangeEamZhouNbMoTa16, clustered, false)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
