#include "core/io/hdf5_helpers.h"

#include "core/base/error.h"

namespace macrodyn::hdf5 {
namespace {

hid_t utf8_string_type() {
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  return type;
}

template <class T>
void numeric_attribute(hid_t where, const std::string &name, const std::vector<T> &values,
                       hid_t type) {
  const hsize_t n = values.size();
  const hid_t space = n ? H5Screate_simple(1, &n, nullptr) : H5Screate(H5S_NULL);
  const hid_t attr = H5Acreate2(where, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
  if (n) check(H5Awrite(attr, type, values.data()), "writing attribute " + name);
  H5Aclose(attr), H5Sclose(space);
}

} // namespace

void check(herr_t status, const std::string &what) {
  if (status < 0) throw Error("HDF5: " + what + " failed");
}

void write_attribute(hid_t where, const std::string &name, const std::string &value) {
  const hid_t type = utf8_string_type();
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attr = H5Acreate2(where, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
  const char *text = value.c_str();
  check(H5Awrite(attr, type, &text), "writing attribute " + name);
  H5Aclose(attr), H5Sclose(space), H5Tclose(type);
}

void write_attribute(hid_t where, const std::string &name, const std::vector<std::string> &values) {
  const hid_t type = utf8_string_type();
  const hsize_t n = values.size();
  const hid_t space = n ? H5Screate_simple(1, &n, nullptr) : H5Screate(H5S_NULL);
  const hid_t attr = H5Acreate2(where, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<const char *> text;
  for (const auto &v : values)
    text.push_back(v.c_str());
  if (n) check(H5Awrite(attr, type, text.data()), "writing attribute " + name);
  H5Aclose(attr), H5Sclose(space), H5Tclose(type);
}

void write_attribute(hid_t where, const std::string &name, const std::vector<double> &values) {
  numeric_attribute(where, name, values, H5T_NATIVE_DOUBLE);
}
void write_attribute(hid_t where, const std::string &name, const std::vector<int> &values) {
  numeric_attribute(where, name, values, H5T_NATIVE_INT);
}
void write_attribute(hid_t where, const std::string &name,
                     const std::vector<std::uint64_t> &values) {
  numeric_attribute(where, name, values, H5T_NATIVE_UINT64);
}

bool has_attribute(hid_t where, const std::string &name) {
  return H5Aexists(where, name.c_str()) > 0;
}

std::vector<std::string> read_strings(hid_t where, const std::string &name) {
  require(has_attribute(where, name), "no attribute '" + name + "'");
  const hid_t attr = H5Aopen(where, name.c_str(), H5P_DEFAULT);
  const hid_t space = H5Aget_space(attr);
  const hssize_t n = H5Sget_simple_extent_type(space) == H5S_NULL
                         ? 0
                         : std::max<hssize_t>(1, H5Sget_simple_extent_npoints(space));
  std::vector<char *> raw(n, nullptr);
  const hid_t mem = utf8_string_type();
  if (n > 0) check(H5Aread(attr, mem, raw.data()), "reading attribute " + name);
  std::vector<std::string> out;
  for (char *s : raw)
    out.emplace_back(s ? s : "");
  if (n > 0) H5Dvlen_reclaim(mem, space, H5P_DEFAULT, raw.data());
  H5Tclose(mem), H5Sclose(space), H5Aclose(attr);
  return out;
}

std::vector<double> read_numbers(hid_t where, const std::string &name) {
  require(has_attribute(where, name), "no attribute '" + name + "'");
  const hid_t attr = H5Aopen(where, name.c_str(), H5P_DEFAULT);
  const hid_t space = H5Aget_space(attr);
  const bool empty = H5Sget_simple_extent_type(space) == H5S_NULL;
  std::vector<double> out(empty ? 0 : H5Sget_simple_extent_npoints(space));
  if (!out.empty()) check(H5Aread(attr, H5T_NATIVE_DOUBLE, out.data()), "reading " + name);
  H5Sclose(space), H5Aclose(attr);
  return out;
}

void write_array(hid_t where, const std::string &name, const std::vector<double> &values,
                 const std::vector<hsize_t> &shape) {
  const hid_t space = H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr);
  const hid_t set = H5Dcreate2(where, name.c_str(), H5T_NATIVE_DOUBLE, space, H5P_DEFAULT,
                               H5P_DEFAULT, H5P_DEFAULT);
  require(set >= 0, "HDF5: cannot create dataset " + name);
  if (!values.empty())
    check(H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          "writing " + name);
  H5Dclose(set), H5Sclose(space);
}

std::vector<double> read_array(hid_t where, const std::string &name, std::vector<hsize_t> *shape) {
  const hid_t set = H5Dopen2(where, name.c_str(), H5P_DEFAULT);
  require(set >= 0, "no dataset '" + name + "'");
  const hid_t space = H5Dget_space(set);
  std::vector<hsize_t> dims(H5Sget_simple_extent_ndims(space));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  hsize_t n = 1;
  for (auto d : dims)
    n *= d;
  std::vector<double> out(n);
  if (n)
    check(H5Dread(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
          "reading " + name);
  H5Sclose(space), H5Dclose(set);
  if (shape) *shape = dims;
  return out;
}

} // namespace macrodyn::hdf5
