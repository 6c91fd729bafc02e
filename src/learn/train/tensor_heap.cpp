#include "learn/train/tensor_heap.h"

#include <malloc.h>

namespace macrodyn::learn {

void keep_freed_tensor_memory() {
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

} // namespace macrodyn::learn
