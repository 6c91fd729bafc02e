// compute closure/torch: a model.pt whose encoder is a known function of a patch (squared Nb
// fraction, Mo fraction) is applied to a box of 2x3x2 patches of the training patch shape; the
// values equal a brute-force average over patches found from the dumped atom positions, the
// prescribed observable equals compute sro/lattice, and mismatching systems are LAMMPS errors.
#include "support/lammps_harness.h"

#include "learn/model/model_archive.h"

#include <gtest/gtest.h>
#include <torch/script.h>

#include <array>
#include <cmath>
#include <sstream>

using namespace macrodyn::testing;

namespace {

void write_model(const std::string &path, bool with_closure) {
  torch::jit::Module top("__torch__.Top");
  top.define(R"(
def forward(self, x):
    return x
)");
  torch::jit::Module closure("__torch__.Closure");
  closure.define(R"(
def encode_species(self, x):
    f = (x == 0).double().mean(1)
    g = (x == 1).double().mean(1)
    return torch.stack([f * f, g], 1)
)");
  top.register_module("closure", closure);
  const std::string closure_names = with_closure ? R"(["closure_1", "closure_2"])" : "[]";
  macrodyn::learn::save_model(top, path, R"({"kind": "macrodyn-sde",
      "observables": ["delta_NbMo", "closure_1", "closure_2"], "prescribed": ["delta_NbMo"],
      "closure": )" + closure_names + R"(, "conditions": [], "time_unit": "s",
      "normalization": {"time_scale": 1.0},
      "closure_model": {"sites": 128},
      "system": {"lattice": "bcc", "species": ["Nb", "Mo", "Ta"], "cells": [8, 8, 8],
                 "patch_shape": [2, 2, 2], "n_s": 128}})");
}

std::string box(int nx, int ny, int nz) {
  return "plugin load ${macrodyn}\nunits metal\natom_modify map array\nlattice bcc 3.24\n"
         "region box block 0 " + std::to_string(nx) + " 0 " + std::to_string(ny) + " 0 " +
         std::to_string(nz) + R"lmp(
create_box 4 box
create_atoms 1 box
mass * 92.0
set type 1 type/fraction 2 0.4 7
set type 1 type/fraction 3 0.3 8
set atom 5 type 4
)lmp";
}

} // namespace

TEST(ComputeClosureTorch, ClosureIsThePatchAverageOfTheEncoder) {
  const std::string dir = make_temp_dir("macrodyn-closure-");
  write_model(dir + "/model.pt", true);
  const auto run = run_lammps(box(8, 12, 8) + R"lmp(
compute sro all sro/lattice lattice bcc 3.24 types Nb Mo Ta vac
compute cl all closure/torch model.pt lattice bcc 3.24 types Nb Mo Ta vac compute sro
thermo_style custom step c_cl[1] c_cl[2] c_cl[3] c_sro[8]
run 0
print "CLOSURE $(c_cl[1]:%.15g) $(c_cl[2]:%.15g) $(c_cl[3]:%.15g) $(c_sro[8]:%.15g)"
write_dump all custom atoms.dump id type x y z modify sort id
)lmp",
                              1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto v = run.printed("CLOSURE");
  ASSERT_EQ(v.size(), 4u) << run.result.output;
  EXPECT_NEAR(v[0], v[3], 1e-12);
  // Brute force: patch (px, py, pz) of every atom from its position, 4 cells = 12.96 A per patch.
  std::istringstream in(read_file(dir + "/atoms.dump"));
  std::string line;
  while (std::getline(in, line) && line.rfind("ITEM: ATOMS", 0) != 0) {
  }
  std::array<double, 12> nb{}, mo{}, sites{};
  long id;
  int type;
  double x, y, z;
  while (in >> id >> type >> x >> y >> z) {
    const int p = (static_cast<int>(std::floor(z / 12.96 + 1e-9)) * 3 +
                   static_cast<int>(std::floor(y / 12.96 + 1e-9))) * 2 +
                  static_cast<int>(std::floor(x / 12.96 + 1e-9));
    sites[p] += 1;
    nb[p] += type == 1;
    mo[p] += type == 2;
  }
  double c1 = 0, c2 = 0;
  for (int p = 0; p < 12; ++p) {
    ASSERT_EQ(sites[p], 128);
    c1 += std::pow(nb[p] / 128, 2) / 12;
    c2 += mo[p] / 128 / 12;
  }
  EXPECT_NEAR(v[1], c1, 1e-12);
  EXPECT_NEAR(v[2], c2, 1e-12);
}

TEST(ComputeClosureTorch, MismatchesAreLammpsErrors) {
  const std::string dir = make_temp_dir("macrodyn-closure-");
  write_model(dir + "/model.pt", true);
  write_model(dir + "/plain.pt", false);
  auto run = run_lammps(box(6, 6, 6) +
                            "compute cl all closure/torch model.pt lattice bcc 3.24 types Nb Mo "
                            "Ta vac\nthermo_style custom step c_cl[1]\nrun 0\n",
                        1, "", dir);
  EXPECT_NE(run.first_error().find("do not tile this box of 6x6x6 cells"), std::string::npos)
      << run.result.output;
  run = run_lammps(box(8, 8, 8) +
                       "compute cl all closure/torch model.pt lattice bcc 3.24 types Nb Mo W "
                       "vac\nthermo_style custom step c_cl[1]\nrun 0\n",
                   1, "", dir);
  EXPECT_NE(run.first_error().find("has species (Nb Mo Ta), this system (Nb Mo W)"),
            std::string::npos)
      << run.result.output;
  run = run_lammps(box(8, 8, 8) +
                       "compute cl all closure/torch plain.pt lattice bcc 3.24 types Nb Mo Ta "
                       "vac\n",
                   1, "", dir);
  EXPECT_NE(run.first_error().find("has no closure variables"), std::string::npos)
      << run.result.output;
}
