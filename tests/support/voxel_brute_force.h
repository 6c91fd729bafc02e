#pragma once
// The voxel9 jump encoding built from coordinates only (tests): every voxel point of the block is
// looked up among all sites, and the frames follow the table of ../shared/data/nnk/README.md
// written out case by case. Independent of core/kmc/voxel_jump_encoding.cpp.
#include "core/base/configuration.h"
#include "core/lattice/lattice.h"

#include <array>
#include <cmath>
#include <vector>

namespace macrodyn::testing {

inline double min_image(double d, double box) {
  return d - box * std::round(d / box);
}

/// Source offset of feature (u, v, w) for the jump toward voxel offset d.
inline std::array<int, 3> frame_table_source(std::array<int, 3> d, int u, int v, int w) {
  if (d == std::array<int, 3>{1, 1, 1}) return {u, v, w};
  if (d == std::array<int, 3>{1, 1, -1}) return {u, v, -w};
  if (d == std::array<int, 3>{1, -1, 1}) return {v, -u, w};
  if (d == std::array<int, 3>{1, -1, -1}) return {v, -u, -w};
  if (d == std::array<int, 3>{-1, 1, 1}) return {-v, u, w};
  if (d == std::array<int, 3>{-1, 1, -1}) return {-v, u, -w};
  if (d == std::array<int, 3>{-1, -1, 1}) return {-u, -v, w};
  return {-u, -v, -w};
}

/// The 729 features of the jump from site v to site t; codes[s] is the value of species s.
inline std::vector<float> brute_force_jump_encoding(const Lattice &lattice, const Configuration &x,
                                                    std::size_t v, std::size_t t,
                                                    const std::vector<float> &codes,
                                                    double radius) {
  const double a = lattice.constant();
  const auto P = lattice.position(v), T = lattice.position(t);
  std::array<double, 3> box;
  std::array<int, 3> d;
  for (int k = 0; k < 3; ++k) {
    box[k] = lattice.cells()[k] * a;
    d[k] = min_image(T[k] - P[k], box[k]) > 0 ? 1 : -1;
  }
  std::vector<float> out;
  for (int u = -4; u <= 4; ++u)
    for (int vv = -4; vv <= 4; ++vv)
      for (int w = -4; w <= 4; ++w) {
        const auto s = frame_table_source(d, u, vv, w);
        const double r = 0.5 * a * std::sqrt(double(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]));
        float value = 0;
        if (r <= radius) {
          for (std::size_t i = 0; i < lattice.n_sites(); ++i) {
            const auto Q = lattice.position(i);
            double dist2 = 0;
            for (int k = 0; k < 3; ++k) {
              const double e = min_image(Q[k] - P[k] - 0.5 * a * s[k], box[k]);
              dist2 += e * e;
            }
            if (dist2 < 1e-12) value = x[i] == kVacancy ? 0.0f : codes[x[i]];
          }
        }
        out.push_back(value);
      }
  return out;
}

} // namespace macrodyn::testing
