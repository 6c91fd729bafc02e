#pragma once
// Turns rank-local failures into one message every rank agrees on, so styles can call error->all
// (never a hang, never ranks disagreeing about whether the input was bad).
#include <mpi.h>
#include <string>

namespace macrodyn::lmp {

/// Collective over comm. Returns the message of the lowest rank whose local_message is non-empty,
/// or "" on every rank when no rank failed.
std::string first_error_across_ranks(MPI_Comm comm, const std::string &local_message);

} // namespace macrodyn::lmp
