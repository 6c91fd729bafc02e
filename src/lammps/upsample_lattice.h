/* -*- c++ -*- ----------------------------------------------------------
   MACRODYN: upsample/lattice - large snapshots from small ones
------------------------------------------------------------------------- */
#ifndef LMP_UPSAMPLE_LATTICE_H
#define LMP_UPSAMPLE_LATTICE_H

#include "command.h"

#include "core/base/configuration.h"

#include <cstdint>
#include <memory>
#include <string>

namespace macrodyn {
class Lattice;
class SnapshotPoolFile;
struct UpsampleSettings;
} // namespace macrodyn
namespace macrodyn::lmp {
struct KmcSetup;
}

namespace LAMMPS_NS {


class UpsampleLattice : public Command {
public:
  UpsampleLattice(class LAMMPS *lmp) : Command(lmp) {}
  void command(int narg, char **arg) override;

private:
  void upsample_one(const macrodyn::Lattice &small, const macrodyn::Configuration &x0,
                    std::uint64_t id, const macrodyn::lmp::KmcSetup &kmc,
                    const macrodyn::UpsampleSettings &s,
                    const std::string &data, const std::string &dump, const std::string &pool,
                    std::unique_ptr<macrodyn::SnapshotPoolFile> &out);
};

} // namespace LAMMPS_NS

#endif
