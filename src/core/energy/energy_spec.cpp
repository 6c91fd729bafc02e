#include "core/energy/energy_spec.h"

#include "core/base/number_text.h"
#include "core/energy/curie_weiss_model.h"
#include "core/energy/eam_lattice_model.h"
#include "core/energy/ising_model.h"
#include "core/energy/no_energy_model.h"
#include "core/energy/pair_interaction_model.h"
#include "core/energy/setfl_potential.h"

#include <algorithm>

namespace macrodyn {
namespace {

/// A prepared model from its shell count and a builder.
template <class Build> class Prepared final : public PreparedEnergyModel {
public:
  Prepared(int shells, Build build) : shells_(std::max(shells, 1)), build_(std::move(build)) {}
  int shells() const override { return shells_; }
  std::unique_ptr<EnergyModel> build(const Lattice &lattice) const override {
    return build_(lattice);
  }

private:
  int shells_;
  Build build_;
};

template <class Build> std::unique_ptr<PreparedEnergyModel> prepared(int shells, Build build) {
  return std::make_unique<Prepared<Build>>(shells, std::move(build));
}

} // namespace

std::string IsingSpec::description() const {
  std::string j;
  for (double c : couplings)
    j += (j.empty() ? "" : ",") + shortest_text(c);
  return "ising J=" + j + " h=" + shortest_text(field);
}

std::unique_ptr<PreparedEnergyModel> IsingSpec::prepare(const EnergyContext &) const {
  return prepared(static_cast<int>(couplings.size()), [spec = *this](const Lattice &lattice) {
    return std::make_unique<IsingModel>(lattice, spec.couplings, spec.field);
  });
}

std::string CurieWeissSpec::description() const {
  return "curie-weiss J=" + shortest_text(coupling) + " h=" + shortest_text(field);
}

std::unique_ptr<PreparedEnergyModel> CurieWeissSpec::prepare(const EnergyContext &) const {
  return prepared(1, [spec = *this](const Lattice &lattice) {
    return std::make_unique<CurieWeissModel>(lattice, spec.coupling, spec.field);
  });
}

std::string PairFileSpec::description() const {
  return "pairs " + path;
}

std::unique_ptr<PreparedEnergyModel> PairFileSpec::prepare(const EnergyContext &context) const {
  auto table = std::make_shared<const PairInteractionTable>(
      read_pair_interactions(path, context.species));
  const int shells = static_cast<int>(table->shell.size());
  return prepared(shells, [table](const Lattice &lattice) {
    return std::make_unique<PairInteractionModel>(lattice, *table);
  });
}

std::string EamFileSpec::description() const {
  return "eam " + path;
}

std::unique_ptr<PreparedEnergyModel> EamFileSpec::prepare(const EnergyContext &context) const {
  auto setfl = std::make_shared<const SetflPotential>(read_setfl(path));
  const int shells = shells_within(context.kind, context.a, setfl->cutoff);
  return prepared(shells, [setfl, species = context.species](const Lattice &lattice) {
    return std::make_unique<EamLatticeModel>(lattice, *setfl, species);
  });
}

std::unique_ptr<PreparedEnergyModel> NoEnergySpec::prepare(const EnergyContext &) const {
  return prepared(1, [](const Lattice &lattice) { return std::make_unique<NoEnergyModel>(lattice); });
}

std::string describe(const EnergySpec &spec) {
  return std::visit([](const auto &s) { return s.description(); }, spec);
}

std::unique_ptr<PreparedEnergyModel> prepare(const EnergySpec &spec, const EnergyContext &context) {
  return std::visit([&](const auto &s) { return s.prepare(context); }, spec);
}

std::string file_of(const EnergySpec &spec) {
  if (const auto *p = std::get_if<PairFileSpec>(&spec)) return p->path;
  if (const auto *e = std::get_if<EamFileSpec>(&spec)) return e->path;
  return "";
}

double field_of(const EnergySpec &spec) {
  if (const auto *i = std::get_if<IsingSpec>(&spec)) return i->field;
  if (const auto *c = std::get_if<CurieWeissSpec>(&spec)) return c->field;
  return 0.0;
}

} // namespace macrodyn
