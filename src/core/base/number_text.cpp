#include "core/base/number_text.h"

#include <charconv>
#include <cstdlib>

namespace macrodyn {

std::string shortest_text(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string scientific(buffer, result.ptr);
  const auto e = scientific.find('e');
  const int exponent = e == std::string::npos ? 0 : std::atoi(scientific.c_str() + e + 1);
  if (exponent < -4 || exponent >= 16) return scientific;
  result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  return std::string(buffer, result.ptr);
}

} // namespace macrodyn
