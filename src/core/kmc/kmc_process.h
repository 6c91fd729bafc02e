#pragma once
/// The physics side of kinetic Monte Carlo: a fixed set of event slots, each with a rate. The
/// solver (KmcSolver) knows no physics; it asks a process for rates and tells it which slot fired.
/// An optional active set restricts moves to a patch: sites outside it are frozen and read-only,
/// and moves that would touch them are not offered (rate 0).
#include "core/base/configuration.h"
#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/energy/energy_model.h"

#include <cstddef>
#include <vector>

namespace macrodyn {

class KmcProcess {
public:
  virtual ~KmcProcess() = default;

  virtual std::size_t n_slots() const = 0;
  virtual double rate(std::size_t slot) const = 0;
  /// Every rate at once (rates.size() == n_slots()); override when that is cheaper than n calls.
  virtual void all_rates(std::vector<double> &rates) const {
    for (std::size_t s = 0; s < rates.size(); ++s)
      rates[s] = rate(s);
  }
  /// Performs the event of slot on the configuration; writes the changed sites to changed.
  virtual void execute(std::size_t slot, std::vector<std::size_t> &changed) = 0;
  /// Slots whose rates may differ after the given sites changed. Returns false when every slot
  /// may have changed (the caller then recomputes all rates).
  virtual bool affected_slots(const std::vector<std::size_t> &changed,
                              std::vector<std::size_t> &slots) const = 0;

  /// Restricts moves to sites with active[i] != 0; an empty vector means the whole lattice.
  /// With outbound, a move that starts on an active site may end on an inactive one (a vacancy
  /// jumping out of its patch); otherwise every site a move touches must be active.
  void set_active_sites(std::vector<char> active, bool outbound = false) {
    active_ = std::move(active);
    outbound_ = outbound;
  }
  bool is_active(std::size_t site) const { return active_.empty() || active_[site]; }
  /// Marks sites active or frozen (the caller then updates the rates of those sites' moves).
  void set_active(const std::vector<std::size_t> &sites, bool on, std::size_t n_sites) {
    if (active_.empty()) active_.assign(n_sites, 1);
    for (std::size_t i : sites)
      active_[i] = on;
  }
  /// The configuration was set back at `changed` sites to a state the process saw before (see
  /// LatticeKmc::restore): rebuild any per-site bookkeeping exactly as a fresh process would.
  virtual void resync(const std::vector<std::size_t> &changed) { (void)changed; }

  /// Vacancy processes: the vacancy sites in slot order (vacancy v owns a block of slots and
  /// keeps it as it moves, so the order depends on the history). Empty for other processes.
  virtual std::vector<std::size_t> vacancy_order() const { return {}; }
  /// Puts the vacancies in `order`, a permutation of the current vacancy sites (throws Error
  /// otherwise), so that a process rebuilt from a configuration continues the one that wrote the
  /// order slot for slot. The caller then recomputes every rate.
  virtual void set_vacancy_order(const std::vector<std::size_t> &order) {
    require(order.empty(), "this process has no vacancies to order");
  }

protected:
  std::vector<char> active_;
  bool outbound_ = false;
};

} // namespace macrodyn
