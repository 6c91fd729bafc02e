#pragma once
/// What the machine holds, for resource estimates made before large allocations (an upsampling
/// that cannot fit, a prediction of too many runs): an error that names the size beats an abort
/// or an hour of swapping.
#include <cstddef>

namespace macrodyn {

/// Physical memory in bytes (16 GiB when the system does not say).
std::size_t physical_memory_bytes();

} // namespace macrodyn
