// fix partial/evolve through the plugin: the dataset it writes, the same file for 1, 2 and 4 ranks,
// full mode, and errors naming the problem.
#include "kmc_scripts.h"
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

using namespace macrodyn::testing;

namespace {

std::string ising_partial_script(const std::string &fix_extra) {
  return ising_box(32) + R"lmp(
fix kmc all kmc/lattice 10 lattice sq 1.0 model ising 1.0 field 0.1 move flip glauber temperature 2.5 time 1.0 seed 42
compute spin all spin/lattice lattice sq 1.0
fix pe all partial/evolve 10 kmc kmc compute spin patches 2 2 1 seed 7 file dataset.h5 )lmp" +
         fix_extra + R"lmp(
run 20
)lmp";
}

/// Runs a Python check (Debian's python3 with h5py) on dataset.h5 in dir; returns its output.
std::string python_check(const std::string &dir, const std::string &code) {
  write_file(dir + "/check.py",
             "import sys, h5py, numpy as np\nf = h5py.File(sys.argv[1], 'r')\n" + code);
  const auto run = run_command("/usr/bin/python3 " + dir + "/check.py " + dir + "/dataset.h5");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return run.output;
}

TEST(FixPartialEvolve, WritesSelfDescribingRecords) {
  const std::string dir = make_temp_dir("macrodyn-pe-");
  const auto run =
      run_lammps(ising_partial_script("time 0.2 samples 40 microstates yes"), 1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_NE(run.result.output.find("fix partial/evolve: snapshot 1: 40 records (total 80)"),
            std::string::npos);
  // The memory a rank needed, said with every snapshot: LAMMPS, the plugin and LibTorch alone
  // hold tens of MB resident; a small box adds little.
  std::smatch peak;
  ASSERT_TRUE(std::regex_search(run.result.output, peak,
                                std::regex("total 80\\) -> dataset.h5; peak memory (\\d+) MB/rank")))
      << run.result.output;
  EXPECT_GT(std::stoi(peak[1]), 10);
  EXPECT_LT(std::stoi(peak[1]), 2000);
  const auto out = python_check(dir, R"(
p = f['partial']
# Magnetization is a site observable: its exact increment is phi_I(x1) - phi_I(x0).
same = np.allclose(p['increment'][:, 0], p['phi_patch1'][:, 0] - p['phi_patch0'][:, 0], atol=1e-12)
# Patch microstates give the patch magnetization back (species 0 = +1, 1 = -1).
m1 = (1 - 2 * p['micro1'][:].astype(float)).mean(axis=1)
print('CHECK', p['phi0'].shape[0], f.attrs['K'][0], f.attrs['n_s'][0], same,
      np.allclose(m1, p['phi_patch1'][:, 0]), np.all(p['dt'][:] == 0.2), sorted(set(p['snapshot'][:])),
      f.attrs['observables'][0], p['condition'][0, 0], p['condition'][0, 1])
# Whole snapshots are stored with microstates: their mean spin is the records' phi0.
s = f['snapshots']
ok = all(abs((1 - 2 * s['configuration'][k].astype(float)).mean() -
             p['phi0'][p['snapshot'][:] == s['id'][k], 0][0]) < 1e-12 for k in range(len(s['id'])))
print('SNAPSHOTS', s['configuration'].shape, list(s['id'][:]), ok)
)");
  EXPECT_NE(out.find("CHECK 80 4 256 True True True [0, 1] magnetization 2.5 0.1"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("SNAPSHOTS (2, 1024) [0, 1] True"), std::string::npos) << out;
}

TEST(FixPartialEvolve, FullModeRecordsWholeBoxRuns) {
  const std::string dir = make_temp_dir("macrodyn-pe-");
  const auto run = run_lammps(ising_partial_script("mode full times 0.5 1.0 runs 3"), 1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto out = python_check(dir, R"(
g = f['full']
print('CHECK', g['phi'].shape, list(g['times'][0]), g['run'][:].tolist(), f.attrs['mode'])
)");
  EXPECT_NE(out.find("CHECK (6, 3, 2) [0.0, 0.5, 1.0] [0, 1, 2, 0, 1, 2] full"), std::string::npos)
      << out;
}

TEST(FixPartialEvolve, BadReferencesAreLammpsErrors) {
  auto run = run_lammps(ising_partial_script("time 0.2 bogus 1"));
  EXPECT_NE(run.first_error().find("fix partial/evolve: unknown keyword 'bogus'"),
            std::string::npos)
      << run.result.output;
  const std::string wrong_fix = ising_partial_script("time 0.2");
  const auto pos = wrong_fix.find("kmc kmc compute");
  run = run_lammps(std::string(wrong_fix).replace(pos, 7, "kmc nope"));
  EXPECT_NE(run.first_error().find("nope is not a fix kmc/lattice"), std::string::npos)
      << run.result.output;
  EXPECT_EQ(run.result.signal, 0);
}

} // namespace

TEST(FixPartialEvolve, AComputeOnAnotherLatticeIsAnError) {
  // The documented rule: the computes observe the KMC fix's lattice, so they must name the same.
  std::string script = ising_partial_script("time 0.2");
  script.replace(script.find("spin/lattice lattice sq 1.0"), 27, "spin/lattice lattice sq 2.0");
  const auto run = run_lammps(script);
  EXPECT_NE(run.first_error().find("compute spin/lattice: its lattice sq 2 differs from the "
                                   "lattice sq 1 of the style that uses it"),
            std::string::npos)
      << run.result.output;
  EXPECT_EQ(run.result.signal, 0);
}

TEST(FixPartialEvolve, SeveralComputesGiveTheirObservablesSideBySide) {
  const std::string dir = make_temp_dir("macrodyn-pe-");
  std::string script = ising_partial_script("time 0.2 samples 5");
  const auto at = script.find("compute spin patches");
  ASSERT_NE(at, std::string::npos);
  script.replace(at, std::string("compute spin patches").size(), "compute spin sro patches");
  script.insert(script.find("fix pe all"),
                "compute sro all sro/lattice lattice sq 1.0 types A B deltas no\n");
  script.replace(script.find("model ising"), 11, "types A B model ising");
  const auto run = run_lammps(script, 1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto out = python_check(dir, R"(
p = f['partial']
names = [n for n in f.attrs['observables']]
print('NAMES', names[:3], len(names), p['phi0'].shape)
)");
  EXPECT_NE(out.find("NAMES ['magnetization', 'domain_wall_density', 'alpha_A_A_s1']"),
            std::string::npos)
      << out;
  // The same compute twice repeats names: an error naming the observable.
  std::string twice = ising_partial_script("time 0.2");
  twice.replace(twice.find("compute spin patches"), std::string("compute spin patches").size(),
                "compute spin spin patches");
  const auto bad = run_lammps(twice);
  EXPECT_NE(bad.first_error().find("observable 'domain_wall_density' comes from two computes"),
            std::string::npos)
      << bad.result.output;
}

TEST(FixPartialEvolve, SeveralTemperaturesGoIntoOneDataset) {
  // The KMC fix is replaced between runs; the condition column tells the records apart.
  const std::string dir = make_temp_dir("macrodyn-pe-");
  std::string script = ising_partial_script("time 0.2 samples 3");
  script += R"lmp(
unfix kmc
fix kmc all kmc/lattice 10 lattice sq 1.0 model ising 1.0 field 0.1 move flip glauber temperature 3.5 time 1.0 seed 43
run 10
)lmp";
  const auto run = run_lammps(script, 1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto out = python_check(dir, R"(
p = f['partial']
print('TEMPERATURES', p['phi0'].shape[0], sorted(set(p['condition'][:, 0].tolist())))
)");
  EXPECT_NE(out.find("TEMPERATURES 9 [2.5, 3.5]"), std::string::npos) << out;
}

TEST(FixPartialEvolve, RerunTakesEveryDumpFrameAsASnapshot) {
  // Frames at steps 10 and 20 of a KMC run; rerun them with a KMC fix that never fires: the
  // records' phi0 is each frame's magnetization as the first run printed it.
  const std::string dir = make_temp_dir("macrodyn-pe-");
  const auto first = run_lammps(ising_box(32) + R"lmp(
fix kmc all kmc/lattice 10 lattice sq 1.0 model ising 1.0 field 0.1 move flip glauber temperature 2.5 time 1.0 seed 42
compute spin all spin/lattice lattice sq 1.0
thermo_style custom step c_spin[1]
thermo 10
dump frames all custom 10 frames.dump id type x y
run 20
)lmp",
                                1, "", dir);
  ASSERT_TRUE(first.ok()) << first.result.output;
  const auto second = run_lammps(ising_box(32) + R"lmp(
fix kmc all kmc/lattice 1000000 lattice sq 1.0 model ising 1.0 field 0.1 move flip glauber temperature 2.5 time 1.0 seed 42
compute spin all spin/lattice lattice sq 1.0
fix pe all partial/evolve 10 kmc kmc compute spin patches 2 2 1 seed 7 file dataset.h5 time 0.2 samples 2
rerun frames.dump first 10 dump x y purge yes replace no trim no add keep box no
)lmp",
                                 1, "", dir);
  ASSERT_TRUE(second.ok()) << second.result.output;
  // Magnetizations printed by the first run at steps 10 and 20.
  std::vector<std::string> m;
  std::istringstream log(first.result.output);
  for (std::string line; std::getline(log, line);) {
    std::istringstream words(line);
    long step;
    std::string value, extra;
    if (words >> step >> value && (step == 10 || step == 20) && !(words >> extra))
      m.push_back(value);
  }
  ASSERT_EQ(m.size(), 2u) << first.result.output;
  const auto out = python_check(dir, R"(
p = f['partial']
print('FRAMES', p['phi0'].shape[0], ' '.join('%.8g' % v for v in p['phi0'][::2, 0]))
)");
  EXPECT_NE(out.find("FRAMES 4 " + m[0] + " " + m[1]), std::string::npos)
      << out << m[0] << " " << m[1];
}
