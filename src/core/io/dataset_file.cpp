#include "core/io/dataset_file.h"

#include "core/base/error.h"
#include "core/io/hdf5_growing.h"
#include "core/io/hdf5_helpers.h"
#include "macrodyn/version.h"

#include <hdf5.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace macrodyn {

std::string file_checksum(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  require(in.good(), "cannot read '" + path + "' for its checksum");
  std::uint64_t h = 0xcbf29ce484222325ULL;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    for (std::streamsize k = 0; k < in.gcount(); ++k) {
      h ^= static_cast<unsigned char>(buffer[k]);
      h *= 0x100000001b3ULL;
    }
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

namespace {

using hdf5::check;

template <class T> void attribute(hid_t where, const std::string &name, const T &value) {
  hdf5::write_attribute(where, name, value);
}

} // namespace

struct DatasetFile::Handles {
  hid_t file = -1, partial = -1, full = -1, snapshots = -1;
  std::map<std::string, hdf5::GrowingDataset> sets;
};

DatasetFile::DatasetFile(const std::string &path, const DatasetDescription &d)
    : h_(new Handles), description_(d) {
  const hid_t fapl = hdf5::crash_safe_file_access();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  h_->file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
  H5Pclose(fapl);
  if (h_->file < 0) {
    delete h_;
    throw Error("cannot create dataset file '" + path + "'");
  }
  const hid_t root = h_->file;
  attribute(root, "format", std::string("macrodyn-dataset"));
  attribute(root, "format_version", std::vector<int>{1});
  attribute(root, "code_version", std::string(kVersion));
  attribute(root, "lammps_version", d.lammps_version);
  attribute(root, "observables", d.observables);
  attribute(root, "conditions", d.conditions);
  attribute(root, "species", d.species);
  attribute(root, "lattice", d.lattice);
  attribute(root, "cells", std::vector<int>(d.cells.begin(), d.cells.end()));
  attribute(root, "lattice_constant", std::vector<double>{d.lattice_constant});
  attribute(root, "patch_shape", std::vector<int>(d.patch_shape.begin(), d.patch_shape.end()));
  attribute(root, "K", std::vector<int>{d.patch_shape[0] * d.patch_shape[1] * d.patch_shape[2]});
  attribute(root, "n_s", std::vector<int>{d.sites_per_patch});
  attribute(root, "time_unit", d.time_unit);
  attribute(root, "energy_model", d.energy_model);
  attribute(root, "energy_model_file", d.energy_model_file);
  attribute(root, "energy_model_checksum",
            d.energy_model_file.empty() ? std::string()
                                        : "fnv1a64:" + file_checksum(d.energy_model_file));
  attribute(root, "seed", std::vector<std::uint64_t>{d.seed});
  for (const auto &[key, value] : d.extra)
    attribute(root, key, value);

  const hsize_t D = d.observables.size(), C = d.conditions.size(), n_s = d.sites_per_patch;
  const hsize_t T = d.full_times.size() + 1;
  h_->partial = H5Gcreate2(root, "partial", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  h_->full = H5Gcreate2(root, "full", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  auto &s = h_->sets;
  s["p/snapshot"] = hdf5::GrowingDataset(h_->partial, "snapshot", H5T_NATIVE_UINT64, {});
  s["p/sample"] = hdf5::GrowingDataset(h_->partial, "sample", H5T_NATIVE_INT, {});
  s["p/patch"] = hdf5::GrowingDataset(h_->partial, "patch", H5T_NATIVE_INT, {});
  s["p/dt"] = hdf5::GrowingDataset(h_->partial, "dt", H5T_NATIVE_DOUBLE, {});
  s["p/events"] = hdf5::GrowingDataset(h_->partial, "events", H5T_NATIVE_UINT64, {});
  s["p/condition"] = hdf5::GrowingDataset(h_->partial, "condition", H5T_NATIVE_DOUBLE, {C});
  for (const char *name : {"phi0", "phi_patch0", "phi_patch1", "increment"})
    s[std::string("p/") + name] = hdf5::GrowingDataset(h_->partial, name, H5T_NATIVE_DOUBLE, {D});
  if (d.microstates) {
    s["p/micro0"] = hdf5::GrowingDataset(h_->partial, "micro0", H5T_NATIVE_INT8, {n_s});
    s["p/micro1"] = hdf5::GrowingDataset(h_->partial, "micro1", H5T_NATIVE_INT8, {n_s});
  }
  s["f/snapshot"] = hdf5::GrowingDataset(h_->full, "snapshot", H5T_NATIVE_UINT64, {});
  s["f/run"] = hdf5::GrowingDataset(h_->full, "run", H5T_NATIVE_INT, {});
  s["f/condition"] = hdf5::GrowingDataset(h_->full, "condition", H5T_NATIVE_DOUBLE, {C});
  s["f/times"] = hdf5::GrowingDataset(h_->full, "times", H5T_NATIVE_DOUBLE, {T});
  s["f/phi"] = hdf5::GrowingDataset(h_->full, "phi", H5T_NATIVE_DOUBLE, {T, D});
  if (d.microstates) {
    require(d.n_sites > 0, "a dataset with microstates needs the box's site count");
    h_->snapshots = H5Gcreate2(root, "snapshots", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    s["s/id"] = hdf5::GrowingDataset(h_->snapshots, "id", H5T_NATIVE_UINT64, {});
    s["s/configuration"] =
        hdf5::GrowingDataset(h_->snapshots, "configuration", H5T_NATIVE_INT8, {hsize_t(d.n_sites)});
  }
  for (const hid_t group : {h_->partial, h_->full, h_->snapshots})
    if (group >= 0) hdf5::commit_records(root, group, 0);
}

void DatasetFile::append_snapshot(std::uint64_t snapshot, const Configuration &config) {
  require(description_.microstates, "this dataset stores no snapshots (microstates off)");
  require(config.size() == description_.n_sites, "snapshot has " + std::to_string(config.size()) +
                                                     " sites, the dataset " +
                                                     std::to_string(description_.n_sites));
  auto &s = h_->sets;
  s["s/id"].append(n_snapshots_, &snapshot);
  s["s/configuration"].append(n_snapshots_, config.data());
  hdf5::commit_records(h_->file, h_->snapshots, n_snapshots_ + 1);
  ++n_snapshots_;
}

DatasetFile::~DatasetFile() {
  h_->sets.clear();
  H5Gclose(h_->partial);
  H5Gclose(h_->full);
  if (h_->snapshots >= 0) H5Gclose(h_->snapshots);
  H5Fclose(h_->file);
  delete h_;
}

void DatasetFile::append(const PartialRecord &r, const std::vector<double> &conditions) {
  append(std::vector<PartialRecord>{r}, conditions);
}

void DatasetFile::append(const std::vector<PartialRecord> &records,
                         const std::vector<double> &conditions) {
  const std::size_t D = description_.observables.size(), n = records.size();
  require(conditions.size() == description_.conditions.size(), "wrong number of conditions");
  const auto n_s = static_cast<std::size_t>(description_.sites_per_patch);
  std::vector<std::uint64_t> snapshot, events;
  std::vector<int> sample, patch;
  std::vector<double> dt, condition, phi0, phi_patch0, phi_patch1, increment;
  Configuration micro0, micro1;
  for (const auto &r : records) {
    require(r.phi0.size() == D && r.phi_patch0.size() == D && r.phi_patch1.size() == D &&
                r.increment.size() == D,
            "record has " + std::to_string(r.phi0.size()) + " observables, the dataset " +
                std::to_string(D));
    snapshot.push_back(r.snapshot);
    sample.push_back(r.sample);
    patch.push_back(r.patch);
    dt.push_back(r.dt);
    events.push_back(r.events);
    condition.insert(condition.end(), conditions.begin(), conditions.end());
    phi0.insert(phi0.end(), r.phi0.begin(), r.phi0.end());
    phi_patch0.insert(phi_patch0.end(), r.phi_patch0.begin(), r.phi_patch0.end());
    phi_patch1.insert(phi_patch1.end(), r.phi_patch1.begin(), r.phi_patch1.end());
    increment.insert(increment.end(), r.increment.begin(), r.increment.end());
    if (description_.microstates) {
      require(r.micro0.size() == n_s && r.micro1.size() == n_s,
              "record microstates do not have n_s entries");
      micro0.insert(micro0.end(), r.micro0.begin(), r.micro0.end());
      micro1.insert(micro1.end(), r.micro1.begin(), r.micro1.end());
    }
  }
  if (n == 0) return;
  auto &s = h_->sets;
  const std::uint64_t i = n_partial_;
  s["p/snapshot"].append_rows(i, n, snapshot.data());
  s["p/sample"].append_rows(i, n, sample.data());
  s["p/patch"].append_rows(i, n, patch.data());
  s["p/dt"].append_rows(i, n, dt.data());
  s["p/events"].append_rows(i, n, events.data());
  s["p/condition"].append_rows(i, n, condition.data());
  s["p/phi0"].append_rows(i, n, phi0.data());
  s["p/phi_patch0"].append_rows(i, n, phi_patch0.data());
  s["p/phi_patch1"].append_rows(i, n, phi_patch1.data());
  s["p/increment"].append_rows(i, n, increment.data());
  if (description_.microstates) {
    s["p/micro0"].append_rows(i, n, micro0.data());
    s["p/micro1"].append_rows(i, n, micro1.data());
  }
  hdf5::commit_records(h_->file, h_->partial, i + n);
  n_partial_ += n;
}

void DatasetFile::append(const FullRecord &r, const std::vector<double> &conditions) {
  const std::size_t T = description_.full_times.size() + 1, D = description_.observables.size();
  require(r.times.size() == T, "full record does not have the dataset's time grid");
  std::vector<double> phi;
  for (const auto &row : r.phi) {
    require(row.size() == D, "full record has the wrong number of observables");
    phi.insert(phi.end(), row.begin(), row.end());
  }
  auto &s = h_->sets;
  const std::uint64_t i = n_full_;
  s["f/snapshot"].append(i, &r.snapshot);
  s["f/run"].append(i, &r.run);
  s["f/condition"].append(i, conditions.data());
  s["f/times"].append(i, r.times.data());
  s["f/phi"].append(i, phi.data());
  hdf5::commit_records(h_->file, h_->full, i + 1);
  ++n_full_;
}

} // namespace macrodyn
