#pragma once
// A dataset for training tests: a 1D OU process dm = -(m - 0.2)/tau dt + g dW seen through K = 4
// patches (the increment carries 4 times the variance), at two temperatures.
#include "core/base/random_stream.h"
#include "core/io/dataset_file.h"

#include <cmath>
#include <string>

namespace macrodyn::testing {

inline std::string ou_dataset(const std::string &dir, const std::string &energy_model = "",
                              const std::string &name = "dataset.h5") {
  macrodyn::DatasetDescription d;
  d.energy_model = energy_model;
  d.observables = {"magnetization"};
  d.lattice = "sq";
  d.cells = {32, 32, 1};
  d.patch_shape = {2, 2, 1};
  d.sites_per_patch = 256;
  const std::string path = dir + "/" + name;
  macrodyn::DatasetFile file(path, d);
  macrodyn::RandomStream rng(4, {});
  const double dt = 0.1, g = 0.05;
  for (int i = 0; i < 2000; ++i) {
    macrodyn::PartialRecord r;
    r.sample = i;
    r.dt = dt;
    const double m = 0.2 + 0.5 * (rng.uniform_open() - 0.5);
    const double dm = -(m - 0.2) * dt + std::sqrt(4 * dt) * g * rng.normal();
    r.phi0 = r.phi_patch0 = {m};
    r.phi_patch1 = r.increment = {dm};
    file.append(r, {i % 2 ? 2.5 : 2.0, 0.1});
  }
  return path;
}

} // namespace macrodyn::testing
