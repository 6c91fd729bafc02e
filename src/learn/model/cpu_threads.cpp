#include "learn/model/cpu_threads.h"

#include <torch/torch.h>

#include <dlfcn.h>

namespace macrodyn::learn {

void set_cpu_threads(int n) {
  if (at::get_num_threads() != n) at::set_num_threads(n);
  // Looked up at run time: the BLAS behind LibTorch is chosen by the system (Debian alternatives),
  // so OpenBLAS may or may not be the one loaded.
  using SetThreads = void (*)(int);
  if (auto *set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
    set(n);
}

CpuThreadsScope::CpuThreadsScope(int n) : previous_(at::get_num_threads()) {
  set_cpu_threads(n);
}

CpuThreadsScope::~CpuThreadsScope() {
  set_cpu_threads(previous_);
}

} // namespace macrodyn::learn
