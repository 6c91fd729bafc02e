#pragma once
// Input scripts shared by the fix kmc/lattice tests.
#include <string>

namespace macrodyn::testing {

/// An L x L square box of two atom types (lj units, 2D) with 30% type 2, seeded: the Ising start
/// of the partial-evolution, upsampling and pipeline tests.
inline std::string ising_box(int L) {
  return R"lmp(
plugin load ${macrodyn}
units lj
dimension 2
atom_modify map array
lattice sq 1.0
region box block 0 )lmp" +
         std::to_string(L) + " 0 " + std::to_string(L) + R"lmp( -0.5 0.5
create_box 2 box
create_atoms 1 box
mass * 1.0
set type 1 type/fraction 2 0.3 99
)lmp";
}

/// 16x16 2D Ising (lj units), random start, Glauber flips.
inline std::string ising_script(const std::string &fix_extra = "",
                                const std::string &run = "run 20") {
  return R"lmp(
plugin load ${macrodyn}
units lj
dimension 2
atom_modify map array
lattice sq 1.0
region box block 0 16 0 16 -0.5 0.5
create_box 2 box
create_atoms 1 box
mass * 1.0
set type 1 type/fraction 2 0.5 99
fix kmc all kmc/lattice 1 lattice sq 1.0 model ising 1.0 field 0.1 move flip glauber temperature 2.5 time 1.0 seed 42 )lmp" +
         fix_extra + "\n" + run + "\n";
}

/// 4x4x4-cell BCC ternary alloy with 2 vacancies (metal units), pair interactions, KRA barriers.
inline std::string alloy_script(const std::string &pair_file, const std::string &fix_extra = "",
                                const std::string &run = "run 20") {
  return R"lmp(
plugin load ${macrodyn}
units metal
atom_modify map array
lattice bcc 3.24
region box block 0 4 0 4 0 4
create_box 4 box
create_atoms 1 box
mass * 1.0
set type 1 type/fraction 2 0.333 7
set type 1 type/fraction 3 0.5 8
region vacancy1 block 0.9 1.1 0.9 1.1 0.9 1.1
region vacancy2 block 2.4 2.6 2.4 2.6 2.4 2.6
set region vacancy1 type 4
set region vacancy2 type 4
fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac model pairs )lmp" +
         pair_file +
         R"lmp( move exchange barrier Nb 0.96 barrier Mo 1.29 barrier Ta 1.10 temperature 1400 frequency 1e13 events 50 seed 5 )lmp" +
         fix_extra + "\n" + run + "\n";
}

inline const char *kAlloyPairs = R"(# test pair interactions (eV)
species Nb Mo Ta
shells 2
pair 1 Nb Mo -0.030
pair 1 Mo Ta -0.020
pair 1 Nb Ta 0.005
pair 2 Nb Mo 0.010
)";

} // namespace macrodyn::testing
