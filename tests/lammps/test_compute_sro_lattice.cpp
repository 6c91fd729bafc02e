// compute sro/lattice through the plugin against an independent brute-force recount from the atom
// coordinates LAMMPS writes (distance search, patches from positions, formulas written out here).
#include "lammps/sro_scripts.h"
#include "support/lammps_harness.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <sstream>

using namespace macrodyn::testing;

namespace {

struct Atom {
  std::array<double, 3> x;
  int type;
};

std::vector<Atom> read_atoms(const std::string &path, std::array<double, 3> &lo,
                             std::array<double, 3> &length) {
  std::istringstream in(read_file(path));
  std::string line;
  std::vector<Atom> atoms;
  while (std::getline(in, line)) {
    if (line.rfind("ITEM: BOX BOUNDS", 0) == 0)
      for (int d = 0; d < 3; ++d) {
        double a, b;
        in >> a >> b;
        lo[d] = a, length[d] = b - a;
      }
    if (line.rfind("ITEM: ATOMS", 0) == 0)
      for (Atom at; in >> at.x[0] >> at.x[1] >> at.x[2] >> at.type;)
        atoms.push_back(at);
  }
  return atoms;
}

/// The rows of the first block of a `fix ave/time ... mode vector` file: a "step nrows" line, then
/// nrows lines of "row value...". Returns the values of each row (without the row number).
std::vector<std::vector<double>> read_ave_time(const std::string &path) {
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line) && (line.empty() || line[0] == '#')) {
  }
  std::istringstream header(line);
  long step = 0;
  int nrows = 0;
  header >> step >> nrows;
  std::vector<std::vector<double>> rows;
  for (int r = 0; r < nrows && std::getline(in, line); ++r) {
    std::istringstream fields(line);
    int index;
    fields >> index;
    std::vector<double> v;
    for (double x; fields >> x;)
      v.push_back(x);
    rows.push_back(v);
  }
  return rows;
}

TEST(ComputeSroLattice, EqualsBruteForceFromCoordinatesForBoxAndPatches) {
  const std::string dir = make_temp_dir("macrodyn-sro-");
  const auto run = run_lammps(sro_script(), 1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  std::array<double, 3> lo{}, L{};
  const auto atoms = read_atoms(dir + "/atoms.txt", lo, L);
  ASSERT_EQ(atoms.size(), 128u);

  // Brute force. Species: types 1..3 -> 0..2, type 4 is the vacancy. Shells of BCC: sqrt(3)/2 a, a.
  const double a = 3.24, shell[2] = {a * std::sqrt(3.0) / 2, a};
  const int K = 4;                                                        // patches 2 x 2 x 1
  std::vector<std::array<double, 18>> P(K + 1, std::array<double, 18>{}); // [shell][a][b]
  std::vector<std::array<double, 3>> N(K + 1, std::array<double, 3>{});
  for (const auto &ai : atoms) {
    if (ai.type == 4) continue;
    const int patch = int(std::floor((ai.x[0] - lo[0]) / (L[0] / 2) + 1e-9)) +
                      2 * int(std::floor((ai.x[1] - lo[1]) / (L[1] / 2) + 1e-9));
    for (int target : {K, patch}) {
      N[target][ai.type - 1] += 1;
      for (const auto &aj : atoms) {
        if (&aj == &ai || aj.type == 4) continue;
        double r2 = 0;
        for (int d = 0; d < 3; ++d) {
          double x = aj.x[d] - ai.x[d];
          x -= L[d] * std::round(x / L[d]);
          r2 += x * x;
        }
        for (int s = 0; s < 2; ++s)
          if (std::fabs(std::sqrt(r2) - shell[s]) < 1e-6)
            P[target][(s * 3 + ai.type - 1) * 3 + aj.type - 1] += 1;
      }
    }
  }
  // Expected values in the compute's order (alpha per shell and pair a <= b, deltas, counts) with
  // the box's normalization; patch values scale the patch counts by K.
  auto expected = [&](int target, double scale) {
    std::vector<double> v;
    const auto &box_P = P[K];
    const double atoms_total = N[K][0] + N[K][1] + N[K][2];
    auto D = [&](int s, int x) {
      return box_P[(s * 3 + x) * 3] + box_P[(s * 3 + x) * 3 + 1] + box_P[(s * 3 + x) * 3 + 2];
    };
    for (int s = 0; s < 2; ++s)
      for (int x = 0; x < 3; ++x)
        for (int y = x; y < 3; ++y)
          v.push_back(1 -
                      scale * P[target][(s * 3 + x) * 3 + y] / (D(s, x) * N[K][y] / atoms_total));
    for (int x = 0; x < 3; ++x)
      for (int y = x; y < 3; ++y)
        v.push_back(scale * P[target][x * 3 + y] / N[K][x] - 8 * N[K][y] / atoms_total);
    for (int s = 0; s < 2; ++s)
      for (int x = 0; x < 3; ++x)
        for (int y = x; y < 3; ++y)
          v.push_back(scale * P[target][(s * 3 + x) * 3 + y]);
    return v;
  };
  const auto vec = read_ave_time(dir + "/vector.txt");
  const auto arr = read_ave_time(dir + "/array.txt");
  ASSERT_EQ(arr.size(), 4u);
  // vector.txt holds one "row value" pair per line: collect the values.
  std::vector<double> box_values;
  for (const auto &row : vec)
    box_values.push_back(row[0]);
  const auto box_expected = expected(K, 1.0);
  ASSERT_EQ(box_values.size(), box_expected.size());
  for (std::size_t k = 0; k < box_expected.size(); ++k)
    EXPECT_NEAR(box_values[k], box_expected[k], 1e-12 * std::max(1.0, std::fabs(box_expected[k])))
        << k;
  for (int p = 0; p < K; ++p) {
    const auto e = expected(p, K);
    ASSERT_EQ(arr[p].size(), e.size());
    for (std::size_t k = 0; k < e.size(); ++k)
      EXPECT_NEAR(arr[p][k], e[k], 1e-12 * std::max(1.0, std::fabs(e[k])))
          << "patch " << p << " value " << k;
  }
}

TEST(ComputeSroLattice, PerfectB2ThroughLammps) {
  // Corners Nb, centres Mo (derivation in tests/core/observables/test_sro_observables.cpp): alpha_NbMo(1) = -1,
  // delta_NbNb = -4, delta_NbMo = 4.
  const auto run = run_lammps(R"lmp(
plugin load ${macrodyn}
units metal
lattice bcc 3.0
region box block 0 4 0 4 0 4
create_box 2 box
create_atoms 1 box basis 2 2
mass * 1.0
compute sro all sro/lattice lattice bcc 3.0 types Nb Mo
thermo_style custom step c_sro[2] c_sro[4] c_sro[5]
run 0
print "B2 $(c_sro[2]) $(c_sro[4]) $(c_sro[5])"
)lmp");
  ASSERT_TRUE(run.ok()) << run.result.output;
  EXPECT_EQ(run.printed("B2"), (std::vector<double>{-1.0, -4.0, 4.0}));
}

TEST(ComputeSroLattice, BadInputIsALammpsErrorNamingTheKeyword) {
  auto run = run_lammps(sro_script("bogus 2"));
  EXPECT_NE(run.first_error().find("compute sro/lattice: unknown keyword 'bogus'"),
            std::string::npos)
      << run.result.output;
  run = run_lammps(sro_script("pair Nb W"));
  EXPECT_NE(run.first_error().find("pair species W is not in types"), std::string::npos)
      << run.result.output;
  run = run_lammps(sro_script("normalize sometimes"));
  EXPECT_NE(run.first_error().find("normalize must be global or patch"), std::string::npos);
  EXPECT_EQ(run.result.signal, 0);
}

} // namespace

TEST(ComputeSroLattice, AnAbsentSpeciesIsNamedByItsName) {
  // Every atom of type 1: species B (type 2) is absent and its order parameter undefined.
  const auto run = run_lammps(R"lmp(
plugin load ${macrodyn}
units lj
dimension 2
atom_modify map array
lattice sq 1.0
region box block 0 8 0 8 -0.5 0.5
create_box 2 box
create_atoms 1 box
mass * 1.0
compute sro all sro/lattice lattice sq 1.0 types A B
thermo_style custom step c_sro[1]
run 0
)lmp");
  EXPECT_NE(run.first_error().find("species B is absent from the box"), std::string::npos)
      << run.result.output;
}
