#include "core/io/hdf5_growing.h"

#include "core/base/error.h"
#include "core/io/hdf5_helpers.h"

#include <algorithm>
#include <utility>

namespace macrodyn::hdf5 {

hid_t crash_safe_file_access() {
  const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  H5AC_cache_config_t mdc;
  mdc.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  H5Pget_mdc_config(fapl, &mdc);
  mdc.evictions_enabled = false;
  mdc.incr_mode = H5C_incr__off;
  mdc.flash_incr_mode = H5C_flash_incr__off;
  mdc.decr_mode = H5C_decr__off;
  mdc.set_initial_size = true;
  mdc.initial_size = 16 << 20;
  mdc.max_size = 64 << 20;
  mdc.min_size = 1 << 20;
  H5Pset_mdc_config(fapl, &mdc);
  return fapl;
}

void commit_records(hid_t file, hid_t group, std::uint64_t records) {
  check(H5Fflush(file, H5F_SCOPE_GLOBAL), "flushing records");
  if (H5Aexists(group, kRecordCount) > 0) {
    const hid_t attr = H5Aopen(group, kRecordCount, H5P_DEFAULT);
    const herr_t status = H5Awrite(attr, H5T_NATIVE_UINT64, &records);
    H5Aclose(attr);
    check(status, "writing the record count");
  } else {
    write_attribute(group, kRecordCount, std::vector<std::uint64_t>{records});
  }
  check(H5Fflush(file, H5F_SCOPE_GLOBAL), "flushing the record count");
}

long long committed_records(hid_t group) {
  if (H5Aexists(group, kRecordCount) <= 0) return -1;
  const auto v = read_numbers(group, kRecordCount);
  return v.empty() ? -1 : static_cast<long long>(v[0]);
}

GrowingDataset::GrowingDataset(hid_t group, const std::string &name, hid_t type,
                               std::vector<hsize_t> row)
    : type_(type), row_(std::move(row)) {
  std::vector<hsize_t> dims{0}, max{H5S_UNLIMITED}, chunk{64};
  for (hsize_t r : row_)
    dims.push_back(r), max.push_back(r), chunk.push_back(r);
  // Keep chunks near 64 kB: many records per chunk for small rows, one for big microstates.
  hsize_t row_bytes = H5Tget_size(type);
  for (hsize_t r : row_)
    row_bytes *= r;
  chunk[0] = std::max<hsize_t>(1, std::min<hsize_t>(1024, 65536 / std::max<hsize_t>(1, row_bytes)));
  const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max.data());
  const hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_chunk(plist, static_cast<int>(chunk.size()), chunk.data());
  id_ = H5Dcreate2(group, name.c_str(), type, space, H5P_DEFAULT, plist, H5P_DEFAULT);
  H5Pclose(plist), H5Sclose(space);
  if (id_ < 0) throw Error("HDF5: cannot create dataset " + name);
}

GrowingDataset::GrowingDataset(hid_t group, const std::string &name, hid_t type) : type_(type) {
  id_ = H5Dopen2(group, name.c_str(), H5P_DEFAULT);
  if (id_ < 0) throw Error("HDF5: no dataset " + name);
  const hid_t space = H5Dget_space(id_);
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(std::max(rank, 0));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  H5Sclose(space);
  if (rank < 1) throw Error("HDF5: dataset " + name + " is not a growing dataset");
  row_.assign(dims.begin() + 1, dims.end());
}

GrowingDataset::GrowingDataset(GrowingDataset &&other) noexcept
    : id_(std::exchange(other.id_, -1)), type_(other.type_), row_(std::move(other.row_)) {}

GrowingDataset &GrowingDataset::operator=(GrowingDataset &&other) noexcept {
  if (this != &other) {
    if (id_ >= 0) H5Dclose(id_);
    id_ = std::exchange(other.id_, -1);
    type_ = other.type_;
    row_ = std::move(other.row_);
  }
  return *this;
}

GrowingDataset::~GrowingDataset() {
  if (id_ >= 0) H5Dclose(id_);
}

std::uint64_t GrowingDataset::records() const {
  const hid_t space = H5Dget_space(id_);
  hsize_t dims[H5S_MAX_RANK];
  H5Sget_simple_extent_dims(space, dims, nullptr);
  H5Sclose(space);
  return dims[0];
}

void GrowingDataset::append_rows(std::uint64_t index, std::uint64_t n, const void *data) {
  if (n == 0) return;
  std::vector<hsize_t> size{index + n}, start{index}, count{n};
  for (hsize_t r : row_)
    size.push_back(r), start.push_back(0), count.push_back(r);
  check(H5Dset_extent(id_, size.data()), "extending a dataset");
  const hid_t file_space = H5Dget_space(id_);
  H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
  const hid_t memory = H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr);
  check(H5Dwrite(id_, type_, memory, file_space, H5P_DEFAULT, data), "writing a record");
  H5Sclose(memory), H5Sclose(file_space);
}

} // namespace macrodyn::hdf5
