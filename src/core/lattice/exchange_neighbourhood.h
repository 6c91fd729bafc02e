#pragma once
/// The sites an exchange of site i with its d-th first-shell neighbour j reaches within n_shells
/// shells: i, j, then i's neighbours shell by shell (but j), then j's neighbours that are not yet
/// listed, each with its shell as seen from i and from j. On a periodic lattice this pattern
/// (periodic images included) is the same for every site of one basis, so it is derived once,
/// from the site of each basis in cell 0, and replaces per-exchange bookkeeping of which sites
/// were already seen.
#include "core/lattice/lattice.h"

#include <cstdint>
#include <vector>

namespace macrodyn {

class ExchangeNeighbourhood {
public:
  static constexpr int kMaxShells = 32;
  /// Member site = lattice.neighbours(list < n_shells ? i : j, list % n_shells)[k]; its shell
  /// from i is shells / (n_shells + 1), from j shells % (n_shells + 1), n_shells meaning beyond.
  struct Member {
    std::uint8_t list;
    std::uint16_t k;
    std::uint16_t shells;
  };

  ExchangeNeighbourhood(const Lattice &lattice, int n_shells);

  int n_shells() const { return n_shells_; }
  /// Members of the exchange of a site of basis b with its d-th first-shell neighbour; the first
  /// two are i and j.
  const std::vector<Member> &members(int b, int d) const { return members_[b * z_ + d]; }
  /// The position of i among j's first-shell neighbours.
  int reverse(int b, int d) const { return reverse_[b * z_ + d]; }

private:
  int n_shells_, z_;
  std::vector<std::vector<Member>> members_; // [b * z + d]
  std::vector<int> reverse_;                 // [b * z + d]
};

} // namespace macrodyn
