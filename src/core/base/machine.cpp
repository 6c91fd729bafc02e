#include "core/base/machine.h"

#include <sys/resource.h>
#include <unistd.h>

namespace macrodyn {

std::size_t physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && size > 0 ? std::size_t(pages) * std::size_t(size) : std::size_t(1) << 34;
}

std::size_t peak_resident_bytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return std::size_t(usage.ru_maxrss) * 1024; // kilobytes on Linux
}

} // namespace macrodyn
