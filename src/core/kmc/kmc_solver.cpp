#include "core/kmc/kmc_solver.h"

#include <cmath>

namespace macrodyn {

KmcSolver::KmcSolver(KmcProcess &process) : process_(&process) {
  refresh();
}

void KmcSolver::refresh() {
  rates_.resize(process_->n_slots());
  process_->all_rates(rates_);
  if (tree_.size() != rates_.size()) tree_.reset(rates_.size());
  tree_.assign(rates_);
}

std::uint64_t KmcSolver::advance(double until, std::uint64_t max_events, RandomStream &rng,
                                 KmcClock &clock) {
  std::uint64_t done = 0;
  while (done < max_events) {
    const double total = tree_.total();
    if (!(total > 0.0)) {
      // Nothing can happen: the configuration sits still until the horizon (if there is one).
      if (std::isfinite(until)) clock.time = std::max(clock.time, until);
      break;
    }
    const double dt = -std::log(rng.uniform_open()) / total;
    if (clock.time + dt > until) {
      clock.time = until;
      break;
    }
    const std::size_t slot = tree_.find(rng.uniform_open() * total);
    process_->execute(slot, changed_);
    clock.time += dt;
    clock.last_dt = dt;
    ++clock.events;
    ++done;
    if (journal_) journal_->insert(journal_->end(), changed_.begin(), changed_.end());
    apply_changes(changed_);
  }
  return done;
}

void KmcSolver::apply_changes(const std::vector<std::size_t> &changed) {
  if (process_->affected_slots(changed, slots_)) {
    new_rates_.resize(slots_.size());
    for (std::size_t k = 0; k < slots_.size(); ++k)
      new_rates_[k] = process_->rate(slots_[k]);
    tree_.set_many(slots_, new_rates_);
  } else {
    refresh();
  }
}

} // namespace macrodyn
