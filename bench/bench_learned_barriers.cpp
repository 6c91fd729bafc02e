// Events per second of lattice KMC with learned barriers: the published NbMoTa NNK model
// (../shared/data/nnk/nbmota_nnk_barrier.pt, or $MACRODYN_NNK_DIR) on random equimolar BCC
// alloys with one vacancy per 1024 atoms at 2000 K, one thread, through TorchScript (native 0) and
// through the native ReLU network read from it (native 1). Targets: >= 2e4 events/s for 1024 and
// 8192 atoms (issue 9), >= 1e5 at 8192 atoms (issue 23). Without the model files the benchmark
// says so and skips. A/B in one run on a noisy machine:
//   bench_learned_barriers --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
#include "core/base/random_stream.h"
#include "core/kmc/lattice_kmc.h"
#include "core/kmc/learned_barrier_process.h"
#include "learn/model/cpu_threads.h"
#include "learn/model/torch_barrier_model.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>

using namespace macrodyn;

namespace {

std::string model_path() {
  const char *dir = std::getenv("MACRODYN_NNK_DIR");
  return std::string(dir ? dir : MACRODYN_DEFAULT_NNK_DIR) + "/nbmota_nnk_barrier.pt";
}

void BM_LearnedBarrierKmc(benchmark::State &state) {
  const int L = static_cast<int>(state.range(0));
  const std::size_t memo = static_cast<std::size_t>(state.range(1));
  const auto evaluator = state.range(2) ? BarrierEvaluator::Auto : BarrierEvaluator::Torch;
  const auto path = model_path();
  if (!std::ifstream(path).good()) {
    state.SkipWithError(("published NNK model absent: " + path).c_str());
    return;
  }
  macrodyn::learn::set_cpu_threads(1);
  const Lattice lattice(LatticeKind::BCC, {L, L, L}, 3.24);
  Configuration x(lattice.n_sites());
  RandomStream rng(1, {});
  for (std::size_t i = 0; i < x.size(); ++i)
    x[i] = static_cast<Species>(i % 3);
  for (std::size_t k = x.size(); k > 1; --k)
    std::swap(x[k - 1], x[rng.below(k)]);
  for (std::size_t v = 0; v < x.size() / 1024; ++v)
    x[v * 1024] = kVacancy;
  KmcOptions o;
  o.energy = NoEnergySpec{};
  o.move = KmcOptions::Move::VacancyExchange;
  const auto loaded = load_barrier_model(path, 729, evaluator);
  if (state.range(2) && !dynamic_cast<const ReluMlpBarrierModel *>(loaded.model.get())) {
    state.SkipWithError(("no native evaluation: " + loaded.evaluator).c_str());
    return;
  }
  o.learned_barriers = loaded.model;
  o.encoding_codes = {1, 2, 3};
  o.barrier_memo = memo;
  o.kT = kBoltzmannEvPerK * 2000;
  o.nu = 1e13;
  LatticeKmc kmc(LatticeKind::BCC, {L, L, L}, 3.24, x, o);
  RandomStream events(2, {});
  kmc.advance(INFINITY, 1000, events); // warm up
  std::uint64_t n = 0;
  for (auto _ : state)
    n += kmc.advance(INFINITY, 1000, events);
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
  const auto &stats = dynamic_cast<const LearnedBarrierProcess &>(kmc.process()).stats();
  state.counters["memo_hit_fraction"] =
      double(stats.memo_hits) /
      double(std::max<std::uint64_t>(1, stats.memo_hits + stats.evaluations));
  // Network evaluations (batches of a vacancy's 8 jumps) per event: the work the model does.
  state.counters["evaluations/event"] =
      double(stats.evaluations) / double(std::max<std::uint64_t>(1, n + 1000));
  state.counters["atoms"] = double(lattice.n_sites());
}

} // namespace

BENCHMARK(BM_LearnedBarrierKmc)
    ->ArgNames({"L", "memo", "native"})
    ->Args({8, 65536, 0})
    ->Args({8, 65536, 1})
    ->Args({16, 0, 0})
    ->Args({16, 0, 1})
    ->Args({16, 65536, 0})
    ->Args({16, 65536, 1})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
