// Snapshot pools through LAMMPS: upsample/lattice appends its large snapshots to a pool (the same
// configurations it dumps), upsample/lattice `from` upsamples every snapshot of a pool exactly as
// the core does, fix partial/evolve `pool` takes one pool snapshot per invocation (records keyed
// by the pool's ids, phi0 recomputed here from the stored configuration), and mismatches are
// LAMMPS errors.
#include "kmc_scripts.h"
#include "support/lammps_harness.h"

#include "core/drivers/upsampler.h"
#include "core/io/dataset_reader.h"
#include "core/io/snapshot_pool.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

using namespace macrodyn::testing;

namespace {

const char *kIsingFix =
    "fix kmc all kmc/lattice 10 lattice sq 1.0 model ising 1.0 field 0.1 move flip glauber "
    "temperature 2.5 time 5 seed 42\n";

/// A fresh L x L box (lj, 2D) with the Ising KMC fix and the spin compute.
std::string fresh_box(int L) {
  return "clear\n" + ising_box(L) + kIsingFix + "compute spin all spin/lattice lattice sq 1.0\n";
}

/// Frames of a text dump with columns id type x y z: timestep -> type per site of an L x L
/// square lattice (a = 1, site = y L + x).
std::map<long, std::vector<int>> dump_frames(const std::string &path, int L) {
  std::istringstream in(read_file(path));
  std::map<long, std::vector<int>> frames;
  std::string line;
  while (std::getline(in, line)) {
    if (line != "ITEM: TIMESTEP") continue;
    long step, n;
    in >> step;
    std::getline(in, line), std::getline(in, line);
    in >> n;
    for (int k = 0; k < 6; ++k) // rest of the count line, BOX BOUNDS + 3 lines, ATOMS header
      std::getline(in, line);
    auto &types = frames[step];
    types.assign(static_cast<std::size_t>(L) * L, 0);
    for (long k = 0; k < n; ++k) {
      long id;
      int type;
      double x, y, z;
      in >> id >> type >> x >> y >> z;
      types[static_cast<std::size_t>(std::lround(y)) * L + std::lround(x)] = type;
    }
  }
  return frames;
}

double magnetization(const macrodyn::Configuration &x) {
  double m = 0;
  for (auto s : x)
    m += macrodyn::spin_of(s);
  return m / static_cast<double>(x.size());
}

} // namespace

TEST(SnapshotPools, UpsampledPoolFeedsPartialEvolution) {
  const std::string dir = make_temp_dir("macrodyn-pools-");
  const std::string up = "upsample/lattice kmc kmc levels 1 time 1 seed 5 pool big.h5 dump big.dump";
  auto run = run_lammps(ising_box(16) + kIsingFix + "run 10\n" + up + " id 4\nrun 10\n" + up +
                            " id 9\n",
                        1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto pool = macrodyn::read_snapshot_pool(dir + "/big.h5");
  ASSERT_EQ(pool.ids, (std::vector<std::uint64_t>{4, 9}));
  EXPECT_EQ(pool.layout.cells, (std::array<int, 3>{32, 32, 1}));
  EXPECT_EQ(pool.layout.lattice, "sq");
  const auto frames = dump_frames(dir + "/big.dump", 32);
  ASSERT_EQ(frames.size(), 2u);
  for (std::size_t k = 0; k < pool.size(); ++k) {
    const auto x = pool.configuration(k);
    const auto &types = frames.at(static_cast<long>(pool.ids[k]));
    for (std::size_t site = 0; site < x.size(); ++site)
      ASSERT_EQ(x[site] + 1, types[site]) << "snapshot " << pool.ids[k] << " site " << site;
  }

  // Three invocations, two pool snapshots: the third records nothing and warns.
  run = run_lammps(fresh_box(32) +
                       "fix pe all partial/evolve 1 kmc kmc compute spin patches 2 2 1 time 0.5 "
                       "samples 4 seed 3 microstates yes pool big.h5 file data.h5\n"
                       "run 3\n",
                   1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_NE(run.result.output.find("all 2 snapshots of pool big.h5 are used"), std::string::npos)
      << run.result.output;
  const auto data = macrodyn::read_dataset(dir + "/data.h5", true);
  ASSERT_EQ(data.n_partial, 8u);
  EXPECT_EQ(data.snapshot_ids, pool.ids);
  EXPECT_EQ(data.snapshots, pool.configurations);
  for (std::size_t r = 0; r < data.n_partial; ++r) {
    const std::size_t k = r / 4;
    EXPECT_EQ(data.record_snapshot[r], pool.ids[k]);
    EXPECT_NEAR(data.phi0[r * data.dimension()], magnetization(pool.configuration(k)), 1e-12);
  }
}

TEST(SnapshotPools, FromPoolUpsamplesEverySnapshotAsTheCoreDoes) {
  const std::string dir = make_temp_dir("macrodyn-pools-");
  // A pool of two 16^2 snapshots (the /snapshots of a dataset), upsampled to 32^2 with prior
  // mixing; the core's upsample() on the same snapshots, settings and ids must agree exactly.
  auto run = run_lammps(ising_box(16) + kIsingFix +
                            "compute spin all spin/lattice lattice sq 1.0\n"
                            "fix pe all partial/evolve 5 kmc kmc compute spin patches 1 1 1 mode "
                            "full times 0.1 seed 3 microstates yes file small.h5\n"
                            "run 10\n"
                            "unfix pe\n"
                            "upsample/lattice kmc kmc levels 1 time 0.5 seed 8 prior 0.5 from "
                            "small.h5 pool big.h5\n",
                        1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto small = macrodyn::read_snapshot_pool(dir + "/small.h5");
  const auto big = macrodyn::read_snapshot_pool(dir + "/big.h5");
  ASSERT_EQ(small.size(), 2u);
  ASSERT_EQ(big.ids, small.ids);
  macrodyn::KmcOptions o;
  o.energy = macrodyn::IsingSpec{{1.0}, 0.1};
  o.kT = 2.5;
  macrodyn::UpsampleSettings s;
  s.levels = 1;
  s.window_time = 0.5;
  s.seed = 8;
  s.prior_fraction = 0.5;
  s.n_species = 2;
  for (std::size_t k = 0; k < small.size(); ++k) {
    const auto r = macrodyn::upsample(macrodyn::LatticeKind::Square, {16, 16, 1}, 1.0,
                                      small.configuration(k), o, s, small.ids[k]);
    EXPECT_EQ(big.configuration(k), r.configuration) << k;
    EXPECT_EQ(run.result.output.find("id " + std::to_string(small.ids[k]) + ", prior draw") !=
                  std::string::npos,
              r.from_prior);
  }
}

TEST(SnapshotPools, MismatchesAreLammpsErrors) {
  const std::string dir = make_temp_dir("macrodyn-pools-");
  auto run = run_lammps(ising_box(16) + kIsingFix +
                            "upsample/lattice kmc kmc levels 1 events 1 seed 5 pool big.h5\n",
                        1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  // A 32^2 pool in a 16^2 box.
  run = run_lammps(fresh_box(16) +
                       "fix pe all partial/evolve 1 kmc kmc compute spin patches 2 2 1 time 0.5 "
                       "seed 3 pool big.h5 file data.h5\nrun 1\n",
                   1, "", dir);
  EXPECT_NE(run.first_error().find("does not fit this system: cells 32x32x1 vs 16x16x1"),
            std::string::npos)
      << run.result.output;
  // The same id twice.
  run = run_lammps(ising_box(16) + kIsingFix +
                       "upsample/lattice kmc kmc levels 1 events 1 seed 5 pool big.h5\n",
                   1, "", dir);
  EXPECT_NE(run.first_error().find("snapshot id 0 is already in pool"), std::string::npos)
      << run.result.output;
  run = run_lammps(ising_box(16) + kIsingFix +
                   "upsample/lattice kmc kmc levels 1 events 1 seed 5 from big.h5 data x.data\n");
  EXPECT_NE(run.first_error().find("with from (several snapshots) write a dump or a pool"),
            std::string::npos)
      << run.result.output;
  run = run_lammps(ising_box(16) + kIsingFix +
                   "upsample/lattice kmc kmc levels 1 events 1 seed 5 prior 1.5 pool p.h5\n");
  EXPECT_NE(run.first_error().find("prior must be in [0, 1]"), std::string::npos)
      << run.result.output;
  run = run_lammps(ising_box(16) + kIsingFix +
                   "upsample/lattice kmc kmc levels 1 events 1 seed 5 from nothere.h5 pool p.h5\n");
  EXPECT_NE(run.first_error().find("cannot open snapshot pool 'nothere.h5'"), std::string::npos)
      << run.result.output;
}
