#include "lattice_computes.h"

#include "compute_spin_lattice.h"
#include "compute_sro_lattice.h"

#include "error.h"
#include "lammps.h"
#include "modify.h"

using namespace LAMMPS_NS;

namespace macrodyn::lmp {

std::vector<Compute *> find_lattice_computes(LAMMPS *lmp, const char *style,
                                             const std::vector<std::string> &ids) {
  std::vector<Compute *> computes;
  for (const auto &id : ids) {
    const int icompute = lmp->modify->find_compute(id);
    Compute *c = icompute < 0 ? nullptr : lmp->modify->compute[icompute];
    if (!dynamic_cast<ComputeSpinLattice *>(c) && !dynamic_cast<ComputeSROLattice *>(c))
      lmp->error->all(FLERR, "{}: {} is not a compute spin/lattice or sro/lattice", style, id);
    computes.push_back(c);
  }
  return computes;
}

std::unique_ptr<macrodyn::ObservableSet>
lattice_observables(const std::vector<Compute *> &computes, const macrodyn::Lattice &lattice,
                    const macrodyn::PatchTiling &tiling, const SpeciesMap &species) {
  std::vector<std::unique_ptr<macrodyn::ObservableSet>> sets;
  for (Compute *c : computes) {
    if (auto *spin = dynamic_cast<ComputeSpinLattice *>(c))
      sets.push_back(spin->make_observables(lattice, tiling, species));
    else
      sets.push_back(
          dynamic_cast<ComputeSROLattice *>(c)->make_observables(lattice, tiling, species));
  }
  return macrodyn::combine_observables(std::move(sets));
}

} // namespace macrodyn::lmp
