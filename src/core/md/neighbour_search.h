#pragma once
/// The neighbours of a few centres among many points, without a neighbour list over all points:
/// a grid of cells at least `cutoff` wide marks the 27 cells around each centre, then one
/// sequential pass over the points computes each point's cell and measures it against the
/// centres near that cell only. Cost: O(n) cheap steps (a cell index and one table read per
/// point) plus the distances near the centres; memory O(cells + neighbours found). This is the
/// only O(n) work of a partial force computation: no full neighbour list (O(n x neighbours)) is
/// ever built.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace macrodyn {

/// A neighbour of a centre, identified by the caller's id (a LAMMPS atom ID: periodic images share
/// it) and the separation delta = x_centre - x_neighbour.
struct Neighbour {
  std::int64_t id;
  double delta[3];
  double rsq;
  std::size_t index; ///< position in the points searched
};

/// Orders neighbours by id, then by delta: an order that does not depend on how the points were
/// numbered or split over MPI ranks, so sums over it are bit-identical for any decomposition.
void sort_canonically(std::vector<Neighbour> &neighbours);

class NeighbourSearch {
public:
  /// xyz: n points, 3 contiguous coordinates each (x0 y0 z0 x1 ...), kept by pointer: valid while
  /// they are unchanged. ids: one per point (32- or 64-bit, as LAMMPS's tagint). cutoff > 0.
  /// Computes the grid (one pass for the bounding box).
  NeighbourSearch(const double *xyz, std::size_t n, const std::int64_t *ids, double cutoff);
  NeighbourSearch(const double *xyz, std::size_t n, const std::int32_t *ids, double cutoff);
  /// The same with the grid over the box [lo, hi] the caller knows to hold (nearly) all points,
  /// which saves the bounding-box pass. Points outside are still found (clamped to edge cells).
  NeighbourSearch(const double *xyz, std::size_t n, const std::int32_t *ids, double cutoff,
                  const double lo[3], const double hi[3]);
  NeighbourSearch(const double *xyz, std::size_t n, const std::int64_t *ids, double cutoff,
                  const double lo[3], const double hi[3]);

  /// For each centre (an index into the points), the other points within sqrt(cutsq) <= cutoff,
  /// in no particular order (sort_canonically() gives one). One pass over all points. Not
  /// thread-safe (a scratch table of cells).
  std::vector<std::vector<Neighbour>> around(const std::vector<std::size_t> &centres,
                                             double cutsq);

  std::size_t cells() const { return static_cast<std::size_t>(count_[0]) * count_[1] * count_[2]; }

private:
  void bounding_box(double lo[3], double hi[3]) const;
  void grid(double cutoff, const double lo[3], const double hi[3]);
  std::size_t cell_of(const double *p, int c[3]) const;
  std::int64_t id(std::size_t i) const { return ids64_ ? ids64_[i] : ids32_[i]; }

  const double *xyz_;
  std::size_t n_;
  const std::int64_t *ids64_ = nullptr;
  const std::int32_t *ids32_ = nullptr;
  double lo_[3], inverse_width_[3];
  int count_[3];
  std::vector<std::int32_t> slot_;  ///< per cell: its slot among the marked cells, or -1
  std::vector<std::uint64_t> near_; ///< per cell, one bit: marked
};

} // namespace macrodyn
