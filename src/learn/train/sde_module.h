#pragma once
/// The learned SDE as a torch::jit::Module built in C++: parameters registered on the module and
/// methods written as TorchScript source, so the very object that is trained is the model.pt that
/// LAMMPS styles, macrodyn and Python's torch.jit.load run.
///
/// Methods (physical units unless the name ends in _n; z: B x D, c: B x C, noise: B x D):
///   drift(z, c) -> B x D            f(z, c)
///   diffusion(z, c) -> B x D x D    g(z, c) (lower triangular)
///   step(z, c, dt: float, noise) -> B x D    one Euler-Maruyama step z + f dt + g noise sqrt(dt)
///   rk4(z, c, dt: float, steps: int) -> (steps + 1) x B x D   the drift's ODE by classical RK4
///                                    (a latent ODE's roll-out: diffusion none)
///   forward(z, c) = drift(z, c)
///   normalize_z(z), normalize_c(c), drift_n(zn, cn), diffusion_n(zn, cn)   network units
///   onsager_parts_n(zn, cn) -> (M, W, grad V)  (S-OnsagerNet drift only)
#include "learn/train/sde_spec.h"

#include <torch/script.h>

namespace macrodyn::learn {

/// A new module with freshly initialized parameters (deterministic for the global torch seed).
torch::jit::Module build_sde_module(const SdeSpec &spec);

/// The TorchScript source of the module's methods (for the curious and for error messages).
std::string sde_module_source(const SdeSpec &spec);

/// The trainable parameters of a module, in registration order.
std::vector<torch::Tensor> parameters_of(const torch::jit::Module &module);

} // namespace macrodyn::learn
