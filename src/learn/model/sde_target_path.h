#pragma once
/// The target path z*(t) of pair_style macro/bias from a model.pt: the ensemble mean (or one seeded
/// sample path) of the learned SDE started at the configuration's own macrostate z0, tabulated at
/// `points` times from 0 to `horizon` and interpolated linearly in between.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace macrodyn::learn {

struct TargetPathRequest {
  std::string model;
  std::map<std::string, double> initial;    ///< z0 by observable name (every model observable)
  std::map<std::string, double> conditions; ///< every condition of the model
  double horizon = 0;                        ///< model time units (s or lj)
  int points = 101;
  std::size_t runs = 100; ///< 1 with sample = true
  bool sample = false;    ///< one sample path instead of the mean
  std::uint64_t seed = 1;
};

class TargetPath {
public:
  /// Integrates the model; throws Error naming the model on a missing observable or condition,
  /// closure variables (not available to the bias), or a bad horizon.
  explicit TargetPath(const TargetPathRequest &request);

  const std::vector<std::string> &observables() const { return observables_; }
  /// z*(t) of the named observables, t in model time units since the reference (clamped to
  /// [0, horizon]).
  std::vector<double> at(double t, const std::vector<std::string> &names) const;
  double horizon() const { return times_.back(); }

private:
  std::vector<std::string> observables_;
  std::vector<double> times_;
  std::vector<double> values_; ///< T x D
};

} // namespace macrodyn::learn
