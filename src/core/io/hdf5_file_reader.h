#pragma once
/// Read-only access to one of MACRODYN's HDF5 files (dataset.h5, snapshot pools): attributes and
/// whole datasets, with errors that name the file. Internal to src/core (includes hdf5.h).
#include <hdf5.h>

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace macrodyn::hdf5 {

class FileReader {
public:
  /// Opens path read-only; `kind` names the file in errors ("dataset", "snapshot pool").
  FileReader(const std::string &path, const std::string &kind);
  ~FileReader();
  FileReader(const FileReader &) = delete;
  FileReader &operator=(const FileReader &) = delete;

  hid_t file() const { return file_; }
  const std::string &path() const { return path_; }
  bool has_attribute(const std::string &name) const;
  bool has_link(const std::string &name) const;
  std::vector<std::string> strings(const std::string &name) const;
  std::string string(const std::string &name) const; ///< first value, empty when none
  std::vector<int> ints(const std::string &name) const;
  std::vector<double> numbers(const std::string &name) const;
  std::array<int, 3> three_ints(const std::string &name) const;
  /// Rows of a dataset (first axis; at most its group's record count) and the size of one row.
  std::pair<std::size_t, std::size_t> shape(const std::string &name) const;

  template <class T> std::vector<T> read(const std::string &name, hid_t type) const {
    const auto [rows, row] = shape(name);
    std::vector<T> out(rows * row);
    read_into(name, type, rows, out.empty() ? nullptr : out.data());
    return out;
  }

  /// Rows [first, first + count) of a dataset (count clipped to the rows there are).
  template <class T>
  std::vector<T> read_rows(const std::string &name, hid_t type, std::size_t first,
                           std::size_t count) const {
    const auto [rows, row] = shape(name);
    first = std::min(first, rows);
    count = std::min(count, rows - first);
    std::vector<T> out(count * row);
    read_into(name, type, first, count, out.empty() ? nullptr : out.data());
    return out;
  }

private:
  void read_into(const std::string &name, hid_t type, std::size_t rows, void *buffer) const {
    read_into(name, type, 0, rows, buffer);
  }
  void read_into(const std::string &name, hid_t type, std::size_t first, std::size_t rows,
                 void *buffer) const;
  [[noreturn]] void fail(const std::string &what) const;
  std::string path_, kind_;
  hid_t file_ = -1;
};

} // namespace macrodyn::hdf5
