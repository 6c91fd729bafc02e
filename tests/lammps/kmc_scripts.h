#pragma once
// Input scripts shared by the fix kmc/lattice tests.
#include <string>

namespace macrodyn::testing {

/// An L x L square box of two atom types (lj units, 2D) with a seeded fraction of type 2 (30% by
/// default): the Ising start of the partial-evolution, upsampling and pipeline tests.
inline std::string ising_box(int L, const std::string &fraction = "0.3") {
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
set type 1 type/fraction 2 )lmp" +
         fraction + " 99\n";
}

/// 16x16 2D Ising (lj units), random start, Glauber flips.
inline std::string ising_script(const std::string &fix_extra = "",
                                const std::string &run = "run 20") {
  return ising_box(16, "0.5") + R"lmp(fix kmc all kmc/lattice 1 lattice sq 1.0 model ising 1.0 field 0.1 move flip glauber temperature 2.5 time 1.0 seed 42 )lmp" +
         fix_extra + "\n" + run + "\n";
}

/// An n^3-cell BCC box (metal units, a = 3.24) of a seeded random alloy of types 1-3 (Nb, Mo, Ta
/// in the tests' `types`), with `ntypes` atom types (4: the fourth, empty, for vacancies).
inline std::string bcc_alloy_box(int cells, int ntypes) {
  const std::string n = std::to_string(cells);
  return "\nplugin load ${macrodyn}\nunits metal\natom_modify map array\nlattice bcc 3.24\n"
         "region box block 0 " + n + " 0 " + n + " 0 " + n + "\ncreate_box " +
         std::to_string(ntypes) + R"lmp( box
create_atoms 1 box
mass * 1.0
set type 1 type/fraction 2 0.333 7
set type 1 type/fraction 3 0.5 8
)lmp";
}

/// 4x4x4-cell BCC ternary alloy with 2 vacancies (metal units), pair interactions, KRA barriers.
inline std::string alloy_script(const std::string &pair_file, const std::string &fix_extra = "",
                                const std::string &run = "run 20") {
  return bcc_alloy_box(4, 4) + R"lmp(
region vacancy1 block 0.9 1.1 0.9 1.1 0.9 1.1
region vacancy2 block 2.4 2.6 2.4 2.6 2.4 2.6
set region vacancy1 type 4
set region vacancy2 type 4
fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac model pairs )lmp" +
         pair_file +
         R"lmp( move exchange barrier Nb 0.96 barrier Mo 1.29 barrier Ta 1.10 temperature 1400 frequency 1e13 events 50 seed 5 )lmp" +
         fix_extra + "\n" + run + "\n";
}

/// alloy_script's box with EAM instead of pair interactions: pair eam/alloy from test.eam.alloy
/// (support/setfl_writer.h; the vacancy type NULL there, with pair style zero as hybrid requires
/// a style for every pair) and the same file as fix kmc/lattice's lattice EAM; then `after`.
inline std::string eam_alloy_script(const std::string &after) {
  return bcc_alloy_box(4, 4) + R"lmp(
region vacancy1 block 0.9 1.1 0.9 1.1 0.9 1.1
region vacancy2 block 2.4 2.6 2.4 2.6 2.4 2.6
set region vacancy1 type 4
set region vacancy2 type 4
pair_style hybrid eam/alloy zero 5.0
pair_coeff * * eam/alloy test.eam.alloy Nb Mo Ta NULL
pair_coeff * 4 zero
fix kmc all kmc/lattice 1 lattice bcc 3.24 types Nb Mo Ta vac model eam test.eam.alloy move exchange barrier Nb 0.96 barrier Mo 1.29 barrier Ta 1.10 temperature 1400 frequency 1e13 events 50 seed 3
)lmp" + after;
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
