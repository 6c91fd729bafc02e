#include "core/io/dataset_reader.h"

#include "core/base/error.h"
#include "core/io/hdf5_file_reader.h"

#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <fstream>

namespace macrodyn {

DatasetCounts count_records(const std::string &path) {
  const hdf5::FileReader r(path, "dataset");
  require(r.has_attribute("format") && r.string("format") == "macrodyn-dataset",
          "'" + path + "' is not a macrodyn dataset (no format = macrodyn-dataset attribute)");
  DatasetCounts c;
  c.partial = r.shape("/partial/dt").first;
  c.full = r.shape("/full/run").first;
  c.times = r.shape("/full/times").second;
  if (r.has_link("/snapshots")) c.snapshots = r.shape("/snapshots/id").first;
  return c;
}

DatasetContents read_dataset(const std::string &path, bool microstates) {
  const hdf5::FileReader r(path, "dataset");
  require(r.has_attribute("format") && r.string("format") == "macrodyn-dataset",
          "'" + path + "' is not a macrodyn dataset (no format = macrodyn-dataset attribute)");
  const int version = r.ints("format_version").at(0);
  require(version == 1, "dataset '" + path + "' has format_version " + std::to_string(version) +
                            "; this MACRODYN reads version 1");
  DatasetContents c;
  c.path = path;
  c.observables = r.strings("observables");
  c.conditions = r.strings("conditions");
  c.species = r.strings("species");
  c.lattice = r.string("lattice");
  c.time_unit = r.string("time_unit");
  if (r.has_attribute("energy_model")) c.energy_model = r.string("energy_model");
  c.cells = r.three_ints("cells");
  c.patch_shape = r.three_ints("patch_shape");
  c.K = r.ints("K").at(0);
  c.n_s = r.ints("n_s").at(0);
  const std::size_t D = c.observables.size(), C = c.conditions.size();

  // Datasets grow one after another within a record: a killed run can leave the first ones one
  // row longer. Keep the rows every dataset holds.
  const std::vector<std::string> partial = {"snapshot", "dt",         "patch",      "condition",
                                            "phi0",     "phi_patch0", "phi_patch1", "increment"};
  std::size_t n = SIZE_MAX;
  for (const auto &name : partial)
    n = std::min(n, r.shape("/partial/" + name).first);
  if (microstates) {
    require(r.has_link("/partial/micro0"),
            "dataset '" + path + "' holds no patch microstates (write it with microstates yes)");
    n = std::min({n, r.shape("/partial/micro0").first, r.shape("/partial/micro1").first});
  }
  c.n_partial = n;
  auto rows = [&](auto v, std::size_t width) {
    v.resize(n * width);
    return v;
  };
  c.dt = rows(r.read<double>("/partial/dt", H5T_NATIVE_DOUBLE), 1);
  c.record_snapshot = rows(r.read<std::uint64_t>("/partial/snapshot", H5T_NATIVE_UINT64), 1);
  c.patch = rows(r.read<int>("/partial/patch", H5T_NATIVE_INT), 1);
  c.condition = rows(r.read<double>("/partial/condition", H5T_NATIVE_DOUBLE), C);
  c.phi0 = rows(r.read<double>("/partial/phi0", H5T_NATIVE_DOUBLE), D);
  c.phi_patch0 = rows(r.read<double>("/partial/phi_patch0", H5T_NATIVE_DOUBLE), D);
  c.phi_patch1 = rows(r.read<double>("/partial/phi_patch1", H5T_NATIVE_DOUBLE), D);
  c.increment = rows(r.read<double>("/partial/increment", H5T_NATIVE_DOUBLE), D);
  if (microstates) {
    c.micro0 = rows(r.read<std::int8_t>("/partial/micro0", H5T_NATIVE_INT8), c.n_s);
    c.micro1 = rows(r.read<std::int8_t>("/partial/micro1", H5T_NATIVE_INT8), c.n_s);
    if (r.has_link("/snapshots")) {
      const auto [n_ids, unused] = r.shape("/snapshots/id");
      const auto [n_configs, sites] = r.shape("/snapshots/configuration");
      (void)unused;
      const std::size_t kept = std::min(n_ids, n_configs);
      c.n_sites = sites;
      c.snapshot_ids = r.read<std::uint64_t>("/snapshots/id", H5T_NATIVE_UINT64);
      c.snapshot_ids.resize(kept);
      c.snapshots = r.read<std::int8_t>("/snapshots/configuration", H5T_NATIVE_INT8);
      c.snapshots.resize(kept * sites);
    }
  }

  const auto [m_times, T] = r.shape("/full/times");
  const std::size_t m =
      std::min({m_times, r.shape("/full/phi").first, r.shape("/full/condition").first});
  c.n_full = m;
  c.n_times = T;
  c.full_snapshot = r.read<std::uint64_t>("/full/snapshot", H5T_NATIVE_UINT64);
  c.full_snapshot.resize(m);
  c.full_times = r.read<double>("/full/times", H5T_NATIVE_DOUBLE);
  c.full_times.resize(m * T);
  c.full_condition = r.read<double>("/full/condition", H5T_NATIVE_DOUBLE);
  c.full_condition.resize(m * C);
  c.full_phi = r.read<double>("/full/phi", H5T_NATIVE_DOUBLE);
  c.full_phi.resize(m * T * D);
  return c;
}

} // namespace macrodyn
