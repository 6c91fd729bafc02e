// pair_style macro/bias through the plugin: on the ideal lattice its observables equal compute
// sro/lattice and its energy is 1/2 kappa n sum w (z - z*)^2; forces are the exact negative
// gradient (central finite differences of pe, alone and under hybrid/overlay with eam/alloy and a
// NULL vacancy type), the virial matches -dE/dV, 1 and 2 ranks agree, fix atom/swap with the bias
// moves the observables toward the target, and bad input is a LAMMPS error.
#include "kmc_scripts.h"
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace macrodyn::testing;

namespace {

/// 5^3 BCC cells of a random Nb/Mo/Ta alloy (metal units), types 1-3 and, with vacancy, one atom
/// of type 4 (vac).
std::string alloy_box(bool vacancy) {
  return bcc_alloy_box(5, 4) + (vacancy ? "set atom 17 type 4\n" : "");
}

const char *kBias = "pair_style macro/bias kappa 2.0 switch 2.9 3.1 types Nb Mo Ta vac observables "
                    "delta_NbMo delta_TaTa alpha_Nb_Ta_s1 weights 1 2 0.5 target const 0.5 -0.3 0.2\n"
                    "pair_coeff * *\n";

const char *kValues = R"lmp(
compute pb all pair macro/bias
compute sro all sro/lattice lattice bcc 3.24 types Nb Mo Ta vac
thermo_style custom step pe c_pb[1] c_pb[2] c_pb[3] c_pb[4] c_pb[5] c_pb[6] c_sro[1]
run 0
print "BIAS $(pe:%.15g) $(c_pb[1]:%.15g) $(c_pb[2]:%.15g) $(c_pb[3]:%.15g) $(c_pb[4]:%.15g) $(c_pb[5]:%.15g) $(c_pb[6]:%.15g)"
variable atoms equal count(all)
print "SRO $(c_sro[8]:%.15g) $(c_sro[12]:%.15g) $(c_sro[3]:%.15g) ${atoms}"
)lmp";

/// Prints FD and analytic force components of a few atoms: "FD <atom> <dim> <-dE/dx> <f>".
std::string finite_differences(double h) {
  std::string s = "thermo_style custom step pe\nrun 0\n";
  const char *dims[3] = {"x", "y", "z"};
  for (int atom : {3, 42, 111, 200}) {
    for (int d = 0; d < 3; ++d) {
      const std::string id = std::to_string(atom), q = dims[d];
      s += "variable x0 equal " + q + "[" + id + "]\n";
      s += "variable start equal ${x0}\n";
      s += "variable f equal f" + q + "[" + id + "]\nvariable fnow equal ${f}\n";
      s += "set atom " + id + " " + q + " $(v_start+" + std::to_string(h) + ")\nrun 0\n";
      s += "variable eplus equal $(pe:%.15g)\n";
      s += "set atom " + id + " " + q + " $(v_start-" + std::to_string(h) + ")\nrun 0\n";
      s += "variable eminus equal $(pe:%.15g)\n";
      s += "set atom " + id + " " + q + " ${start}\nrun 0\n";
      s += "print \"FD " + id + " " + std::to_string(d) + " $((v_eminus-v_eplus)/" +
           std::to_string(2 * h) + ":%.12g) ${fnow}\"\n";
    }
  }
  return s;
}

void expect_forces_match(const LammpsRun &run, double tolerance) {
  int checked = 0, nonzero = 0;
  std::istringstream in(run.result.output);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("FD ", 0) != 0) continue;
    std::istringstream fields(line.substr(3));
    double atom, dim, fd, f;
    fields >> atom >> dim >> fd >> f;
    EXPECT_NEAR(f, fd, tolerance * (1 + std::abs(fd))) << line;
    ++checked;
    nonzero += std::abs(f) > 1e-4;
  }
  EXPECT_EQ(checked, 12) << run.result.output;
  EXPECT_GE(nonzero, 6) << "the displacements put pairs into the switching range";
}

} // namespace

TEST(PairMacroBias, LatticeValuesAreTheSroObservablesAndTheEnergyIsTheFormula) {
  const auto run = run_lammps(alloy_box(true) + kBias + kValues);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto bias = run.printed("BIAS"), sro = run.printed("SRO");
  ASSERT_EQ(bias.size(), 7u) << run.result.output;
  ASSERT_EQ(sro.size(), 4u) << run.result.output;
  // compute sro/lattice order: alpha s1 for pairs NbNb NbMo NbTa MoMo MoTa TaTa (1-6), then the
  // deltas NbNb..TaTa (7-12).
  EXPECT_NEAR(bias[1], sro[0], 1e-12);
  EXPECT_NEAR(bias[2], sro[1], 1e-12);
  EXPECT_NEAR(bias[3], sro[2], 1e-12);
  EXPECT_EQ(bias[4], 0.5);
  EXPECT_EQ(bias[5], -0.3);
  EXPECT_EQ(bias[6], 0.2);
  const double n = sro[3] - 1; // the vacancy is not an atom of the bias
  const double expected = 0.5 * 2.0 * n *
                          (1 * std::pow(bias[1] - 0.5, 2) + 2 * std::pow(bias[2] + 0.3, 2) +
                           0.5 * std::pow(bias[3] - 0.2, 2));
  EXPECT_NEAR(bias[0], expected, 1e-10 * expected);
}

TEST(PairMacroBias, ForcesAreTheNegativeGradientAloneAndWithEam) {
  const std::string displaced = "displace_atoms all random 0.12 0.12 0.12 5\n";
  auto run = run_lammps(alloy_box(false) + displaced + kBias + finite_differences(1e-5));
  ASSERT_TRUE(run.ok()) << run.result.output;
  expect_forces_match(run, 1e-5);
  const std::string hybrid =
      std::string("pair_style hybrid/overlay eam/alloy macro/bias kappa 2.0 switch 2.9 3.1 types "
                  "Nb Mo Ta vac observables delta_NbMo delta_TaTa alpha_Nb_Ta_s1 target const 0.5 "
                  "-0.3 0.2\npair_coeff * * eam/alloy ${potentials}/NbMoTa.eam.alloy Nb Mo Ta NULL\n"
                  "pair_coeff * * macro/bias\n");
  run = run_lammps("variable potentials string " + std::string(MACRODYN_SOURCE_DIR) +
                       "/potentials\n" + alloy_box(true) + displaced + hybrid +
                       finite_differences(1e-5),
                   1);
  ASSERT_TRUE(run.ok()) << run.result.output;
  expect_forces_match(run, 1e-5);
}

TEST(PairMacroBias, VirialIsMinusTheVolumeDerivative) {
  const double h = 1e-5;
  const std::string script = alloy_box(false) + "displace_atoms all random 0.12 0.12 0.12 5\n" +
                             kBias + R"lmp(
compute p all pressure NULL virial
thermo_style custom step pe c_p vol
run 0
variable p0 equal $(c_p:%.15g)
variable v0 equal $(vol:%.15g)
change_box all x scale 1.00001 y scale 1.00001 z scale 1.00001 remap
run 0
variable eplus equal $(pe:%.15g)
variable vplus equal $(vol:%.15g)
change_box all x scale $(1/1.00001^2) y scale $(1/1.00001^2) z scale $(1/1.00001^2) remap
run 0
print "VIRIAL ${p0} ${v0} ${eplus} ${vplus} $(pe:%.15g) $(vol:%.15g)"
)lmp";
  (void)h;
  const auto run = run_lammps(script);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto v = run.printed("VIRIAL");
  ASSERT_EQ(v.size(), 6u) << run.result.output;
  const double nktv2p = 1.6021765e6; // bar per eV/A^3 (LAMMPS metal units)
  const double dEdV = (v[2] - v[4]) / (v[3] - v[5]);
  EXPECT_NEAR(v[0] / nktv2p, -dEdV, 1e-4 * std::abs(dEdV) + 1e-9);
  EXPECT_GT(std::abs(dEdV), 1e-6) << "the scaling changes the switched pairs";
}

TEST(PairMacroBias, OneAndTwoRanksAgree) {
  // Atom IDs of create_atoms depend on the rank count: both runs read one data file.
  const std::string dir = make_temp_dir("macrodyn-bias-");
  const auto setup = run_lammps(alloy_box(true) + "displace_atoms all random 0.12 0.12 0.12 5\n" +
                                    "write_data start.data\n",
                                1, "", dir);
  ASSERT_TRUE(setup.ok()) << setup.result.output;
  const std::string script = std::string(R"lmp(
plugin load ${macrodyn}
units metal
atom_modify map array
read_data start.data
)lmp") + kBias + "thermo_style custom step pe\nrun 0\n"
                 "print \"STATE $(pe:%.12g) $(fx[42]:%.12g) $(fy[111]:%.12g) "
                 "$(fz[200]:%.12g)\"\n";
  const auto one = run_lammps(script, 1, "", dir), two = run_lammps(script, 2, "", dir);
  ASSERT_TRUE(one.ok()) << one.result.output;
  ASSERT_TRUE(two.ok()) << two.result.output;
  const auto a = one.printed("STATE"), b = two.printed("STATE");
  ASSERT_EQ(a.size(), 4u);
  ASSERT_EQ(b.size(), 4u);
  for (int k = 0; k < 4; ++k)
    EXPECT_NEAR(a[k], b[k], 1e-9 * (1 + std::abs(a[k])));
}

TEST(PairMacroBias, AtomSwapDrivesTheObservablesTowardTheTarget) {
  // Only the bias: swaps are accepted by its energy alone. Start: the random alloy
  // (delta_NbMo ~ 0); target delta_NbMo = 1.5 (Nb-Mo neighbours favoured).
  const std::string script = alloy_box(false) + R"lmp(
pair_style macro/bias kappa 1.0 switch 2.9 3.1 types Nb Mo Ta vac observables delta_NbMo target const 1.5
pair_coeff * *
compute pb all pair macro/bias
thermo_style custom step pe c_pb[1]
run 0
print "START $(c_pb[1]:%.10g) $(pe:%.10g)"
fix swap all atom/swap 1 20 7 300 ke no types 1 2
run 100
print "END $(c_pb[1]:%.10g) $(pe:%.10g) $(f_swap[2])"
unfix swap
run 0
print "AGAIN $(pe:%.10g)"
)lmp";
  const auto run = run_lammps(script);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto start = run.printed("START"), end = run.printed("END"), again = run.printed("AGAIN");
  ASSERT_EQ(end.size(), 3u) << run.result.output;
  EXPECT_GT(end[2], 10) << "swaps were accepted";
  EXPECT_LT(std::abs(end[0] - 1.5), 0.5 * std::abs(start[0] - 1.5));
  EXPECT_LT(end[1], start[1]);
  EXPECT_DOUBLE_EQ(again[0], end[1]) << "the energy after the swaps is a full recomputation";
}

TEST(PairMacroBias, BadInputIsALammpsError) {
  auto run = run_lammps(alloy_box(false) +
                        "pair_style macro/bias kappa 1 switch 2.9 3.1 types Nb Mo Ta vac observables "
                        "delta_NbW target const 1\npair_coeff * *\nrun 0\n");
  EXPECT_NE(run.first_error().find("unknown bias observable 'delta_NbW'"), std::string::npos)
      << run.result.output;
  run = run_lammps(alloy_box(false) +
                   "pair_style macro/bias kappa 1 switch 2.9 3.1 types Nb Mo Ta vac observables "
                   "delta_NbMo delta_TaTa target const 1\npair_coeff * *\nrun 0\n");
  EXPECT_NE(run.first_error().find("target const needs 2 values"), std::string::npos)
      << run.result.output;
  run = run_lammps(alloy_box(false) +
                   "pair_style macro/bias kappa 1 switch 3.1 2.9 types Nb Mo Ta vac observables "
                   "delta_NbMo target const 1\npair_coeff * *\nrun 0\n");
  EXPECT_NE(run.first_error().find("switch needs 0 < r_on < r_off"), std::string::npos)
      << run.result.output;
  run = run_lammps(alloy_box(false) +
                   "pair_style macro/bias kappa 1 switch 2.9 3.1 types Nb Mo Ta vac observables "
                   "delta_NbMo target variables nothere\npair_coeff * *\nrun 0\n");
  EXPECT_NE(run.first_error().find("target variable nothere is not an equal-style variable"),
            std::string::npos)
      << run.result.output;
}

TEST(PairMacroBias, ASwitchBeyondTheFirstShellIsRefusedByTheLatticeKmc) {
  const std::string dir = make_temp_dir("macrodyn-bias-kmc-");
  write_file(dir + "/zero.epi", "species Nb Mo Ta\nshells 1\npair 1 Nb Mo 0.0\n");
  const auto run = run_lammps(alloy_box(true) + R"lmp(
pair_style macro/bias kappa 0.02 switch 5 6 types Nb Mo Ta vac observables delta_NbMo target const 1.5
pair_coeff * *
fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac model pairs zero.epi move exchange barrier Nb 0.9 barrier Mo 0.9 barrier Ta 0.9 temperature 1400 events 5 seed 3 bias yes
run 1
)lmp",
                              1, "", dir);
  EXPECT_NE(run.first_error().find("bias yes: pair_style macro/bias switch 5 6 must lie between "
                                   "the lattice's first and second shells (2.806 and 3.24)"),
            std::string::npos)
      << run.result.output;
}

TEST(PairMacroBias, LatticeKmcTakesTheBiasThroughItsLocalPath) {
  // KRA vacancy exchange with a zero energy model: with `bias yes` the only driving force is the
  // bias toward delta_NbMo = 1.5. The fix's lattice energy (full recount, f_kmc[5]) equals the pair
  // style's energy on the ideal lattice, and the biased run ends closer to the target.
  const std::string dir = make_temp_dir("macrodyn-bias-kmc-");
  write_file(dir + "/zero.epi", "species Nb Mo Ta\nshells 1\npair 1 Nb Mo 0.0\n");
  auto script = [&](const std::string &bias) {
    return alloy_box(true) + R"lmp(
pair_style macro/bias kappa 0.02 switch 2.9 3.1 types Nb Mo Ta vac observables delta_NbMo target const 1.5
pair_coeff * *
compute pb all pair macro/bias
fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac model pairs zero.epi move exchange barrier Nb 0.9 barrier Mo 0.9 barrier Ta 0.9 temperature 1400 events 500 seed 3 bias )lmp" +
           bias + R"lmp(
thermo_style custom step pe c_pb[1] f_kmc[5]
run 0
print "START $(c_pb[1]:%.10g)"
run 8
run 0 post no
print "END $(c_pb[1]:%.10g) $(pe:%.12g) $(f_kmc[5]:%.12g)"
)lmp";
  };
  const auto biased = run_lammps(script("yes"), 1, "", dir);
  ASSERT_TRUE(biased.ok()) << biased.result.output;
  const auto plain = run_lammps(script("no"), 1, "", dir);
  ASSERT_TRUE(plain.ok()) << plain.result.output;
  const auto start = biased.printed("START"), end = biased.printed("END"),
             free = plain.printed("END");
  ASSERT_EQ(end.size(), 3u) << biased.result.output;
  EXPECT_NEAR(end[2], end[1], 1e-9 * std::abs(end[1])) << "lattice path = pair style energy";
  EXPECT_LT(std::abs(end[0] - 1.5), std::abs(free[0] - 1.5) - 0.1)
      << "start " << start[0] << ", biased " << end[0] << ", unbiased " << free[0];
}
