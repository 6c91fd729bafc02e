#pragma once
// A random Nb/Mo/Ta-like alloy for core tests: independent uniform species 0..2 on every site,
// then `vacancies` distinct sites emptied; reproducible from the seed.
#include "core/base/configuration.h"
#include "core/base/random_stream.h"
#include "core/lattice/lattice.h"

namespace macrodyn::testing {

inline Configuration random_ternary_alloy(const Lattice &lattice, int vacancies,
                                          std::uint64_t seed) {
  RandomStream rng(seed, {});
  Configuration x(lattice.n_sites());
  for (auto &s : x)
    s = static_cast<Species>(rng.below(3));
  for (int k = 0; k < vacancies;) {
    const auto i = rng.below(x.size());
    if (x[i] != kVacancy) x[i] = kVacancy, ++k;
  }
  return x;
}

} // namespace macrodyn::testing
