// fix ID all partial/evolve N kmc <fix-ID> compute <compute-ID> [<compute-ID> ...] patches px py pz
//     time dt file F
//     [samples S] [seed s] [microstates yes|no] [mode partial|full] [times t1 t2 ...] [runs R]
//     [pool file.h5]
// Every N steps the current configuration (or the next snapshot of a pool) is a snapshot x0: S
// samples each draw a patch, evolve it alone for dt with the KMC fix's dynamics, and append
// phi(x0), phi_I(x0), phi_I(x1) and the exact increment to dataset.h5 (doc/formats/dataset.md).
// Mode full records whole-box runs on a time grid. Samples (runs) are spread over MPI ranks; their
// random streams are keyed by (seed, snapshot, sample), so the file is the same for any number of
// ranks. Rank 0 writes.
#include "fix_partial_evolve.h"

#include "fix_kmc_lattice.h"
#include "keyword_reader.h"
#include "lattice_computes.h"
#include "pool_layout.h"
#include "site_map.h"
#include "site_map_keywords.h"
#include "species_map.h"
#include "style_guard.h"

#include "core/base/machine.h"
#include "core/drivers/partial_evolution.h"
#include "core/io/dataset_file.h"
#include "core/io/snapshot_pool.h"

#include "comm.h"
#include "error.h"
#include "group.h"
#include "lammps.h"
#include "modify.h"
#include "update.h"
#include "utils.h"

#include <climits>
#include <cstring>
#include <functional>
#include <mpi.h>

using namespace LAMMPS_NS;
using namespace FixConst;

static constexpr const char *kStyle = "fix partial/evolve";

struct FixPartialEvolve::Impl {
  std::string kmc_id, file, pool_path;
  std::unique_ptr<macrodyn::SnapshotPool> pool; // read at the first invocation, on every rank
  std::size_t pool_next = 0;                    // the pool's next snapshot
  bool pool_exhausted_warned = false;
  std::vector<std::string> compute_ids;
  std::array<int, 3> patches{0, 0, 0};
  macrodyn::PartialEvolutionSettings settings;
  bool full = false;
  std::vector<double> times;
  int runs = 1;
  FixKMCLattice *kmc = nullptr;
  std::vector<Compute *> computes;
  std::unique_ptr<macrodyn::DatasetFile> dataset; // rank 0 only
  std::vector<std::string> observable_names;
  double snapshots = 0, records = 0;
};

FixPartialEvolve::FixPartialEvolve(LAMMPS *lmp, int narg, char **arg)
    : Fix(lmp, narg, arg), impl(new Impl) {
  if (narg < 4)
    error->all(FLERR, "{}: expected fix ID all partial/evolve N keyword values", kStyle);
  if (igroup != group->find("all"))
    error->all(FLERR, "{}: group must be all, not {}", kStyle, arg[1]);
  nevery = utils::inumeric(FLERR, arg[3], false, lmp);
  if (nevery <= 0) error->all(FLERR, "{}: N must be > 0, got {}", kStyle, arg[3]);
  parse(narg, arg);
  vector_flag = 1;
  size_vector = 2;
  global_freq = nevery;
  extvector = 0;
}

FixPartialEvolve::~FixPartialEvolve() = default;

int FixPartialEvolve::setmask() {
  return END_OF_STEP;
}

void FixPartialEvolve::parse(int narg, char **arg) {
  auto &s = impl->settings;
  s.seed = 0;
  using K = macrodyn::lmp::Keyword;
  macrodyn::lmp::KeywordReader r(
      lmp, kStyle, narg, arg, 4,
      {K{"kmc"}, K{"compute", macrodyn::lmp::kUpToNextKeyword}, K{"file"}, K{"patches", 3},
       K{"time"}, K{"samples"}, K{"seed"}, K{"microstates"}, K{"mode"},
       K{"times", macrodyn::lmp::kUpToNextKeyword}, K{"runs"}, K{"pool"}});
  while (r.next()) {
    const std::string &key = r.key();
    if (key == "kmc" || key == "file" || key == "pool") {
      (key == "kmc" ? impl->kmc_id : key == "file" ? impl->file : impl->pool_path) = r.word(1);
    } else if (key == "compute") {
      impl->compute_ids = r.words();
    } else if (key == "patches") {
      for (int d = 0; d < 3; ++d)
        impl->patches[d] = static_cast<int>(r.integer(1 + d, 1, INT_MAX));
    } else if (key == "time") {
      s.dt = r.positive(1);
    } else if (key == "samples") {
      s.samples = static_cast<int>(r.integer(1, 1, INT_MAX));
    } else if (key == "seed") {
      s.seed = r.seed(1);
    } else if (key == "microstates") {
      s.store_microstates = r.yes_no(1);
    } else if (key == "mode") {
      impl->full = r.choice(1, {"partial", "full"}) == 1;
    } else if (key == "times") {
      for (int k = 1; k <= r.count(); ++k) {
        const double t = r.positive(k);
        if (!impl->times.empty() && t <= impl->times.back())
          r.fail(fmt::format("must be increasing, got {} after {}", r.word(k), impl->times.back()));
        impl->times.push_back(t);
      }
    } else { // runs
      impl->runs = static_cast<int>(r.integer(1, 1, INT_MAX));
    }
  }
  const bool have_time = r.given("time");
  for (const auto &[value, name] : {std::pair{impl->kmc_id, "kmc"}, std::pair{impl->file, "file"}})
    if (value.empty()) error->all(FLERR, "{}: the {} keyword is required", kStyle, name);
  if (impl->compute_ids.empty()) error->all(FLERR, "{}: the compute keyword is required", kStyle);
  if (impl->patches[0] == 0) error->all(FLERR, "{}: the patches keyword is required", kStyle);
  if (s.seed == 0) error->all(FLERR, "{}: the seed keyword is required", kStyle);
  if (!impl->full && !have_time) error->all(FLERR, "{}: the time keyword is required", kStyle);
  if (impl->full && impl->times.empty())
    error->all(FLERR, "{}: mode full needs the times keyword", kStyle);
  if (!impl->pool_path.empty() && impl->pool_path == impl->file)
    error->all(FLERR, "{}: pool and file name the same file", kStyle);
}

void FixPartialEvolve::init() {
  const int ifix = modify->find_fix(impl->kmc_id);
  impl->kmc = ifix < 0 ? nullptr : dynamic_cast<FixKMCLattice *>(modify->fix[ifix]);
  if (!impl->kmc) error->all(FLERR, "{}: {} is not a fix kmc/lattice", kStyle, impl->kmc_id);
  impl->computes = macrodyn::lmp::find_lattice_computes(lmp, kStyle, impl->compute_ids);
}

namespace {

/// Item k (of `count`) was computed by rank k % nprocs, which holds it as mine[k / nprocs]; rank 0
/// receives every item in order and hands it to `write` (the other ranks only send).
void gather_on_rank0(MPI_Comm world, int me, int nprocs, int count,
                     const std::vector<std::vector<double>> &mine, int length,
                     const std::function<void(const std::vector<double> &)> &write) {
  for (int k = 0; k < count; ++k) {
    const int owner = k % nprocs;
    std::vector<double> buffer(length);
    if (owner == me) buffer = mine[k / nprocs];
    if (owner != 0) {
      if (me == owner) MPI_Send(buffer.data(), length, MPI_DOUBLE, 0, k, world);
      if (me == 0) MPI_Recv(buffer.data(), length, MPI_DOUBLE, owner, k, world, MPI_STATUS_IGNORE);
    }
    if (me == 0) write(buffer);
  }
}

std::vector<double> pack(const macrodyn::PartialRecord &r) {
  std::vector<double> v = {double(r.snapshot), double(r.sample), double(r.patch), r.dt,
                           double(r.events)};
  for (const auto *part : {&r.phi0, &r.phi_patch0, &r.phi_patch1, &r.increment})
    v.insert(v.end(), part->begin(), part->end());
  for (const auto *micro : {&r.micro0, &r.micro1})
    v.insert(v.end(), micro->begin(), micro->end());
  return v;
}

macrodyn::PartialRecord unpack(const std::vector<double> &v, std::size_t D, std::size_t n_s) {
  macrodyn::PartialRecord r;
  r.snapshot = static_cast<std::uint64_t>(v[0]);
  r.sample = static_cast<int>(v[1]);
  r.patch = static_cast<int>(v[2]);
  r.dt = v[3];
  r.events = static_cast<std::uint64_t>(v[4]);
  std::size_t at = 5;
  for (auto *part : {&r.phi0, &r.phi_patch0, &r.phi_patch1, &r.increment}) {
    part->assign(v.begin() + at, v.begin() + at + D);
    at += D;
  }
  for (auto *micro : {&r.micro0, &r.micro1}) {
    for (std::size_t k = 0; k < n_s && at < v.size(); ++k)
      micro->push_back(static_cast<macrodyn::Species>(v[at++]));
  }
  return r;
}

} // namespace

void FixPartialEvolve::end_of_step() {
  macrodyn::lmp::guarded(error, kStyle, [&] {
    const auto kmc = impl->kmc->kmc_setup();
    const auto &species = kmc.species;
    const macrodyn::lmp::SiteMap map(lmp, kmc.sites);
    auto snapshot = static_cast<std::uint64_t>(impl->snapshots);
    macrodyn::Configuration x0;
    if (impl->pool_path.empty()) {
      x0 = species.configuration(map.site_types());
    } else {
      if (!impl->pool) {
        impl->pool =
            std::make_unique<macrodyn::SnapshotPool>(macrodyn::read_snapshot_pool(impl->pool_path));
        macrodyn::lmp::require_pool_fits(*impl->pool, map.lattice(), species, true);
        if (comm->me == 0)
          utils::logmesg(lmp, "{}: pool {} holds {} snapshot(s): one per invocation\n", kStyle,
                         impl->pool_path, impl->pool->size());
      }
      if (impl->pool_next >= impl->pool->size()) {
        if (comm->me == 0 && !impl->pool_exhausted_warned)
          error->warning(FLERR,
                         "{}: all {} snapshots of pool {} are used; later invocations "
                         "record nothing",
                         kStyle, impl->pool->size(), impl->pool_path);
        impl->pool_exhausted_warned = true;
        return;
      }
      snapshot = impl->pool->ids[impl->pool_next];
      x0 = impl->pool->configuration(impl->pool_next++);
    }
    const auto &lat = map.lattice();
    macrodyn::PartialEvolution pe(lat.kind(), lat.cells(), lat.constant(), kmc.options,
                                  impl->patches);
    pe.set_observables(
        macrodyn::lmp::lattice_observables(impl->computes, pe.lattice(), pe.tiling(), species));
    if (comm->me == 0) {
      if (!impl->dataset) open_dataset(lat, pe);
      if (impl->settings.store_microstates) impl->dataset->append_snapshot(snapshot, x0);
    }
    if (impl->full)
      sample_full(pe, x0, snapshot);
    else
      sample_partial(pe, x0, snapshot);
    impl->snapshots += 1;
  });
}

namespace {

/// Items k of `count` this rank computes: k % nprocs == me (rank 0 gathers them in order).
std::vector<int> items_of_rank(int count, int me, int nprocs) {
  std::vector<int> which;
  for (int k = me; k < count; k += nprocs)
    which.push_back(k);
  return which;
}

/// Rank 0's line after a snapshot: what it wrote, and the largest peak resident memory of the
/// ranks (what a box of this size needs per rank). Every rank calls it (a reduction).
void report_snapshot(LAMMPS *lmp, std::uint64_t snapshot, int count, const char *what,
                     long long total, const std::string &file) {
  double mine = double(macrodyn::peak_resident_bytes()) / 1048576.0, peak = 0;
  MPI_Allreduce(&mine, &peak, 1, MPI_DOUBLE, MPI_MAX, lmp->world);
  if (lmp->comm->me == 0)
    utils::logmesg(lmp, "{}: snapshot {}: {} {} (total {}) -> {}; peak memory {:.0f} MB/rank\n",
                   kStyle, snapshot, count, what, total, file, peak);
}

} // namespace

std::vector<double> FixPartialEvolve::conditions() const {
  const auto kmc = impl->kmc->kmc_setup();
  return {kmc.temperature, macrodyn::field_of(kmc.options.energy)};
}

void FixPartialEvolve::sample_partial(macrodyn::PartialEvolution &pe,
                                      const macrodyn::Configuration &x0, std::uint64_t snapshot) {
  // Sample k is computed by rank k % nprocs; rank 0 collects and writes them in order.
  const int me = comm->me, nprocs = comm->nprocs;
  const std::size_t D = pe.observables().names().size();
  const std::size_t n_s = impl->settings.store_microstates ? pe.tiling().sites_per_patch() : 0;
  const auto conditions = this->conditions();
  std::vector<std::vector<double>> mine;
  const auto which = items_of_rank(impl->settings.samples, me, nprocs);
  pe.sample_some(x0, snapshot, impl->settings, which,
                 [&](const macrodyn::PartialRecord &r) { mine.push_back(pack(r)); });
  // Rank 0 writes the records in blocks: one HDF5 write per column and one flush per block cost
  // what one record each cost, which made the writing rank the bottleneck of many small samples.
  // A kill loses at most the block in progress.
  constexpr std::size_t kBlock = 256;
  std::vector<macrodyn::PartialRecord> block;
  gather_on_rank0(world, me, nprocs, impl->settings.samples, mine,
                  static_cast<int>(5 + 4 * D + 2 * n_s), [&](const std::vector<double> &buffer) {
                    block.push_back(unpack(buffer, D, n_s));
                    if (block.size() == kBlock)
                      impl->dataset->append(block, conditions), block.clear();
                  });
  if (me == 0) impl->dataset->append(block, conditions);
  impl->records += impl->settings.samples;
  report_snapshot(lmp, snapshot, impl->settings.samples, "records", impl->records, impl->file);
}

void FixPartialEvolve::sample_full(macrodyn::PartialEvolution &pe,
                                   const macrodyn::Configuration &x0, std::uint64_t snapshot) {
  const int me = comm->me, nprocs = comm->nprocs;
  const std::size_t D = pe.observables().names().size(), T = impl->times.size() + 1;
  const auto conditions = this->conditions();
  std::vector<std::vector<double>> mine;
  const auto which = items_of_rank(impl->runs, me, nprocs);
  pe.full_some(x0, snapshot, impl->times, which, impl->settings.seed,
               [&](const macrodyn::FullRecord &r) {
                 std::vector<double> v = {double(r.snapshot), double(r.run)};
                 v.insert(v.end(), r.times.begin(), r.times.end());
                 for (const auto &row : r.phi)
                   v.insert(v.end(), row.begin(), row.end());
                 mine.push_back(v);
               });
  gather_on_rank0(world, me, nprocs, impl->runs, mine, static_cast<int>(2 + T + T * D),
                  [&](const std::vector<double> &buffer) {
                    macrodyn::FullRecord r;
                    r.snapshot = static_cast<std::uint64_t>(buffer[0]);
                    r.run = static_cast<int>(buffer[1]);
                    r.times.assign(buffer.begin() + 2, buffer.begin() + 2 + T);
                    for (std::size_t t = 0; t < T; ++t)
                      r.phi.emplace_back(buffer.begin() + 2 + T + t * D,
                                         buffer.begin() + 2 + T + (t + 1) * D);
                    impl->dataset->append(r, conditions);
                  });
  impl->records += impl->runs;
  report_snapshot(lmp, snapshot, impl->runs, "full runs", impl->records, impl->file);
}

void FixPartialEvolve::open_dataset(const macrodyn::Lattice &lat,
                                    const macrodyn::PartialEvolution &pe) {
  macrodyn::DatasetDescription d;
  d.observables = pe.observables().names();
  const auto kmc = impl->kmc->kmc_setup();
  d.species = kmc.species.species();
  d.lattice = macrodyn::lattice_kind_name(lat.kind());
  d.cells = lat.cells();
  d.lattice_constant = lat.constant();
  d.patch_shape = impl->patches;
  d.sites_per_patch = static_cast<int>(pe.tiling().sites_per_patch());
  d.time_unit = strcmp(update->unit_style, "metal") == 0 ? "s" : "lj";
  d.energy_model = kmc.energy_model;
  d.energy_model_file = kmc.energy_model_file;
  d.seed = impl->settings.seed;
  d.lammps_version = std::string(lmp->version);
  d.microstates = impl->settings.store_microstates;
  d.n_sites = lat.n_sites();
  d.full_times = impl->times;
  d.extra["mode"] = impl->full ? "full" : "partial";
  impl->dataset = std::make_unique<macrodyn::DatasetFile>(impl->file, d);
}

double FixPartialEvolve::compute_vector(int n) {
  return n == 0 ? impl->snapshots : impl->records;
}
