#pragma once
/// The energy models of lattice KMC as values: what an input script names, before any lattice
/// exists. Each spec describes itself (the `energy_model` attribute of datasets and pools), names
/// its file, and prepares its model: files are read once, the prepared model says how many
/// neighbour shells its lattice needs and builds the model on that lattice. A new energy model is
/// one more spec here and its keyword in fix kmc/lattice.
#include "core/energy/energy_model.h"
#include "core/lattice/lattice.h"

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace macrodyn {

/// An energy model whose inputs are read: the lattice it needs, then the model on it.
class PreparedEnergyModel {
public:
  virtual ~PreparedEnergyModel() = default;
  /// Neighbour shells the model's lattice must carry (>= 1).
  virtual int shells() const = 0;
  /// The model on `lattice` (built with at least shells() shells).
  virtual std::unique_ptr<EnergyModel> build(const Lattice &lattice) const = 0;
};

/// Species names (index = species code) and the lattice a model is prepared for.
struct EnergyContext {
  std::vector<std::string> species;
  LatticeKind kind = LatticeKind::SimpleCubic;
  double a = 1.0;
};

/// Nearest-neighbour-shell Ising model: couplings J per shell, field h (energy units).
struct IsingSpec {
  std::vector<double> couplings{1.0};
  double field = 0.0;
  std::string description() const;
  std::unique_ptr<PreparedEnergyModel> prepare(const EnergyContext &context) const;
};

/// All-to-all coupling J / n and field h.
struct CurieWeissSpec {
  double coupling = 1.0;
  double field = 0.0;
  std::string description() const;
  std::unique_ptr<PreparedEnergyModel> prepare(const EnergyContext &context) const;
};

/// Effective pair interactions per shell and species pair from a file
/// (doc/formats/pair_interactions.md).
struct PairFileSpec {
  std::string path;
  std::string description() const;
  std::unique_ptr<PreparedEnergyModel> prepare(const EnergyContext &context) const;
};

/// EAM on the ideal lattice from a LAMMPS eam/alloy (setfl) file; the species name its elements.
struct EamFileSpec {
  std::string path;
  std::string description() const;
  std::unique_ptr<PreparedEnergyModel> prepare(const EnergyContext &context) const;
};

/// No energies (learned barriers, whose rates need none).
struct NoEnergySpec {
  std::string description() const { return ""; }
  std::unique_ptr<PreparedEnergyModel> prepare(const EnergyContext &context) const;
};

using EnergySpec = std::variant<IsingSpec, CurieWeissSpec, PairFileSpec, EamFileSpec, NoEnergySpec>;

std::string describe(const EnergySpec &spec);
std::unique_ptr<PreparedEnergyModel> prepare(const EnergySpec &spec, const EnergyContext &context);
/// The file the model reads ("" when none).
std::string file_of(const EnergySpec &spec);
/// The external field of the spin models (0 for the others).
double field_of(const EnergySpec &spec);
inline bool has_energy(const EnergySpec &spec) {
  return !std::holds_alternative<NoEnergySpec>(spec);
}

} // namespace macrodyn
