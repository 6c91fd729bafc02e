#include "core/io/partial_force_reader.h"

#include "core/base/error.h"
#include "core/io/hdf5_file_reader.h"

#include <algorithm>

namespace macrodyn {

PartialForceSetUp read_partial_force_set_up(const std::string &path) {
  const hdf5::FileReader r(path, "partial force file");
  require(r.has_attribute("format") && r.string("format") == "macrodyn-partial-forces",
          "'" + path + "' is not a partial force file (fix partial/force writes them)");
  PartialForceSetUp s;
  s.path = path;
  s.atoms = static_cast<std::int64_t>(r.numbers("atoms").at(0));
  s.selected = static_cast<std::int64_t>(r.numbers("selected").at(0));
  s.velocities = r.ints("velocities").at(0) != 0;
  s.full_forces = r.ints("full_forces").at(0) != 0;
  s.timestep = r.numbers("timestep").at(0);
  s.units = r.string("units");
  s.pair_style = r.string("pair_style");
  s.conditions = r.strings("conditions");
  // Complete records: the shortest dataset, at most the group's record count (shape applies it).
  std::size_t n = r.shape("/configurations/step").first;
  for (const char *name : {"trajectory", "time", "positions", "masses", "selected", "forces"})
    n = std::min(n, r.shape(std::string("/configurations/") + name).first);
  if (s.velocities) n = std::min(n, r.shape("/configurations/velocities").first);
  if (s.full_forces) n = std::min(n, r.shape("/configurations/full_forces").first);
  if (!s.conditions.empty()) n = std::min(n, r.shape("/configurations/conditions").first);
  s.records = n;
  return s;
}

PartialForceIndex read_partial_force_index(const PartialForceSetUp &s) {
  const hdf5::FileReader r(s.path, "partial force file");
  PartialForceIndex index;
  index.trajectory = r.read_rows<int>("/configurations/trajectory", H5T_NATIVE_INT, 0, s.records);
  index.step = r.read_rows<std::int64_t>("/configurations/step", H5T_NATIVE_INT64, 0, s.records);
  return index;
}

PartialForceBlock read_partial_force_block(const PartialForceSetUp &s, std::uint64_t first,
                                           std::uint64_t count, bool with_full_forces) {
  require(first <= s.records, "'" + s.path + "' has " + std::to_string(s.records) +
                                  " configurations, not " + std::to_string(first));
  require(!with_full_forces || s.full_forces,
          "'" + s.path + "' holds no full forces (fix partial/force ... full yes writes them)");
  const hdf5::FileReader r(s.path, "partial force file");
  PartialForceBlock b;
  b.first = first;
  b.count = std::min<std::uint64_t>(count, s.records - first);
  auto rows = [&](const char *name, hid_t type, auto tag) {
    return r.read_rows<decltype(tag)>(std::string("/configurations/") + name, type, first,
                                      b.count);
  };
  b.trajectory = rows("trajectory", H5T_NATIVE_INT, int{});
  b.step = rows("step", H5T_NATIVE_INT64, std::int64_t{});
  b.time = rows("time", H5T_NATIVE_DOUBLE, double{});
  b.box = rows("box", H5T_NATIVE_DOUBLE, double{});
  b.positions = rows("positions", H5T_NATIVE_DOUBLE, double{});
  if (s.velocities) b.velocities = rows("velocities", H5T_NATIVE_DOUBLE, double{});
  b.masses = rows("masses", H5T_NATIVE_DOUBLE, double{});
  b.selected = rows("selected", H5T_NATIVE_INT64, std::int64_t{});
  b.forces = rows("forces", H5T_NATIVE_DOUBLE, double{});
  if (with_full_forces) b.full_forces = rows("full_forces", H5T_NATIVE_DOUBLE, double{});
  if (!s.conditions.empty()) b.conditions = rows("conditions", H5T_NATIVE_DOUBLE, double{});
  return b;
}

} // namespace macrodyn
