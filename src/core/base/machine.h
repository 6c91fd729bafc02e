#pragma once
/// What the machine holds, for resource estimates made before large allocations (an upsampling
/// that cannot fit, a prediction of too many runs): an error that names the size beats an abort
/// or an hour of swapping.
#include <cstddef>

namespace macrodyn {

/// Physical memory in bytes (16 GiB when the system does not say).
std::size_t physical_memory_bytes();

/// The most memory this process has held resident so far (getrusage's maximum resident set), in
/// bytes: what a run needs per rank, whatever allocated it.
std::size_t peak_resident_bytes();

} // namespace macrodyn
