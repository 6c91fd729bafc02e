#include "core/observables/spin_observables.h"

#include "core/base/error.h"

namespace macrodyn {
namespace {

struct SpinSums {
  long long spin = 0, unlike = 0, sites = 0;
  SpinObservables observables(int z) const {
    // Bonds are counted from their centre site: unlike / (sites z) is the fraction of unlike bonds.
    return {static_cast<double>(spin) / sites, static_cast<double>(unlike) / (double(sites) * z)};
  }
};

/// Adds site i's spin and its unlike first-shell bonds to sums.
void add_site(SpinSums &sums, const Lattice &lattice, const std::vector<std::int8_t> &spins,
              std::size_t i) {
  if (spins[i] != 1 && spins[i] != -1)
    throw Error("spin of site " + std::to_string(i) + " is " + std::to_string(spins[i]) +
                ", not +1/-1");
  sums.spin += spins[i];
  ++sums.sites;
  const SiteIndex *nb = lattice.neighbours(i, 0);
  for (int k = 0; k < lattice.coordination(0); ++k)
    sums.unlike += spins[i] != spins[nb[k]];
}

void check_size(const Lattice &lattice, const std::vector<std::int8_t> &spins) {
  require(spins.size() == lattice.n_sites(), "spin array has " + std::to_string(spins.size()) +
                                                 " entries for a lattice of " +
                                                 std::to_string(lattice.n_sites()) + " sites");
}

} // namespace

SpinObservables evaluate_spins(const Lattice &lattice, const std::vector<std::int8_t> &spins) {
  check_size(lattice, spins);
  SpinSums sums;
  for (std::size_t i = 0; i < spins.size(); ++i)
    add_site(sums, lattice, spins, i);
  return sums.observables(lattice.coordination(0));
}

std::vector<SpinObservables> evaluate_spins_by_patch(const Lattice &lattice,
                                                     const std::vector<std::int8_t> &spins,
                                                     const PatchTiling &tiling) {
  check_size(lattice, spins);
  std::vector<SpinSums> sums(tiling.n_patches());
  for (std::size_t i = 0; i < spins.size(); ++i)
    add_site(sums[tiling.patch_of(i)], lattice, spins, i);
  std::vector<SpinObservables> out;
  for (const auto &s : sums)
    out.push_back(s.observables(lattice.coordination(0)));
  return out;
}

} // namespace macrodyn
