#pragma once
// What a lattice fix (fix kmc/lattice with `bias yes`) needs of a macrostate bias: the bias on the
// lattice's pair counts, the species it names and its current target. pair_style macro/bias
// implements it; the fix finds it through this interface alone, so neither style's header
// includes the other's.
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace macrodyn {
class MacroBias;
}

namespace macrodyn::lmp {

class LatticeBias {
public:
  virtual ~LatticeBias() = default;
  virtual std::shared_ptr<const macrodyn::MacroBias> bias() const = 0;
  virtual const std::vector<std::string> &species() const = 0;
  /// The target of the bias now (it may follow a clock).
  virtual std::vector<double> current_target() = 0;
  /// The switching range [r_on, r_off] of its smooth pair counts off the lattice.
  virtual std::pair<double, double> switch_range() const = 0;
};

} // namespace macrodyn::lmp
