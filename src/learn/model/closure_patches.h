#pragma once
/// How a model's closure encoder sees patches: species per site of each patch (rows, PatchTiling
/// sites_of order) in, closure variables per patch out.
#include "core/lattice/patch_tiling.h"

#include <torch/script.h>

#include <cstdint>
#include <vector>

namespace macrodyn::learn {

/// closure.encode_species over the rows of `species` (patches x sites, int64), in chunks that
/// keep the encoder's one-hot input near 8 MB. No gradients.
torch::Tensor encode_patches(torch::jit::Module &closure, const torch::Tensor &species);

/// The closure of a whole configuration (species per site, lattice order): the mean of the
/// encoder over the tiling's patches.
std::vector<double> box_closure(torch::jit::Module &closure, const std::int8_t *config,
                                const PatchTiling &tiling);

} // namespace macrodyn::learn
