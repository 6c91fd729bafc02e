// compute ID all partial/force count n | fraction p seed s
// Each new timestep it is invoked on, draws n atom IDs (or round(p N)) uniformly without
// replacement from the stream (seed, 0, invocation) and computes the pair style's force on exactly
// those atoms (partial_force_engine.h). Global array: one row per selected atom, increasing ID:
// id fx fy fz. Global vector: the pair evaluations the computation took (its work), and the
// wall time in seconds of its passes over all atoms (neighbour search) and of the force work,
// slowest rank.
// doc/styles/partial_force.md.
#include "compute_partial_force.h"

#include "keyword_reader.h"
#include "partial_force_engine.h"

#include "atom.h"
#include "error.h"
#include "group.h"
#include "update.h"

#include <mpi.h>
#include <vector>

using namespace LAMMPS_NS;

static constexpr const char *kStyle = "compute partial/force";

struct ComputePartialForce::Impl {
  macrodyn::lmp::PartialForceSelection selection;
  std::unique_ptr<macrodyn::lmp::PartialForceEngine> engine;
  std::uint64_t invocations = 0;
  std::vector<double> storage;
  std::vector<double *> rows;
  double cost[3] = {0, 0, 0};
};

ComputePartialForce::ComputePartialForce(LAMMPS *lmp, int narg, char **arg)
    : Compute(lmp, narg, arg), impl(new Impl) {
  if (igroup != group->find("all"))
    error->all(FLERR, "{}: group must be all, not {} (atoms are drawn from all atoms)", kStyle,
               arg[1]);
  macrodyn::lmp::KeywordReader r(lmp, kStyle, narg, arg, 3, macrodyn::lmp::selection_keywords());
  while (r.next())
    macrodyn::lmp::read_selection_keyword(r, impl->selection);
  macrodyn::lmp::check_selection(r, impl->selection);
  const auto &s = impl->selection;
  // The array's size is fixed for fix ave/time and friends: it follows from N now.
  const auto rows = macrodyn::lmp::selected_count(s, atom->natoms);
  if (rows < 1 || rows > atom->natoms)
    error->all(FLERR, "{}: {} {} selects {} of the {} atoms", kStyle,
               s.count ? "count" : "fraction", s.count ? double(s.count) : s.fraction, rows,
               atom->natoms);
  array_flag = 1;
  size_array_rows = static_cast<int>(rows);
  size_array_cols = 4;
  extarray = 0;
  vector_flag = 1;
  size_vector = 3;
  extvector = 0;
  vector = impl->cost;
  impl->storage.assign(4 * rows, 0.0);
  for (long long k = 0; k < rows; ++k)
    impl->rows.push_back(&impl->storage[4 * k]);
  array = impl->rows.data();
  impl->engine = std::make_unique<macrodyn::lmp::PartialForceEngine>(lmp, kStyle, s);
}

ComputePartialForce::~ComputePartialForce() = default;

void ComputePartialForce::init() {
  impl->engine->init();
}

void ComputePartialForce::evaluate() {
  invoked_array = invoked_vector = update->ntimestep;
  const auto result = impl->engine->compute(0, impl->invocations++);
  if (static_cast<int>(result.ids.size()) != size_array_rows)
    error->all(FLERR, "{}: the number of atoms changed ({} now): the selection has {} rows, not {}",
               kStyle, result.natoms, result.ids.size(), size_array_rows);
  for (int k = 0; k < size_array_rows; ++k) {
    array[k][0] = static_cast<double>(result.ids[k]);
    for (int d = 0; d < 3; ++d)
      array[k][1 + d] = result.forces[3 * k + d];
  }
  impl->cost[0] = static_cast<double>(result.pair_terms);
  const double mine[2] = {result.search_seconds, result.force_seconds};
  MPI_Allreduce(mine, impl->cost + 1, 2, MPI_DOUBLE, MPI_MAX, world);
}

void ComputePartialForce::compute_array() {
  if (invoked_array != update->ntimestep) evaluate();
}

void ComputePartialForce::compute_vector() {
  if (invoked_vector != update->ntimestep) evaluate();
}
