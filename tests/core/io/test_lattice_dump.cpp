// LAMMPS text dumps of lattice configurations: what append_lattice_dump writes,
// read_lattice_dump reads back exactly (sites, species, vacancies, step, box), in 3D and 2D.
#include "core/base/random_stream.h"
#include "core/io/lattice_dump.h"
#include "support/run_command.h"

#include <gtest/gtest.h>


using namespace macrodyn;

namespace {

Configuration random_configuration(std::size_t n, int n_species, bool vacancy, std::uint64_t seed) {
  RandomStream rng(seed, {});
  Configuration x(n);
  for (auto &s : x)
    s = static_cast<Species>(rng.below(n_species));
  if (vacancy) x[n / 3] = kVacancy;
  return x;
}

} // namespace

TEST(LatticeDump, ABccFrameReadsBackAsWritten) {
  const Lattice lattice(LatticeKind::BCC, {3, 4, 5}, 3.24);
  const auto x = random_configuration(lattice.n_sites(), 3, true, 5);
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-dump-") + "/frame.dump";
  // Types 2, 3, 1 for species 0, 1, 2 and type 4 for the vacancy; box shifted off the origin.
  append_lattice_dump(path, 17, lattice, x, {2, 3, 1}, 4, {{-1.5, 2.0, 0.25}, 0, 0, 0});
  const auto back = read_lattice_dump(path, LatticeKind::BCC, {kVacancy, 2, 0, 1, kVacancy});
  EXPECT_EQ(back.step, 17);
  ASSERT_TRUE(back.lattice);
  EXPECT_EQ(back.lattice->cells(), lattice.cells());
  EXPECT_NEAR(back.lattice->constant(), 3.24, 1e-12);
  EXPECT_EQ(back.configuration, x);
}

TEST(LatticeDump, ASquareFrameKeepsItsZRangeAndReadsBack) {
  const Lattice lattice(LatticeKind::Square, {8, 6, 1}, 1.0);
  const auto x = random_configuration(lattice.n_sites(), 2, false, 9);
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-dump-") + "/frame.dump";
  append_lattice_dump(path, 3, lattice, x, {1, 2}, 0, {{0, 0, 0}, -0.5, 0.5, 0.0});
  const auto back = read_lattice_dump(path, LatticeKind::Square, {kVacancy, 0, 1});
  EXPECT_EQ(back.step, 3);
  EXPECT_EQ(back.lattice->cells(), lattice.cells());
  EXPECT_EQ(back.configuration, x);
}
