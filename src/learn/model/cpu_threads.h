#pragma once
/// The CPU threads of LibTorch and of the BLAS library under it. Debian's LibTorch calls the system
/// BLAS; with OpenBLAS's pthread build that BLAS keeps its own pool (one thread per core, spinning
/// and yielding between calls) regardless of torch::set_num_threads, and the two pools compete for
/// the cores. Measured on 2 cores: a closure autoencoder training spent 43% of its time in
/// sched_yield and the kernel until OpenBLAS was limited too.
namespace macrodyn::learn {

/// Sets LibTorch's intra-op threads and, when the process uses OpenBLAS, OpenBLAS's threads to n.
void set_cpu_threads(int n);

/// set_cpu_threads(n) for a scope; LibTorch's previous thread count (and OpenBLAS's with it) is
/// restored at its end.
class CpuThreadsScope {
public:
  explicit CpuThreadsScope(int n);
  ~CpuThreadsScope();
  CpuThreadsScope(const CpuThreadsScope &) = delete;
  CpuThreadsScope &operator=(const CpuThreadsScope &) = delete;

private:
  int previous_;
};

} // namespace macrodyn::learn
