#include "learn/model/torch_barrier_model.h"


#include "core/base/error.h"

#include <cstring>

#include <torch/script.h>
#include <torch/torch.h>

namespace macrodyn {

struct TorchBarrierModel::Module {
  torch::jit::Module module;
};

TorchBarrierModel::TorchBarrierModel(const std::string &path, std::size_t features)
    : module_(std::make_unique<Module>()), features_(features), path_(path) {
  try {
    module_->module = torch::jit::load(path);
  } catch (const std::exception &e) {
    throw Error("cannot load barrier model '" + path + "' as TorchScript: " +
                std::string(e.what()).substr(0, 200));
  }
  module_->module.eval();
  std::vector<float> probe(8 * features, 0.0f);
  std::vector<double> out(8);
  evaluate(probe.data(), 8, out.data());
}

TorchBarrierModel::~TorchBarrierModel() = default;

void TorchBarrierModel::evaluate(const float *x, std::size_t batch, double *barriers) {
  torch::InferenceMode guard;
  const auto input =
      torch::from_blob(const_cast<float *>(x),
                       {static_cast<std::int64_t>(batch), static_cast<std::int64_t>(features_)},
                       torch::kFloat32);
  torch::Tensor output;
  try {
    output = module_->module.forward({input}).toTensor();
  } catch (const std::exception &e) {
    throw Error("barrier model '" + path_ + "' does not take float32 [" + std::to_string(batch) +
                ", " + std::to_string(features_) + "]: " + std::string(e.what()).substr(0, 200));
  }
  output = output.reshape({-1}).to(torch::kFloat64).contiguous();
  if (output.numel() != static_cast<std::int64_t>(batch))
    throw Error("barrier model '" + path_ + "' returned " + std::to_string(output.numel()) +
                " values for a batch of " + std::to_string(batch) + " (expected one barrier each)");
  std::memcpy(barriers, output.data_ptr<double>(), batch * sizeof(double));
}

} // namespace macrodyn
