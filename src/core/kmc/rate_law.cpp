#include "core/kmc/rate_law.h"

#include "core/base/error.h"

namespace macrodyn {

FlipRule parse_flip_rule(const std::string &name) {
  if (name == "glauber") return FlipRule::Glauber;
  if (name == "metropolis") return FlipRule::Metropolis;
  throw Error("unknown flip rule '" + name + "' (expected glauber or metropolis)");
}

} // namespace macrodyn
