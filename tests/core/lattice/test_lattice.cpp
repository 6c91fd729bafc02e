#include "core/base/error.h"
#include "core/lattice/lattice.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using macrodyn::Lattice;
using macrodyn::LatticeKind;

namespace {

struct ShellCase {
  LatticeKind kind;
  std::array<int, 3> cells;
  // Textbook shells (distance / a, coordination), e.g. Kittel, Introduction to Solid State Physics.
  std::vector<std::pair<double, int>> shells;
};

class LatticeShells : public ::testing::TestWithParam<ShellCase> {};

TEST_P(LatticeShells, MatchTextbookDistancesAndCoordinations) {
  const auto &c = GetParam();
  const Lattice lattice(c.kind, c.cells, 2.0, static_cast<int>(c.shells.size()));
  for (std::size_t s = 0; s < c.shells.size(); ++s) {
    EXPECT_NEAR(lattice.shell_distance(s), 2.0 * c.shells[s].first, 1e-9) << "shell " << s;
    EXPECT_EQ(lattice.coordination(s), c.shells[s].second) << "shell " << s;
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, LatticeShells,
    ::testing::Values(
        ShellCase{LatticeKind::Square, {6, 6, 1}, {{1.0, 4}, {std::sqrt(2.0), 4}, {2.0, 4}}},
        ShellCase{LatticeKind::SimpleCubic,
                  {6, 6, 6},
                  {{1.0, 6}, {std::sqrt(2.0), 12}, {std::sqrt(3.0), 8}}},
        ShellCase{
            LatticeKind::BCC, {5, 5, 5}, {{std::sqrt(3.0) / 2, 8}, {1.0, 6}, {std::sqrt(2.0), 12}}},
        ShellCase{
            LatticeKind::FCC, {5, 5, 5}, {{std::sqrt(0.5), 12}, {1.0, 6}, {std::sqrt(1.5), 24}}}),
    [](const ::testing::TestParamInfo<ShellCase> &info) {
      return macrodyn::lattice_kind_name(info.param.kind);
    });

double minimum_image_distance(const Lattice &lattice, std::size_t i, std::size_t j) {
  const auto a = lattice.position(i), b = lattice.position(j);
  double r2 = 0;
  for (int d = 0; d < 3; ++d) {
    const double length = lattice.cells()[d] * lattice.constant();
    double x = b[d] - a[d];
    x -= length * std::round(x / length);
    r2 += x * x;
  }
  return std::sqrt(r2);
}

TEST(Lattice, NeighbourTablesEqualBruteForceDistanceSearch) {
  for (auto kind : {LatticeKind::BCC, LatticeKind::FCC, LatticeKind::Square}) {
    const std::array<int, 3> cells =
        kind == LatticeKind::Square ? std::array<int, 3>{7, 6, 1} : std::array<int, 3>{5, 4, 6};
    const Lattice lattice(kind, cells, 3.1, 2);
    for (int s = 0; s < 2; ++s)
      for (std::size_t i = 0; i < lattice.n_sites(); ++i) {
        std::vector<std::size_t> expected;
        for (std::size_t j = 0; j < lattice.n_sites(); ++j)
          if (j != i &&
              std::fabs(minimum_image_distance(lattice, i, j) - lattice.shell_distance(s)) < 1e-9)
            expected.push_back(j);
        std::vector<std::size_t> got(lattice.neighbours(i, s),
                                     lattice.neighbours(i, s) + lattice.coordination(s));
        std::sort(got.begin(), got.end());
        ASSERT_EQ(got, expected) << macrodyn::lattice_kind_name(kind) << " shell " << s << " site "
                                 << i;
      }
  }
}

TEST(Lattice, SiteIndexRoundTripsAndWrapsPeriodically) {
  const Lattice lattice(LatticeKind::BCC, {3, 4, 5}, 1.0);
  for (std::size_t i = 0; i < lattice.n_sites(); ++i)
    EXPECT_EQ(lattice.site(lattice.cell_of(i), lattice.basis_of(i)), i);
  EXPECT_EQ(lattice.site({-1, 0, 0}, 1), lattice.site({2, 0, 0}, 1));
  EXPECT_EQ(lattice.site({3, 4, 5}, 0), 0u);
  EXPECT_EQ(lattice.n_sites(), 3u * 4 * 5 * 2);
}

TEST(Lattice, RefusesBoxesTooSmallForItsShells) {
  // In a 1-cell BCC box all 8 corner neighbours of the centre are one and the same site.
  EXPECT_THROW(Lattice(LatticeKind::BCC, {1, 1, 1}, 1.0), macrodyn::Error);
  EXPECT_THROW(Lattice(LatticeKind::Square, {2, 8, 1}, 1.0), macrodyn::Error);
  EXPECT_NO_THROW(Lattice(LatticeKind::Square, {3, 3, 1}, 1.0));
}

TEST(Lattice, RejectsBadArgumentsWithNamedValues) {
  try {
    Lattice(LatticeKind::Square, {4, 4, 2}, 1.0);
    FAIL() << "a 2D lattice with 2 cells along z was accepted";
  } catch (const macrodyn::Error &e) {
    EXPECT_NE(std::string(e.what()).find("got 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Lattice(LatticeKind::SimpleCubic, {4, 4, 4}, -1.0), macrodyn::Error);
  EXPECT_THROW(macrodyn::parse_lattice_kind("hcp"), macrodyn::Error);
  EXPECT_EQ(macrodyn::parse_lattice_kind("fcc"), LatticeKind::FCC);
}

} // namespace
