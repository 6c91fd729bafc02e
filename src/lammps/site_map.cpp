#include "site_map.h"

#include "collective_error.h"
#include "core/base/error.h"

#include "atom.h"
#include "comm.h"
#include "domain.h"
#include "fmt/format.h"
#include "lammps.h"

#include <cmath>
#include <mpi.h>

using namespace LAMMPS_NS;

namespace macrodyn::lmp {
namespace {

std::array<int, 3> whole_cells(LAMMPS *lmp, const SiteMapSpec &spec) {
  Domain *domain = lmp->domain;
  if (domain->triclinic)
    throw macrodyn::Error("lattice site mapping needs an orthogonal box, not a triclinic one");
  const bool is2d = domain->dimension == 2;
  if (is2d != (spec.kind == macrodyn::LatticeKind::Square))
    throw macrodyn::Error(fmt::format("lattice {} does not fit a {}D simulation",
                                      macrodyn::lattice_kind_name(spec.kind), domain->dimension));
  std::array<int, 3> cells{1, 1, 1};
  for (int d = 0; d < (is2d ? 2 : 3); ++d) {
    const double n = domain->prd[d] / spec.a;
    cells[d] = static_cast<int>(std::lround(n));
    if (cells[d] < 1 || std::fabs(n - cells[d]) > 1e-6 * std::max(1.0, n))
      throw macrodyn::Error(fmt::format("box length {} along {} is not a whole number of lattice "
                                        "cells of {} (ratio {})",
                                        domain->prd[d], "xyz"[d], spec.a, n));
    if (!domain->periodicity[d])
      throw macrodyn::Error(fmt::format("the box must be periodic along {}", "xyz"[d]));
  }
  return cells;
}

} // namespace

SiteMap::SiteMap(LAMMPS *lmp, const SiteMapSpec &spec)
    : lattice_(spec.kind, whole_cells(lmp, spec), spec.a, spec.n_shells) {
  const double tolerance = spec.tolerance > 0.0 ? spec.tolerance : 0.1 * spec.a;
  Atom *atom = lmp->atom;
  const double *boxlo = lmp->domain->boxlo;
  const int nlocal = atom->nlocal;
  const auto &cells = lattice_.cells();
  const int dim = lattice_.dimension();

  std::vector<int> types(lattice_.n_sites(), 0), counts(lattice_.n_sites(), 0);
  local_sites_.resize(nlocal);
  std::string problem;
  for (int i = 0; i < nlocal && problem.empty(); ++i) {
    double best = INFINITY;
    std::size_t best_site = 0;
    for (int b = 0; b < lattice_.basis_size(); ++b) {
      std::array<int, 3> cell{0, 0, 0};
      double d2 = 0;
      for (int d = 0; d < dim; ++d) {
        const double u = (atom->x[i][d] - boxlo[d]) / spec.a - lattice_.basis()[b][d];
        const double c = std::round(u);
        d2 += (u - c) * (u - c);
        cell[d] = static_cast<int>(c) % cells[d];
      }
      if (d2 < best) best = d2, best_site = lattice_.site(cell, b);
    }
    const double distance = std::sqrt(best) * spec.a;
    if (distance > tolerance)
      problem = fmt::format("atom {} at ({}, {}, {}) is {:.4g} from the nearest lattice site "
                            "(tolerance {})",
                            atom->tag[i], atom->x[i][0], atom->x[i][1], atom->x[i][2], distance,
                            tolerance);
    local_sites_[i] = best_site;
    types[best_site] = atom->type[i];
    counts[best_site] += 1;
  }
  if (auto message = first_error_across_ranks(lmp->world, problem); !message.empty())
    throw macrodyn::Error(message);

  site_types_.assign(lattice_.n_sites(), 0);
  MPI_Allreduce(types.data(), site_types_.data(), static_cast<int>(types.size()), MPI_INT, MPI_SUM,
                lmp->world);
  std::vector<int> total(lattice_.n_sites(), 0);
  MPI_Allreduce(counts.data(), total.data(), static_cast<int>(counts.size()), MPI_INT, MPI_SUM,
                lmp->world);
  // Every rank holds the same totals, so every rank finds the same first bad site.
  for (std::size_t s = 0; s < total.size(); ++s)
    if (total[s] != 1) {
      const auto p = lattice_.position(s);
      throw macrodyn::Error(fmt::format(
          "lattice site {} at ({}, {}, {}) holds {} atoms; every site needs exactly one "
          "(a vacancy is an atom of a designated type)",
          s, p[0] + boxlo[0], p[1] + boxlo[1], p[2] + boxlo[2], total[s]));
    }
}

} // namespace macrodyn::lmp
