#include "core/drivers/upsampler.h"

#include "core/base/error.h"
#include "core/base/machine.h"
#include "core/base/random_stream.h"
#include "core/drivers/prior_configuration.h"
#include "core/lattice/patch_tiling.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace macrodyn {

EnlargeMode parse_enlarge_mode(const std::string &name) {
  if (name == "block") return EnlargeMode::Block;
  if (name == "tile") return EnlargeMode::Tile;
  throw Error("unknown enlarge mode '" + name + "' (expected block or tile)");
}

namespace {

std::array<int, 3> doubled(const Lattice &lattice) {
  auto c = lattice.cells();
  for (int d = 0; d < lattice.dimension(); ++d)
    c[d] *= 2;
  return c;
}

} // namespace

Configuration enlarge(const Lattice &small, const Configuration &config, EnlargeMode mode) {
  require(config.size() == small.n_sites(), "configuration does not match the lattice");
  const auto cells = doubled(small);
  const auto &s = small.cells();
  // Site index of (cell, basis) on the large lattice, in the Lattice's x-fastest cell order.
  const int nb = small.basis_size();
  Configuration out(static_cast<std::size_t>(cells[0]) * cells[1] * cells[2] * nb);
  for (int z = 0; z < cells[2]; ++z)
    for (int y = 0; y < cells[1]; ++y)
      for (int x = 0; x < cells[0]; ++x) {
        const std::array<int, 3> from =
            mode == EnlargeMode::Block
                ? std::array<int, 3>{x * s[0] / cells[0], y * s[1] / cells[1], z * s[2] / cells[2]}
                : std::array<int, 3>{x % s[0], y % s[1], z % s[2]};
        const std::size_t to_cell = (static_cast<std::size_t>(z) * cells[1] + y) * cells[0] + x;
        for (int b = 0; b < nb; ++b)
          out[to_cell * nb + b] = config[small.site(from, b)];
      }
  return out;
}

UpsampleResult upsample(LatticeKind kind, std::array<int, 3> cells, double a,
                        const Configuration &small, const KmcOptions &options,
                        const UpsampleSettings &s, std::uint64_t snapshot,
                        const std::function<void(int, std::size_t, std::size_t)> &progress) {
  require(s.levels >= 1, "upsampling needs at least one level");
  require(s.window_time > 0 || s.window_events > 0,
          "give a time or an event budget per relaxation window");
  require(s.prior_fraction >= 0 && s.prior_fraction <= 1, "the prior fraction must be in [0, 1]");
  {
    // Each level doubles every periodic axis; the last level's KMC holds the lattice's neighbour
    // tables and the model's caches, a few hundred bytes per site: refuse what cannot fit.
    const Lattice lattice(kind, cells, a);
    const double sites = double(lattice.n_sites()) * std::pow(2.0, lattice.dimension() * s.levels);
    const double bytes = 400.0 * sites;
    const double memory = double(physical_memory_bytes());
    if (sites > 2147483647.0 || bytes > 0.5 * memory) {
      std::ostringstream m;
      m << std::setprecision(3) << s.levels << " level(s) enlarge " << lattice.n_sites()
        << " sites to " << sites << " sites (about " << bytes / 1e9
        << " GB for the last level's KMC; this machine has " << memory / 1e9
        << " GB and site indices stop at 2^31): use fewer levels";
      throw Error(m.str());
    }
  }
  UpsampleResult r;
  r.cells = cells;
  r.configuration = small;
  if (s.prior_fraction > 0) {
    require(s.n_species > 0, "mixing in prior snapshots needs the number of species");
    RandomStream prior(s.seed, {0x5052ULL, snapshot});
    if (prior.uniform_open() < s.prior_fraction) {
      r.configuration = draw_prior_configuration(small, s.n_species, prior);
      r.from_prior = true;
    }
  }
  const std::array<int, 3> small_cells = cells;
  for (int level = 1; level <= s.levels; ++level) {
    const Lattice current(kind, r.cells, a);
    r.configuration = enlarge(current, r.configuration, s.mode);
    r.cells = doubled(current);
    LatticeKmc kmc(kind, r.cells, a, r.configuration, options);
    const auto &lattice = kmc.lattice();
    std::array<int, 3> window = s.window, stride = s.stride;
    for (int d = 0; d < 3; ++d) {
      if (window[d] == 0) window[d] = small_cells[d];
      if (stride[d] == 0) stride[d] = std::max(1, window[d] / 2);
      if (d >= lattice.dimension()) window[d] = stride[d] = r.cells[d];
    }
    const auto origins = window_origins(lattice, window, stride);
    for (std::size_t w = 0; w < origins.size(); ++w) {
      std::vector<char> active(lattice.n_sites(), 0);
      for (std::size_t site : window_sites(lattice, origins[w], window))
        active[site] = 1;
      kmc.set_active_sites(std::move(active));
      RandomStream rng(s.seed, {0x5550ULL, snapshot, std::uint64_t(level), w});
      r.events += kmc.advance(s.window_time > 0 ? s.window_time : INFINITY,
                              s.window_events > 0 ? s.window_events : UINT64_MAX, rng);
      ++r.windows;
      if (progress) progress(level, w + 1, origins.size());
    }
    r.configuration = kmc.configuration();
  }
  return r;
}

} // namespace macrodyn
