#include "core/lattice/exchange_neighbourhood.h"

#include "core/base/error.h"

#include <map>

namespace macrodyn {

ExchangeNeighbourhood::ExchangeNeighbourhood(const Lattice &lattice, int n_shells)
    : n_shells_(n_shells), z_(lattice.coordination(0)) {
  require(n_shells >= 1 && n_shells <= lattice.n_shells() && n_shells <= kMaxShells,
          "exchange neighbourhood: shell count out of range");
  for (int b = 0; b < lattice.basis_size(); ++b) {
    const std::size_t i = static_cast<std::size_t>(b); // the site of basis b in cell 0
    for (int d = 0; d < z_; ++d) {
      const std::size_t j = lattice.neighbours(i, 0)[d];
      int back = -1;
      for (int k = 0; k < z_; ++k)
        if (lattice.neighbours(j, 0)[k] == i) back = k;
      require(back >= 0, "exchange neighbourhood: first shells are not mutual");
      // (list, k) and the shells from i and from j (n_shells: beyond) of every member.
      struct Found {
        int list, k, from_i, from_j;
      };
      std::vector<Found> found = {{n_shells, back, n_shells, n_shells}, {0, d, n_shells, n_shells}};
      std::map<std::size_t, std::size_t> position = {{i, 0}, {j, 1}};
      for (int from = 0; from < 2; ++from) {
        const std::size_t centre = from == 0 ? i : j;
        for (int s = 0; s < n_shells; ++s) {
          const SiteIndex *nb = lattice.neighbours(centre, s);
          for (int k = 0; k < lattice.coordination(s); ++k) {
            auto [it, added] = position.emplace(nb[k], found.size());
            if (added) found.push_back({from * n_shells + s, k, n_shells, n_shells});
            (from == 0 ? found[it->second].from_i : found[it->second].from_j) = s;
          }
        }
      }
      std::vector<Member> members;
      for (const Found &f : found)
        members.push_back({static_cast<std::uint8_t>(f.list), static_cast<std::uint16_t>(f.k),
                           static_cast<std::uint16_t>(f.from_i * (n_shells + 1) + f.from_j)});
      members_.push_back(std::move(members));
      reverse_.push_back(back);
    }
  }
}

} // namespace macrodyn
