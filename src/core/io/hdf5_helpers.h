#pragma once
/// Small HDF5 helpers shared by the core's file formats (dataset.h5, trajectories.h5): typed
/// attributes and whole-array datasets. Internal to src/core (includes hdf5.h).
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace macrodyn::hdf5 {

/// Throws Error("HDF5: <what> failed") when status < 0.
void check(herr_t status, const std::string &what);

void write_attribute(hid_t where, const std::string &name, const std::string &value);
void write_attribute(hid_t where, const std::string &name, const std::vector<std::string> &values);
void write_attribute(hid_t where, const std::string &name, const std::vector<double> &values);
void write_attribute(hid_t where, const std::string &name, const std::vector<int> &values);
void write_attribute(hid_t where, const std::string &name,
                     const std::vector<std::uint64_t> &values);

bool has_attribute(hid_t where, const std::string &name);
/// String attribute(s), scalar or 1-D; variable-length UTF-8 as written above.
std::vector<std::string> read_strings(hid_t where, const std::string &name);
std::vector<double> read_numbers(hid_t where, const std::string &name);

/// A whole dataset of doubles with the given shape.
void write_array(hid_t where, const std::string &name, const std::vector<double> &values,
                 const std::vector<hsize_t> &shape);
/// Reads a dataset of numbers as doubles; shape receives its dimensions.
std::vector<double> read_array(hid_t where, const std::string &name,
                               std::vector<hsize_t> *shape = nullptr);

} // namespace macrodyn::hdf5
