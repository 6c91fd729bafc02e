#include "learn/model/closure_patches.h"

#include <torch/torch.h>

#include <algorithm>

namespace macrodyn::learn {

torch::Tensor encode_patches(torch::jit::Module &closure, const torch::Tensor &species) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> parts;
  // The encoder builds a one-hot row of sites x channels numbers per patch: keep a chunk near 8 MB.
  const int64_t chunk = std::max<int64_t>(16, (1 << 20) / std::max<int64_t>(1, species[0].numel() * 4));
  for (int64_t from = 0; from < species.size(0); from += chunk)
    parts.push_back(
        closure.run_method("encode_species", species.slice(0, from, from + chunk)).toTensor());
  return torch::cat(parts, 0);
}

std::vector<double> box_closure(torch::jit::Module &closure, const std::int8_t *config,
                                const PatchTiling &tiling) {
  auto patches =
      torch::empty({tiling.n_patches(), static_cast<long>(tiling.sites_per_patch())}, torch::kLong);
  auto a = patches.accessor<int64_t, 2>();
  for (int J = 0; J < tiling.n_patches(); ++J) {
    const auto &sites = tiling.sites_of(J);
    for (std::size_t i = 0; i < sites.size(); ++i)
      a[J][i] = config[sites[i]];
  }
  const auto mean = encode_patches(closure, patches).mean(0).contiguous();
  return std::vector<double>(mean.data_ptr<double>(), mean.data_ptr<double>() + mean.size(0));
}

} // namespace macrodyn::learn
