#include "core/io/snapshot_pool.h"

#include "core/base/error.h"
#include "core/io/hdf5_file_reader.h"
#include "core/io/hdf5_growing.h"
#include "core/io/hdf5_helpers.h"
#include "macrodyn/version.h"

#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace macrodyn {

namespace {

constexpr const char *kPoolFormat = "macrodyn-snapshot-pool";

std::string cells_text(const std::array<int, 3> &c) {
  return std::to_string(c[0]) + "x" + std::to_string(c[1]) + "x" + std::to_string(c[2]);
}

std::string join(const std::vector<std::string> &v) {
  std::string out;
  for (const auto &s : v)
    out += (out.empty() ? "" : " ") + s;
  return out;
}

PoolLayout read_layout(const hdf5::FileReader &r) {
  PoolLayout l;
  l.lattice = r.string("lattice");
  l.cells = r.three_ints("cells");
  l.lattice_constant = r.numbers("lattice_constant").at(0);
  l.species = r.strings("species");
  l.n_sites = r.shape("/snapshots/configuration").second;
  return l;
}

} // namespace

std::string layout_difference(const PoolLayout &a, const PoolLayout &b) {
  if (a.lattice != b.lattice) return "lattice " + a.lattice + " vs " + b.lattice;
  if (a.cells != b.cells) return "cells " + cells_text(a.cells) + " vs " + cells_text(b.cells);
  if (std::abs(a.lattice_constant - b.lattice_constant) > 1e-9 * std::abs(b.lattice_constant))
    return "lattice constant " + std::to_string(a.lattice_constant) + " vs " +
           std::to_string(b.lattice_constant);
  if (a.species != b.species) return "species (" + join(a.species) + ") vs (" + join(b.species) + ")";
  if (a.n_sites != b.n_sites)
    return "sites " + std::to_string(a.n_sites) + " vs " + std::to_string(b.n_sites);
  return "";
}

Configuration SnapshotPool::configuration(std::size_t k) const {
  require(k < size(), "snapshot " + std::to_string(k) + " is beyond the pool's " +
                          std::to_string(size()));
  const auto begin = configurations.begin() + static_cast<std::ptrdiff_t>(k * layout.n_sites);
  return Configuration(begin, begin + static_cast<std::ptrdiff_t>(layout.n_sites));
}

SnapshotPool read_snapshot_pool(const std::string &path) {
  const hdf5::FileReader r(path, "snapshot pool");
  const std::string format = r.has_attribute("format") ? r.string("format") : "";
  require(format == kPoolFormat || format == "macrodyn-dataset",
          "'" + path + "' is neither a snapshot pool nor a macrodyn dataset (format attribute '" +
              format + "')");
  require(r.has_link("/snapshots"),
          "'" + path + "' holds no /snapshots (a dataset needs microstates yes to store them)");
  SnapshotPool pool;
  pool.path = path;
  pool.layout = read_layout(r);
  // Snapshots grow configuration first, id second: a killed writer leaves at most one extra row.
  const std::size_t n =
      std::min(r.shape("/snapshots/id").first, r.shape("/snapshots/configuration").first);
  pool.ids = r.read<std::uint64_t>("/snapshots/id", H5T_NATIVE_UINT64);
  pool.ids.resize(n);
  pool.configurations = r.read<std::int8_t>("/snapshots/configuration", H5T_NATIVE_INT8);
  pool.configurations.resize(n * pool.layout.n_sites);
  const auto n_species = static_cast<int>(pool.layout.species.size());
  for (std::int8_t s : pool.configurations)
    require(s == kVacancy || (s >= 0 && s < n_species),
            "'" + path + "' holds species code " + std::to_string(int(s)) + " but names " +
                std::to_string(n_species) + " species");
  return pool;
}

struct SnapshotPoolFile::Handles {
  hid_t file = -1, group = -1;
  hdf5::GrowingDataset ids, configurations;
};

SnapshotPoolFile::SnapshotPoolFile(const std::string &path, const PoolLayout &layout,
                                   const std::map<std::string, std::string> &provenance)
    : h_(new Handles), path_(path), layout_(layout) {
  require(layout.n_sites > 0, "a snapshot pool needs the site count");
  try {
    if (std::ifstream(path).good()) {
      {
        const hdf5::FileReader r(path, "snapshot pool");
        require(r.has_attribute("format") && r.string("format") == kPoolFormat,
                "'" + path + "' exists and is not a snapshot pool; remove it or choose another name");
        const auto difference = layout_difference(read_layout(r), layout);
        require(difference.empty(), "pool '" + path + "' holds other snapshots (" + difference +
                                        "); remove it or choose another name");
        const std::size_t n =
            std::min(r.shape("/snapshots/id").first, r.shape("/snapshots/configuration").first);
        ids_ = r.read<std::uint64_t>("/snapshots/id", H5T_NATIVE_UINT64);
        ids_.resize(n);
      }
      const hid_t fapl = hdf5::crash_safe_file_access();
      h_->file = H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl);
      H5Pclose(fapl);
      require(h_->file >= 0, "cannot open pool '" + path + "' for writing");
      h_->group = H5Gopen2(h_->file, "snapshots", H5P_DEFAULT);
      h_->ids = hdf5::GrowingDataset(h_->group, "id", H5T_NATIVE_UINT64);
      h_->configurations = hdf5::GrowingDataset(h_->group, "configuration", H5T_NATIVE_INT8);
      return;
    }
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    const hid_t fapl = hdf5::crash_safe_file_access();
    h_->file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
    H5Pclose(fapl);
    require(h_->file >= 0, "cannot create snapshot pool '" + path + "'");
    const hid_t root = h_->file;
    hdf5::write_attribute(root, "format", std::string(kPoolFormat));
    hdf5::write_attribute(root, "format_version", std::vector<int>{1});
    hdf5::write_attribute(root, "code_version", std::string(kVersion));
    hdf5::write_attribute(root, "lattice", layout.lattice);
    hdf5::write_attribute(root, "cells", std::vector<int>(layout.cells.begin(), layout.cells.end()));
    hdf5::write_attribute(root, "lattice_constant", std::vector<double>{layout.lattice_constant});
    hdf5::write_attribute(root, "species", layout.species);
    for (const auto &[key, value] : provenance)
      hdf5::write_attribute(root, key, value);
    h_->group = H5Gcreate2(root, "snapshots", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    h_->ids = hdf5::GrowingDataset(h_->group, "id", H5T_NATIVE_UINT64, {});
    h_->configurations =
        hdf5::GrowingDataset(h_->group, "configuration", H5T_NATIVE_INT8, {hsize_t(layout.n_sites)});
    hdf5::commit_records(root, h_->group, 0);
  } catch (...) {
    close();
    throw;
  }
}

SnapshotPoolFile::~SnapshotPoolFile() {
  close();
}

void SnapshotPoolFile::close() {
  if (!h_) return;
  h_->ids = {};
  h_->configurations = {};
  if (h_->group >= 0) H5Gclose(h_->group);
  if (h_->file >= 0) H5Fclose(h_->file);
  delete h_;
  h_ = nullptr;
}

void SnapshotPoolFile::append(std::uint64_t id, const Configuration &config) {
  require(config.size() == layout_.n_sites, "snapshot has " + std::to_string(config.size()) +
                                                " sites, the pool '" + path_ + "' " +
                                                std::to_string(layout_.n_sites));
  require(std::find(ids_.begin(), ids_.end(), id) == ids_.end(),
          "snapshot id " + std::to_string(id) + " is already in pool '" + path_ +
              "' (give each snapshot its own id, or remove the file to start a new pool)");
  const std::uint64_t index = ids_.size();
  h_->configurations.append(index, config.data());
  h_->ids.append(index, &id);
  hdf5::commit_records(h_->file, h_->group, index + 1);
  ids_.push_back(id);
}

} // namespace macrodyn
