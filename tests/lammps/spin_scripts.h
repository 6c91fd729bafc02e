#pragma once
// Input scripts shared by the compute spin/lattice tests.
#include <string>

namespace macrodyn::testing {

// 8x8 square lattice, a = 1.5; `setup` decides the types; prints SPIN m dw.
inline std::string square_script(const std::string &setup, const std::string &compute_args = "") {
  return R"lmp(
plugin load ${macrodyn}
units metal
dimension 2
boundary p p p
lattice sq 1.5
region box block 0 8 0 8 -0.5 0.5
create_box 2 box
create_atoms 1 box
mass * 1.0
)lmp" + setup +
         R"lmp(
compute s all spin/lattice lattice sq 1.5 )lmp" +
         compute_args + R"lmp(
thermo_style custom step c_s[1] c_s[2]
run 0
print "SPIN $(c_s[1]:%.15g) $(c_s[2]:%.15g)"
)lmp";
}

} // namespace macrodyn::testing
