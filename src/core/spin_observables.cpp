#include "spin_observables.h"

#include "error.h"

namespace macrodyn {

SpinObservables evaluate_spins(const Lattice &lattice, const std::vector<std::int8_t> &spins) {
  require(spins.size() == lattice.n_sites(), "spin array has " + std::to_string(spins.size()) +
                                                 " entries for a lattice of " +
                                                 std::to_string(lattice.n_sites()) + " sites");
  const int z = lattice.coordination(0);
  long long sum = 0, unlike = 0;
  for (std::size_t i = 0; i < spins.size(); ++i) {
    require(spins[i] == 1 || spins[i] == -1, "spin of site " + std::to_string(i) + " is " +
                                                 std::to_string(spins[i]) + ", not +1/-1");
    sum += spins[i];
    const std::size_t *nb = lattice.neighbours(i, 0);
    for (int k = 0; k < z; ++k)
      unlike += spins[i] != spins[nb[k]];
  }
  // Every bond was visited from both ends: unlike / (n z) is the fraction of unlike bonds.
  SpinObservables out;
  out.magnetization = static_cast<double>(sum) / spins.size();
  out.domain_wall_density = static_cast<double>(unlike) / (static_cast<double>(spins.size()) * z);
  return out;
}

} // namespace macrodyn
