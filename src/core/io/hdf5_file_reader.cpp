#include "core/io/hdf5_file_reader.h"

#include "core/base/error.h"
#include "core/io/hdf5_growing.h"
#include "core/io/hdf5_helpers.h"

#include <algorithm>
#include <fstream>

namespace macrodyn::hdf5 {

FileReader::FileReader(const std::string &path, const std::string &kind)
    : path_(path), kind_(kind) {
  require(std::ifstream(path).good(), "cannot open " + kind + " '" + path + "'");
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  file_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  require(file_ >= 0, "'" + path + "' is not an HDF5 file");
}

FileReader::~FileReader() {
  H5Fclose(file_);
}

void FileReader::fail(const std::string &what) const {
  throw Error(kind_ + " '" + path_ + "' " + what);
}

bool FileReader::has_attribute(const std::string &name) const {
  return hdf5::has_attribute(file_, name);
}

bool FileReader::has_link(const std::string &name) const {
  return H5Lexists(file_, name.c_str(), H5P_DEFAULT) > 0;
}

std::vector<std::string> FileReader::strings(const std::string &name) const {
  if (!has_attribute(name)) fail("has no attribute '" + name + "'");
  return hdf5::read_strings(file_, name);
}

std::string FileReader::string(const std::string &name) const {
  const auto v = strings(name);
  return v.empty() ? std::string() : v[0];
}

std::vector<double> FileReader::numbers(const std::string &name) const {
  if (!has_attribute(name)) fail("has no attribute '" + name + "'");
  return hdf5::read_numbers(file_, name);
}

std::vector<int> FileReader::ints(const std::string &name) const {
  std::vector<int> out;
  for (double v : numbers(name))
    out.push_back(static_cast<int>(v));
  return out;
}

std::array<int, 3> FileReader::three_ints(const std::string &name) const {
  const auto v = ints(name);
  if (v.size() != 3) fail("attribute " + name + " must hold 3 integers");
  return {v[0], v[1], v[2]};
}

std::pair<std::size_t, std::size_t> FileReader::shape(const std::string &name) const {
  const hid_t set = H5Dopen2(file_, name.c_str(), H5P_DEFAULT);
  if (set < 0) fail("has no " + name);
  const hid_t space = H5Dget_space(set);
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(rank > 0 ? rank : 0);
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  std::size_t row = 1;
  for (int k = 1; k < rank; ++k)
    row *= dims[k];
  H5Sclose(space), H5Dclose(set);
  std::size_t rows = rank > 0 ? dims[0] : 0;
  // Rows beyond the group's record count were being written when the writer stopped.
  const auto slash = name.rfind('/');
  if (rank > 0 && slash != std::string::npos && slash > 0) {
    const hid_t group = H5Gopen2(file_, name.substr(0, slash).c_str(), H5P_DEFAULT);
    if (group >= 0) {
      const long long committed = committed_records(group);
      if (committed >= 0) rows = std::min<std::size_t>(rows, committed);
      H5Gclose(group);
    }
  }
  return {rows, row};
}

void FileReader::read_into(const std::string &name, hid_t type, std::size_t first,
                           std::size_t rows, void *buffer) const {
  if (!buffer) return;
  const hid_t set = H5Dopen2(file_, name.c_str(), H5P_DEFAULT);
  bool ok = set >= 0;
  if (ok) {
    // Rows [first, first + rows): a hyperslab over the first axis, whole rows.
    const hid_t file_space = H5Dget_space(set);
    const int rank = H5Sget_simple_extent_ndims(file_space);
    std::vector<hsize_t> count(rank > 0 ? rank : 1), start(count.size(), 0);
    H5Sget_simple_extent_dims(file_space, count.data(), nullptr);
    if (rank > 0) count[0] = rows, start[0] = first;
    H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
    const hid_t memory = rank > 0 ? H5Screate_simple(rank, count.data(), nullptr)
                                  : H5Screate(H5S_SCALAR);
    ok = H5Dread(set, type, memory, rank > 0 ? file_space : H5S_ALL, H5P_DEFAULT, buffer) >= 0;
    H5Sclose(memory), H5Sclose(file_space);
    H5Dclose(set);
  }
  if (!ok) fail("cannot be read (" + name + ")");
}

} // namespace macrodyn::hdf5
