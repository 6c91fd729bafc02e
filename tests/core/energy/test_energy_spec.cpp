// Energy specs: their descriptions (the energy_model attribute of datasets and pools, unchanged
// from the fix's earlier text), the shells their lattices need, and the models they build.
#include "core/energy/energy_spec.h"
#include "core/energy/ising_model.h"

#include <gtest/gtest.h>

using namespace macrodyn;

TEST(EnergySpec, DescribesItself) {
  EXPECT_EQ(describe(IsingSpec{{1.0, 0.5}, 0.1}), "ising J=1,0.5 h=0.1");
  EXPECT_EQ(describe(CurieWeissSpec{1.5, 0.0}), "curie-weiss J=1.5 h=0");
  EXPECT_EQ(describe(PairFileSpec{"a.epi"}), "pairs a.epi");
  EXPECT_EQ(describe(EamFileSpec{"NbMoTa.eam.alloy"}), "eam NbMoTa.eam.alloy");
  EXPECT_EQ(describe(NoEnergySpec{}), "");
  EXPECT_EQ(file_of(EamFileSpec{"x"}), "x");
  EXPECT_EQ(file_of(IsingSpec{}), "");
  EXPECT_EQ(field_of(CurieWeissSpec{1.0, 0.25}), 0.25);
  EXPECT_EQ(field_of(PairFileSpec{"a"}), 0.0);
}

TEST(EnergySpec, AnIsingSpecBuildsTheIsingModelOnTheShellsItNeeds) {
  const EnergySpec spec = IsingSpec{{1.0, 0.5}, 0.1};
  const auto prepared = prepare(spec, {{}, LatticeKind::Square, 1.0});
  ASSERT_EQ(prepared->shells(), 2);
  const Lattice lattice(LatticeKind::Square, {6, 6, 1}, 1.0, prepared->shells());
  const auto model = prepared->build(lattice);
  const IsingModel direct(lattice, {1.0, 0.5}, 0.1);
  Configuration x(lattice.n_sites(), 0);
  x[3] = x[10] = x[11] = 1;
  EXPECT_DOUBLE_EQ(model->total_energy(x), direct.total_energy(x));
  EXPECT_DOUBLE_EQ(model->flip_delta(x, 4, 1), direct.flip_delta(x, 4, 1));
}
