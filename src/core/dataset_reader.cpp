#include "dataset_reader.h"

#include "error.h"
#include "hdf5_helpers.h"

#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <fstream>

namespace macrodyn {
namespace {

struct Reader {
  hid_t file = -1;
  std::string path;

  explicit Reader(const std::string &p) : path(p) {
    require(std::ifstream(p).good(), "cannot open dataset '" + p + "'");
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    file = H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    require(file >= 0, "'" + p + "' is not an HDF5 file");
  }
  ~Reader() { H5Fclose(file); }

  bool has_attribute(const std::string &name) const { return hdf5::has_attribute(file, name); }

  std::vector<std::string> strings(const std::string &name) const {
    require(has_attribute(name), "dataset '" + path + "' has no attribute '" + name + "'");
    return hdf5::read_strings(file, name);
  }

  std::string string(const std::string &name) const {
    const auto v = strings(name);
    return v.empty() ? std::string() : v[0];
  }

  std::vector<int> ints(const std::string &name) const {
    require(has_attribute(name), "dataset '" + path + "' has no attribute '" + name + "'");
    std::vector<int> out;
    for (double v : hdf5::read_numbers(file, name))
      out.push_back(static_cast<int>(v));
    return out;
  }

  /// Rows of a dataset (first axis) and the size of one row.
  std::pair<std::size_t, std::size_t> shape(const std::string &name) const {
    const hid_t set = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
    require(set >= 0, "dataset '" + path + "' has no " + name);
    const hid_t space = H5Dget_space(set);
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(rank);
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    std::size_t row = 1;
    for (int k = 1; k < rank; ++k)
      row *= dims[k];
    H5Sclose(space), H5Dclose(set);
    return {rank ? dims[0] : 0, row};
  }

  template <class T> std::vector<T> read(const std::string &name, hid_t type) const {
    const auto [rows, row] = shape(name);
    std::vector<T> out(rows * row);
    const hid_t set = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
    if (!out.empty())
      require(H5Dread(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) >= 0,
              "cannot read " + name + " of '" + path + "'");
    H5Dclose(set);
    return out;
  }
};

std::array<int, 3> three(const std::vector<int> &v, const std::string &what) {
  require(v.size() == 3, "attribute " + what + " must hold 3 integers");
  return {v[0], v[1], v[2]};
}

} // namespace

DatasetContents read_dataset(const std::string &path, bool microstates) {
  const Reader r(path);
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
  c.cells = three(r.ints("cells"), "cells");
  c.patch_shape = three(r.ints("patch_shape"), "patch_shape");
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
    require(H5Lexists(r.file, "/partial/micro0", H5P_DEFAULT) > 0,
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
    if (H5Lexists(r.file, "/snapshots", H5P_DEFAULT) > 0) {
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
