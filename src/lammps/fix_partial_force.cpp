// fix ID all partial/force N file F count n | fraction p seed s
//     [full yes|no] [velocities yes|no] [trajectory k] [append yes|no] [condition name value]...
// Every N steps (and at the start of a run, and at every rerun frame whose step is a multiple of
// N) one record goes to F (doc/formats/partial_forces.md): the whole configuration in atom-ID
// order (unwrapped positions, velocities, types, masses, box), the IDs of n atoms drawn from the
// stream (seed, trajectory, invocation) and the pair style's forces on them
// (partial_force_engine.h), the work that took, the step and time, and optionally every atom's
// force as LAMMPS computed it (ground truth, and the L_z baseline). Rank 0 writes; the file is the
// same for any rank count when the configurations are. doc/styles/partial_force.md.
#include "fix_partial_force.h"

#include "collective_error.h"
#include "keyword_reader.h"
#include "partial_force_engine.h"

#include "core/base/error.h"
#include "core/io/partial_force_file.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "group.h"
#include "update.h"
#include "version.h"

#include <climits>
#include <mpi.h>

using namespace LAMMPS_NS;
using namespace FixConst;

static constexpr const char *kStyle = "fix partial/force";

struct FixPartialForce::Impl {
  macrodyn::lmp::PartialForceSelection selection;
  std::unique_ptr<macrodyn::lmp::PartialForceEngine> engine;
  std::string file;
  bool full = false, velocities = true, append = false;
  int trajectory = 0;
  std::vector<std::string> condition_names;
  std::vector<double> condition_values;
  std::unique_ptr<macrodyn::PartialForceFile> out; // rank 0 only
  std::uint64_t invocations = 0;
  bigint last_step = -1;
  double written = 0, pair_terms = 0;
};

FixPartialForce::FixPartialForce(LAMMPS *lmp, int narg, char **arg)
    : Fix(lmp, narg, arg), impl(new Impl) {
  if (narg < 4) error->all(FLERR, "{}: expected fix ID all partial/force N keyword values", kStyle);
  if (igroup != group->find("all"))
    error->all(FLERR, "{}: group must be all, not {} (atoms are drawn from all atoms)", kStyle,
               arg[1]);
  nevery = static_cast<int>(macrodyn::lmp::read_integer(lmp, kStyle, "N", arg[3], 1, INT_MAX));
  parse(narg, arg);
  impl->engine = std::make_unique<macrodyn::lmp::PartialForceEngine>(lmp, kStyle, impl->selection);
  vector_flag = 1;
  size_vector = 2;
  global_freq = nevery;
  extvector = 0;
}

FixPartialForce::~FixPartialForce() = default;

int FixPartialForce::setmask() {
  return END_OF_STEP;
}

void FixPartialForce::parse(int narg, char **arg) {
  using K = macrodyn::lmp::Keyword;
  auto table = macrodyn::lmp::selection_keywords();
  for (const char *name : {"file", "full", "velocities", "trajectory", "append"})
    table.push_back(K{name});
  table.push_back(K{"condition", 2});
  macrodyn::lmp::KeywordReader r(lmp, kStyle, narg, arg, 4, table);
  while (r.next()) {
    if (macrodyn::lmp::read_selection_keyword(r, impl->selection)) continue;
    const std::string &key = r.key();
    if (key == "file") {
      impl->file = r.word(1);
    } else if (key == "full") {
      impl->full = r.yes_no(1);
    } else if (key == "velocities") {
      impl->velocities = r.yes_no(1);
    } else if (key == "trajectory") {
      impl->trajectory = static_cast<int>(r.integer(1, 0, INT_MAX));
    } else if (key == "append") {
      impl->append = r.yes_no(1);
    } else { // condition name value: one per occurrence
      for (const auto &name : impl->condition_names)
        if (name == r.word(1)) r.fail("names " + name + " twice");
      impl->condition_names.push_back(r.word(1));
      impl->condition_values.push_back(r.number(2));
    }
  }
  macrodyn::lmp::check_selection(r, impl->selection);
  if (impl->file.empty()) r.error("the file keyword is required");
}

void FixPartialForce::init() {
  impl->engine->init();
}

void FixPartialForce::setup(int) {
  // The configuration a run (or a rerun frame) starts from is a configuration too.
  if (update->ntimestep % nevery == 0) record();
}

void FixPartialForce::end_of_step() {
  record();
}

void FixPartialForce::open_file(std::int64_t selected) {
  macrodyn::PartialForceDescription d;
  d.atoms = atom->natoms;
  d.selected = selected;
  d.seed = impl->selection.seed;
  d.units = update->unit_style;
  d.pair_style = impl->engine->pair_style();
  d.lammps_version = LAMMPS_VERSION;
  d.timestep = update->dt;
  d.velocities = impl->velocities;
  d.full_forces = impl->full;
  d.conditions = impl->condition_names;
  std::string message;
  if (comm->me == 0) try {
      impl->out = std::make_unique<macrodyn::PartialForceFile>(impl->file, d, impl->append);
    } catch (const macrodyn::Error &e) {
      message = e.what();
    }
  message = macrodyn::lmp::first_error_across_ranks(world, message);
  if (!message.empty()) error->all(FLERR, "{}: {}", kStyle, message);
}

namespace {

constexpr int kWidth = 12; // per atom: id, x y z unwrapped, vx vy vz, type, mass, fx fy fz

/// Every atom's state on rank 0, kWidth numbers per atom in rank order (empty elsewhere); sets
/// `moving` to whether any velocity anywhere is non-zero.
std::vector<double> gather_state(LAMMPS *lmp, bool &moving) {
  Atom *atom = lmp->atom;
  const int nlocal = atom->nlocal;
  std::vector<double> mine(static_cast<std::size_t>(kWidth) * nlocal);
  int local_moving = 0;
  for (int i = 0; i < nlocal; ++i) {
    double *row = &mine[static_cast<std::size_t>(kWidth) * i];
    row[0] = static_cast<double>(atom->tag[i]);
    lmp->domain->unmap(atom->x[i], atom->image[i], row + 1);
    for (int d = 0; d < 3; ++d) {
      row[4 + d] = atom->v[i][d];
      row[9 + d] = atom->f[i][d];
      local_moving |= atom->v[i][d] != 0.0;
    }
    row[7] = atom->type[i];
    row[8] = atom->rmass_flag ? atom->rmass[i] : atom->mass[atom->type[i]];
  }
  int any = 0;
  MPI_Allreduce(&local_moving, &any, 1, MPI_INT, MPI_MAX, lmp->world);
  moving = any != 0;
  const int count = static_cast<int>(mine.size()), nprocs = lmp->comm->nprocs;
  std::vector<int> counts(nprocs), offsets(nprocs, 0);
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, lmp->world);
  std::vector<double> all;
  if (lmp->comm->me == 0) {
    for (int r = 1; r < nprocs; ++r)
      offsets[r] = offsets[r - 1] + counts[r - 1];
    all.resize(static_cast<std::size_t>(offsets.back()) + counts.back());
  }
  MPI_Gatherv(mine.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(), MPI_DOUBLE,
              0, lmp->world);
  return all;
}

} // namespace

void FixPartialForce::record() {
  if (update->ntimestep == impl->last_step) return; // rerun calls both setup and end_of_step
  impl->last_step = update->ntimestep;
  const std::uint64_t invocation = impl->invocations++;
  const auto result =
      impl->engine->compute(static_cast<std::uint64_t>(impl->trajectory), invocation);
  bool moving = false;
  const auto state = gather_state(lmp, moving);
  if (impl->velocities && !moving)
    error->all(FLERR,
               "{}: every velocity is zero at step {}: set them (velocity), read them (rerun ... "
               "dump x y z vx vy vz), or say velocities no",
               kStyle, update->ntimestep);
  if (!impl->written) open_file(static_cast<std::int64_t>(result.ids.size()));
  std::string message;
  if (comm->me == 0) try {
      write_record(result, state, invocation);
    } catch (const macrodyn::Error &e) {
      message = e.what();
    }
  message = macrodyn::lmp::first_error_across_ranks(world, message);
  if (!message.empty()) error->all(FLERR, "{}: {}: {}", kStyle, impl->file, message);
  impl->written += 1;
  impl->pair_terms = static_cast<double>(result.pair_terms);
}

/// Rank 0: the gathered state in ID order, with the partial forces, into one record.
void FixPartialForce::write_record(const macrodyn::lmp::PartialForces &result,
                                   const std::vector<double> &state, std::uint64_t invocation) {
  const std::size_t N = static_cast<std::size_t>(result.natoms);
  macrodyn::PartialForceRecord rec;
  rec.trajectory = impl->trajectory;
  rec.step = update->ntimestep;
  rec.time = update->atime + (update->ntimestep - update->atimestep) * update->dt;
  rec.invocation = invocation;
  rec.box = {domain->boxlo[0], domain->boxhi[0], domain->boxlo[1],
             domain->boxhi[1], domain->boxlo[2], domain->boxhi[2],
             domain->xy,       domain->xz,       domain->yz};
  rec.positions.resize(3 * N);
  rec.velocities.resize(impl->velocities ? 3 * N : 0);
  rec.types.resize(N);
  rec.masses.resize(N);
  if (impl->full) rec.full_forces.resize(3 * N);
  for (std::size_t k = 0; k < state.size(); k += kWidth) {
    const std::size_t at = static_cast<std::size_t>(state[k]) - 1; // IDs are 1..N (checked)
    for (int d = 0; d < 3; ++d) {
      rec.positions[3 * at + d] = state[k + 1 + d];
      if (impl->velocities) rec.velocities[3 * at + d] = state[k + 4 + d];
      if (impl->full) rec.full_forces[3 * at + d] = state[k + 9 + d];
    }
    rec.types[at] = static_cast<std::int32_t>(state[k + 7]);
    rec.masses[at] = state[k + 8];
  }
  rec.selected = result.ids;
  rec.forces = result.forces;
  rec.pair_terms = result.pair_terms;
  rec.conditions = impl->condition_values;
  impl->out->append(rec);
}

double FixPartialForce::compute_vector(int n) {
  return n == 0 ? impl->written : impl->pair_terms;
}
