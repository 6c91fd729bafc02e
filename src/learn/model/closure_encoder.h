#pragma once
/// The closure variables of a model.pt applied to any configuration on its lattice (compute
/// closure/torch): the encoder `closure.encode_species` averaged over the patches of the box. A
/// patch has the cell shape of the training system's patches (system.cells / system.patch_shape
/// in metadata.json), so a larger box has more patches of the same shape.
#include "core/base/configuration.h"
#include "core/lattice/lattice.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace macrodyn::learn {

class ClosureEncoder {
public:
  /// Throws Error naming the file when it is not a model with closure variables.
  explicit ClosureEncoder(const std::string &path);
  ~ClosureEncoder();

  const std::vector<std::string> &closure() const { return closure_; }
  const std::vector<std::string> &prescribed() const { return prescribed_; }
  const std::vector<std::string> &species() const { return species_; }
  const std::string &lattice() const { return lattice_; }
  const std::array<int, 3> &patch_cells() const { return patch_cells_; }

  /// Throws Error saying what differs when `lattice` (kind, cells divisible into patches) or
  /// `species` do not fit the model.
  void check(const Lattice &lattice, const std::vector<std::string> &species) const;
  /// The closure variables of config on lattice.
  std::vector<double> evaluate(const Lattice &lattice, const Configuration &config);

private:
  struct Module;
  std::unique_ptr<Module> module_;
  std::string path_, lattice_;
  std::vector<std::string> closure_, prescribed_, species_;
  std::array<int, 3> patch_cells_{1, 1, 1};
  int sites_ = 0;
};

} // namespace macrodyn::learn
