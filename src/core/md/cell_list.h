#pragma once
/// Points binned in a grid of cells at least `cutoff` wide, so every point within `cutoff` of a
/// given position lies in the 27 cells around it. Building is one counting sort, O(n) time and
/// memory; a query costs the points of 27 cells. This is the only O(n) work of a partial force
/// computation: it replaces the full neighbour list (O(n x neighbours)), which is never built.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace macrodyn {

/// A neighbour of a point, identified by the caller's id (a LAMMPS atom ID: periodic images share
/// it) and the separation delta = x_point - x_neighbour.
struct Neighbour {
  std::int64_t id;
  double delta[3];
  double rsq;
  std::size_t index; ///< position in the points the list was built from
};

class CellList {
public:
  /// xyz: n points, 3 contiguous coordinates each (x0 y0 z0 x1 ...), kept by pointer: the list is
  /// valid while they are unchanged. cutoff > 0.
  CellList(const double *xyz, std::size_t n, double cutoff);

  /// The points other than `self` within sqrt(cutsq) (<= cutoff) of point `self`, in canonical
  /// order: by id, then by delta. The order does not depend on how the points were numbered or
  /// split over MPI ranks, so sums over it are bit-identical for any decomposition.
  /// ids: one per point (32- or 64-bit, as LAMMPS's tagint).
  std::vector<Neighbour> neighbours(std::size_t self, const std::int64_t *ids, double cutsq) const;
  std::vector<Neighbour> neighbours(std::size_t self, const std::int32_t *ids, double cutsq) const;

  std::size_t cells() const { return start_.size() - 1; }

private:
  std::size_t cell_of(const double *p, int shift[3]) const;
  template <class Id>
  std::vector<Neighbour> find(std::size_t self, const Id *ids, double cutsq) const;

  const double *xyz_;
  double lo_[3], width_[3];
  int count_[3];
  std::vector<std::size_t> start_; ///< cell c holds order_[start_[c] .. start_[c + 1])
  std::vector<std::size_t> order_;
};

} // namespace macrodyn
