// fix ID all kmc/lattice N lattice <style> <a> keyword values ...  (doc/styles/fix_kmc_lattice.md)
// Every N steps: advance the lattice by `time` (or `events`), then write species back as atom
// types. The lattice is replicated on every rank and every rank runs the same seeded KMC: results
// do not depend on the number of MPI ranks, and no communication is needed during a KMC invocation.
#include "fix_kmc_lattice.h"

#include "lattice_bias.h"
#include "site_map.h"
#include "site_map_keywords.h"
#include "species_map.h"
#include "style_guard.h"

#include "core/base/random_stream.h"
#include "core/kmc/lattice_kmc.h"
#include "core/kmc/voxel_jump_encoding.h"
#include "core/lattice/patch_tiling.h"
#ifdef MACRODYN_WITH_TORCH
#include "learn/model/cpu_threads.h"
#include "learn/model/torch_barrier_model.h"
#endif

#include "atom.h"
#include "comm.h"
#include "error.h"
#include "force.h"
#include "group.h"
#include "pair.h"
#include "update.h"
#include "utils.h"

#include <climits>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

using namespace LAMMPS_NS;
using namespace FixConst;

static constexpr const char *kStyle = "fix kmc/lattice";

namespace {

/// `model <kind> <values>` as an energy spec (the field comes from its own keyword).
macrodyn::EnergySpec read_model(const macrodyn::lmp::KeywordReader &r) {
  const std::string kind = r.word(1);
  if (kind == "ising") {
    if (r.count() < 2) r.error("model ising needs coupling(s) J");
    macrodyn::IsingSpec ising;
    ising.couplings.clear();
    for (int k = 2; k <= r.count(); ++k)
      ising.couplings.push_back(r.number(k));
    return ising;
  }
  if (kind == "curie-weiss") {
    if (r.count() < 2) r.error("model curie-weiss needs coupling(s) J");
    if (r.count() > 2) r.error("Curie-Weiss model takes one coupling J");
    return macrodyn::CurieWeissSpec{r.number(2)};
  }
  if (kind == "pairs" || kind == "eam") {
    if (r.count() != 2) r.error(fmt::format("model {} needs one file", kind));
    if (kind == "pairs") return macrodyn::PairFileSpec{r.word(2)};
    return macrodyn::EamFileSpec{r.word(2)};
  }
  r.error(fmt::format("unknown model '{}' (expected ising, curie-weiss, pairs or eam)", kind));
}

} // namespace

struct FixKMCLattice::Impl {
  macrodyn::lmp::LatticeKeywords keywords;
  macrodyn::KmcOptions options;
  std::map<std::string, double> barrier_by_name;
  std::string learned_file;                      // learned barriers (TorchScript), empty: KRA
  std::map<std::string, double> code_by_name;    // voxel value per species name
  std::string evaluator = "auto";                // learned barriers: auto (native if it can), torch
  bool evaluator_given = false;
  bool use_bias = false;                         // add pair_style macro/bias on the lattice
  double temperature = -1.0;
  double duration = std::numeric_limits<double>::infinity();
  std::uint64_t events = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t seed = 0;
  std::array<int, 3> patch_counts{0, 0, 0};
  int patch = -1;

  std::unique_ptr<macrodyn::lmp::SpeciesMap> species;
  std::vector<std::size_t> site_of_tag; // replicated, index tag
  std::unique_ptr<macrodyn::LatticeKmc> kmc;

  std::shared_ptr<const macrodyn::MacroBias> built_bias; // the bias term kmc was built with
  // The vacancy order of a restart file, applied when the KMC is rebuilt from it.
  std::vector<std::size_t> restored_vacancy_order;

  // Published state; survives restarts.
  double time = 0.0;
  double total_events = 0.0;
  double last_dt = 0.0;
  double last_events = 0.0;
  double invocations = 0.0;
};

FixKMCLattice::FixKMCLattice(LAMMPS *lmp, int narg, char **arg)
    : Fix(lmp, narg, arg), impl(new Impl) {
  if (narg < 4)
    error->all(FLERR, "{}: expected fix ID all kmc/lattice N keyword values ...", kStyle);
  if (igroup != group->find("all"))
    error->all(FLERR, "{}: group must be all (the lattice is the whole box), not {}", kStyle,
               arg[1]);
  nevery = utils::inumeric(FLERR, arg[3], false, lmp);
  if (nevery <= 0) error->all(FLERR, "{}: N must be > 0, got {}", kStyle, arg[3]);
  parse(narg, arg);

  vector_flag = 1;
  size_vector = 5;
  global_freq = nevery;
  extvector = 0;
  restart_global = 1;
  // Pair styles hold per-type neighbour (skip) lists: after types change, reneighbour next step.
  force_reneighbor = 1;
  next_reneighbor = -1;
}

FixKMCLattice::~FixKMCLattice() = default;

int FixKMCLattice::setmask() {
  return END_OF_STEP;
}

void FixKMCLattice::parse(int narg, char **arg) {
  const bool have_model = read_keywords(narg, arg);
  check_keyword_combinations(have_model);
  set_thermal_energy();
  map_species();
  if (!impl->learned_file.empty()) load_learned_barriers();
}

bool FixKMCLattice::read_keywords(int narg, char **arg) {
  auto &o = impl->options;
  o.barrier_memo = 65536; // learned barriers: memoized environments (~13 MB when full)
  macrodyn::EnergySpec energy = macrodyn::IsingSpec{};
  double field = 0.0; // of the spin models, whichever keyword comes first
  using K = macrodyn::lmp::Keyword;
  macrodyn::lmp::KeywordReader r(
      lmp, kStyle, narg, arg, 4,
      macrodyn::lmp::with_lattice_keywords(
          lmp, {K{"model", macrodyn::lmp::kUpToNextKeyword}, K{"field"},
                K{"move", macrodyn::lmp::kUpToNextKeyword}, K{"barrier", 2}, K{"bias"},
                K{"learned"}, K{"code", 2}, K{"radius"}, K{"memo"}, K{"evaluator"},
                K{"temperature"}, K{"frequency"}, K{"time"}, K{"events"}, K{"seed"},
                K{"patch", 4}}));
  while (r.next()) {
    if (macrodyn::lmp::read_lattice_keyword(r, impl->keywords)) continue;
    const std::string &key = r.key();
    if (key == "model") {
      energy = read_model(r);
    } else if (key == "field") {
      field = r.number(1);
    } else if (key == "move") {
      const std::string kind = r.word(1);
      if (kind == "flip") {
        if (r.count() != 2) r.error("move flip needs its rule (move flip glauber|metropolis)");
        o.move = macrodyn::KmcOptions::Move::Flip;
        macrodyn::lmp::guarded(error, kStyle, [&] { o.flip_rule = macrodyn::parse_flip_rule(r.word(2)); });
      } else if (kind == "exchange") {
        if (r.count() != 1) r.error("move exchange takes no further value");
        o.move = macrodyn::KmcOptions::Move::VacancyExchange;
      } else {
        r.error(fmt::format("unknown move '{}' (expected flip or exchange)", kind));
      }
    } else if (key == "barrier") {
      impl->barrier_by_name[r.word(1)] = r.nonnegative(2);
    } else if (key == "bias") {
      impl->use_bias = r.yes_no(1);
    } else if (key == "learned") {
      impl->learned_file = r.word(1);
    } else if (key == "code") {
      impl->code_by_name[r.word(1)] = r.number(2);
    } else if (key == "radius") {
      o.encoding_radius = r.positive(1);
    } else if (key == "evaluator") {
      const std::string kind = r.word(1);
      if (kind != "auto" && kind != "torch")
        r.error(fmt::format("unknown evaluator '{}' (expected auto or torch)", kind));
      impl->evaluator_given = true;
      impl->evaluator = kind;
    } else if (key == "memo") {
      o.barrier_memo = static_cast<std::size_t>(r.integer(1, 0, LLONG_MAX));
    } else if (key == "temperature") {
      impl->temperature = r.positive(1);
    } else if (key == "frequency") {
      o.nu = r.positive(1);
    } else if (key == "time") {
      impl->duration = r.positive(1);
    } else if (key == "events") {
      impl->events = static_cast<std::uint64_t>(r.integer(1, 1, LLONG_MAX));
    } else if (key == "seed") {
      impl->seed = r.seed(1);
    } else { // patch px py pz I
      for (int d = 0; d < 3; ++d)
        impl->patch_counts[d] = static_cast<int>(r.integer(1 + d, 1, INT_MAX));
      // Whether I is one of the patches is checked against the lattice in map_atoms().
      impl->patch = static_cast<int>(r.integer(4, 1, INT_MAX)) - 1;
    }
  }
  const bool have_model = r.given("model");
  if (auto *ising = std::get_if<macrodyn::IsingSpec>(&energy)) ising->field = field;
  if (auto *cw = std::get_if<macrodyn::CurieWeissSpec>(&energy)) cw->field = field;
  o.energy = !impl->learned_file.empty() ? macrodyn::EnergySpec{macrodyn::NoEnergySpec{}} : energy;
  return have_model;
}

void FixKMCLattice::check_keyword_combinations(bool have_model) {
  if (impl->keywords.has_patches())
    error->all(FLERR, "{}: keyword patches is for computes; restrict moves with patch px py pz I",
               kStyle);
  if (!impl->keywords.have_lattice)
    error->all(FLERR, "{}: the lattice keyword is required", kStyle);
  const bool learned = !impl->learned_file.empty();
  if (learned && have_model)
    error->all(FLERR, "{}: learned barriers replace the energy model; drop the model keyword",
               kStyle);
  if (learned && !impl->barrier_by_name.empty())
    error->all(FLERR, "{}: learned barriers replace the KRA barriers; drop the barrier keywords",
               kStyle);
  if (!learned && !impl->code_by_name.empty())
    error->all(FLERR, "{}: keyword code is for learned barriers (keyword learned)", kStyle);
  if (!learned && impl->evaluator_given)
    error->all(FLERR, "{}: keyword evaluator is for learned barriers (keyword learned)", kStyle);
  if (!have_model && !learned) error->all(FLERR, "{}: the model keyword is required", kStyle);
  if (impl->temperature <= 0) error->all(FLERR, "{}: the temperature keyword is required", kStyle);
  if (impl->seed == 0) error->all(FLERR, "{}: the seed keyword is required", kStyle);
  if (std::isinf(impl->duration) && impl->events == std::numeric_limits<std::uint64_t>::max())
    error->all(FLERR, "{}: give the time or the events per invocation (or both)", kStyle);
}

void FixKMCLattice::set_thermal_energy() {
  // Temperature -> kT in the model's energy unit.
  auto &o = impl->options;
  if (strcmp(update->unit_style, "metal") == 0)
    o.kT = macrodyn::kBoltzmannEvPerK * impl->temperature;
  else if (strcmp(update->unit_style, "lj") == 0)
    o.kT = impl->temperature;
  else
    error->all(FLERR, "{}: units {} are not supported (metal: eV, K, s; lj: reduced, kB = 1)",
               kStyle, update->unit_style);
}

void FixKMCLattice::map_species() {
  // Atom types -> species codes. Default: type 1 = species 0 (spin up), type 2 = species 1, ...
  macrodyn::lmp::guarded(error, kStyle, [&] {
    impl->species = std::make_unique<macrodyn::lmp::SpeciesMap>(impl->keywords.type_names, atom->ntypes);
  });
  auto &o = impl->options;
  const bool learned = !impl->learned_file.empty();
  o.species = impl->species->species();
  if (o.move == macrodyn::KmcOptions::Move::VacancyExchange) {
    if (!impl->species->vacancy_type())
      error->all(FLERR, "{}: move exchange needs a vacancy type: name one type vac in types",
                 kStyle);
    for (const auto &name : o.species) {
      if (learned) break;
      auto it = impl->barrier_by_name.find(name);
      if (it == impl->barrier_by_name.end())
        error->all(FLERR, "{}: move exchange needs a barrier for species {} (barrier {} <E0>)",
                   kStyle, name, name);
      o.barriers.push_back(it->second);
    }
  }
  for (const auto &[name, e0] : impl->barrier_by_name)
    if (std::find(o.species.begin(), o.species.end(), name) == o.species.end())
      error->all(FLERR, "{}: barrier given for {}, which is not a species in types", kStyle, name);
}

void FixKMCLattice::load_learned_barriers() {
  auto &o = impl->options;
  if (o.move != macrodyn::KmcOptions::Move::VacancyExchange)
    error->all(FLERR, "{}: learned barriers need move exchange", kStyle);
  // Voxel values: `code` per species, default 1, 2, 3, ... in the order of `types`.
  for (const auto &[name, value] : impl->code_by_name)
    if (std::find(o.species.begin(), o.species.end(), name) == o.species.end())
      error->all(FLERR, "{}: code given for {}, which is not a species in types", kStyle, name);
  o.encoding_codes.clear();
  for (std::size_t s = 0; s < o.species.size(); ++s) {
    const auto it = impl->code_by_name.find(o.species[s]);
    o.encoding_codes.push_back(static_cast<float>(it == impl->code_by_name.end() ? s + 1.0 : it->second));
  }
#ifdef MACRODYN_WITH_TORCH
  macrodyn::lmp::guarded(error, kStyle, [&] {
    // One thread: results then do not depend on the core count.
    macrodyn::learn::set_cpu_threads(1);
    const auto evaluator = impl->evaluator == "torch" ? macrodyn::BarrierEvaluator::Torch
                                                      : macrodyn::BarrierEvaluator::Auto;
    auto loaded = macrodyn::load_barrier_model(
        impl->learned_file, macrodyn::VoxelJumpEncoding::kFeatures, evaluator);
    o.learned_barriers = loaded.model;
    if (comm->me == 0)
      utils::logmesg(lmp, "{}: learned barriers from {}: {}\n", kStyle, impl->learned_file,
                     loaded.evaluator);
  });
#else
  error->all(FLERR, "{}: learned barriers need MACRODYN built with LibTorch", kStyle);
#endif
}

void FixKMCLattice::map_atoms() {
  macrodyn::lmp::guarded(error, kStyle, [&] {
    const macrodyn::lmp::SiteMap map(lmp, impl->keywords.spec);
    const auto &types = map.site_types();
    macrodyn::Configuration config = impl->species->configuration(types);

    // Sites are attached to atom tags: types are written back by tag after each invocation.
    if (atom->map_style == Atom::MAP_NONE)
      throw macrodyn::Error("the lattice is mapped to atoms by ID: put atom_modify map array "
                            "before the box is created");
    if (atom->natoms != static_cast<bigint>(types.size()) || atom->map_tag_max != atom->natoms)
      throw macrodyn::Error("atom IDs must be 1..N with N the number of sites");
    std::vector<long> site_of_tag(atom->natoms + 1, -1), all(atom->natoms + 1, -1);
    for (int i = 0; i < atom->nlocal; ++i)
      site_of_tag[atom->tag[i]] = static_cast<long>(map.local_sites()[i]);
    MPI_Allreduce(site_of_tag.data(), all.data(), static_cast<int>(all.size()), MPI_LONG, MPI_MAX,
                  world);
    impl->site_of_tag.assign(all.begin(), all.end());

    if (impl->use_bias) {
      auto *pair = bias_pair();
      if (pair->species() != impl->species->species())
        throw macrodyn::Error("bias yes: pair_style macro/bias names other species than types");
      // The bias counts first-shell pairs on the lattice; off it, MD sees the smooth counts of its
      // switch, which equal them only when the switch lies between the first and second shell.
      const macrodyn::Lattice probe(map.lattice().kind(),
                                    {4, 4, map.lattice().dimension() == 2 ? 1 : 4},
                                    map.lattice().constant(), 2);
      const auto [on, off] = pair->switch_range();
      if (!(on > probe.shell_distance(0) && off < probe.shell_distance(1)))
        throw macrodyn::Error(fmt::format(
            "bias yes: pair_style macro/bias switch {} {} must lie between the lattice's first "
            "and second shells ({:.4g} and {:.4g}), where its counts equal the lattice's",
            on, off, probe.shell_distance(0), probe.shell_distance(1)));
      impl->options.bias = pair->bias();
      impl->options.bias_target = pair->current_target();
    }
    const auto &lattice = map.lattice();
    // A run that continues the previous one on an unchanged configuration keeps its KMC: the
    // vacancies' slot order, and so which event a random number picks, carries on (run N + run M
    // = run N+M). Anything else (types set between runs, a new box) starts afresh.
    if (impl->kmc && impl->kmc->configuration() == config &&
        impl->kmc->lattice().cells() == lattice.cells() &&
        impl->kmc->lattice().kind() == lattice.kind() && impl->options.bias == impl->built_bias)
      return;
    impl->kmc = std::make_unique<macrodyn::LatticeKmc>(
        lattice.kind(), lattice.cells(), lattice.constant(), std::move(config), impl->options);
    impl->built_bias = impl->options.bias;
    if (!impl->restored_vacancy_order.empty()) {
      try { // the order of the run the restart file continues
        impl->kmc->set_vacancy_order(impl->restored_vacancy_order);
      } catch (const macrodyn::Error &) {
        if (comm->me == 0)
          error->warning(FLERR, "{}: the vacancies moved since the restart file was written; "
                                "listed afresh (the run does not continue it event for event)",
                         kStyle);
      }
      impl->restored_vacancy_order.clear();
    }
    if (impl->patch >= 0) {
      const macrodyn::PatchTiling tiling(impl->kmc->lattice(), impl->patch_counts);
      if (impl->patch >= tiling.n_patches())
        throw macrodyn::Error("patch " + std::to_string(impl->patch + 1) + " is not in 1.." +
                              std::to_string(tiling.n_patches()));
      impl->kmc->set_active_sites(tiling.active_mask(impl->patch));
    }
    impl->kmc->clock().time = impl->time;
  });
}

macrodyn::lmp::LatticeBias *FixKMCLattice::bias_pair() {
  auto *pair = dynamic_cast<macrodyn::lmp::LatticeBias *>(force->pair_match("macro/bias", 0));
  if (!pair)
    throw macrodyn::Error(
        "bias yes needs pair_style macro/bias (alone or in hybrid/overlay) to be defined");
  return pair;
}

void FixKMCLattice::setup(int) {
  // Types may have been changed between runs (set, read_restart ...): map afresh each run.
  map_atoms();
}

void FixKMCLattice::end_of_step() {
  // One random stream per invocation, keyed by (seed, invocation): a restart continues it exactly.
  macrodyn::RandomStream rng(impl->seed, {static_cast<std::uint64_t>(impl->invocations)});
  if (impl->use_bias) // the target of this invocation (it may follow a clock)
    macrodyn::lmp::guarded(error, kStyle,
                      [&] { impl->kmc->set_bias_target(bias_pair()->current_target()); });
  const std::uint64_t done = impl->kmc->advance(impl->duration, impl->events, rng);
  const auto &clock = impl->kmc->clock();
  impl->time = clock.time;
  impl->total_events += static_cast<double>(done);
  impl->last_events = static_cast<double>(done);
  impl->last_dt = clock.last_dt;
  impl->invocations += 1;
  write_types_back();
  if (done > 0) next_reneighbor = update->ntimestep + 1;
}

void FixKMCLattice::write_types_back() {
  const auto &config = impl->kmc->configuration();
  for (int i = 0; i < atom->nlocal; ++i) {
    atom->type[i] = impl->species->type_of(config[impl->site_of_tag[atom->tag[i]]]);
  }
}

double FixKMCLattice::compute_vector(int n) {
  switch (n) {
  case 0:
    return impl->time;
  case 1:
    return impl->total_events;
  case 2:
    return impl->last_dt;
  case 3:
    return impl->last_events;
  default:
    // The lattice energy of the current configuration (energy units of the model), from scratch.
    return impl->kmc ? impl->kmc->energy() : 0.0;
  }
}

// Restart layout: -2 (version; older files start with the time, which is >= 0), time,
// total events, last dt, last events, invocations, the number of vacancies and their sites in slot
// order.
static constexpr double kRestartVersion = -2.0;

void FixKMCLattice::write_restart(FILE *fp) {
  std::vector<double> state = {kRestartVersion,   impl->time,        impl->total_events,
                               impl->last_dt,     impl->last_events, impl->invocations};
  const auto order = impl->kmc ? impl->kmc->vacancy_order() : std::vector<std::size_t>{};
  state.push_back(static_cast<double>(order.size()));
  for (std::size_t v : order)
    state.push_back(static_cast<double>(v)); // exact: sites < 2^53
  if (comm->me == 0) {
    int size = static_cast<int>(state.size() * sizeof(double));
    fwrite(&size, sizeof(int), 1, fp);
    fwrite(state.data(), sizeof(double), state.size(), fp);
  }
}

void FixKMCLattice::restart(char *buf) {
  const auto *state = reinterpret_cast<const double *>(buf);
  const bool versioned = state[0] == kRestartVersion;
  const double *s = versioned ? state + 1 : state;
  impl->time = s[0];
  impl->total_events = s[1];
  impl->last_dt = s[2];
  impl->last_events = s[3];
  impl->invocations = s[4];
  impl->restored_vacancy_order.clear();
  if (versioned)
    for (std::size_t k = 0; k < static_cast<std::size_t>(s[5]); ++k)
      impl->restored_vacancy_order.push_back(static_cast<std::size_t>(s[6 + k]));
}

macrodyn::lmp::KmcSetup FixKMCLattice::kmc_setup() const {
  return {impl->keywords.spec, *impl->species, impl->options, impl->temperature, energy_model(),
          energy_model_file()};
}

std::string FixKMCLattice::energy_model() const {
  const auto &o = impl->options;
  if (impl->learned_file.empty()) return macrodyn::describe(o.energy);
  std::string codes;
  for (std::size_t s = 0; s < o.species.size(); ++s)
    codes += fmt::format(" {}={}", o.species[s], o.encoding_codes[s]);
  return fmt::format("learned {} ({} v{}, radius {}, codes{})", impl->learned_file,
                     macrodyn::VoxelJumpEncoding::kName, macrodyn::VoxelJumpEncoding::kVersion,
                     o.encoding_radius, codes);
}

std::string FixKMCLattice::energy_model_file() const {
  return impl->learned_file.empty() ? macrodyn::file_of(impl->options.energy) : impl->learned_file;
}
