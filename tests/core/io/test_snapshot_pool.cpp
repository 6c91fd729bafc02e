// Snapshot pools: round trip, continuing an existing pool, refusing a foreign layout or a repeated
// id, reading a dataset's /snapshots as a pool, and surviving kill -9 while appending.
#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/io/dataset_file.h"
#include "core/io/snapshot_pool.h"
#include "support/kill_harness.h"
#include "support/run_command.h"

#include <gtest/gtest.h>


using namespace macrodyn;

namespace {

PoolLayout bcc_layout() {
  PoolLayout l;
  l.lattice = "bcc";
  l.cells = {4, 4, 4};
  l.lattice_constant = 3.24;
  l.species = {"Nb", "Mo", "Ta"};
  l.n_sites = 128;
  return l;
}

/// Species codes -1 (vacancy) .. n_species - 1.
Configuration random_configuration(std::size_t n, std::uint64_t key, int n_species = 3) {
  RandomStream rng(9, {key});
  Configuration x(n);
  for (auto &s : x)
    s = static_cast<Species>(rng.below(n_species + 1)) - 1;
  return x;
}

std::string expect_error(const std::function<void()> &f) {
  try {
    f();
  } catch (const Error &e) {
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

} // namespace

TEST(SnapshotPool, RoundTripAndContinuation) {
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-pool-") + "/pool.h5";
  {
    SnapshotPoolFile pool(path, bcc_layout(), {{"source", "test"}});
    pool.append(7, random_configuration(128, 7));
    pool.append(3, random_configuration(128, 3));
  }
  {
    // Reopened with the same layout: continues after the two snapshots.
    SnapshotPoolFile pool(path, bcc_layout(), {});
    EXPECT_EQ(pool.size(), 2u);
    pool.append(11, random_configuration(128, 11));
    const auto message = expect_error([&] { pool.append(3, random_configuration(128, 3)); });
    EXPECT_NE(message.find("snapshot id 3 is already in pool"), std::string::npos) << message;
    EXPECT_NE(expect_error([&] { pool.append(12, Configuration(5, 0)); }).find("5 sites"),
              std::string::npos);
  }
  const auto pool = read_snapshot_pool(path);
  EXPECT_EQ(pool.layout.lattice, "bcc");
  EXPECT_EQ(pool.layout.cells, (std::array<int, 3>{4, 4, 4}));
  EXPECT_DOUBLE_EQ(pool.layout.lattice_constant, 3.24);
  EXPECT_EQ(pool.layout.species, bcc_layout().species);
  ASSERT_EQ(pool.ids, (std::vector<std::uint64_t>{7, 3, 11}));
  for (std::size_t k = 0; k < pool.size(); ++k)
    EXPECT_EQ(pool.configuration(k), random_configuration(128, pool.ids[k])) << k;
  EXPECT_EQ(layout_difference(pool.layout, bcc_layout()), "");

  auto other = bcc_layout();
  other.cells = {8, 4, 4};
  other.n_sites = 256;
  const auto message = expect_error([&] { SnapshotPoolFile(path, other, {}); });
  EXPECT_NE(message.find("cells 4x4x4 vs 8x4x4"), std::string::npos) << message;
  other = bcc_layout();
  other.species = {"Nb", "Mo", "W"};
  EXPECT_NE(expect_error([&] { SnapshotPoolFile(path, other, {}); }).find("species"),
            std::string::npos);
}

TEST(SnapshotPool, RefusesFilesThatAreNoPools) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-pool-");
  DatasetDescription d;
  d.observables = {"m"};
  d.species = {"up", "down"};
  d.lattice = "sq";
  d.cells = {8, 8, 1};
  d.sites_per_patch = 16;
  d.n_sites = 64;
  {
    DatasetFile without(dir + "/plain.h5", d);
    d.microstates = true;
    DatasetFile with(dir + "/micro.h5", d);
    with.append_snapshot(5, random_configuration(64, 5, 2));
  }
  // A dataset with microstates is a pool of its snapshots; one without holds none.
  const auto pool = read_snapshot_pool(dir + "/micro.h5");
  EXPECT_EQ(pool.ids, std::vector<std::uint64_t>{5});
  EXPECT_EQ(pool.layout.n_sites, 64u);
  EXPECT_EQ(pool.configuration(0), random_configuration(64, 5, 2));
  EXPECT_NE(expect_error([&] { read_snapshot_pool(dir + "/plain.h5"); }).find("no /snapshots"),
            std::string::npos);
  EXPECT_NE(expect_error([&] { read_snapshot_pool(dir + "/missing.h5"); }).find("cannot open"),
            std::string::npos);
  // Appending to a dataset would corrupt it: refused.
  PoolLayout l;
  l.lattice = "sq";
  l.cells = {8, 8, 1};
  l.species = {"up", "down"};
  l.n_sites = 64;
  EXPECT_NE(expect_error([&] { SnapshotPoolFile(dir + "/micro.h5", l, {}); })
                .find("exists and is not a snapshot pool"),
            std::string::npos);
}

TEST(SnapshotPool, SurvivesKillMinusNineWhileAppending) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-pool-kill-");
  auto layout = bcc_layout();
  layout.cells = {16, 16, 16};
  layout.n_sites = 8192;
  for (int attempt = 0; attempt < 8; ++attempt) {
    const std::string path = dir + "/pool" + std::to_string(attempt) + ".h5";
    const int completed = macrodyn::testing::appends_before_kill(
        [&] {
          auto pool = std::make_shared<SnapshotPoolFile>(path, layout,
                                                         std::map<std::string, std::string>{});
          return [pool, &layout](int k) {
            pool->append(k, random_configuration(layout.n_sites, k));
          };
        },
        20 + 25 * attempt);
    if (completed == 0) continue; // killed before the file was complete: nothing promised
    const auto pool = read_snapshot_pool(path);
    EXPECT_GE(pool.size(), static_cast<std::size_t>(completed)) << "attempt " << attempt;
    for (std::size_t k = 0; k < pool.size(); k += 7)
      EXPECT_EQ(pool.configuration(k), random_configuration(layout.n_sites, pool.ids[k]));
  }
}
