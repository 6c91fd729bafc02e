#pragma once
/// A TorchScript barrier model (e.g. a published neural-network-kinetics model): input float32
/// [B, features], output float32 [B] or [B, 1] = barriers (eV). Implements the core's
/// BarrierModel for fix kmc/lattice's learned barriers.
#include "core/kmc/barrier_model.h"

#include <memory>
#include <string>

namespace macrodyn {

class TorchBarrierModel : public BarrierModel {
public:
  /// Loads path and probes it with a zero batch of 8; throws Error naming the file when it does
  /// not load or does not map [8, features] to 8 barriers.
  TorchBarrierModel(const std::string &path, std::size_t features);
  ~TorchBarrierModel() override;

  std::size_t features() const override { return features_; }
  void evaluate(const float *x, std::size_t batch, double *barriers) override;

private:
  struct Module;
  std::unique_ptr<Module> module_;
  std::size_t features_;
  std::string path_;
};

} // namespace macrodyn
