#pragma once
// Input script shared by the compute sro/lattice tests: a random ternary BCC alloy with ~3%
// vacancies (set type/fraction is seeded per atom position, so any rank count builds the same
// alloy).
#include <string>

namespace macrodyn::testing {

inline std::string sro_script(const std::string &compute_extra = "") {
  return R"lmp(
plugin load ${macrodyn}
units metal
lattice bcc 3.24
region box block 0 4 0 4 0 4
create_box 4 box
create_atoms 1 box
mass * 1.0
set type 1 type/fraction 2 0.333 7
set type 1 type/fraction 3 0.5 8
set type 1 type/fraction 4 0.03 9
compute sro all sro/lattice lattice bcc 3.24 types Nb Mo Ta vac shells 1 2 patches 2 2 1 )lmp" +
         compute_extra + R"lmp(
fix v all ave/time 1 1 1 c_sro mode vector file vector.txt format " %.17g"
fix a all ave/time 1 1 1 c_sro[*] mode vector file array.txt format " %.17g"
run 0
write_dump all custom atoms.txt x y z type modify format float %.17g
)lmp";
}

} // namespace macrodyn::testing
