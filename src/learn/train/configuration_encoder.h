#pragma once
/// The closure autoencoder of the partial-force method (doc/method.md, "Partial force
/// computations") over whole MD configurations: z = phi(x) = (z*, closure(x)) with z* the
/// prescribed instantaneous temperature, computed exactly, and closure(x) an MLP over the
/// ID-ordered coordinates (the published architecture; not invariant to atom order).
///
/// Coordinates x: B x 6N, positions then velocities, atom-major (x1 y1 z1 x2 ... vx1 vy1 ...),
/// positions unwrapped; masses m: B x N. Built as a torch::jit::Module (like sde_module.h):
///   temperature(x, m) -> B                 T = sum m v^2 / (3 (N - 1)), k_B = 1
///   encode(x, m) -> B x (1 + c)            (temperature_scale * T, closure(x))
///   closure(x, m) -> B x c
///   reconstruction_loss(x, m) -> scalar   mean squared error of decode(closure) against x
///   decode(closure) -> B x 6N              used only to train the encoder
///   closure_factor(x) -> B x c x H1        K with d closure / dx = K @ enc0_w (softplus layers:
///                                          the Jacobian without autograd, one first layer
///                                          shared by the whole batch)
///   temperature_gradient(x, m) -> B x 6N   d z*/dx
#include <torch/script.h>

#include <vector>

namespace macrodyn::learn {

struct ConfigurationEncoderSpec {
  int atoms = 0;                       ///< N
  int closure = 31;                    ///< c learned variables (the study: 31)
  std::vector<int> hidden{64, 64};     ///< encoder widths; the decoder mirrors them
  double temperature_scale = 20.0;     ///< z* = scale * T (the study's factor 20)
};

torch::jit::Module build_configuration_encoder(const ConfigurationEncoderSpec &spec);

} // namespace macrodyn::learn
