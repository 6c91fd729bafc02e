#pragma once
/// A human-readable summary of any HDF5 file: every group and dataset (with shape) and every
/// attribute (scalars, short vectors, strings). Used by `macrodyn inspect`.
#include <string>

namespace macrodyn {

/// Throws Error naming the file when it cannot be opened as HDF5.
std::string summarize_hdf5(const std::string &path);

} // namespace macrodyn
