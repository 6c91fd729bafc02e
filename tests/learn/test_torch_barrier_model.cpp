// Learned barriers through TorchScript: a model built in C++ (torch::jit::Module::define) whose
// output is a known function of chosen voxels is saved, loaded as a TorchBarrierModel and run in
// the lattice KMC; every rate equals nu exp(-E/kT) of that function applied to the encoding built
// by brute force from site coordinates (tests/support/voxel_brute_force.h). Bad models are errors.
#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/kmc/lattice_kmc.h"
#include "core/kmc/learned_barrier_process.h"
#include "learn/model/torch_barrier_model.h"
#include "support/run_command.h"
#include "support/voxel_brute_force.h"

#include <gtest/gtest.h>
#include <torch/script.h>

#include <cmath>

using namespace macrodyn;

namespace {

const std::vector<float> kCodes = {1, 2, 3};
constexpr double kA = 3.24, kRadius = 7.5;

// Features: 455 = voxel (1, 1, 1) (the target), 544 = (2, -2, 0), 615 = (3, 1, -1).
double known_barrier(const std::vector<float> &x) {
  return 0.5 + 0.15 * x[455] + 0.04 * x[544] - 0.03 * x[615];
}

std::string save_module(const std::string &name, const std::string &source) {
  torch::jit::Module m("__torch__." + name);
  m.define(source);
  const std::string path = macrodyn::testing::make_temp_dir("macrodyn-barrier-") + "/model.pt";
  m.save(path);
  return path;
}

std::string picking_model() {
  return save_module("Picking", R"(
def forward(self, x):
    return 0.5 + 0.15 * x[:, 455] + 0.04 * x[:, 544] - 0.03 * x[:, 615]
)");
}

std::string error_of(const std::function<void()> &f) {
  try {
    f();
  } catch (const Error &e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST(TorchBarrierModel, RatesEqualTheKnownFunctionOfTheBruteForceEncoding) {
  const std::array<int, 3> cells{5, 6, 5};
  const Lattice lattice(LatticeKind::BCC, cells, kA);
  RandomStream rng(4, {});
  Configuration x(lattice.n_sites());
  for (auto &s : x)
    s = static_cast<Species>(rng.below(3));
  x[7] = x[100] = x[201] = kVacancy;
  KmcOptions o;
  o.energy = NoEnergySpec{};
  o.move = KmcOptions::Move::VacancyExchange;
  o.learned_barriers = std::make_shared<TorchBarrierModel>(picking_model(), 729);
  o.encoding_codes = kCodes;
  o.encoding_radius = kRadius;
  o.kT = kBoltzmannEvPerK * 1400;
  o.nu = 1e13;
  LatticeKmc kmc(LatticeKind::BCC, cells, kA, x, o);
  for (int round = 0; round < 3; ++round) {
    const auto &p = dynamic_cast<const LearnedBarrierProcess &>(kmc.process());
    const auto &now = kmc.configuration();
    for (std::size_t slot = 0; slot < p.n_slots(); ++slot) {
      const std::size_t v = p.vacancies()[slot / 8], t = p.target(slot);
      const auto e = macrodyn::testing::brute_force_jump_encoding(lattice, now, v, t, kCodes,
                                                                  kRadius);
      // float32 model vs double formula: agree to float precision.
      EXPECT_NEAR(p.barrier(slot), known_barrier(e), 2e-6) << "slot " << slot;
      const double rate = now[t] == kVacancy ? 0.0 : 1e13 * std::exp(-p.barrier(slot) / o.kT);
      EXPECT_DOUBLE_EQ(p.rate(slot), rate);
    }
    RandomStream events(9, {std::uint64_t(round)});
    kmc.advance(INFINITY, 50, events);
  }
}

TEST(TorchBarrierModel, BadModelsAreErrorsNamingTheFile) {
  EXPECT_NE(error_of([] { TorchBarrierModel("/nonexistent/model.pt", 729); })
                .find("cannot load barrier model '/nonexistent/model.pt'"),
            std::string::npos);
  const auto two = save_module("Two", R"(
def forward(self, x):
    return x[:, 0:2]
)");
  EXPECT_NE(error_of([&] { TorchBarrierModel(two, 729); }).find("returned 16 values for a batch of 8"),
            std::string::npos);
  const auto narrow = save_module("Narrow", R"(
def forward(self, x):
    return x.reshape(-1, 3, 243).sum(1)[:, 0] + x[:, 800]
)");
  EXPECT_NE(error_of([&] { TorchBarrierModel(narrow, 729); }).find("does not take float32 [8, 729]"),
            std::string::npos);
}
