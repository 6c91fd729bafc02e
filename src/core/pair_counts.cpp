#include "pair_counts.h"

#include "error.h"

namespace macrodyn {

long long PairCounts::neighbours_of(int s, int a) const {
  long long total = 0;
  for (int b = 0; b < n_species; ++b)
    total += pairs(s, a, b);
  return total;
}

long long PairCounts::atoms() const {
  long long total = 0;
  for (long long n : species)
    total += n;
  return total;
}

namespace {

PairCounts empty_counts(int n_species, int n_shells) {
  PairCounts c;
  c.n_species = n_species;
  c.n_shells = n_shells;
  c.directed.assign(static_cast<std::size_t>(n_shells) * n_species * n_species, 0);
  c.species.assign(n_species, 0);
  return c;
}

void check(const Lattice &lattice, const Configuration &config, int n_species, int n_shells) {
  require(config.size() == lattice.n_sites(), "configuration size does not match the lattice");
  require(n_shells >= 1 && n_shells <= lattice.n_shells(),
          "pair counts need shells 1.." + std::to_string(lattice.n_shells()) + ", asked for " +
              std::to_string(n_shells));
  for (std::size_t i = 0; i < config.size(); ++i)
    if (config[i] != kVacancy && (config[i] < 0 || config[i] >= n_species))
      throw Error("site " + std::to_string(i) + " holds species " + std::to_string(config[i]) +
                  ", not in 0.." + std::to_string(n_species - 1));
}

void add_site(PairCounts &c, const Lattice &lattice, const Configuration &config, std::size_t i) {
  const Species a = config[i];
  if (a == kVacancy) return;
  ++c.species[a];
  const bool packed = c.n_species <= 8;
  for (int s = 0; s < c.n_shells; ++s) {
    const SiteIndex *nb = lattice.neighbours(i, s);
    long long *row = &c.directed[(static_cast<std::size_t>(s) * c.n_species + a) * c.n_species];
    const int z = lattice.coordination(s);
    if (packed && z < 256) {
      // One byte per species in a 64-bit word: a chain of plain adds instead of z dependent
      // increments of memory counters (the latter bound this loop at ~10 ns per site).
      std::uint64_t counts = 0;
      for (int k = 0; k < z; ++k) {
        const Species b = config[nb[k]];
        counts += b == kVacancy ? 0 : std::uint64_t(1) << (8 * b);
      }
      for (int b = 0; b < c.n_species; ++b)
        row[b] += (counts >> (8 * b)) & 0xff;
    } else {
      for (int k = 0; k < z; ++k) {
        const Species b = config[nb[k]];
        if (b != kVacancy) ++row[b];
      }
    }
  }
}

} // namespace

PairCounts count_pairs(const Lattice &lattice, const Configuration &config, int n_species,
                       int n_shells) {
  check(lattice, config, n_species, n_shells);
  PairCounts c = empty_counts(n_species, n_shells);
  for (std::size_t i = 0; i < config.size(); ++i)
    add_site(c, lattice, config, i);
  return c;
}

std::vector<PairCounts> count_pairs_by_patch(const Lattice &lattice, const Configuration &config,
                                             int n_species, int n_shells,
                                             const PatchTiling &tiling) {
  check(lattice, config, n_species, n_shells);
  std::vector<PairCounts> out(tiling.n_patches(), empty_counts(n_species, n_shells));
  for (std::size_t i = 0; i < config.size(); ++i)
    add_site(out[tiling.patch_of(i)], lattice, config, i);
  return out;
}

PairCounts sum_counts(const std::vector<PairCounts> &parts) {
  require(!parts.empty(), "sum_counts needs at least one part");
  PairCounts total = empty_counts(parts[0].n_species, parts[0].n_shells);
  for (const auto &p : parts) {
    for (std::size_t k = 0; k < total.directed.size(); ++k)
      total.directed[k] += p.directed[k];
    for (std::size_t k = 0; k < total.species.size(); ++k)
      total.species[k] += p.species[k];
  }
  return total;
}

} // namespace macrodyn
