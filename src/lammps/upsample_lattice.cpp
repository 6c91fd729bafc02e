// upsample/lattice kmc <fix-ID> levels N data <file> | dump <file> | pool <file.h5> seed s
//     [time t] [events n] [window wx wy wz] [stride sx sy sz] [mode block|tile] [id k]
//     [from <pool.h5>] [prior p]
// The current configuration (or every snapshot of an input pool) is enlarged 2x per level along
// every periodic axis and relaxed window by window with the KMC fix's dynamics
// (core/drivers/upsampler.h); the result is written as a LAMMPS data file, a dump frame and/or a snapshot
// of an HDF5 pool. The LAMMPS box itself is not changed.
#include "upsample_lattice.h"

#include "fix_kmc_lattice.h"
#include "keyword_reader.h"
#include "pool_layout.h"
#include "site_map.h"
#include "site_map_keywords.h"
#include "species_map.h"
#include "style_guard.h"

#include "core/drivers/upsampler.h"
#include "core/io/lattice_dump.h"
#include "core/io/snapshot_pool.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "error.h"
#include "modify.h"
#include "utils.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <fstream>
#include <iomanip>

using namespace LAMMPS_NS;

static constexpr const char *kStyle = "upsample/lattice";

namespace {

/// A data file (atom_style atomic) of the configuration on `lattice`, box origin at `lo`.
void write_data(LAMMPS *lmp, const std::string &path, const macrodyn::Lattice &lattice,
                const macrodyn::Configuration &config, const macrodyn::lmp::SpeciesMap &species,
                const std::array<double, 3> &lo, double z_2d, const std::string &note) {
  std::ofstream out(path);
  if (!out.good()) throw macrodyn::Error("cannot write data file '" + path + "'");
  const auto &cells = lattice.cells();
  const double a = lattice.constant();
  const bool two_d = lattice.dimension() == 2;
  out << "LAMMPS data file written by MACRODYN upsample/lattice: " << note << "\n\n"
      << lattice.n_sites() << " atoms\n"
      << lmp->atom->ntypes << " atom types\n\n"
      << std::setprecision(16);
  const char *axis[3] = {"x", "y", "z"};
  for (int d = 0; d < 3; ++d) {
    const double low = two_d && d == 2 ? lmp->domain->boxlo[2] : lo[d];
    const double high = two_d && d == 2 ? lmp->domain->boxhi[2] : lo[d] + cells[d] * a;
    out << low << " " << high << " " << axis[d] << "lo " << axis[d] << "hi\n";
  }
  bool masses = lmp->atom->mass != nullptr;
  for (int t = 1; masses && t <= lmp->atom->ntypes; ++t)
    masses = lmp->atom->mass_setflag[t] != 0;
  if (masses) {
    out << "\nMasses\n\n";
    for (int t = 1; t <= lmp->atom->ntypes; ++t)
      out << t << " " << lmp->atom->mass[t] << "\n";
  }
  out << "\nAtoms # atomic\n\n";
  for (std::size_t site = 0; site < lattice.n_sites(); ++site) {
    const auto p = lattice.position(site);
    out << site + 1 << " " << species.type_of(config[site]) << " " << lo[0] + p[0] << " "
        << lo[1] + p[1] << " " << (two_d ? z_2d : lo[2] + p[2]) << "\n";
  }
  if (!out.good()) throw macrodyn::Error("error writing data file '" + path + "'");
}

} // namespace

void UpsampleLattice::command(int narg, char **arg) {
  std::string kmc_id, data, dump, pool, from;
  macrodyn::UpsampleSettings s;
  s.seed = 0;
  s.levels = 0;
  std::uint64_t id = 0;
  using K = macrodyn::lmp::Keyword;
  macrodyn::lmp::KeywordReader r(lmp, kStyle, narg, arg, 0,
                            {K{"kmc"}, K{"data"}, K{"dump"}, K{"pool"}, K{"from"}, K{"prior"},
                             K{"levels"}, K{"seed"}, K{"id"}, K{"time"}, K{"events"},
                             K{"window", 3}, K{"stride", 3}, K{"mode"}});
  while (r.next()) {
    const std::string &key = r.key();
    if (key == "kmc" || key == "data" || key == "dump" || key == "pool" || key == "from") {
      (key == "kmc"    ? kmc_id
       : key == "data" ? data
       : key == "dump" ? dump
       : key == "pool" ? pool
                       : from) = r.word(1);
    } else if (key == "prior") {
      s.prior_fraction = r.number(1);
      if (s.prior_fraction < 0 || s.prior_fraction > 1)
        r.fail(fmt::format("must be in [0, 1], got {}", r.word(1)));
    } else if (key == "levels") {
      s.levels = static_cast<int>(r.integer(1, 1, INT_MAX));
    } else if (key == "seed") {
      s.seed = r.seed(1);
    } else if (key == "id") {
      id = static_cast<std::uint64_t>(r.integer(1, 0, LLONG_MAX));
    } else if (key == "time") {
      s.window_time = r.positive(1);
    } else if (key == "events") {
      s.window_events = static_cast<std::uint64_t>(r.integer(1, 1, LLONG_MAX));
    } else if (key == "window" || key == "stride") {
      for (int d = 0; d < 3; ++d)
        (key == "window" ? s.window : s.stride)[d] = static_cast<int>(r.integer(1 + d, 1, INT_MAX));
    } else { // mode
      macrodyn::lmp::guarded(error, kStyle, [&] { s.mode = macrodyn::parse_enlarge_mode(r.word(1)); });
    }
  }
  if (kmc_id.empty()) error->all(FLERR, "{}: the kmc keyword is required", kStyle);
  if (data.empty() && dump.empty() && pool.empty())
    error->all(FLERR, "{}: give a data, dump and/or pool file to write", kStyle);
  if (!from.empty() && !data.empty())
    error->all(FLERR, "{}: with from (several snapshots) write a dump or a pool, not a data file",
               kStyle);
  if (!from.empty() && from == pool)
    error->all(FLERR, "{}: from and pool name the same file", kStyle);
  if (s.levels == 0) error->all(FLERR, "{}: the levels keyword is required", kStyle);
  if (s.seed == 0) error->all(FLERR, "{}: the seed keyword is required", kStyle);
  if (s.window_time <= 0 && s.window_events == 0)
    error->all(FLERR, "{}: give a time and/or events budget per window", kStyle);
  const int ifix = modify->find_fix(kmc_id);
  auto *fix = ifix < 0 ? nullptr : dynamic_cast<FixKMCLattice *>(modify->fix[ifix]);
  if (!fix) error->all(FLERR, "{}: {} is not a fix kmc/lattice", kStyle, kmc_id);
  const auto kmc = fix->kmc_setup();

  macrodyn::lmp::guarded(error, kStyle, [&] {
    const auto &species = kmc.species;
    s.n_species = species.n_species();
    // The small snapshots: the current configuration, or every snapshot of the input pool.
    const macrodyn::lmp::SiteMap map(lmp, kmc.sites);
    const auto &box = map.lattice();
    std::vector<std::uint64_t> ids = {id};
    std::vector<macrodyn::Configuration> inputs = {species.configuration(map.site_types())};
    std::array<int, 3> small_cells = box.cells();
    if (!from.empty()) {
      const auto input = macrodyn::read_snapshot_pool(from);
      macrodyn::lmp::require_pool_fits(input, box, species, false);
      ids = input.ids;
      inputs.clear();
      for (std::size_t k = 0; k < input.size(); ++k)
        inputs.push_back(input.configuration(k));
      small_cells = input.layout.cells;
      if (comm->me == 0)
        utils::logmesg(lmp, "{}: {} snapshot(s) from pool {}\n", kStyle, input.size(), from);
    }
    const macrodyn::Lattice small(box.kind(), small_cells, box.constant());
    if (s.mode == macrodyn::EnlargeMode::Block && comm->me == 0 &&
        std::count(inputs[0].begin(), inputs[0].end(), macrodyn::kVacancy) > 0)
      error->warning(FLERR, "{}: block enlargement puts the copies of each vacancy side by side "
                            "(clustered vacancies); for dilute vacancies use mode tile", kStyle);
    std::unique_ptr<macrodyn::SnapshotPoolFile> out;
    for (std::size_t k = 0; k < inputs.size(); ++k)
      upsample_one(small, inputs[k], ids[k], kmc, s, data, dump, pool, out);
  });
}

void UpsampleLattice::upsample_one(const macrodyn::Lattice &small,
                                   const macrodyn::Configuration &x0, std::uint64_t id,
                                   const macrodyn::lmp::KmcSetup &kmc,
                                   const macrodyn::UpsampleSettings &s,
                                   const std::string &data, const std::string &dump,
                                   const std::string &pool,
                                   std::unique_ptr<macrodyn::SnapshotPoolFile> &out) {
  const auto &species = kmc.species;
  // Every rank computes the same result (keyed streams); rank 0 writes it.
  const auto r = macrodyn::upsample(
      small.kind(), small.cells(), small.constant(), x0, kmc.options, s, id,
      [&](int level, std::size_t w, std::size_t windows) {
        if (comm->me == 0 && (w == windows || w % 64 == 0))
          utils::logmesg(lmp, "{}: level {}: window {}/{}\n", kStyle, level, w, windows);
      });
  const macrodyn::Lattice large(small.kind(), r.cells, small.constant());
  if (comm->me != 0) return;
  const auto &c0 = small.cells();
  const std::string note = fmt::format(
      "{}x{}x{} -> {}x{}x{} cells, {} level(s), seed {}, id {}{}", c0[0], c0[1], c0[2], r.cells[0],
      r.cells[1], r.cells[2], s.levels, s.seed, id, r.from_prior ? ", prior draw" : "");
  const std::array<double, 3> lo = {domain->boxlo[0], domain->boxlo[1], domain->boxlo[2]};
  const double z_2d = 0.5 * (domain->boxlo[2] + domain->boxhi[2]);
  if (!data.empty()) write_data(lmp, data, large, r.configuration, species, lo, z_2d, note);
  if (!dump.empty()) {
    std::vector<int> type_of_species;
    for (int k = 0; k < species.n_species(); ++k)
      type_of_species.push_back(species.type_of(static_cast<macrodyn::Species>(k)));
    macrodyn::append_lattice_dump(dump, id, large, r.configuration, type_of_species,
                                  species.vacancy_type(),
                                  {lo, domain->boxlo[2], domain->boxhi[2], z_2d});
  }
  if (!pool.empty()) {
    if (!out)
      out = std::make_unique<macrodyn::SnapshotPoolFile>(
          pool, macrodyn::lmp::pool_layout(large, species),
          std::map<std::string, std::string>{{"source", "MACRODYN upsample/lattice"},
                                             {"lammps_version", lmp->version},
                                             {"energy_model", kmc.energy_model}});
    out->append(id, r.configuration);
  }
  const std::string target = !data.empty()   ? data
                             : !pool.empty() ? pool + " (snapshot " + std::to_string(id) + ")"
                                             : dump + " (frame " + std::to_string(id) + ")";
  utils::logmesg(lmp, "{}: {}; {} windows, {} events -> {}\n", kStyle, note, r.windows, r.events,
                 target);
}
