#pragma once
/// Rejection-free residence-time kinetic Monte Carlo (n-fold way / BKL): picks the next event with
/// probability rate / total over a sum tree in O(log n), advances time by an exact exponential
/// increment, and recomputes only the rates the process says an event changed.
#include "core/base/random_stream.h"
#include "core/kmc/kmc_process.h"
#include "core/kmc/sum_tree.h"

#include <cstdint>
#include <limits>

namespace macrodyn {

struct KmcClock {
  double time = 0.0;        ///< physical time (1 / unit of the attempt frequency)
  std::uint64_t events = 0; ///< events executed
  double last_dt = 0.0;     ///< residence time of the last executed event
};

class KmcSolver {
public:
  /// Computes every rate of the process once.
  explicit KmcSolver(KmcProcess &process);

  /// Recomputes all rates (after the configuration changed behind the solver's back).
  void refresh();
  double total_rate() const { return tree_.total(); }
  /// Updates the rates the process says may differ after `changed` sites changed (or all).
  void apply_changes(const std::vector<std::size_t> &changed);
  /// While set, every site an event changes is appended to *journal (nullptr: off).
  void set_journal(std::vector<std::size_t> *journal) { journal_ = journal; }

  /// Executes events until the clock passes `until` or max_events were executed, whichever comes
  /// first. An event whose time would pass `until` is not executed and the clock stops at `until`
  /// (exact for a Markov jump process: residence times are memoryless). When no event is possible
  /// (total rate 0) time jumps to `until`. Returns the number of events executed.
  std::uint64_t advance(double until, std::uint64_t max_events, RandomStream &rng, KmcClock &clock);

  static constexpr double kNoHorizon = std::numeric_limits<double>::infinity();

private:
  KmcProcess *process_;
  std::vector<std::size_t> *journal_ = nullptr;
  SumTree tree_;
  std::vector<std::size_t> changed_, slots_;
  std::vector<double> rates_, new_rates_;
};

} // namespace macrodyn
