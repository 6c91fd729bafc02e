#pragma once
/// A TorchScript barrier model (e.g. a published neural-network-kinetics model): input float32
/// [B, features], output float32 [B] or [B, 1] = barriers (eV). Implements the core's
/// BarrierModel for fix kmc/lattice's learned barriers.
#include "core/kmc/barrier_model.h"
#include "core/kmc/relu_mlp_barrier_model.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace macrodyn {

class TorchBarrierModel : public BarrierModel {
public:
  /// Loads path and probes it with a zero batch of 8; throws Error naming the file when it does
  /// not load or does not map [8, features] to 8 barriers.
  TorchBarrierModel(const std::string &path, std::size_t features);
  ~TorchBarrierModel() override;

  std::size_t features() const override { return features_; }
  void evaluate(const float *x, std::size_t batch, double *barriers) override;
  /// The model's affine + ReLU layers (learn/model/relu_mlp_form.h), or nullopt and why not.
  std::optional<std::vector<DenseLayer>> relu_mlp_form(std::string &why_not) const;

private:
  struct Module;
  std::unique_ptr<Module> module_;
  std::size_t features_;
  std::string path_;
};

/// How fix kmc/lattice evaluates learned barriers.
enum class BarrierEvaluator {
  Auto, ///< natively when the model is an affine + ReLU chain that agrees with TorchScript
  Torch ///< always through TorchScript
};

struct LoadedBarrierModel {
  std::shared_ptr<BarrierModel> model;
  std::string evaluator; ///< for the log: which evaluation runs, and why
};

/// Loads the TorchScript model at path (errors as TorchBarrierModel). With Auto, a model of the
/// affine + ReLU form whose native evaluation (ReluMlpBarrierModel) agrees with TorchScript within
/// 1e-4 eV on probe batches of random inputs runs natively: about 2.8x faster KMC on sparse
/// jump encodings, and the same barriers to float rounding (tests: within 1e-6 eV of TorchScript
/// for the published NbMoTa model).
LoadedBarrierModel load_barrier_model(const std::string &path, std::size_t features,
                                      BarrierEvaluator evaluator);

} // namespace macrodyn
