#pragma once
/// The one exception type of the MACRODYN core. Styles catch it and turn it into a LAMMPS error;
/// the CLI prints it and exits non-zero. Messages name what was wrong and the offending value.
#include <stdexcept>
#include <string>

namespace macrodyn {

class Error : public std::runtime_error {
public:
  explicit Error(const std::string &what) : std::runtime_error(what) {}
};

/// Throws Error(message) when the condition does not hold.
inline void require(bool condition, const std::string &message) {
  if (!condition) throw Error(message);
}

} // namespace macrodyn
