#include "core/io/hdf5_file_reader.h"

#include "core/base/error.h"
#include "core/io/hdf5_helpers.h"

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
  return {rank > 0 ? dims[0] : 0, row};
}

void FileReader::read_into(const std::string &name, hid_t type, void *buffer) const {
  if (!buffer) return;
  const hid_t set = H5Dopen2(file_, name.c_str(), H5P_DEFAULT);
  const bool ok = set >= 0 && H5Dread(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) >= 0;
  if (set >= 0) H5Dclose(set);
  if (!ok) fail("cannot be read (" + name + ")");
}

} // namespace macrodyn::hdf5
