// dataset.h5: round trip through h5py (the users' reader) and survival of kill -9 at any moment.
#include "core/io/dataset_file.h"
#include "core/io/dataset_reader.h"
#include "support/kill_harness.h"
#include "support/run_command.h"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>

using namespace macrodyn;

namespace {

DatasetDescription description(bool microstates) {
  DatasetDescription d;
  d.observables = {"magnetization", "domain_wall_density"};
  d.species = {"up", "down"};
  d.lattice = "sq";
  d.cells = {32, 32, 1};
  d.patch_shape = {2, 2, 1};
  d.sites_per_patch = 256;
  d.time_unit = "lj";
  d.energy_model = "ising J=1 h=0.1";
  d.seed = 42;
  d.microstates = microstates;
  d.n_sites = 1024;
  d.full_times = {0.5, 1.0};
  return d;
}

PartialRecord record(int k) {
  PartialRecord r;
  r.snapshot = k / 10;
  r.sample = k % 10;
  r.patch = k % 4;
  r.dt = 0.2;
  r.events = 100 + k;
  r.phi0 = {0.1 * k, 0.5};
  r.phi_patch0 = {0.2, 0.4};
  r.phi_patch1 = {0.3, 0.35};
  r.increment = {0.4, -0.2};
  r.micro0.assign(256, 0);
  r.micro1.assign(256, 1);
  r.micro1[k % 256] = 0;
  return r;
}

TEST(DatasetFile, RoundTripThroughH5py) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-ds-");
  {
    DatasetFile file(dir + "/dataset.h5", description(true));
    Configuration snapshot(1024, 1);
    snapshot[5] = 0;
    file.append_snapshot(2, snapshot);
    for (int k = 0; k < 25; ++k)
      file.append(record(k), {2.5, 0.1});
    FullRecord f;
    f.run = 3;
    f.times = {0, 0.5, 1.0};
    f.phi = {{0.4, 0.42}, {0.5, 0.35}, {0.55, 0.3}};
    file.append(f, {2.5, 0.1});
  }
  macrodyn::testing::write_file(dir + "/check.py", R"(
import sys, h5py
f = h5py.File(sys.argv[1], "r")
p = f["partial"]
print("PY", p["phi0"].shape[0], p["phi0"][7, 0], p["micro1"][7, 7], p["micro1"].shape[1],
      f.attrs["K"][0], f.attrs["observables"][1], f["full/phi"].shape, f["full/phi"][0, 2, 1],
      p["condition"][3, 0], f.attrs["format"], f["snapshots/configuration"].shape,
      f["snapshots/configuration"][0, 5], f["snapshots/id"][0])
)");
  const auto run = macrodyn::testing::run_command("/usr/bin/python3 " + dir + "/check.py " + dir +
                                                  "/dataset.h5");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(
      run.output.find("PY 25 0.7000000000000001 0 256 4 domain_wall_density (1, 3, 2) 0.3 2.5 "
                      "macrodyn-dataset (1, 1024) 0 2"),
      std::string::npos)
      << run.output;
  // And through the C++ reader.
  const auto c = read_dataset(dir + "/dataset.h5", true);
  EXPECT_EQ(c.n_partial, 25u);
  EXPECT_EQ(c.snapshot_ids, std::vector<std::uint64_t>{2});
  EXPECT_EQ(c.n_sites, 1024u);
  EXPECT_EQ(c.snapshots[5], 0);
  EXPECT_EQ(c.snapshots[6], 1);
  EXPECT_EQ(c.micro1[7 * 256 + 7], 0);
}

TEST(DatasetFile, ABlockOfRecordsWritesTheRowsOfOneAppendEach) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-ds-block-");
  std::vector<PartialRecord> first, second;
  for (int k = 0; k < 25; ++k)
    (k < 10 ? first : second).push_back(record(k));
  {
    DatasetFile one_by_one(dir + "/single.h5", description(true));
    for (int k = 0; k < 25; ++k)
      one_by_one.append(record(k), {2.5, 0.1});
    DatasetFile blocks(dir + "/blocks.h5", description(true));
    blocks.append(first, {2.5, 0.1});
    blocks.append(std::vector<PartialRecord>{}, {2.5, 0.1}); // an empty block writes nothing
    blocks.append(second, {2.5, 0.1});
    EXPECT_EQ(blocks.partial_records(), 25u);
  }
  const auto a = read_dataset(dir + "/single.h5", true), b = read_dataset(dir + "/blocks.h5", true);
  ASSERT_EQ(b.n_partial, 25u);
  EXPECT_EQ(a.micro0, b.micro0);
  EXPECT_EQ(a.micro1, b.micro1);
  const auto dump = [&](const std::string &name) {
    return macrodyn::testing::run_command("h5dump -g /partial " + dir + "/" + name).output;
  };
  const auto single = dump("single.h5"), block = dump("blocks.h5");
  ASSERT_NE(single.find("DATASPACE  SIMPLE { ( 25, 2 )"), std::string::npos) << single;
  EXPECT_EQ(single.substr(single.find('{')), block.substr(block.find('{')));
}

/// Opens the file with the HDF5 library and returns the number of partial records the file counts
/// as complete (the group's attribute "records"; -1: unreadable), each checked to read back intact.
long long records_in(const std::string &path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) return -1;
  const hid_t group = H5Gopen2(file, "/partial", H5P_DEFAULT);
  const hid_t set = group >= 0 ? H5Dopen2(group, "phi0", H5P_DEFAULT) : -1;
  long long n = -1;
  if (set >= 0 && H5Aexists(group, "records") > 0) {
    std::uint64_t count = 0;
    const hid_t attr = H5Aopen(group, "records", H5P_DEFAULT);
    H5Aread(attr, H5T_NATIVE_UINT64, &count);
    H5Aclose(attr);
    const hid_t space = H5Dget_space(set);
    hsize_t dims[2];
    H5Sget_simple_extent_dims(space, dims, nullptr);
    const bool counted_rows_exist = dims[0] >= count;
    dims[0] = std::min<hsize_t>(dims[0], count);
    H5Sselect_hyperslab(space, H5S_SELECT_SET, std::vector<hsize_t>{0, 0}.data(), nullptr, dims,
                        nullptr);
    const hid_t memory = H5Screate_simple(2, dims, nullptr);
    std::vector<double> values(dims[0] * 2);
    if (dims[0] == 0 ||
        H5Dread(set, H5T_NATIVE_DOUBLE, memory, space, H5P_DEFAULT, values.data()) >= 0) {
      n = static_cast<long long>(dims[0]);
      for (hsize_t k = 0; k < dims[0]; ++k)
        if (values[2 * k] != 0.1 * k) n = -2;
    }
    if (!counted_rows_exist) n = -3;
    H5Sclose(memory), H5Sclose(space);
  }
  if (set >= 0) H5Dclose(set);
  if (group >= 0) H5Gclose(group);
  H5Fclose(file);
  return n;
}

TEST(DatasetFile, ReadersTakeOnlyTheRecordsTheFileCountsComplete) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-count-");
  const std::string path = dir + "/dataset.h5";
  {
    DatasetFile file(path, description(true));
    for (int k = 0; k < 3; ++k)
      file.append(record(k), {2.5, 0.1});
  }
  EXPECT_EQ(records_in(path), 3);
  // What a kill between a flush's writes leaves: rows on disk beyond the count.
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  const hid_t group = H5Gopen2(file, "/partial", H5P_DEFAULT);
  const hid_t attr = H5Aopen(group, "records", H5P_DEFAULT);
  const std::uint64_t two = 2;
  H5Awrite(attr, H5T_NATIVE_UINT64, &two);
  H5Aclose(attr), H5Gclose(group), H5Fclose(file);
  const auto c = read_dataset(path, true);
  EXPECT_EQ(c.n_partial, 2u);
  EXPECT_EQ(c.phi0.size(), 4u);
  EXPECT_EQ(c.micro1.size(), 2u * 256u);
  EXPECT_EQ(count_records(path).partial, 2u);
}

TEST(DatasetFile, SurvivesKillMinusNineAtAnyMoment) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-kill-");
  for (int attempt = 0; attempt < 12; ++attempt) {
    const std::string path = dir + "/dataset" + std::to_string(attempt) + ".h5";
    // Kill after 30..250 ms: at file creation, mid-record or mid-flush.
    const int completed = macrodyn::testing::appends_before_kill(
        [&] {
          auto file = std::make_shared<DatasetFile>(path, description(true));
          return [file](int k) { file->append(record(k), {2.5, 0.1}); };
        },
        30 + 20 * attempt);
    const long long found = records_in(path);
    EXPECT_GE(found, completed) << "attempt " << attempt << ": " << completed
                                << " records completed, file holds " << found;
    ::testing::Test::RecordProperty("attempt" + std::to_string(attempt),
                                    std::to_string(completed) + " completed, " +
                                        std::to_string(found) + " readable");
  }
}

} // namespace
