#include "partial_force_engine.h"

#include "keyword_reader.h"

#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "core/base/random_subset.h"
#include "core/md/eam_splines.h"
#include "core/md/neighbour_search.h"

#include "MANYBODY/pair_eam.h"
#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "fmt/format.h"
#include "force.h"
#include "lammps.h"
#include "pair.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mpi.h>

using namespace LAMMPS_NS;

namespace macrodyn::lmp {

namespace {

/// Pair styles whose force is the sum of pair terms (pair->single()) or EAM, which needs the
/// embedding slopes of the selected atoms' neighbours first.
enum class ForceKind { PairTerms, Eam };

std::vector<std::size_t> indices(const std::vector<std::pair<std::size_t, int>> &entries) {
  std::vector<std::size_t> out;
  for (const auto &e : entries)
    out.push_back(static_cast<std::size_t>(e.second));
  return out;
}

bool is_eam(const char *style) {
  for (const char *name : {"eam", "eam/alloy", "eam/fs"})
    if (std::strcmp(style, name) == 0) return true;
  return false;
}

} // namespace

std::int64_t selected_count(const PartialForceSelection &s, std::int64_t natoms) {
  return s.count ? s.count : std::llround(s.fraction * static_cast<double>(natoms));
}

std::vector<Keyword> selection_keywords() {
  return {Keyword{"count"}, Keyword{"fraction"}, Keyword{"seed"}};
}

bool read_selection_keyword(const KeywordReader &r, PartialForceSelection &s) {
  if (r.key() == "count") {
    s.count = r.integer(1, 1, INT64_MAX);
    s.fraction = 0;
  } else if (r.key() == "fraction") {
    const double p = r.positive(1);
    if (p > 1) r.fail(fmt::format("must lie in (0, 1], got {}", r.word(1)));
    s.fraction = p;
    s.count = 0;
  } else if (r.key() == "seed") {
    s.seed = r.seed(1);
  } else {
    return false;
  }
  return true;
}

void check_selection(const KeywordReader &r, const PartialForceSelection &s) {
  if (r.given("count") && r.given("fraction")) r.error("give either count or fraction, not both");
  if (!r.given("count") && !r.given("fraction"))
    r.error("the count or the fraction keyword is required");
  if (s.seed == 0) r.error("the seed keyword is required");
}

struct PartialForceEngine::Impl {
  LAMMPS *lmp = nullptr;
  const char *style = nullptr;
  PartialForceSelection selection;
  ForceKind kind = ForceKind::PairTerms;
  std::string pair_style;
  EamSplines eam;
  std::vector<std::uint64_t> id_bits; // scratch bitset over atom IDs, all zero between uses

  std::int64_t check_ids_and_count(std::int64_t natoms) const;
  std::vector<std::pair<std::size_t, int>> copies(const std::vector<std::int64_t> &ids, int n);
  std::vector<std::int64_t> union_over_ranks(const std::vector<std::int64_t> &ids) const;
  void pair_terms(NeighbourSearch &search, const std::vector<std::pair<std::size_t, int>> &mine,
                  PartialForces &out) const;
  void eam_forces(NeighbourSearch &search, const std::vector<std::int64_t> &ids,
                  const std::vector<std::pair<std::size_t, int>> &mine, PartialForces &out);
};

PartialForceEngine::PartialForceEngine(LAMMPS *lmp, const char *style,
                                       PartialForceSelection selection)
    : impl(new Impl) {
  impl->lmp = lmp;
  impl->style = style;
  impl->selection = selection;
}

PartialForceEngine::~PartialForceEngine() = default;

const std::string &PartialForceEngine::pair_style() const {
  return impl->pair_style;
}

void PartialForceEngine::init() {
  LAMMPS *lmp = impl->lmp;
  const char *style = impl->style;
  Pair *pair = lmp->force->pair;
  if (!pair) lmp->error->all(FLERR, "{}: needs a pair style", style);
  impl->pair_style = lmp->force->pair_style;
  const char *name = lmp->force->pair_style;
  if (lmp->force->kspace)
    lmp->error->all(FLERR,
                    "{}: kspace style {} is long-range: only short-range pair forces can be "
                    "computed on a subset of atoms",
                    style, lmp->force->kspace_style);
  if (lmp->atom->molecular != Atom::ATOMIC)
    lmp->error->all(FLERR,
                    "{}: molecular systems are not supported (bonded terms and special-bond "
                    "factors)",
                    style);
  if (!lmp->atom->tag_enable) lmp->error->all(FLERR, "{}: atoms need IDs", style);
  if (is_eam(name)) {
    impl->kind = ForceKind::Eam;
    auto *p = static_cast<PairEAM *>(pair);
    int dim = 0;
    auto &e = impl->eam;
    e.nr = p->nr;
    e.nrho = p->nrho;
    e.rdr = p->rdr;
    e.rdrho = p->rdrho;
    e.cutforcesq = p->cutmax * p->cutmax; // PairEAM::init_one
    e.rhor_spline = p->rhor_spline;
    e.frho_spline = p->frho_spline;
    e.z2r_spline = p->z2r_spline;
    e.type2frho = p->type2frho;
    e.type2rhor = p->type2rhor;
    e.type2z2r = p->type2z2r;
    e.scale = static_cast<double **>(p->extract("scale", dim));
    if (!e.rhor_spline || !e.scale)
      lmp->error->all(FLERR, "{}: pair style {} has no spline tables yet", style, name);
    return;
  }
  impl->kind = ForceKind::PairTerms;
  if (pair->manybody_flag)
    lmp->error->all(FLERR,
                    "{}: pair style {} is (or contains) a many-body potential; supported are "
                    "eam, eam/alloy, eam/fs and pair styles with a single() function and no "
                    "many-body term (lj/cut, morse, ..., and hybrid or hybrid/overlay of them)",
                    style, name);
  if (!pair->single_enable)
    lmp->error->all(FLERR,
                    "{}: pair style {} has no single() function, so its force on one atom cannot "
                    "be computed alone",
                    style, name);
}

std::int64_t PartialForceEngine::Impl::check_ids_and_count(std::int64_t natoms) const {
  // IDs 1..N are what makes a draw from {1..N} uniform over the atoms: one O(N) max over owned IDs.
  const tagint *tag = lmp->atom->tag;
  std::int64_t mine = 0, top = 0;
  for (int i = 0; i < lmp->atom->nlocal; ++i)
    mine = std::max<std::int64_t>(mine, tag[i]);
  MPI_Allreduce(&mine, &top, 1, MPI_INT64_T, MPI_MAX, lmp->world);
  if (top != natoms)
    lmp->error->all(FLERR,
                    "{}: atom IDs must run from 1 to the number of atoms ({}), the largest is {} "
                    "(use reset_atom_ids)",
                    style, natoms, top);
  const std::int64_t n = selected_count(selection, natoms);
  if (n < 1)
    lmp->error->all(FLERR, "{}: fraction {} of {} atoms selects no atom", style, selection.fraction,
                    natoms);
  if (n > natoms) lmp->error->all(FLERR, "{}: count {} exceeds the {} atoms", style, n, natoms);
  return n;
}

/// (position in ids, index) of this rank's copies of the sorted `ids` among the first `n` atoms
/// (owned: n = nlocal; owned and ghost: n = nlocal + nghost): one pass of bit tests over their IDs.
std::vector<std::pair<std::size_t, int>>
PartialForceEngine::Impl::copies(const std::vector<std::int64_t> &ids, int n) {
  const std::size_t words = static_cast<std::size_t>(lmp->atom->natoms) / 64 + 1;
  if (id_bits.size() < words) id_bits.assign(words, 0);
  for (auto id : ids)
    id_bits[id >> 6] |= std::uint64_t{1} << (id & 63);
  const tagint *tag = lmp->atom->tag;
  std::vector<std::pair<std::size_t, int>> found;
  for (int i = 0; i < n; ++i) {
    const std::int64_t id = tag[i];
    if (id_bits[id >> 6] >> (id & 63) & 1)
      found.emplace_back(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin(), i);
  }
  for (auto id : ids)
    id_bits[id >> 6] = 0;
  std::sort(found.begin(), found.end());
  return found;
}

void PartialForceEngine::Impl::pair_terms(NeighbourSearch &search,
                                          const std::vector<std::pair<std::size_t, int>> &mine,
                                          PartialForces &out) const {
  Pair *pair = lmp->force->pair;
  const int *type = lmp->atom->type;
  const double t0 = MPI_Wtime();
  auto around = search.around(indices(mine), pair->cutforce * pair->cutforce);
  out.search_seconds += MPI_Wtime() - t0;
  for (auto &list : around)
    sort_canonically(list);
  for (std::size_t s = 0; s < mine.size(); ++s) {
    const int i = mine[s].second, ti = type[i];
    double *f = &out.forces[3 * mine[s].first];
    for (const Neighbour &nb : around[s]) {
      const int j = static_cast<int>(nb.index), tj = nb.kind;
      if (nb.rsq >= pair->cutsq[ti][tj]) continue;
      double fpair = 0;
      pair->single(i, j, ti, tj, nb.rsq, 1.0, 1.0, fpair);
      for (int d = 0; d < 3; ++d)
        f[d] += nb.delta[d] * fpair;
      ++out.pair_terms;
    }
  }
}

void PartialForceEngine::Impl::eam_forces(NeighbourSearch &search,
                                          const std::vector<std::int64_t> &ids,
                                          const std::vector<std::pair<std::size_t, int>> &mine,
                                          PartialForces &out) {
  const int *type = lmp->atom->type;
  // 1. The selected atoms' neighbours, and every rank's wanted IDs (selected + neighbours).
  double t0 = MPI_Wtime();
  auto around = search.around(indices(mine), eam.cutforcesq);
  out.search_seconds += MPI_Wtime() - t0;
  for (auto &list : around)
    sort_canonically(list);
  std::vector<std::int64_t> wanted;
  for (std::size_t s = 0; s < mine.size(); ++s) {
    wanted.push_back(ids[mine[s].first]);
    for (const auto &nb : around[s])
      wanted.push_back(nb.id);
  }
  const auto all = union_over_ranks(wanted);

  // 2. Their densities and embedding slopes, each by the rank that owns the atom (its
  // neighbours are all among its owned and ghost atoms), then shared.
  t0 = MPI_Wtime();
  const auto owners = copies(all, lmp->atom->nlocal);
  auto second = search.around(indices(owners), eam.cutforcesq);
  out.search_seconds += MPI_Wtime() - t0;
  for (auto &list : second)
    sort_canonically(list);
  std::vector<double> slope(all.size(), 0.0);
  for (std::size_t s = 0; s < owners.size(); ++s) {
    const int u = owners[s].second;
    double rho = 0;
    for (const Neighbour &nb : second[s]) {
      rho += eam.density(type[u], nb.kind, std::sqrt(nb.rsq));
      ++out.pair_terms;
    }
    slope[owners[s].first] = eam.embedding_slope(type[u], rho);
  }
  MPI_Allreduce(MPI_IN_PLACE, slope.data(), static_cast<int>(slope.size()), MPI_DOUBLE, MPI_SUM,
                lmp->world);
  auto slope_of = [&](std::int64_t id) {
    return slope[std::lower_bound(all.begin(), all.end(), id) - all.begin()];
  };

  // 3. The forces on the selected atoms (PairEAM::compute's pair term, from i's side).
  for (std::size_t s = 0; s < mine.size(); ++s) {
    const int i = mine[s].second, ti = type[i];
    const double fpi = slope_of(ids[mine[s].first]);
    double *f = &out.forces[3 * mine[s].first];
    for (const Neighbour &nb : around[s]) {
      const double fpair = eam.pair_force(ti, nb.kind, std::sqrt(nb.rsq), fpi, slope_of(nb.id));
      for (int d = 0; d < 3; ++d)
        f[d] += nb.delta[d] * fpair;
      ++out.pair_terms;
    }
  }
}

/// The sorted union of every rank's ids.
std::vector<std::int64_t>
PartialForceEngine::Impl::union_over_ranks(const std::vector<std::int64_t> &ids) const {
  int nprocs = 1;
  MPI_Comm_size(lmp->world, &nprocs);
  int count = static_cast<int>(ids.size());
  std::vector<int> counts(nprocs), offsets(nprocs, 0);
  MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, lmp->world);
  for (int r = 1; r < nprocs; ++r)
    offsets[r] = offsets[r - 1] + counts[r - 1];
  std::vector<std::int64_t> all(offsets.back() + counts.back());
  MPI_Allgatherv(ids.data(), count, MPI_INT64_T, all.data(), counts.data(), offsets.data(),
                 MPI_INT64_T, lmp->world);
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

PartialForces PartialForceEngine::compute(std::uint64_t trajectory, std::uint64_t invocation) {
  LAMMPS *lmp = impl->lmp;
  Atom *atom = lmp->atom;
  PartialForces out;
  const double t0 = MPI_Wtime();
  out.natoms = atom->natoms;
  const std::int64_t n = impl->check_ids_and_count(out.natoms);
  RandomStream rng(impl->selection.seed, {trajectory, invocation});
  for (auto index :
       random_subset(static_cast<std::uint64_t>(out.natoms), static_cast<std::uint64_t>(n), rng))
    out.ids.push_back(static_cast<std::int64_t>(index) + 1);
  out.forces.assign(3 * out.ids.size(), 0.0);

  const bool eam = impl->kind == ForceKind::Eam;
  const int nall = atom->nlocal + atom->nghost;
  const auto mine = impl->copies(out.ids, atom->nlocal); // the selected atoms this rank owns
  const double cutoff = eam ? std::sqrt(impl->eam.cutforcesq) : lmp->force->pair->cutforce;
  try {
    // Owned and ghost atoms lie (nearly: owned ones drift up to half the skin between
    // reneighbourings) within the subdomain grown by the ghost cutoff; a triclinic box measures
    // its atoms instead.
    const double *x0 = nall ? atom->x[0] : nullptr;
    Domain *domain = lmp->domain;
    double lo[3], hi[3];
    for (int d = 0; d < 3; ++d) {
      lo[d] = domain->sublo[d] - lmp->comm->cutghost[d];
      hi[d] = domain->subhi[d] + lmp->comm->cutghost[d];
    }
    NeighbourSearch search(x0, static_cast<std::size_t>(nall), atom->tag, cutoff,
                           domain->triclinic ? nullptr : lo, domain->triclinic ? nullptr : hi);
    search.set_kinds(atom->type);
    out.search_seconds = MPI_Wtime() - t0;
    if (eam)
      impl->eam_forces(search, out.ids, mine, out);
    else
      impl->pair_terms(search, mine, out);
    out.force_seconds = MPI_Wtime() - t0 - out.search_seconds;
  } catch (const macrodyn::Error &e) {
    lmp->error->one(FLERR, "{}: {}", impl->style, e.what());
  }

  // Exactly one rank owns each selected atom: summing its forces with everyone else's zeros
  // changes no bit, whatever the reduction order.
  std::vector<int> owners(out.ids.size(), 0);
  for (const auto &entry : mine)
    owners[entry.first] = 1;
  MPI_Allreduce(MPI_IN_PLACE, owners.data(), static_cast<int>(owners.size()), MPI_INT, MPI_SUM,
                lmp->world);
  for (std::size_t k = 0; k < owners.size(); ++k)
    if (owners[k] != 1)
      lmp->error->all(FLERR, "{}: atom ID {} is owned by {} ranks (lost atoms?)", impl->style,
                      out.ids[k], owners[k]);
  MPI_Allreduce(MPI_IN_PLACE, out.forces.data(), static_cast<int>(out.forces.size()), MPI_DOUBLE,
                MPI_SUM, lmp->world);
  MPI_Allreduce(MPI_IN_PLACE, &out.pair_terms, 1, MPI_UINT64_T, MPI_SUM, lmp->world);
  return out;
}

} // namespace macrodyn::lmp
