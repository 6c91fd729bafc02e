#include "core/drivers/prior_configuration.h"

#include "core/base/error.h"

#include <algorithm>
#include <utility>

namespace macrodyn {

Configuration draw_prior_configuration(const Configuration &like, int n_species, RandomStream &rng) {
  require(n_species >= 1 && n_species <= 127, "the prior needs 1..127 species");
  std::vector<std::size_t> sites;
  for (std::size_t k = 0; k < like.size(); ++k)
    if (like[k] != kVacancy) sites.push_back(k);
  const std::uint64_t N = sites.size();
  // Stars and bars: n_species - 1 distinct bar positions among N + n_species - 1 slots give every
  // composition with the same probability.
  std::vector<std::uint64_t> bars;
  while (bars.size() + 1 < static_cast<std::size_t>(n_species)) {
    const std::uint64_t b = rng.below(N + n_species - 1);
    if (std::find(bars.begin(), bars.end(), b) == bars.end()) bars.push_back(b);
  }
  std::sort(bars.begin(), bars.end());
  std::vector<std::uint64_t> counts;
  std::uint64_t previous = 0;
  for (std::size_t k = 0; k < bars.size(); ++k) {
    counts.push_back(bars[k] - previous);
    previous = bars[k] + 1;
  }
  counts.push_back(N + n_species - 1 - previous);
  // Fisher-Yates shuffle of the sites, then species in blocks of their counts.
  for (std::size_t k = sites.size(); k > 1; --k)
    std::swap(sites[k - 1], sites[rng.below(k)]);
  Configuration out = like;
  std::size_t at = 0;
  for (int s = 0; s < n_species; ++s)
    for (std::uint64_t c = 0; c < counts[s]; ++c)
      out[sites[at++]] = static_cast<Species>(s);
  return out;
}

} // namespace macrodyn
