// The plugin entry: `plugin load macrodyn.so` calls lammpsplugin_init, which registers every
// MACRODYN style with the host LAMMPS.
#ifdef MACRODYN_WITH_TORCH
#include "compute_closure_torch.h"
#endif
#include "compute_partial_force.h"
#include "compute_spin_lattice.h"
#include "compute_sro_lattice.h"
#include "fix_kmc_lattice.h"
#include "fix_partial_evolve.h"
#include "fix_partial_force.h"
#include "pair_macro_bias.h"
#include "upsample_lattice.h"

#include "macrodyn/version.h"

#include "lammps.h"
#include "lammpsplugin.h"
#include "library.h"
#include "utils.h"
#include "version.h"

#include <string>

using namespace LAMMPS_NS;

#ifndef MACRODYN_COMPILED_FOR_LAMMPS
#define MACRODYN_COMPILED_FOR_LAMMPS LAMMPS_VERSION
#endif

namespace {

template <class T> Compute *make_compute(LAMMPS *lmp, int narg, char **arg) {
  return new T(lmp, narg, arg);
}

template <class T> Command *make_command(LAMMPS *lmp) {
  return new T(lmp);
}

template <class T> Pair *make_pair(LAMMPS *lmp) {
  return new T(lmp);
}

template <class T> Fix *make_fix(LAMMPS *lmp, int narg, char **arg) {
  return new T(lmp, narg, arg);
}

void register_style(lammpsplugin_regfunc register_plugin, void *lmp, void *handle,
                    const char *style, const char *name, const char *info, void *creator,
                    bool takes_args) {
  lammpsplugin_t plugin;
  plugin.version = MACRODYN_COMPILED_FOR_LAMMPS;
  plugin.style = style;
  plugin.name = name;
  plugin.info = info;
  plugin.author = "MACRODYN developers";
  if (takes_args)
    plugin.creator.v2 = reinterpret_cast<lammpsplugin_factory2 *>(creator);
  else
    plugin.creator.v1 = reinterpret_cast<lammpsplugin_factory1 *>(creator);
  plugin.handle = handle;
  register_plugin(&plugin, lmp);
}

} // namespace

// The only symbol the module exports (everything else is built with hidden visibility).
extern "C" __attribute__((visibility("default"))) void lammpsplugin_init(void *lmp, void *handle,
                                                                         void *regfunc) {
  auto *host = static_cast<LAMMPS *>(lmp);
  // lammps_version() runs inside the host, so it is safe even when our headers do not match it.
  const int host_version = lammps_version(lmp);
  const int our_version = utils::date2num(MACRODYN_COMPILED_FOR_LAMMPS);
  if (host_version != our_version) {
    utils::logmesg(host,
                   std::string("ERROR: macrodyn plugin refused to load: it was compiled "
                               "against the headers of LAMMPS " MACRODYN_COMPILED_FOR_LAMMPS " (") +
                       std::to_string(our_version) + "), but this LAMMPS is " +
                       std::to_string(host_version) +
                       ". Rebuild MACRODYN with LAMMPS_SOURCE_DIR set to the source tree "
                       "of this lmp. No MACRODYN style was registered.\n");
    return;
  }
  auto reg = reinterpret_cast<lammpsplugin_regfunc>(regfunc);
  const std::string info = std::string("MACRODYN ") + macrodyn::kVersion;
  static const std::string spin_info =
      info + ": compute spin/lattice (magnetization, domain walls)";
  register_style(reg, lmp, handle, "compute", "spin/lattice", spin_info.c_str(),
                 reinterpret_cast<void *>(&make_compute<ComputeSpinLattice>), true);
  static const std::string sro_info = info + ": compute sro/lattice (chemical short-range order)";
  register_style(reg, lmp, handle, "compute", "sro/lattice", sro_info.c_str(),
                 reinterpret_cast<void *>(&make_compute<ComputeSROLattice>), true);
  static const std::string kmc_info = info + ": fix kmc/lattice (lattice kinetic Monte Carlo)";
  register_style(reg, lmp, handle, "fix", "kmc/lattice", kmc_info.c_str(),
                 reinterpret_cast<void *>(&make_fix<FixKMCLattice>), true);
  static const std::string pe_info = info + ": fix partial/evolve (training data from patches)";
  register_style(reg, lmp, handle, "fix", "partial/evolve", pe_info.c_str(),
                 reinterpret_cast<void *>(&make_fix<FixPartialEvolve>), true);
#ifdef MACRODYN_WITH_TORCH
  static const std::string closure_info =
      info + ": compute closure/torch (learned closure variables)";
  register_style(reg, lmp, handle, "compute", "closure/torch", closure_info.c_str(),
                 reinterpret_cast<void *>(&make_compute<ComputeClosureTorch>), true);
#endif
  static const std::string bias_info = info + ": pair_style macro/bias (pull toward a macrostate)";
  register_style(reg, lmp, handle, "pair", "macro/bias", bias_info.c_str(),
                 reinterpret_cast<void *>(&make_pair<PairMacroBias>), false);
  static const std::string pf_info =
      info + ": compute partial/force (pair forces on a random subset of atoms)";
  register_style(reg, lmp, handle, "compute", "partial/force", pf_info.c_str(),
                 reinterpret_cast<void *>(&make_compute<ComputePartialForce>), true);
  static const std::string pff_info =
      info + ": fix partial/force (configurations with forces on a random subset of atoms)";
  register_style(reg, lmp, handle, "fix", "partial/force", pff_info.c_str(),
                 reinterpret_cast<void *>(&make_fix<FixPartialForce>), true);
  static const std::string up_info = info + ": upsample/lattice (large snapshots from small ones)";
  register_style(reg, lmp, handle, "command", "upsample/lattice", up_info.c_str(),
                 reinterpret_cast<void *>(&make_command<UpsampleLattice>), false);
}
