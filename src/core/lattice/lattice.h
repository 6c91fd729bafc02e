#pragma once
/// Periodic Bravais lattices with a basis: geometry, site indexing and neighbour shells.
/// Sites are integers 0..n_sites()-1 ordered as ((cz * Ly + cy) * Lx + cx) * basis + b.
/// Lengths are in the unit of the lattice constant a given by the caller (Angstrom in LAMMPS metal
/// units).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace macrodyn {

using SiteIndex = std::uint32_t;

enum class LatticeKind { Square, SimpleCubic, BCC, FCC };

/// Parses "sq", "sc", "bcc", "fcc"; throws Error naming the bad value otherwise.
LatticeKind parse_lattice_kind(const std::string &name);
std::string lattice_kind_name(LatticeKind kind);

class Lattice {
public:
  /// cells: unit cells along x, y, z (z must be 1 for Square). n_shells >= 1 neighbour shells are
  /// tabulated; throws when the box is too small for the requested shells to be distinct sites.
  Lattice(LatticeKind kind, std::array<int, 3> cells, double a, int n_shells = 1);

  LatticeKind kind() const { return kind_; }
  int dimension() const { return kind_ == LatticeKind::Square ? 2 : 3; }
  const std::array<int, 3> &cells() const { return cells_; }
  double constant() const { return a_; }
  int basis_size() const { return static_cast<int>(basis_.size()); }
  std::size_t n_sites() const { return n_sites_; }

  std::size_t site(std::array<int, 3> cell, int b) const;
  /// site() for a cell within one box length of the box (-L <= cell[d] < 2L): no division, for
  /// the inner loops of neighbourhood scans.
  std::size_t site_near(std::array<int, 3> cell, int b) const {
    std::size_t index = 0;
    for (int d = 2; d >= 0; --d) {
      int c = cell[d];
      c += c < 0 ? cells_[d] : 0;
      c -= c >= cells_[d] ? cells_[d] : 0;
      index = index * static_cast<std::size_t>(cells_[d]) + static_cast<std::size_t>(c);
    }
    return index * basis_.size() + static_cast<std::size_t>(b);
  }
  std::array<int, 3> cell_of(std::size_t site) const;
  int basis_of(std::size_t site) const { return static_cast<int>(site % basis_.size()); }
  /// Cartesian position of a site in the box [0, L*a) (orthogonal box with origin at 0).
  std::array<double, 3> position(std::size_t site) const;
  /// Basis vectors in units of a.
  const std::vector<std::array<double, 3>> &basis() const { return basis_; }

  int n_shells() const { return static_cast<int>(shell_distance_.size()); }
  /// Distance of shell s (0-based) in the unit of a (absolute: times a).
  double shell_distance(int s) const { return shell_distance_[s] * a_; }
  int coordination(int s) const { return coordination_[s]; }
  /// The coordination(s) neighbours of a site in shell s, in a fixed order. Stored as 32-bit
  /// indices: observables over 10^6 sites stream these tables, so their size sets the speed.
  const SiteIndex *neighbours(std::size_t site, int s) const {
    return neighbour_table_[s].data() + site * coordination_[s];
  }

private:
  struct Offset {
    std::array<int, 3> dcell;
    int basis;
  };
  void tabulate_shells(int n_shells);

  LatticeKind kind_;
  std::array<int, 3> cells_;
  double a_;
  std::size_t n_sites_;
  std::vector<std::array<double, 3>> basis_;
  std::vector<double> shell_distance_;                    // in units of a
  std::vector<std::vector<std::vector<Offset>>> offsets_; // [shell][basis] -> offsets
  std::vector<std::vector<SiteIndex>> neighbour_table_;   // [shell] -> n_sites * z
  std::vector<int> coordination_;                         // [shell]; cached, read in every hot loop
};

} // namespace macrodyn
