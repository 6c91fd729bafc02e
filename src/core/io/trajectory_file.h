#pragma once
/// trajectories.h5: ensembles predicted by `macrodyn predict` (doc/formats/trajectories.md).
/// G initial states (groups), R runs each, T output times, D observables.
#include <cstdint>
#include <string>
#include <vector>

namespace macrodyn {

struct Trajectories {
  std::vector<std::string> observables, conditions;
  std::string time_unit, model;
  std::uint64_t seed = 0;
  double step = 0;                     ///< integration step
  std::vector<double> times;           ///< T, times[0] = 0
  std::vector<std::uint64_t> snapshot; ///< G: snapshot id of the group's initial state
  std::vector<double> condition;       ///< G x C
  std::vector<double> initial;         ///< G x D
  std::size_t runs = 0;                ///< R
  std::vector<double> values;          ///< G x R x T x D
  std::size_t groups() const { return snapshot.size(); }
  double at(std::size_t g, std::size_t r, std::size_t t, std::size_t k) const {
    return values[((g * runs + r) * times.size() + t) * observables.size() + k];
  }
};

void write_trajectories(const std::string &path, const Trajectories &t);
Trajectories read_trajectories(const std::string &path);

} // namespace macrodyn
