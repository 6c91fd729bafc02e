#include "core/io/partial_force_file.h"

#include "core/base/error.h"
#include "core/io/hdf5_growing.h"
#include "core/io/hdf5_helpers.h"
#include "macrodyn/version.h"

#include <hdf5.h>

#include <algorithm>

namespace macrodyn {

namespace {

constexpr int kFormatVersion = 1;

} // namespace

struct PartialForceFile::Handles {
  hid_t file = -1, group = -1;
  std::map<std::string, hdf5::GrowingDataset> sets;
};

PartialForceFile::PartialForceFile(const std::string &path, const PartialForceDescription &d,
                                   bool append)
    : h_(new Handles), description_(d) {
  require(d.atoms > 0 && d.selected > 0 && d.selected <= d.atoms,
          "partial force file: needs 0 < selected <= atoms");
  const hid_t fapl = hdf5::crash_safe_file_access();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const bool reopen = append && H5Fis_hdf5(path.c_str()) > 0;
  h_->file = reopen ? H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl)
                    : H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
  H5Pclose(fapl);
  if (h_->file < 0) {
    delete h_;
    throw Error(std::string("cannot ") + (reopen ? "open" : "create") + " partial force file '" +
                path + "'");
  }
  const hid_t root = h_->file;
  const hsize_t N = static_cast<hsize_t>(d.atoms), n = static_cast<hsize_t>(d.selected);
  const hsize_t C = d.conditions.size();
  struct Set {
    const char *name;
    hid_t type;
    std::vector<hsize_t> row;
    bool wanted;
  };
  const std::vector<Set> sets = {
      {"trajectory", H5T_NATIVE_INT, {}, true},
      {"step", H5T_NATIVE_INT64, {}, true},
      {"time", H5T_NATIVE_DOUBLE, {}, true},
      {"invocation", H5T_NATIVE_UINT64, {}, true},
      {"box", H5T_NATIVE_DOUBLE, {9}, true},
      {"positions", H5T_NATIVE_DOUBLE, {N, 3}, true},
      {"velocities", H5T_NATIVE_DOUBLE, {N, 3}, d.velocities},
      {"types", H5T_NATIVE_INT32, {N}, true},
      {"masses", H5T_NATIVE_DOUBLE, {N}, true},
      {"selected", H5T_NATIVE_INT64, {n}, true},
      {"forces", H5T_NATIVE_DOUBLE, {n, 3}, true},
      {"force_evaluations", H5T_NATIVE_INT64, {}, true},
      {"pair_terms", H5T_NATIVE_UINT64, {}, true},
      {"full_forces", H5T_NATIVE_DOUBLE, {N, 3}, d.full_forces},
      {"conditions", H5T_NATIVE_DOUBLE, {C}, C > 0},
  };
  try {
    if (reopen) {
      auto number = [&](const char *name) {
        const auto v = hdf5::read_numbers(root, name);
        return v.empty() ? -1.0 : v[0];
      };
      const auto names = hdf5::has_attribute(root, "conditions")
                             ? hdf5::read_strings(root, "conditions")
                             : std::vector<std::string>{};
      if (number("atoms") != double(d.atoms) || number("selected") != double(d.selected) ||
          number("velocities") != double(d.velocities) ||
          number("full_forces") != double(d.full_forces) || names != d.conditions)
        throw Error("'" + path +
                    "' holds configurations of another set-up (atoms, selected count, "
                    "velocities, full forces or conditions differ): append needs the same");
      h_->group = H5Gopen2(root, "configurations", H5P_DEFAULT);
      require(h_->group >= 0, "'" + path + "' is not a partial force file");
      for (const auto &s : sets)
        if (s.wanted) h_->sets[s.name] = hdf5::GrowingDataset(h_->group, s.name, s.type);
      // After a crash the datasets may hold an incomplete last row: the next record replaces it.
      records_ = h_->sets["step"].records();
      for (const auto &[name, set] : h_->sets)
        records_ = std::min(records_, set.records());
      const long long committed = hdf5::committed_records(h_->group);
      if (committed >= 0) records_ = std::min<std::uint64_t>(records_, committed);
    } else {
      hdf5::write_attribute(root, "format", std::string("macrodyn-partial-forces"));
      hdf5::write_attribute(root, "format_version", std::vector<int>{kFormatVersion});
      hdf5::write_attribute(root, "code_version", std::string(kVersion));
      hdf5::write_attribute(root, "lammps_version", d.lammps_version);
      hdf5::write_attribute(root, "units", d.units);
      hdf5::write_attribute(root, "pair_style", d.pair_style);
      hdf5::write_attribute(root, "atoms", std::vector<double>{double(d.atoms)});
      hdf5::write_attribute(root, "selected", std::vector<double>{double(d.selected)});
      hdf5::write_attribute(root, "fraction",
                            std::vector<double>{double(d.selected) / double(d.atoms)});
      hdf5::write_attribute(root, "seed", std::vector<std::uint64_t>{d.seed});
      hdf5::write_attribute(root, "timestep", std::vector<double>{d.timestep});
      hdf5::write_attribute(root, "velocities", std::vector<int>{d.velocities ? 1 : 0});
      hdf5::write_attribute(root, "full_forces", std::vector<int>{d.full_forces ? 1 : 0});
      hdf5::write_attribute(root, "conditions", d.conditions);
      for (const auto &[key, value] : d.extra)
        hdf5::write_attribute(root, key, value);
      h_->group = H5Gcreate2(root, "configurations", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      for (const auto &s : sets)
        if (s.wanted) h_->sets[s.name] = hdf5::GrowingDataset(h_->group, s.name, s.type, s.row);
    }
    hdf5::commit_records(root, h_->group, records_);
  } catch (...) {
    h_->sets.clear();
    if (h_->group >= 0) H5Gclose(h_->group);
    H5Fclose(h_->file);
    delete h_;
    throw;
  }
}

PartialForceFile::~PartialForceFile() {
  h_->sets.clear();
  if (h_->group >= 0) H5Gclose(h_->group);
  H5Fclose(h_->file);
  delete h_;
}

void PartialForceFile::append(const PartialForceRecord &r) {
  const auto &d = description_;
  const std::size_t N = static_cast<std::size_t>(d.atoms), n = static_cast<std::size_t>(d.selected);
  auto expect = [](std::size_t got, std::size_t want, const char *what) {
    require(got == want, std::string("partial force record: ") + what + " has " +
                             std::to_string(got) + " values, expected " + std::to_string(want));
  };
  expect(r.positions.size(), 3 * N, "positions");
  if (d.velocities) expect(r.velocities.size(), 3 * N, "velocities");
  expect(r.types.size(), N, "types");
  expect(r.masses.size(), N, "masses");
  expect(r.selected.size(), n, "selected");
  expect(r.forces.size(), 3 * n, "forces");
  if (d.full_forces) expect(r.full_forces.size(), 3 * N, "full_forces");
  expect(r.conditions.size(), d.conditions.size(), "conditions");
  auto &s = h_->sets;
  const std::uint64_t k = records_;
  const std::int64_t evaluations = d.selected;
  s["trajectory"].append(k, &r.trajectory);
  s["step"].append(k, &r.step);
  s["time"].append(k, &r.time);
  s["invocation"].append(k, &r.invocation);
  s["box"].append(k, r.box.data());
  s["positions"].append(k, r.positions.data());
  if (d.velocities) s["velocities"].append(k, r.velocities.data());
  s["types"].append(k, r.types.data());
  s["masses"].append(k, r.masses.data());
  s["selected"].append(k, r.selected.data());
  s["forces"].append(k, r.forces.data());
  s["force_evaluations"].append(k, &evaluations);
  s["pair_terms"].append(k, &r.pair_terms);
  if (d.full_forces) s["full_forces"].append(k, r.full_forces.data());
  if (!d.conditions.empty()) s["conditions"].append(k, r.conditions.data());
  hdf5::commit_records(h_->file, h_->group, k + 1);
  ++records_;
}

} // namespace macrodyn
