#pragma once
// Every style entry point that calls the core runs it through guarded(): a macrodyn::Error becomes
// a LAMMPS error naming the style ("compute spin/lattice: ..."); nothing reaches std::terminate.
// Use it where the failure is collective (all ranks see the same input and throw the same message).
#include "core/base/error.h"

#include "error.h"

namespace macrodyn::lmp {

template <class Body> void guarded(LAMMPS_NS::Error *error, const char *style, Body &&body) {
  try {
    body();
  } catch (const macrodyn::Error &e) {
    error->all(FLERR, "{}: {}", style, e.what());
  }
}

} // namespace macrodyn::lmp
