// fix kmc/lattice with learned barriers: a TorchScript model whose barrier depends only on the
// migrating species (exact float values) gives the same trajectory, bit for bit, as the KRA path
// with the same E0 and an energy model that is zero everywhere; the run is the same on 1 and 2
// ranks; partial evolution and upsampling give the same records and files through both paths;
// bad input is a LAMMPS error.
#include "kmc_scripts.h"
#include "support/lammps_harness.h"

#include "core/io/dataset_reader.h"

#include <gtest/gtest.h>
#include <torch/script.h>

using namespace macrodyn::testing;

namespace {

/// Barrier by the code of the target voxel (1, 1, 1): Nb (1) 0.75, Mo (2) 1.25, Ta (3) 1.0 eV.
std::string species_model(const std::string &dir) {
  torch::jit::Module m("__torch__.SpeciesBarrier");
  m.define(R"(
def forward(self, x):
    t = x[:, 455]
    return 0.75 * (t == 1.0).float() + 1.25 * (t == 2.0).float() + 1.0 * (t == 3.0).float()
)");
  m.save(dir + "/species.pt");
  return dir + "/species.pt";
}

std::string alloy_box() {
  return bcc_alloy_box(6, 4) + R"lmp(
region vacancy1 block 0.9 1.1 0.9 1.1 0.9 1.1
region vacancy2 block 3.4 3.6 3.4 3.6 3.4 3.6
set region vacancy1 type 4
set region vacancy2 type 4
)lmp";
}

std::string alloy(const std::string &fix) {
  return alloy_box() + fix + R"lmp(
run 4
variable t equal f_kmc[1]
print "KMC $(v_t:%.17g)"
write_dump all custom final.dump id type x y z modify sort id
)lmp";
}

const char *kZeroPairs = "species Nb Mo Ta\nshells 1\npair 1 Nb Mo 0.0\n";
const char *kCommon = "temperature 1400 frequency 1e13 events 50 seed 5";

} // namespace

TEST(LearnedBarriersFix, SpeciesOnlyModelReproducesTheKraTrajectory) {
  const std::string dir = make_temp_dir("macrodyn-learned-");
  const auto model = species_model(dir);
  write_file(dir + "/zero.epi", kZeroPairs);
  const auto learned = run_lammps(
      alloy("fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac move exchange learned " +
            model + " " + kCommon),
      1, "", dir);
  ASSERT_TRUE(learned.ok()) << learned.result.output;
  const auto learned_dump = read_file(dir + "/final.dump");
  const auto kra = run_lammps(
      alloy("fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac model pairs zero.epi "
            "move exchange barrier Nb 0.75 barrier Mo 1.25 barrier Ta 1.0 " +
            std::string(kCommon)),
      1, "", dir);
  ASSERT_TRUE(kra.ok()) << kra.result.output;
  EXPECT_EQ(learned.printed("KMC"), kra.printed("KMC"));
  EXPECT_GT(learned.printed("KMC").at(0), 0.0);
  EXPECT_EQ(learned_dump, read_file(dir + "/final.dump"));

  const std::string other = make_temp_dir("macrodyn-learned-");
  const auto two = run_lammps(
      alloy("fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac move exchange learned " +
            model + " " + kCommon),
      2, "", other);
  ASSERT_TRUE(two.ok()) << two.result.output;
  EXPECT_EQ(two.printed("KMC"), learned.printed("KMC"));
  EXPECT_EQ(read_file(other + "/final.dump"), learned_dump);
}

TEST(LearnedBarriersFix, PartialEvolutionAndUpsamplingTakeLearnedBarriersLikeKra) {
  const std::string dir = make_temp_dir("macrodyn-learned-");
  const auto model = species_model(dir);
  write_file(dir + "/zero.epi", kZeroPairs);
  const std::string steps = R"lmp(
compute sro all sro/lattice lattice bcc 3.24 types Nb Mo Ta vac
fix pe all partial/evolve 1 kmc kmc compute sro patches 2 2 2 time 2e-10 samples 4 seed 3 file )lmp";
  const std::string upsample =
      "\nrun 2\nunfix pe\nupsample/lattice kmc kmc levels 1 events 20 seed 5 data ";
  auto run = run_lammps(alloy_box() +
                            "fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac move "
                            "exchange learned " +
                            model + " " + kCommon + steps + "learned.h5" + upsample + "learned.data\n",
                        1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  run = run_lammps(alloy_box() +
                       "fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac model pairs "
                       "zero.epi move exchange barrier Nb 0.75 barrier Mo 1.25 barrier Ta 1.0 " +
                       kCommon + steps + "kra.h5" + upsample + "kra.data\n",
                   1, "", dir);
  ASSERT_TRUE(run.ok()) << run.result.output;
  const auto learned = macrodyn::read_dataset(dir + "/learned.h5");
  const auto kra = macrodyn::read_dataset(dir + "/kra.h5");
  ASSERT_EQ(learned.n_partial, 8u);
  EXPECT_EQ(learned.dt, kra.dt);
  EXPECT_EQ(learned.patch, kra.patch);
  EXPECT_EQ(learned.phi0, kra.phi0);
  EXPECT_EQ(learned.increment, kra.increment);
  double moved = 0;
  for (double d : learned.increment)
    moved += std::abs(d);
  EXPECT_GT(moved, 0.0) << "the patches evolved";
  EXPECT_EQ(read_file(dir + "/learned.data"), read_file(dir + "/kra.data"));
}

TEST(LearnedBarriersFix, BadInputIsALammpsError) {
  const std::string dir = make_temp_dir("macrodyn-learned-");
  const auto model = species_model(dir);
  const std::string base =
      "fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac move exchange learned " +
      model + " " + kCommon;
  auto run = run_lammps(alloy(base + " model eam x.eam"), 1, "", dir);
  EXPECT_NE(run.first_error().find("learned barriers replace the energy model"), std::string::npos)
      << run.result.output;
  run = run_lammps(alloy(base + " code W 4"), 1, "", dir);
  EXPECT_NE(run.first_error().find("code given for W, which is not a species"), std::string::npos)
      << run.result.output;
  run = run_lammps(alloy(base + " barrier Nb 0.9"), 1, "", dir);
  EXPECT_NE(run.first_error().find("learned barriers replace the KRA barriers"), std::string::npos)
      << run.result.output;
  run = run_lammps(alloy(base + " evaluator numpy"), 1, "", dir);
  EXPECT_NE(run.first_error().find("unknown evaluator 'numpy' (expected auto or torch)"),
            std::string::npos)
      << run.result.output;
  run = run_lammps(alloy("fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac move "
                         "exchange model eam x.eam barrier Nb 1 barrier Mo 1 barrier Ta 1 "
                         "evaluator torch " +
                         std::string(kCommon)),
                   1, "", dir);
  EXPECT_NE(run.first_error().find("keyword evaluator is for learned barriers"), std::string::npos)
      << run.result.output;
  run = run_lammps(alloy("fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac move "
                         "exchange learned missing.pt " +
                         std::string(kCommon)),
                   1, "", dir);
  EXPECT_NE(run.first_error().find("cannot load barrier model 'missing.pt'"), std::string::npos)
      << run.result.output;
}
