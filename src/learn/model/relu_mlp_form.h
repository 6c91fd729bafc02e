#pragma once
/// Reads a TorchScript barrier model as affine layers with ReLUs between them, when its forward
/// is exactly such a chain: matmul / linear / addmm by constant weights, mul / add / sub by
/// constant scales and shifts (a folded batch norm), relu, and squeeze / reshape of the one
/// output. A layer keeps the model's own weight matrix, with the scales and shifts that follow it
/// collected (in double) into one scale and one bias, so the native evaluation rounds as the
/// model does; a second product before the ReLU is folded into the matrix. Anything else (another
/// op, a residual, a non-constant operand) is not this form: the reason comes back and the model
/// runs through TorchScript.
#include "core/kmc/relu_mlp_barrier_model.h"

#include <torch/script.h>

#include <optional>
#include <string>

namespace macrodyn {

/// The layers of `module` (in eval mode) taking `features` inputs, or nullopt with why_not set.
std::optional<std::vector<DenseLayer>> relu_mlp_form(const torch::jit::Module &module,
                                                     std::size_t features, std::string &why_not);

} // namespace macrodyn
