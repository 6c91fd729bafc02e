#include "core/io/trajectory_file.h"

#include "core/base/error.h"
#include "core/io/hdf5_helpers.h"
#include "macrodyn/version.h"

#include <cstdio>
#include <fstream>

namespace macrodyn {

void write_trajectories(const std::string &path, const Trajectories &t) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  // Written to a temporary name and renamed: a killed run leaves no half file under path.
  const std::string tmp = path + ".partial";
  const hid_t file = H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  require(file >= 0, "cannot create '" + path + "'");
  const hsize_t G = t.groups(), R = t.runs, T = t.times.size(), D = t.observables.size(),
                C = t.conditions.size();
  hdf5::write_attribute(file, "format", std::string("macrodyn-trajectories"));
  hdf5::write_attribute(file, "format_version", std::vector<int>{1});
  hdf5::write_attribute(file, "code_version", std::string(kVersion));
  hdf5::write_attribute(file, "observables", t.observables);
  hdf5::write_attribute(file, "conditions", t.conditions);
  hdf5::write_attribute(file, "time_unit", t.time_unit);
  hdf5::write_attribute(file, "model", t.model);
  hdf5::write_attribute(file, "seed", std::vector<std::uint64_t>{t.seed});
  hdf5::write_attribute(file, "step", std::vector<double>{t.step});
  hdf5::write_array(file, "times", t.times, {T});
  hdf5::write_array(file, "snapshot", std::vector<double>(t.snapshot.begin(), t.snapshot.end()),
                    {G});
  hdf5::write_array(file, "condition", t.condition, {G, C});
  hdf5::write_array(file, "initial", t.initial, {G, D});
  hdf5::write_array(file, "trajectories", t.values, {G, R, T, D});
  H5Fclose(file);
  require(std::rename(tmp.c_str(), path.c_str()) == 0, "cannot rename " + tmp + " to " + path);
}

Trajectories read_trajectories(const std::string &path) {
  require(std::ifstream(path).good(), "cannot open '" + path + "'");
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  require(file >= 0, "'" + path + "' is not an HDF5 file");
  Trajectories t;
  try {
    require(hdf5::has_attribute(file, "format") &&
                hdf5::read_strings(file, "format").at(0) == "macrodyn-trajectories",
            "'" + path + "' is not a trajectories file of macrodyn predict");
    t.observables = hdf5::read_strings(file, "observables");
    t.conditions = hdf5::read_strings(file, "conditions");
    t.time_unit = hdf5::read_strings(file, "time_unit").at(0);
    t.model = hdf5::read_strings(file, "model").at(0);
    t.seed = static_cast<std::uint64_t>(hdf5::read_numbers(file, "seed").at(0));
    t.step = hdf5::read_numbers(file, "step").at(0);
    t.times = hdf5::read_array(file, "times");
    for (double s : hdf5::read_array(file, "snapshot"))
      t.snapshot.push_back(static_cast<std::uint64_t>(s));
    t.condition = hdf5::read_array(file, "condition");
    t.initial = hdf5::read_array(file, "initial");
    std::vector<hsize_t> shape;
    t.values = hdf5::read_array(file, "trajectories", &shape);
    t.runs = shape.size() == 4 ? shape[1] : 0;
  } catch (...) {
    H5Fclose(file);
    throw;
  }
  H5Fclose(file);
  return t;
}

} // namespace macrodyn
