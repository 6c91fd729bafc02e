#include "core/lattice/lattice.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

namespace macrodyn {

LatticeKind parse_lattice_kind(const std::string &name) {
  if (name == "sq") return LatticeKind::Square;
  if (name == "sc") return LatticeKind::SimpleCubic;
  if (name == "bcc") return LatticeKind::BCC;
  if (name == "fcc") return LatticeKind::FCC;
  throw Error("unknown lattice '" + name + "' (expected sq, sc, bcc or fcc)");
}

std::string lattice_kind_name(LatticeKind kind) {
  switch (kind) {
  case LatticeKind::Square:
    return "sq";
  case LatticeKind::SimpleCubic:
    return "sc";
  case LatticeKind::BCC:
    return "bcc";
  case LatticeKind::FCC:
    return "fcc";
  }
  return "?";
}

Lattice::Lattice(LatticeKind kind, std::array<int, 3> cells, double a, int n_shells)
    : kind_(kind), cells_(cells), a_(a) {
  require(a > 0.0, "lattice constant must be positive, got " + std::to_string(a));
  require(n_shells >= 1,
          "number of neighbour shells must be >= 1, got " + std::to_string(n_shells));
  for (int d = 0; d < 3; ++d)
    require(cells[d] >= 1, "lattice needs at least one cell along each axis, got " +
                               std::to_string(cells[d]) + " along " + "xyz"[d]);
  switch (kind) {
  case LatticeKind::Square:
    require(cells[2] == 1,
            "a square lattice is 2D: it needs 1 cell along z, got " + std::to_string(cells[2]));
    basis_ = {{0, 0, 0}};
    break;
  case LatticeKind::SimpleCubic:
    basis_ = {{0, 0, 0}};
    break;
  case LatticeKind::BCC:
    basis_ = {{0, 0, 0}, {0.5, 0.5, 0.5}};
    break;
  case LatticeKind::FCC:
    basis_ = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
    break;
  }
  n_sites_ = static_cast<std::size_t>(cells[0]) * cells[1] * cells[2] * basis_.size();
  require(n_sites_ < (std::size_t(1) << 32), "lattice of " + std::to_string(n_sites_) +
                                                 " sites exceeds the 2^32 sites MACRODYN indexes");
  tabulate_shells(n_shells);
}

std::size_t Lattice::site(std::array<int, 3> cell, int b) const {
  for (int d = 0; d < 3; ++d) // any cell into [0, L): then site_near's index applies
    cell[d] %= cells_[d];
  return site_near(cell, b);
}

std::array<int, 3> Lattice::cell_of(std::size_t site) const {
  std::size_t c = site / basis_.size();
  std::array<int, 3> cell{};
  for (int d = 0; d < 3; ++d) {
    cell[d] = static_cast<int>(c % cells_[d]);
    c /= cells_[d];
  }
  return cell;
}

std::array<double, 3> Lattice::position(std::size_t site) const {
  const auto cell = cell_of(site);
  const auto &b = basis_[basis_of(site)];
  return {(cell[0] + b[0]) * a_, (cell[1] + b[1]) * a_, (cell[2] + b[2]) * a_};
}

void Lattice::tabulate_shells(int n_shells) {
  // Enumerate all images within a generous cell range (shell s of these lattices lies within s+1
  // cells), collect distinct distances, keep the first n_shells. Distances are compared after
  // rounding to 1e-9 a.
  const int dim = dimension();
  const int range = n_shells + 1;
  auto for_each_image = [&](auto &&visit) {
    for (int b0 = 0; b0 < basis_size(); ++b0)
      for (int dz = (dim == 3 ? -range : 0); dz <= (dim == 3 ? range : 0); ++dz)
        for (int dy = -range; dy <= range; ++dy)
          for (int dx = -range; dx <= range; ++dx)
            for (int b1 = 0; b1 < basis_size(); ++b1) {
              double r2 = 0;
              const int dc[3] = {dx, dy, dz};
              for (int d = 0; d < 3; ++d) {
                const double x = dc[d] + basis_[b1][d] - basis_[b0][d];
                r2 += x * x;
              }
              if (r2 > 1e-12) visit(b0, Offset{{dx, dy, dz}, b1}, std::sqrt(r2));
            }
  };
  auto key = [](double r) { return std::llround(r * 1e9); };
  std::map<long long, double> distances; // rounded key -> exact distance
  for_each_image([&](int, const Offset &, double r) { distances.emplace(key(r), r); });
  require(static_cast<int>(distances.size()) >= n_shells, "too many neighbour shells requested");
  std::vector<long long> shell_keys;
  for (const auto &[k, r] : distances) {
    if (static_cast<int>(shell_keys.size()) == n_shells) break;
    shell_keys.push_back(k);
    shell_distance_.push_back(r);
  }
  offsets_.assign(n_shells, std::vector<std::vector<Offset>>(basis_size()));
  for_each_image([&](int b0, const Offset &o, double r) {
    const auto it = std::find(shell_keys.begin(), shell_keys.end(), key(r));
    if (it != shell_keys.end()) offsets_[it - shell_keys.begin()][b0].push_back(o);
  });

  // Periodic images must not fold two neighbours of one shell onto the same site: a site's
  // neighbour list within the tabulated shells must hold distinct sites, none of them the site
  // itself.
  neighbour_table_.assign(n_shells, {});
  for (int s = 0; s < n_shells; ++s)
    coordination_.push_back(static_cast<int>(offsets_[s][0].size()));
  for (int s = 0; s < n_shells; ++s) {
    const std::size_t z = offsets_[s][0].size();
    auto &table = neighbour_table_[s];
    table.resize(n_sites_ * z);
    for (std::size_t i = 0; i < n_sites_; ++i) {
      const auto cell = cell_of(i);
      const auto &offs = offsets_[s][basis_of(i)];
      for (std::size_t k = 0; k < z; ++k) {
        const auto &o = offs[k];
        table[i * z + k] = static_cast<SiteIndex>(
            site({cell[0] + o.dcell[0], cell[1] + o.dcell[1], cell[2] + o.dcell[2]}, o.basis));
      }
    }
  }
  for (int b0 = 0; b0 < basis_size(); ++b0) {
    const std::size_t i = static_cast<std::size_t>(b0);
    std::set<std::size_t> seen{i};
    for (int s = 0; s < n_shells; ++s)
      for (int k = 0; k < coordination(s); ++k)
        if (!seen.insert(neighbours(i, s)[k]).second)
          throw Error("lattice of " + std::to_string(cells_[0]) + "x" + std::to_string(cells_[1]) +
                      "x" + std::to_string(cells_[2]) + " cells is too small for " +
                      std::to_string(n_shells) +
                      " neighbour shell(s): periodic images would coincide");
  }
}

} // namespace macrodyn
