#include "lattice_computes.h"

#include "lattice_observable_source.h"

#include "error.h"
#include "lammps.h"
#include "compute.h"
#include "modify.h"

using namespace LAMMPS_NS;

namespace macrodyn::lmp {

std::vector<Compute *> find_lattice_computes(LAMMPS *lmp, const char *style,
                                             const std::vector<std::string> &ids) {
  std::vector<Compute *> computes;
  for (const auto &id : ids) {
    const int icompute = lmp->modify->find_compute(id);
    Compute *c = icompute < 0 ? nullptr : lmp->modify->compute[icompute];
    if (!dynamic_cast<LatticeObservableSource *>(c))
      lmp->error->all(FLERR, "{}: {} is not a compute spin/lattice or sro/lattice", style, id);
    computes.push_back(c);
  }
  return computes;
}

std::unique_ptr<macrodyn::ObservableSet>
lattice_observables(const std::vector<Compute *> &computes, const macrodyn::Lattice &lattice,
                    const macrodyn::PatchTiling &tiling, const SpeciesMap &species) {
  std::vector<std::unique_ptr<macrodyn::ObservableSet>> sets;
  for (Compute *c : computes) // find_lattice_computes checked the cast
    sets.push_back(
        dynamic_cast<LatticeObservableSource &>(*c).make_observables(lattice, tiling, species));
  return macrodyn::combine_observables(std::move(sets));
}

} // namespace macrodyn::lmp
