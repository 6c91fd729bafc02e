#pragma once
/// glibc's default heap policy against LibTorch's allocation pattern. Training allocates and frees
/// tensor buffers of a few megabytes every batch; by default glibc maps blocks above 128 kB
/// separately and trims the top of the heap once 128 kB are free, so every batch gives its buffers
/// back to the kernel and faults them in again, which can dominate the time of an epoch of the
/// closure autoencoder.
namespace macrodyn::learn {

/// Keeps freed memory in the process (blocks up to 64 MB from the heap, trimming above 256 MB).
/// Call once, early, in programs that train or integrate models (the macrodyn CLI, benchmarks).
void keep_freed_tensor_memory();

} // namespace macrodyn::learn
