#include "core/base/machine.h"

#include <unistd.h>

namespace macrodyn {

std::size_t physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && size > 0 ? std::size_t(pages) * std::size_t(size) : std::size_t(1) << 34;
}

} // namespace macrodyn
