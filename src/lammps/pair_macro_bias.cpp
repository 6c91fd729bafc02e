// pair_style macro/bias kappa K switch r_on r_off types <name per type> observables <names>
//     [weights w ...] target const z1 ... | target variables <name> ... | target model <model.pt>
//     [horizon T] [points n] [runs R] [sample yes|no] [seed s] [condition <name> <value>] ...
//     [clock fix <kmc-ID> | clock steps <factor>]
// E = 1/2 kappa n sum_k w_k (z_k(x) - z*_k(t))^2 with z first-shell chemical-order observables
// from smooth pair counts (core/energy/macro_bias.h); exact forces and virial from a full neighbour list
// (each rank applies the forces on its own atoms: no reverse communication). The counts are summed
// over all ranks, so every rank holds E and z; rank 0 tallies E.
#include "pair_macro_bias.h"

#include "keyword_reader.h"
#include "species_map.h"
#include "style_guard.h"

#include "core/energy/macro_bias.h"
#ifdef MACRODYN_WITH_TORCH
#include "learn/model/sde_target_path.h"
#endif

#include "atom.h"
#include "comm.h"
#include "error.h"
#include "fix.h"
#include "force.h"
#include "input.h"
#include "memory.h"
#include "modify.h"
#include "neigh_list.h"
#include "neigh_request.h"
#include "neighbor.h"
#include "update.h"
#include "utils.h"
#include "variable.h"

#include <climits>
#include <cmath>
#include <map>
#include <sstream>
#include <mpi.h>

using namespace LAMMPS_NS;

static constexpr const char *kStyle = "pair_style macro/bias";

struct PairMacroBias::Impl {
  double kappa = -1;
  macrodyn::SwitchingFunction switching;
  std::vector<std::string> type_names, observables;
  std::vector<double> weights;
  std::unique_ptr<macrodyn::lmp::SpeciesMap> species;
  std::shared_ptr<const macrodyn::MacroBias> bias;
  std::shared_ptr<const macrodyn::MacroBias> all_values; // every first-shell observable

  enum class Target { Constant, Variables, Model } target = Target::Constant;
  std::vector<double> constants;
  std::vector<std::string> variables;
  // Model target.
  std::string model;
  double horizon = 0;
  int points = 101;
  std::size_t runs = 100;
  bool sample = false;
  std::uint64_t seed = 1;
  std::map<std::string, double> conditions;
  std::string clock_fix;
  double clock_factor = 0; // clock steps: time = steps * dt * factor
  // Reference of the model target: the time and the macrostate the path starts from (kept in
  // restart files, so a restarted run follows the same path on the same clock).
  double t0 = 0;
  std::map<std::string, double> initial;
  std::vector<std::string> args; // the pair_style arguments, for restart files
#ifdef MACRODYN_WITH_TORCH
  std::unique_ptr<macrodyn::learn::TargetPath> path;
#endif
  std::vector<double> last_target;
  double clock(LAMMPS *lmp) const;
};

PairMacroBias::PairMacroBias(LAMMPS *lmp) : Pair(lmp), impl(new Impl) {
  single_enable = 0;
  restartinfo = 1;
  one_coeff = 1;
  manybody_flag = 1;
  // Forces go on local atoms only (no ghost forces): the virial is tallied per pair, not by f.r.
  no_virial_fdotr_compute = 1;
}

PairMacroBias::~PairMacroBias() {
  if (allocated) {
    memory->destroy(setflag);
    memory->destroy(cutsq);
  }
}

void PairMacroBias::settings(int narg, char **arg) {
  auto &m = *impl;
  m.args.assign(arg, arg + narg);
  using K = macrodyn::lmp::Keyword;
  constexpr int any = macrodyn::lmp::kUpToNextKeyword;
  macrodyn::lmp::KeywordReader r(lmp, kStyle, narg, arg, 0,
                            {K{"kappa"}, K{"switch", 2}, K{"types", lmp->atom->ntypes},
                             K{"observables", any}, K{"weights", any}, K{"target", any},
                             K{"horizon"}, K{"points"}, K{"runs"}, K{"sample"}, K{"seed"},
                             K{"condition", 2}, K{"clock", 2}});
  while (r.next()) {
    const std::string &key = r.key();
    auto numbers = [&](int from) {
      std::vector<double> out;
      for (int k = from; k <= r.count(); ++k)
        out.push_back(r.number(k));
      return out;
    };
    if (key == "kappa") {
      m.kappa = r.nonnegative(1);
    } else if (key == "switch") {
      m.switching = {r.number(1), r.number(2)};
      if (!(m.switching.r_on > 0 && m.switching.r_off > m.switching.r_on))
        r.fail("needs 0 < r_on < r_off");
    } else if (key == "types") {
      m.type_names = r.words();
    } else if (key == "observables") {
      m.observables = r.words();
    } else if (key == "weights") {
      m.weights = numbers(1);
    } else if (key == "target") {
      const int kind = r.choice(1, {"const", "variables", "model"});
      if (kind == 0) {
        m.target = Impl::Target::Constant;
        m.constants = numbers(2);
      } else if (kind == 1) {
        m.target = Impl::Target::Variables;
        m.variables = r.words(2);
      } else {
        if (r.count() != 2) r.fail("model takes one model.pt");
        m.target = Impl::Target::Model;
        m.model = r.word(2);
      }
    } else if (key == "horizon") {
      m.horizon = r.number(1);
    } else if (key == "points") {
      m.points = static_cast<int>(r.integer(1, 1, INT_MAX));
    } else if (key == "runs") {
      m.runs = static_cast<std::size_t>(r.integer(1, 1, LLONG_MAX));
    } else if (key == "seed") {
      m.seed = r.seed(1);
    } else if (key == "sample") {
      m.sample = r.yes_no(1);
    } else if (key == "condition") {
      m.conditions[r.word(1)] = r.number(2);
    } else { // clock fix <ID> | steps <factor>
      if (r.choice(1, {"fix", "steps"}) == 0) {
        m.clock_fix = r.word(2);
      } else {
        m.clock_factor = r.positive(2);
      }
    }
  }
  if (m.kappa < 0) error->all(FLERR, "{}: the kappa keyword is required", kStyle);
  if (m.switching.r_off <= 0) error->all(FLERR, "{}: the switch keyword is required", kStyle);
  if (m.observables.empty()) error->all(FLERR, "{}: the observables keyword is required", kStyle);
  const std::size_t D = m.observables.size();
  if (m.target == Impl::Target::Constant && m.constants.size() != D)
    error->all(FLERR, "{}: target const needs {} values (one per observable), got {}", kStyle, D,
               m.constants.size());
  if (m.target == Impl::Target::Variables && m.variables.size() != D)
    error->all(FLERR, "{}: target variables needs {} names (one per observable), got {}", kStyle,
               D, m.variables.size());
  if (m.target == Impl::Target::Model) {
#ifndef MACRODYN_WITH_TORCH
    error->all(FLERR, "{}: target model needs MACRODYN built with LibTorch", kStyle);
#endif
    if (m.horizon <= 0) error->all(FLERR, "{}: target model needs horizon > 0", kStyle);
    if (m.clock_fix.empty() && m.clock_factor <= 0)
      error->all(FLERR, "{}: target model needs a clock (fix <kmc-ID> or steps <factor>)",
                 kStyle);
  }
  macrodyn::lmp::guarded(error, kStyle, [&] {
    m.species = std::make_unique<macrodyn::lmp::SpeciesMap>(m.type_names, atom->ntypes);
    m.bias = std::make_shared<macrodyn::MacroBias>(m.species->species(), m.observables, m.weights,
                                                   m.kappa, 8);
    const auto all = macrodyn::MacroBias::first_shell_names(m.species->species());
    m.all_values = std::make_shared<macrodyn::MacroBias>(m.species->species(), all,
                                                         std::vector<double>{}, 0.0, 8);
  });
  // compute pair macro/bias: the observables, then their targets.
  nextra = static_cast<int>(2 * D);
  delete[] pvector;
  pvector = new double[nextra];
  for (int k = 0; k < nextra; ++k)
    pvector[k] = 0.0;
}

void PairMacroBias::coeff(int narg, char **arg) {
  if (narg != 2 || strcmp(arg[0], "*") != 0 || strcmp(arg[1], "*") != 0)
    error->all(FLERR, "{}: use pair_coeff * * (the types are named in pair_style)", kStyle);
  if (!allocated) {
    allocated = 1;
    const int n = atom->ntypes;
    memory->create(setflag, n + 1, n + 1, "pair:setflag");
    memory->create(cutsq, n + 1, n + 1, "pair:cutsq");
  }
  for (int i = 1; i <= atom->ntypes; ++i)
    for (int j = i; j <= atom->ntypes; ++j)
      setflag[i][j] = 1;
}

void PairMacroBias::init_style() {
  const int request = neighbor->request(this, instance_me);
  neighbor->requests[request]->half = 0;
  neighbor->requests[request]->full = 1;
  if (!impl->clock_fix.empty()) {
    const int ifix = modify->find_fix(impl->clock_fix);
    // Any fix whose global vector starts with the physical time (fix kmc/lattice: f_ID[1]).
    if (ifix < 0 || !modify->fix[ifix]->vector_flag || modify->fix[ifix]->size_vector < 1)
      error->all(FLERR, "{}: clock fix {} is not a fix with a global vector (its first value is "
                 "the time)", kStyle, impl->clock_fix);
  }
  for (const auto &name : impl->variables) {
    const int ivar = input->variable->find(name.c_str());
    if (ivar < 0 || !input->variable->equalstyle(ivar))
      error->all(FLERR, "{}: target variable {} is not an equal-style variable", kStyle, name);
  }
}

double PairMacroBias::init_one(int, int) {
  return impl->switching.r_off;
}

double PairMacroBias::Impl::clock(LAMMPS *lmp) const {
  if (!clock_fix.empty())
    return lmp->modify->fix[lmp->modify->find_fix(clock_fix)]->compute_vector(0);
  return static_cast<double>(lmp->update->ntimestep) * lmp->update->dt * clock_factor;
}

// Restart: the pair_style arguments and the model target's reference, as one text block.
void PairMacroBias::write_restart(FILE *fp) {
  std::string text;
  for (const auto &a : impl->args)
    text += a + "\n";
  text += fmt::format("@reference {:.17g} {}\n", impl->t0, impl->initial.size());
  for (const auto &[name, value] : impl->initial)
    text += fmt::format("{} {:.17g}\n", name, value);
  const int n = static_cast<int>(text.size());
  fwrite(&n, sizeof(int), 1, fp);
  fwrite(text.data(), 1, n, fp);
}

void PairMacroBias::read_restart(FILE *fp) {
  int n = 0;
  if (comm->me == 0) utils::sfread(FLERR, &n, sizeof(int), 1, fp, nullptr, error);
  MPI_Bcast(&n, 1, MPI_INT, 0, world);
  std::string text(n, ' ');
  if (comm->me == 0) utils::sfread(FLERR, text.data(), 1, n, fp, nullptr, error);
  MPI_Bcast(text.data(), n, MPI_CHAR, 0, world);
  std::istringstream in(text);
  std::vector<std::string> args;
  std::string line;
  while (std::getline(in, line) && line.rfind("@reference", 0) != 0)
    args.push_back(line);
  std::vector<char *> argv;
  for (auto &a : args)
    argv.push_back(a.data());
  settings(static_cast<int>(argv.size()), argv.data());
  std::istringstream ref(line.substr(10));
  std::size_t count = 0;
  ref >> impl->t0 >> count;
  for (std::size_t k = 0; k < count; ++k) {
    std::string name;
    double value;
    in >> name >> value;
    impl->initial[name] = value;
  }
  char star[] = "*";
  char *coeff_args[] = {star, star};
  coeff(2, coeff_args);
}

std::shared_ptr<const macrodyn::MacroBias> PairMacroBias::bias() const {
  return impl->bias;
}

std::pair<double, double> PairMacroBias::switch_range() const {
  return {impl->switching.r_on, impl->switching.r_off};
}

const std::vector<std::string> &PairMacroBias::species() const {
  return impl->species->species();
}

std::vector<double> PairMacroBias::current_target() {
  auto &m = *impl;
  switch (m.target) {
  case Impl::Target::Constant:
    return m.constants;
  case Impl::Target::Variables: {
    std::vector<double> out;
    for (const auto &name : m.variables)
      out.push_back(input->variable->compute_equal(input->variable->find(name.c_str())));
    return out;
  }
  case Impl::Target::Model:
#ifdef MACRODYN_WITH_TORCH
    if (m.path) return m.path->at(m.clock(lmp) - m.t0, m.observables);
#endif
    if (!m.last_target.empty()) return m.last_target;
    error->all(FLERR, "{}: the target path is not set up yet (run first)", kStyle);
  }
  return {};
}

/// The model target's path, once, from the macrostate of the first force call (the counts of
/// every rank) unless a restart brought the reference of the run it continues.
void PairMacroBias::start_target_path(const macrodyn::SmoothCounts &counts) {
#ifdef MACRODYN_WITH_TORCH
  auto &m = *impl;
  if (m.initial.empty()) { // reference: the configuration's own macrostate at the current clock
    const auto names = m.all_values->observables();
    const auto all = m.all_values->evaluate(counts, std::vector<double>(names.size(), 0.0)).z;
    for (std::size_t k = 0; k < names.size(); ++k)
      m.initial[names[k]] = all[k];
    m.t0 = m.clock(lmp);
  }
  macrodyn::learn::TargetPathRequest q;
  q.model = m.model;
  q.initial = m.initial;
  q.conditions = m.conditions;
  q.horizon = m.horizon;
  q.points = m.points;
  q.runs = m.runs;
  q.sample = m.sample;
  q.seed = m.seed;
  m.path = std::make_unique<macrodyn::learn::TargetPath>(q);
  if (comm->me == 0)
    utils::logmesg(lmp, "{}: target path from {} ({} of {} runs) referenced at time {}\n",
                   kStyle, m.model, m.sample ? "one" : "mean", m.sample ? 1 : m.runs, m.t0);
#else
  (void)counts;
#endif
}

void PairMacroBias::compute(int eflag, int vflag) {
  ev_init(eflag, vflag);
  auto &m = *impl;
  const auto &species = *m.species;
  const int ns = species.n_species();
  double **x = atom->x, **f = atom->f;
  const int *type = atom->type;
  const int nlocal = atom->nlocal;
  const int inum = list->inum;
  const int *ilist = list->ilist, *numneigh = list->numneigh;
  int **firstneigh = list->firstneigh;
  const double cut2 = m.switching.r_off * m.switching.r_off;

  // Every pair (i owned, j any) of two non-vacancy atoms closer than r_off, once per owner.
  auto for_each_pair = [&](auto &&visit) {
    for (int ii = 0; ii < inum; ++ii) {
      const int i = ilist[ii];
      const int a = species.species_of_type(type[i]);
      if (a < 0) continue;
      for (int jj = 0; jj < numneigh[i]; ++jj) {
        const int j = firstneigh[i][jj] & NEIGHMASK;
        const int b = species.species_of_type(type[j]);
        if (b < 0) continue;
        const double dx = x[i][0] - x[j][0], dy = x[i][1] - x[j][1], dz = x[i][2] - x[j][2];
        const double r2 = dx * dx + dy * dy + dz * dz;
        if (r2 < cut2) visit(i, a, b, dx, dy, dz, std::sqrt(r2));
      }
    }
  };

  // Pass 1: species counts and smooth directed pair counts of the owned atoms, summed over ranks.
  std::vector<double> local(static_cast<std::size_t>(ns) * ns + ns, 0.0);
  for (int ii = 0; ii < inum; ++ii) {
    const int a = species.species_of_type(type[ilist[ii]]);
    if (a >= 0) local[static_cast<std::size_t>(ns) * ns + a] += 1.0;
  }
  for_each_pair([&](int, int a, int b, double, double, double, double r) {
    local[a * ns + b] += m.switching.value(r);
  });
  std::vector<double> total(local.size());
  MPI_Allreduce(local.data(), total.data(), static_cast<int>(local.size()), MPI_DOUBLE, MPI_SUM,
                world);
  macrodyn::SmoothCounts counts(ns);
  std::copy(total.begin(), total.begin() + ns * ns, counts.directed.begin());
  std::copy(total.begin() + ns * ns, total.end(), counts.species.begin());

  macrodyn::MacroBias::Evaluation e;
  macrodyn::lmp::guarded(error, kStyle, [&] {
    if (m.target == Impl::Target::Model && !m.path) start_target_path(counts);
    m.last_target = current_target();
    e = m.bias->evaluate(counts, m.last_target);
  });
  for (std::size_t k = 0; k < e.z.size(); ++k) {
    pvector[k] = e.z[k];
    pvector[e.z.size() + k] = m.last_target[k];
  }
  if (eflag_global && comm->me == 0) eng_vdwl += e.energy;
  if (eflag_atom) { // the energy shared equally by the atoms it counts
    double n_atoms = 0;
    for (double s : counts.species)
      n_atoms += s;
    for (int i = 0; i < nlocal; ++i)
      if (species.species_of_type(type[i]) >= 0) eatom[i] += e.energy / n_atoms;
  }

  // Pass 2: F_i = -sum_j (dE/dP_ab + dE/dP_ba) s'(r_ij) (r_i - r_j) / r_ij on owned atoms only.
  for_each_pair([&](int i, int a, int b, double dx, double dy, double dz, double r) {
    const double ds = m.switching.derivative(r);
    if (ds == 0.0) return;
    const double fpair = -(e.dE_dP[a * ns + b] + e.dE_dP[b * ns + a]) * ds / r;
    f[i][0] += dx * fpair;
    f[i][1] += dy * fpair;
    f[i][2] += dz * fpair;
    if (vflag_either) ev_tally_full(i, 0.0, 0.0, fpair, dx, dy, dz);
  });
}
