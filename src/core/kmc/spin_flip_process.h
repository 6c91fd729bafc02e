#pragma once
/// Single-spin flips (species 0 <-> 1) with Glauber or Metropolis rates; one slot per site.
#include "core/kmc/kmc_process.h"
#include "core/kmc/rate_law.h"
#include "core/kmc/rate_memo.h"

namespace macrodyn {

class SpinFlipProcess : public KmcProcess {
public:
  /// kT in energy units of the model, nu in 1/time. config must outlive the process.
  SpinFlipProcess(Configuration &config, EnergyModel &model, FlipRule rule, double kT, double nu);

  std::size_t n_slots() const override { return config_->size(); }
  double rate(std::size_t slot) const override;
  void all_rates(std::vector<double> &rates) const override;
  void execute(std::size_t slot, std::vector<std::size_t> &changed) override;
  bool affected_slots(const std::vector<std::size_t> &changed,
                      std::vector<std::size_t> &slots) const override;

private:
  Configuration *config_;
  EnergyModel *model_;
  FlipRule rule_;
  double kT_, nu_;
  int dependent_shells_ = -1; ///< shells of a change whose flip rates change; -1: all rates
  mutable RateMemo memo_;
};

} // namespace macrodyn
