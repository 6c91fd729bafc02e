#include "learn/model/torch_barrier_model.h"


#include "core/base/error.h"
#include "core/base/random_stream.h"
#include "learn/model/relu_mlp_form.h"

#include <algorithm>
#include <cmath>
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

std::optional<std::vector<DenseLayer>> TorchBarrierModel::relu_mlp_form(std::string &why_not) const {
  return macrodyn::relu_mlp_form(module_->module, features_, why_not);
}

namespace {

/// Largest |native - TorchScript| barrier over probe batches of random sparse inputs with the
/// voxel codes 1..3 (dense and sparse native paths both), relative to 1 + |barrier|: 8 batches of
/// 8 rows, each row with n/4 distinct non-zero features.
double native_disagreement(TorchBarrierModel &torch_model, ReluMlpBarrierModel &native) {
  const std::size_t n = torch_model.features(), batch = 8, m = n / 4;
  RandomStream rng(20260, {});
  double worst = 0;
  std::vector<double> a(batch), b(batch), c(batch);
  for (int probe = 0; probe < 8; ++probe) {
    std::vector<float> x(batch * n, 0.0f), value;
    std::vector<std::uint16_t> feature;
    for (std::size_t r = 0; r < batch; ++r) {
      std::vector<std::uint16_t> all(n);
      for (std::size_t k = 0; k < n; ++k)
        all[k] = static_cast<std::uint16_t>(k);
      for (std::size_t j = 0; j < m; ++j) { // the first m of a random permutation
        std::swap(all[j], all[j + rng.below(n - j)]);
        feature.push_back(all[j]);
        value.push_back(static_cast<float>(1 + rng.below(3)));
        x[r * n + all[j]] = value.back();
      }
    }
    torch_model.evaluate(x.data(), batch, a.data());
    native.evaluate(x.data(), batch, b.data());
    native.evaluate_sparse(feature.data(), value.data(), m, batch, c.data());
    for (std::size_t r = 0; r < batch; ++r)
      worst = std::max({worst, std::abs(a[r] - b[r]) / (1 + std::abs(a[r])),
                        std::abs(a[r] - c[r]) / (1 + std::abs(a[r]))});
  }
  return worst;
}

std::string shape_of(const std::vector<DenseLayer> &layers) {
  std::string s = std::to_string(layers.front().in);
  for (const auto &l : layers)
    s += "-" + std::to_string(l.out);
  return s;
}

} // namespace

LoadedBarrierModel load_barrier_model(const std::string &path, std::size_t features,
                                      BarrierEvaluator evaluator) {
  auto torch_model = std::make_shared<TorchBarrierModel>(path, features);
  if (evaluator == BarrierEvaluator::Torch) return {torch_model, "TorchScript (evaluator torch)"};
  std::string why;
  auto layers = torch_model->relu_mlp_form(why);
  if (!layers) return {torch_model, "TorchScript (no native form: " + why + ")"};
  auto native = std::make_shared<ReluMlpBarrierModel>(std::move(*layers));
  const double gap = native_disagreement(*torch_model, *native);
  if (!(gap <= 1e-4))
    return {torch_model, "TorchScript (the native ReLU network differs from it by " +
                             std::to_string(gap) + " on probe inputs)"};
  return {native, "native ReLU network " + shape_of(native->layers()) + " (from TorchScript)"};
}

} // namespace macrodyn
