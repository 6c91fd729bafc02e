// compute partial/force and fix partial/force through the plugin: the forces on the selected atoms
// equal LAMMPS's own full force computation on the same atoms (lj/cut, eam/alloy with the project's
// NbMoTa potential, hybrid/overlay), during MD and in rerun; the same selection and forces, bit for
// bit, for 1, 2 and 4 ranks; errors that name what is not supported.
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>

using namespace macrodyn::testing;

namespace {

/// 500 atoms of two types (types by atom ID, so any rank count builds the same system), displaced
/// off the fcc lattice, with velocities; `pair` sets the interactions.
std::string lj_system(const std::string &pair) {
  return R"lmp(
plugin load ${macrodyn}
units lj
atom_style atomic
lattice fcc 0.8
region box block 0 5 0 5 0 5
create_box 2 box
create_atoms 1 box
group two id 1:500:3
set group two type 2
mass * 1.0
displace_atoms all random 0.08 0.08 0.08 9191
velocity all create 1.0 87287 loop geom
)lmp" + pair;
}

const std::string kLennardJones = lj_system(R"lmp(pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0
pair_coeff 1 2 1.2 0.9 2.2
pair_coeff 2 2 0.8 1.1
)lmp");

const std::string kOverlay = lj_system(R"lmp(pair_style hybrid/overlay lj/cut 2.5 morse 1.8
pair_coeff * * lj/cut 1.0 1.0
pair_coeff 1 2 morse 0.3 2.0 1.1
pair_coeff 2 2 morse 0.5 1.5 1.0 1.5
)lmp");

std::string nbmota() {
  return std::string(R"lmp(
plugin load ${macrodyn}
units metal
atom_style atomic
lattice bcc 3.3
region box block 0 6 0 6 0 6
create_box 3 box
create_atoms 1 box
group mo id 1:432:3
group ta id 2:432:3
set group mo type 2
set group ta type 3
mass 1 92.906
mass 2 95.95
mass 3 180.95
displace_atoms all random 0.15 0.15 0.15 777
velocity all create 1200 4928 loop geom
pair_style eam/alloy
pair_coeff * * )lmp") +
         MACRODYN_SOURCE_DIR + "/potentials/NbMoTa.eam.alloy Nb Mo Ta\n";
}

/// MD with the compute's rows written by fix ave/time and LAMMPS's full forces dumped each step.
std::string md_script(const std::string &system, const std::string &compute_args, double dt) {
  return system + "neighbor 0.3 bin\nfix nve all nve\ntimestep " + std::to_string(dt) +
         "\ncompute pf all partial/force " + compute_args + R"lmp(
fix av all ave/time 1 1 1 c_pf[*] mode vector file pf.txt format " %.17g"
dump d all custom 1 full.dump id fx fy fz
dump_modify d sort id format float %.17g
thermo_style custom step c_pf[1]
run 4
)lmp";
}

std::string python_compare(const std::string &dir, int rows) {
  write_file(dir + "/compare.py", R"py(
import sys, numpy as np
def partial(path):
    out, lines = {}, [l.split() for l in open(path) if not l.startswith('#')]
    k = 0
    while k < len(lines):
        step, n = int(lines[k][0]), int(lines[k][1])
        out[step] = np.array([[float(v) for v in l[1:]] for l in lines[k + 1:k + 1 + n]])
        k += 1 + n
    return out
def full(path):
    out, lines = {}, open(path).read().split('ITEM: TIMESTEP\n')[1:]
    for block in lines:
        rows = block.splitlines()
        step, n = int(rows[0]), int(rows[2])
        out[step] = np.array([[float(v) for v in r.split()] for r in rows[8:8 + n]])
    return out
p, f = partial(sys.argv[1] + '/pf.txt'), full(sys.argv[1] + '/full.dump')
worst, ids_ok, differ = 0.0, True, 0
for step, rows in p.items():
    ids = rows[:, 0].astype(int)
    ids_ok &= len(set(ids)) == len(ids) == int(sys.argv[2]) and np.all(np.diff(ids) > 0)
    ref = f[step][ids - 1, 1:]
    assert np.all(f[step][ids - 1, 0].astype(int) == ids)
    worst = max(worst, np.abs(rows[:, 1:] - ref).max() / np.abs(ref).max())
    differ += step > 0 and not np.array_equal(ids, p[0][:, 0].astype(int))
print('STEPS', len(p), 'IDS', ids_ok, 'DIFFER', differ, 'WORST %.3e' % worst)
)py");
  const auto run =
      run_command("/usr/bin/python3 " + dir + "/compare.py " + dir + " " + std::to_string(rows));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return run.output;
}

double worst_relative(const std::string &out) {
  const auto at = out.find("WORST ");
  return at == std::string::npos ? 1.0 : std::stod(out.substr(at + 6));
}

void expect_equal_to_full_forces(const std::string &system, const std::string &args, int rows,
                                 double dt, int ranks) {
  const std::string dir = make_temp_dir("macrodyn-pf-");
  const auto run = run_lammps(md_script(system, args, dt), ranks, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto out = python_compare(dir, rows);
  // Five steps (0..4), distinct increasing IDs, a new selection every step.
  EXPECT_NE(out.find("STEPS 5 IDS True DIFFER 4"), std::string::npos) << out;
  EXPECT_LT(worst_relative(out), 1e-10) << out;
  std::cout << "  " << ranks << " rank(s): " << out; // the measured agreement, for the log
}

} // namespace

TEST(ComputePartialForce, LennardJonesEqualsFullForces) {
  expect_equal_to_full_forces(kLennardJones, "count 40 seed 5", 40, 0.001, 1);
}

TEST(ComputePartialForce, HybridOverlayEqualsFullForces) {
  expect_equal_to_full_forces(kOverlay, "fraction 0.1 seed 6", 50, 0.001, 1);
}

TEST(ComputePartialForce, EamAlloyEqualsFullForces) {
  expect_equal_to_full_forces(nbmota(), "count 30 seed 7", 30, 0.002, 1);
}

TEST(ComputePartialForce, EqualsFullForcesOnTwoAndFourRanks) {
  expect_equal_to_full_forces(kOverlay, "fraction 0.1 seed 6", 50, 0.001, 2);
  expect_equal_to_full_forces(kLennardJones, "count 40 seed 5", 40, 0.001, 4);
  expect_equal_to_full_forces(nbmota(), "count 30 seed 7", 30, 0.002, 4);
}

TEST(ComputePartialForce, SameBitsForAnyRankCountInRerun) {
  // MD itself is not bit-reproducible across rank counts (force sums change order), nor is
  // displace_atoms random, so the same configurations are read back with rerun (types are set by
  // atom ID): then every rank count must write the same file.
  for (const auto &[name, system] : {std::pair{"lj", kLennardJones}, std::pair{"eam", nbmota()}}) {
    const std::string dir = make_temp_dir("macrodyn-pf-rerun-");
    auto run = run_lammps(system + R"lmp(
fix nve all nve
timestep 0.001
dump t all custom 2 traj.dump id type x y z vx vy vz
dump_modify t format float %.17g
run 6
)lmp",
                          1, "", dir);
    ASSERT_TRUE(run.ok()) << run.result.output;
    std::string first;
    for (int ranks : {1, 2, 4}) {
      run = run_lammps(system + R"lmp(
compute pf all partial/force count 25 seed 11
fix av all ave/time 1 1 1 c_pf[*] mode vector file pf_)lmp" +
                           std::to_string(ranks) + R"lmp(.txt format " %.17g"
rerun traj.dump dump x y z vx vy vz
)lmp",
                       ranks, "", dir);
      ASSERT_TRUE(run.ok()) << name << " " << ranks << " ranks: " << run.result.output;
      std::ifstream in(dir + "/pf_" + std::to_string(ranks) + ".txt");
      std::stringstream text;
      text << in.rdbuf();
      ASSERT_GT(text.str().size(), 1000u) << name;
      if (ranks == 1)
        first = text.str();
      else
        EXPECT_EQ(text.str(), first) << name << ": " << ranks << " ranks differ from 1";
    }
  }
}

TEST(ComputePartialForce, UnsupportedInputIsALammpsError) {
  const std::string tail = "run 0\n";
  auto error_of = [&](const std::string &system, const std::string &args) {
    return run_lammps(system + "compute pf all partial/force " + args +
                      "\nthermo_style custom step c_pf[1]\n" + tail)
        .first_error();
  };
  EXPECT_NE(error_of(kLennardJones, "count 40").find("the seed keyword is required"),
            std::string::npos);
  EXPECT_NE(error_of(kLennardJones, "count 40 fraction 0.1 seed 1").find("not both"),
            std::string::npos);
  EXPECT_NE(error_of(kLennardJones, "fraction 1.5 seed 1").find("must lie in (0, 1], got 1.5"),
            std::string::npos);
  EXPECT_NE(error_of(kLennardJones, "fraction 0 seed 1").find("fraction"), std::string::npos);
  EXPECT_NE(error_of(kLennardJones, "count 501 seed 1").find("selects 501 of the 500 atoms"),
            std::string::npos);
  EXPECT_NE(error_of(kLennardJones, "count 4 seed 1 bogus 2").find("unknown keyword 'bogus'"),
            std::string::npos);
  std::string eam_overlay = nbmota();
  eam_overlay.replace(
      eam_overlay.find("pair_style eam/alloy"), 20,
      "pair_style hybrid/overlay eam/alloy lj/cut 2.0\npair_coeff * * lj/cut 0.0 1.0");
  eam_overlay.replace(eam_overlay.find("pair_coeff * * /"), 15, "pair_coeff * * eam/alloy ");
  EXPECT_NE(error_of(eam_overlay, "count 4 seed 1")
                .find("pair style hybrid/overlay is (or contains) a many-body potential"),
            std::string::npos)
      << error_of(eam_overlay, "count 4 seed 1");
  const std::string wolf = R"lmp(
plugin load ${macrodyn}
units lj
atom_style charge
lattice fcc 0.8
region box block 0 4 0 4 0 4
create_box 1 box
create_atoms 1 box
mass 1 1.0
set type 1 charge 0.0
pair_style coul/wolf 0.2 2.5
pair_coeff * *
)lmp";
  EXPECT_NE(error_of(wolf, "count 4 seed 1").find("pair style coul/wolf has no single() function"),
            std::string::npos)
      << error_of(wolf, "count 4 seed 1");
  const std::string no_pair = kLennardJones.substr(0, kLennardJones.find("pair_style"));
  EXPECT_NE(error_of(no_pair, "count 4 seed 1").find("needs a pair style"), std::string::npos)
      << error_of(no_pair, "count 4 seed 1");
}

namespace {

std::string h5_check(const std::string &dir, const std::string &file, const std::string &code) {
  write_file(dir + "/check.py", "import sys, h5py, numpy as np\nf = h5py.File(sys.argv[1], 'r')\n"
                                "c = f['configurations']\n" +
                                    code);
  const auto run = run_command("/usr/bin/python3 " + dir + "/check.py " + dir + "/" + file);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return run.output;
}

} // namespace

TEST(FixPartialForce, WritesConfigurationsWithPartialAndFullForces) {
  const std::string dir = make_temp_dir("macrodyn-pff-");
  const auto run = run_lammps(kLennardJones + R"lmp(
fix nve all nve
timestep 0.001
fix pf all partial/force 2 file forces.h5 count 20 seed 3 full yes condition T0 1.0 trajectory 4
dump d all custom 2 state.dump id xu yu zu vx vy vz
dump_modify d sort id format float %.17g
run 10
)lmp",
                              2, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto out = h5_check(dir, "forces.h5", R"(
steps = c['step'][:].tolist()
sel, fp, full = c['selected'][:], c['forces'][:], c['full_forces'][:]
worst = max(np.abs(fp[k] - full[k][sel[k] - 1]).max() / np.abs(full[k]).max() for k in range(len(steps)))
# The stored state is the dumped one (unwrapped positions, velocities), in ID order.
blocks = open(sys.argv[1].replace('forces.h5', 'state.dump')).read().split('ITEM: TIMESTEP\n')[1:]
state = [np.array([[float(v) for v in r.split()] for r in b.splitlines()[8:]]) for b in blocks]
same = all(np.array_equal(c['positions'][k], state[k][:, 1:4]) and
           np.array_equal(c['velocities'][k], state[k][:, 4:7]) for k in range(len(steps)))
print('STEPS', steps, 'TIME', np.allclose(c['time'][:], 0.001 * np.array(steps)),
      'WORST %.1e' % worst, 'STATE', same, 'SHAPES', c['positions'].shape, sel.shape, fp.shape,
      'EVAL', set(c['force_evaluations'][:].tolist()), 'TRAJ', set(c['trajectory'][:].tolist()),
      'COND', f.attrs['conditions'][0], c['conditions'][0, 0], 'TYPES', np.bincount(c['types'][0]).tolist(),
      'FMT', f.attrs['format'], f.attrs['atoms'][0], f.attrs['fraction'][0], f.attrs['units'], f.attrs['pair_style'])
)");
  EXPECT_NE(out.find("STEPS [0, 2, 4, 6, 8, 10] TIME True WORST"), std::string::npos) << out;
  EXPECT_NE(out.find("STATE True SHAPES (6, 500, 3) (6, 20) (6, 20, 3) EVAL {20} TRAJ {4} "
                     "COND T0 1.0 TYPES [0, 333, 167] FMT macrodyn-partial-forces 500.0 0.04 lj "
                     "lj/cut"),
            std::string::npos)
      << out;
  const auto at = out.find("WORST ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(std::stod(out.substr(at + 6)), 1e-10) << out;
}

TEST(FixPartialForce, SameFileForAnyRankCountAndAppends) {
  const std::string dir = make_temp_dir("macrodyn-pff-rerun-");
  auto run = run_lammps(nbmota() + R"lmp(
fix nve all nve
timestep 0.002
dump t all custom 3 traj.dump id type x y z vx vy vz ix iy iz
dump_modify t format float %.17g
run 9
)lmp",
                        1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  for (int ranks : {1, 2, 4}) {
    run = run_lammps(
        nbmota() + "fix pf all partial/force 3 file forces_" + std::to_string(ranks) +
            ".h5 count 16 seed 8 full yes\nrerun traj.dump dump x y z vx vy vz ix iy iz\n",
        ranks, "", dir);
    ASSERT_TRUE(run.ok()) << ranks << " ranks: " << run.result.output;
  }
  // A second trajectory appended to the 1-rank file (image flags are read: unwrapped positions
  // are the trajectory's, whatever the set-up before the rerun left).
  run = run_lammps(
      nbmota() + "fix pf all partial/force 3 file forces_1.h5 count 16 seed 8 "
                 "full yes append yes trajectory 1\nrerun traj.dump dump x y z vx vy vz ix iy iz\n",
      1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto out = h5_check(dir, "forces_1.h5", R"(
others = [h5py.File(sys.argv[1].replace('_1.h5', '_%d.h5' % r), 'r')['configurations'] for r in (2, 4)]
# Bit for bit, except LAMMPS's own full forces (its sums change order with the decomposition).
differ = sorted(set(name for o in others for name in o.keys() if name != 'full_forces' and
                    not np.array_equal(c[name][:4], o[name][:])))
close = all(np.allclose(c['full_forces'][:4], o['full_forces'][:], rtol=0, atol=1e-10) for o in others)
print('SAME', differ == [] and close, differ, 'RECORDS', c['step'].shape[0], c['trajectory'][:].tolist(),
      'NEW', not np.array_equal(c['selected'][:4], c['selected'][4:])) # trajectory keys the stream
)");
  EXPECT_NE(out.find("SAME True [] RECORDS 8 [0, 0, 0, 0, 1, 1, 1, 1] NEW True"), std::string::npos)
      << out;
  // Appending another set-up is refused.
  run = run_lammps(nbmota() + "fix pf all partial/force 3 file forces_1.h5 count 17 seed 8 "
                              "full yes append yes\nrerun traj.dump dump x y z vx vy vz\n",
                   1, "", dir);
  EXPECT_NE(run.first_error().find("holds configurations of another set-up"), std::string::npos)
      << run.result.output;
}

TEST(FixPartialForce, BadInputIsALammpsError) {
  const std::string dir = make_temp_dir("macrodyn-pff-err-");
  auto error_of = [&](const std::string &system, const std::string &args) {
    return run_lammps(system + "fix pf all partial/force " + args + "\nrun 0\n", 1, "", dir)
        .first_error();
  };
  EXPECT_NE(error_of(kLennardJones, "1 count 5 seed 1").find("the file keyword is required"),
            std::string::npos);
  EXPECT_NE(error_of(kLennardJones, "0 file f.h5 count 5 seed 1").find("N must be"),
            std::string::npos)
      << error_of(kLennardJones, "0 file f.h5 count 5 seed 1");
  EXPECT_NE(error_of(kLennardJones, "1 file f.h5 fraction 0 seed 1").find("fraction"),
            std::string::npos);
  std::string still = kLennardJones;
  still.replace(still.find("velocity all create 1.0 87287 loop geom"), 39, "");
  EXPECT_NE(error_of(still, "1 file f.h5 count 5 seed 1").find("every velocity is zero at step 0"),
            std::string::npos)
      << error_of(still, "1 file f.h5 count 5 seed 1");
  EXPECT_EQ(error_of(still, "1 file f.h5 count 5 seed 1 velocities no"), "");
  EXPECT_NE(error_of(kLennardJones, "1 file /nonexistent/dir/f.h5 count 5 seed 1")
                .find("cannot create partial force file '/nonexistent/dir/f.h5'"),
            std::string::npos);
}

TEST(FixPartialForce, RecordsAnUpsampledConfiguration) {
  // No large trajectory needed: a small equilibrated box, replicated 2 x 2 x 2 and relaxed briefly,
  // gives the large configurations (4000 atoms here).
  const std::string dir = make_temp_dir("macrodyn-pff-up-");
  const auto run = run_lammps(kLennardJones + R"lmp(
fix nve all nve
timestep 0.001
run 50
replicate 2 2 2
velocity all create 1.0 5151 loop geom
run 20
fix pf all partial/force 5 file forces.h5 count 30 seed 9 full yes
run 10
)lmp",
                              2, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto out = h5_check(dir, "forces.h5", R"(
sel, fp, full = c['selected'][:], c['forces'][:], c['full_forces'][:]
worst = max(np.abs(fp[k] - full[k][sel[k] - 1]).max() / np.abs(full[k]).max() for k in range(len(sel)))
print('UP', f.attrs['atoms'][0], c['step'][:].tolist(), 'OK' if worst < 1e-10 else 'BAD %g' % worst)
)");
  EXPECT_NE(out.find("UP 4000.0 [70, 75, 80] OK"), std::string::npos) << out;
}
