#pragma once
/// A closure encoder invariant to atom order and additive over atoms (the limit the published
/// study names for its MLP over ID-ordered coordinates): closure(x) = (1/N) sum_i h(d_i), with h
/// a softplus MLP of per-atom descriptors in a periodic orthogonal box,
///   d_i = (m_i |v_i|^2,  G_k(i) = sum_j g_k(r_ij),  dG_k(i)/dt = sum_j g_k'(r_ij) u_ij.(v_i - v_j)),
///   g_k(r) = exp(-(r - mu_k)^2 / 2 sigma^2) f_c(r), f_c = (1 + cos(pi r / r_c)) / 2 below r_c,
/// K radial centres mu_k spread over [r_min, r_c] (sigma their spacing): the local structure and
/// its rate of change, which is what moves the potential energy and so the temperature. The
/// decoder, used only for training, reconstructs the configuration's descriptor statistics
/// (mean of d and of d^2 over atoms, in the descriptor scaling).
///
/// Same methods as configuration_encoder.h (temperature, temperature_gradient, encode, closure,
/// reconstruction_loss), with the closure rows of the Jacobian given whole:
///   closure_jacobian(x, m) -> B x c x 6N   analytic (pair terms), differentiable in the weights
///   descriptors(x, m) -> B x N x (1 + 2K)
/// Pairs are found by brute force (N (N - 1) / 2 distances per configuration): meant for N up to a
/// few thousand atoms.
#include <torch/script.h>

#include <array>
#include <vector>

namespace macrodyn::learn {

struct LocalEncoderSpec {
  int atoms = 0;
  int closure = 31;
  std::vector<int> hidden{64, 64};
  int radial = 8;             ///< K
  double cutoff = 2.5;        ///< r_c, at most half the shortest box side
  double r_min = 0.8;         ///< first radial centre
  std::array<double, 3> box{}; ///< periodic side lengths
  double temperature_scale = 20.0;
};

torch::jit::Module build_local_configuration_encoder(const LocalEncoderSpec &spec);

/// Sets the descriptor scaling (shift, scale per descriptor) from configurations x, m.
void fit_descriptor_scaling(torch::jit::Module &encoder, const torch::Tensor &x,
                            const torch::Tensor &masses);

} // namespace macrodyn::learn
