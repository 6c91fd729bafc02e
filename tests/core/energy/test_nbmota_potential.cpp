// potentials/NbMoTa.eam.alloy against the figures the published Zhou 2004 parameters give
// (../shared/data/zhou2004/README.md, "Checks a generator can assert"): static rigid bcc lattice
// constant, cohesive energy and bulk modulus of Nb, Mo, Ta, and the lattice constant of the random
// equimolar alloy. Energies through the same setfl reader and interpolation as pair eam/alloy.
// The committed file must also be exactly what tools/make_nbmota_eam.py writes.
#include "core/base/random_stream.h"
#include "core/energy/eam_lattice_model.h"
#include "core/energy/setfl_potential.h"
#include "support/run_command.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

using namespace macrodyn;

namespace {

const std::string kFile = std::string(MACRODYN_SOURCE_DIR) + "/potentials/NbMoTa.eam.alloy";

/// Energy per atom of a rigid bcc box of `cells`^3 cells with lattice constant a.
double energy_per_atom(const SetflPotential &pot, int cells, double a, const Configuration &x) {
  const Lattice lattice(LatticeKind::BCC, {cells, cells, cells}, a,
                        shells_within(LatticeKind::BCC, a, pot.cutoff));
  const EamLatticeModel model(lattice, pot, {"Nb", "Mo", "Ta"});
  return model.total_energy(x) / static_cast<double>(x.size());
}

/// Golden-section minimum of f on [lo, hi].
std::pair<double, double> minimum(const std::function<double(double)> &f, double lo, double hi) {
  const double g = (std::sqrt(5.0) - 1) / 2;
  double a = lo, b = hi, c = b - g * (b - a), d = a + g * (b - a);
  double fc = f(c), fd = f(d);
  while (b - a > 1e-6) {
    if (fc < fd) {
      b = d, d = c, fd = fc, c = b - g * (b - a), fc = f(c);
    } else {
      a = c, c = d, fc = fd, d = a + g * (b - a), fd = f(d);
    }
  }
  const double x = (a + b) / 2;
  return {x, f(x)};
}

} // namespace

TEST(NbMoTaPotential, PureMetalsHaveThePublishedLatticeConstantsCohesiveEnergiesAndBulkModuli) {
  const auto pot = read_setfl(kFile);
  struct Expect {
    Species s;
    double a0, ecoh, bulk_gpa;
  } metals[] = {{0, 3.3000, 7.570, 170}, {1, 3.1501, 6.810, 263}, {2, 3.3025, 8.090, 193}};
  for (const auto &m : metals) {
    const int cells = 5; // 5 a > 2 rc
    const Configuration x(2 * cells * cells * cells, m.s);
    const auto f = [&](double a) { return energy_per_atom(pot, cells, a, x); };
    const auto [a0, e0] = minimum(f, 2.9, 3.6);
    // B = V d2E/dV2 with V = a^3 / 2 per atom: B = 2 E''(a) / (9 a) at the minimum.
    const double h = 1e-3;
    const double curvature = (f(a0 + h) - 2 * e0 + f(a0 - h)) / (h * h);
    const double bulk = 2 * curvature / (9 * a0) * 160.21766;
    EXPECT_NEAR(a0, m.a0, 2e-4) << pot.elements[m.s];
    EXPECT_NEAR(-e0, m.ecoh, 2e-3) << pot.elements[m.s];
    EXPECT_NEAR(bulk, m.bulk_gpa, 0.02 * m.bulk_gpa) << pot.elements[m.s];
    RecordProperty(pot.elements[m.s], std::to_string(a0) + " A, " + std::to_string(-e0) + " eV, " +
                                          std::to_string(bulk) + " GPa");
  }
}

TEST(NbMoTaPotential, RandomEquimolarAlloyLatticeConstant) {
  // Rigid lattice, 2000 atoms; the reference (3.2405 A) is a large-sample value: the configuration
  // average moves a0 by well under 1e-3 A at this size.
  const auto pot = read_setfl(kFile);
  const int cells = 10;
  RandomStream rng(11);
  Configuration x(2 * cells * cells * cells);
  for (std::size_t i = 0; i < x.size(); ++i)
    x[i] = static_cast<Species>(i % 3);
  for (std::size_t i = x.size(); i > 1; --i)
    std::swap(x[i - 1], x[rng.below(i)]);
  const auto [a0, e0] =
      minimum([&](double a) { return energy_per_atom(pot, cells, a, x); }, 3.1, 3.35);
  EXPECT_NEAR(a0, 3.2405, 1e-3);
  RecordProperty("alloy", std::to_string(a0) + " A, " + std::to_string(-e0) + " eV");
}

TEST(NbMoTaPotential, CommittedFileIsWhatTheGeneratorWrites) {
  const std::string dir = macrodyn::testing::make_temp_dir("macrodyn-eam-");
  const auto run = macrodyn::testing::run_command(
      "/usr/bin/python3 " MACRODYN_SOURCE_DIR "/tools/make_nbmota_eam.py " + dir + "/x.eam.alloy");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(macrodyn::testing::read_file(dir + "/x.eam.alloy") ==
              macrodyn::testing::read_file(kFile))
      << "regenerate with tools/make_nbmota_eam.py";
}
