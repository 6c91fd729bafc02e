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
  int kind;          ///< the neighbour's kind (LAMMPS atom type) when kinds were given, else 0
};

/// Orders neighbours by id, then by delta: an order that does not depend on how the points were
/// numbered or split over MPI ranks, so sums over it are bit-identical for any decomposition.
void sort_canonically(std::vector<Neighbour> &neighbours);

class NeighbourSearch {
public:
  /// xyz: n points, 3 contiguous coordinates each (x0 y0 z0 x1 ...), kept by pointer: valid while
  /// they are unchanged. ids: one per point (32- or 64-bit, as LAMMPS's tagint). cutoff > 0. The
  /// grid covers the box [lo, hi] when the caller knows one that holds (nearly) all points (points
  /// outside are still found: they are clamped to edge cells), else the points' bounding box (one
  /// more pass).
  NeighbourSearch(const double *xyz, std::size_t n, const std::int64_t *ids, double cutoff,
                  const double *lo = nullptr, const double *hi = nullptr);
  NeighbourSearch(const double *xyz, std::size_t n, const std::int32_t *ids, double cutoff,
                  const double *lo = nullptr, const double *hi = nullptr);

  /// Per-point kinds (e.g. atom types) copied into every Neighbour found, so that force loops need
  /// not read per-atom arrays at scattered indices again (cache misses in large systems).
  void set_kinds(const int *kinds) { kinds_ = kinds; }

  /// For each centre (an index into the points), the other points within sqrt(cutsq) <= cutoff,
  /// in no particular order (sort_canonically() gives one). One pass over all points. Not
  /// thread-safe (a scratch table of cells).
  std::vector<std::vector<Neighbour>> around(const std::vector<std::size_t> &centres, double cutsq);

  std::size_t cells() const { return static_cast<std::size_t>(count_[0]) * count_[1] * count_[2]; }

private:
  void bounding_box(double lo[3], double hi[3]) const;
  void grid(double cutoff, const double *lo, const double *hi);
  std::size_t cell_of(const double *p, int c[3]) const;
  std::int64_t id(std::size_t i) const { return ids64_ ? ids64_[i] : ids32_[i]; }

  const double *xyz_;
  std::size_t n_;
  const std::int64_t *ids64_ = nullptr;
  const std::int32_t *ids32_ = nullptr;
  const int *kinds_ = nullptr;
  double lo_[3], inverse_width_[3];
  int count_[3];
  std::vector<std::int32_t> slot_;  ///< per cell: its slot among the marked cells, or -1
  std::vector<std::uint64_t> near_; ///< per cell, one bit: marked
};

} // namespace macrodyn
