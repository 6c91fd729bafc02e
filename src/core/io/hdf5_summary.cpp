#include "core/io/hdf5_summary.h"

#include "core/base/error.h"

#include <hdf5.h>

#include <sstream>
#include <vector>

namespace macrodyn {
namespace {

std::string describe_attribute(hid_t attr) {
  const hid_t type = H5Aget_type(attr);
  const hid_t space = H5Aget_space(attr);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  std::ostringstream out;
  const H5T_class_t cls = H5Tget_class(type);
  if (cls == H5T_STRING) {
    std::vector<std::string> texts;
    if (H5Tis_variable_str(type) > 0) {
      std::vector<char *> raw(static_cast<std::size_t>(n), nullptr);
      const hid_t mem = H5Tcopy(H5T_C_S1);
      H5Tset_size(mem, H5T_VARIABLE);
      H5Tset_cset(mem, H5Tget_cset(type));
      if (n > 0 && H5Aread(attr, mem, raw.data()) >= 0)
        for (char *t : raw)
          texts.emplace_back(t ? t : "");
      for (char *t : raw)
        if (t) H5free_memory(t);
      H5Tclose(mem);
    } else {
      const std::size_t size = H5Tget_size(type);
      std::vector<char> buffer(size * static_cast<std::size_t>(n) + 1, '\0');
      if (n > 0 && H5Aread(attr, type, buffer.data()) >= 0)
        for (hssize_t k = 0; k < n; ++k)
          texts.emplace_back(std::string(buffer.data() + k * size, size).c_str());
    }
    if (texts.size() != 1) out << "[";
    for (std::size_t k = 0; k < texts.size(); ++k)
      out << (k ? ", " : "") << '"' << texts[k] << '"';
    if (texts.size() != 1) out << "]";
  } else if (cls == H5T_INTEGER || cls == H5T_FLOAT) {
    std::vector<double> values(static_cast<std::size_t>(n));
    H5Aread(attr, H5T_NATIVE_DOUBLE, values.data());
    if (n > 1) out << "[";
    for (hssize_t i = 0; i < n && i < 8; ++i)
      out << (i ? ", " : "") << values[i];
    if (n > 8) out << ", ... (" << n << " values)";
    if (n > 1) out << "]";
  } else {
    out << "(type class " << static_cast<int>(cls) << ")";
  }
  H5Sclose(space);
  H5Tclose(type);
  return out.str();
}

herr_t print_attribute(hid_t location, const char *name, const H5A_info_t *, void *data) {
  auto &out = *static_cast<std::ostringstream *>(data);
  const hid_t attr = H5Aopen(location, name, H5P_DEFAULT);
  out << "    @" << name << " = " << describe_attribute(attr) << "\n";
  H5Aclose(attr);
  return 0;
}

void print_object(hid_t object, const std::string &path, std::ostringstream &out) {
  if (H5Iget_type(object) == H5I_DATASET) {
    const hid_t space = H5Dget_space(object);
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(rank > 0 ? rank : 0);
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    out << "  dataset " << path << " (";
    for (int i = 0; i < rank; ++i)
      out << (i ? " x " : "") << dims[i];
    out << (rank == 0 ? "scalar" : "") << ")\n";
    H5Sclose(space);
  } else {
    out << "  group " << path << "\n";
  }
  hsize_t index = 0;
  H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &index, print_attribute, &out);
}

herr_t visit_link(hid_t group, const char *name, const H5L_info_t *, void *data) {
  auto &out = *static_cast<std::ostringstream *>(data);
  const hid_t object = H5Oopen(group, name, H5P_DEFAULT);
  if (object < 0) return 0;
  print_object(object, std::string("/") + name, out);
  H5Oclose(object);
  return 0;
}

} // namespace

std::string summarize_hdf5(const std::string &path) {
  H5E_auto2_t handler = nullptr;
  void *handler_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &handler, &handler_data);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); // we report errors ourselves
  const hid_t file = H5Fis_hdf5(path.c_str()) > 0
                         ? H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)
                         : H5I_INVALID_HID;
  if (file < 0) {
    H5Eset_auto2(H5E_DEFAULT, handler, handler_data);
    throw Error("'" + path + "' is not a readable HDF5 file");
  }
  std::ostringstream out;
  out << path << " (HDF5)\n";
  print_object(file, "/", out);
  H5Lvisit(file, H5_INDEX_NAME, H5_ITER_INC, visit_link, &out);
  H5Fclose(file);
  H5Eset_auto2(H5E_DEFAULT, handler, handler_data);
  return out.str();
}

} // namespace macrodyn
