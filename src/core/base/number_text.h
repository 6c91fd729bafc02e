#pragma once
/// Numbers as text for metadata (descriptions of models in dataset and pool attributes): the
/// shortest text that reads back as the same double, fixed-point unless the exponent is below -4
/// or from 16 up, as LAMMPS's fmt "{}" writes them (1, 0.1, 2.5e-05, 1e+16).
#include <string>

namespace macrodyn {

std::string shortest_text(double value);

} // namespace macrodyn
