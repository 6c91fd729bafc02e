#pragma once
/// What both closure encoders over whole configurations (configuration_encoder.h,
/// local_configuration_encoder.h) share: their dense layers' initialization and the TorchScript
/// of the prescribed temperature, so that z* is one definition.
#include <torch/script.h>

#include <string>

namespace macrodyn::learn {

/// Registers name_w (out x in, Xavier-uniform, as the study) and name_b (out, zero).
void xavier_dense(torch::jit::Module &m, const std::string &name, int in, int out);

/// TorchScript methods softplus(u), temperature(x, m) and temperature_gradient(x, m) (d z*/dx),
/// reading the module's attributes atoms, degrees_of_freedom and temperature_scale.
std::string temperature_methods();

} // namespace macrodyn::learn
