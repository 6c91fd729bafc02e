#pragma once
/// The losses of the partial-force method (doc/method.md, "Partial force computations") reduced,
/// per configuration, to what a latent ODE g needs: every loss is a quadratic form in g(z),
///   loss(x) = c0 - 2 a . g + g^T Q g,
/// computed once with the frozen encoder phi, so training never touches 6N-sized arrays:
///   L_x     = |f - J^+ g|^2 / 6N:          a = G^-1 J f / 6N,      Q = G^-1 / 6N,  c0 = |f|^2 / 6N
///   L_{x,p} = |f_I - (J^+)_I g|^2 / 6n:    a = G^-1 J_I f_I / 6n,  Q = A A^T / 6n, c0 = |f_I|^2 / 6n
///   L_z     = |J f - g|^2 / d:             a = J f / d,            Q = I / d,      c0 = |J f|^2 / d
/// with J = dphi/dx (d x 6N), G = J J^T, J^+ = J^T G^-1 its right inverse, I the selected atoms'
/// 6n coordinates (positions and velocities), A = G^-1 J_I = ((J^+)_I)^T. Since the n atoms are a
/// uniform draw of n of N, E_I L_{x,p} = L_x (1/6n = (1/p) / 6N): the mean over entries is the
/// study's mean squared error, and the 1/p of the method's estimator.
/// Coordinates and forces use the encoder's layout (configuration_encoder.h): f = (v, F / m).
#include <torch/script.h>

namespace macrodyn::learn {

/// J = dphi/dx of a configuration encoder for a batch, in parts: the z* row = temperature; the
/// closure rows = factor @ first_layer (MLP encoder: never B x c x 6N at once) or dense_closure
/// (an encoder with a closure_jacobian method, such as the local one).
struct EncoderJacobian {
  torch::Tensor factor;        ///< B x c x H1
  torch::Tensor first_layer;   ///< H1 x 6N
  torch::Tensor dense_closure; ///< B x c x 6N, instead of the two above
  torch::Tensor temperature; ///< B x 6N
  torch::Tensor gram() const; ///< B x d x d, J J^T (d = 1 + c; z* first)
  /// J's columns `columns` (B x k, indices into 6N): B x d x k.
  torch::Tensor columns(const torch::Tensor &columns) const;
  /// J f for f: B x 6N -> B x d.
  torch::Tensor times(const torch::Tensor &f) const;
  /// The whole J, B x d x 6N (tests and small systems).
  torch::Tensor dense() const;
  /// kappa(G) of the closure rows only (the study's penalty; z* is prescribed): B.
  torch::Tensor closure_condition_number() const;
};

EncoderJacobian encoder_jacobian(torch::jit::Module &encoder, const torch::Tensor &x,
                                 const torch::Tensor &masses);

/// A loss's quadratic form for a batch of configurations.
struct ForceProjection {
  torch::Tensor z;  ///< B x d, phi(x)
  torch::Tensor a;  ///< B x d
  torch::Tensor q;  ///< B x d x d
  torch::Tensor c0; ///< B
};

/// The coordinates (B x 6n) of atoms `selected` (B x n, 0-based atom rows): positions, velocities.
torch::Tensor selected_coordinates(const torch::Tensor &selected, int atoms);

/// L_{x,p}: f_selected holds f at selected_coordinates(selected) (B x 6n).
ForceProjection project_partial(const EncoderJacobian &jacobian, const torch::Tensor &z,
                                const torch::Tensor &selected, const torch::Tensor &f_selected);
/// L_x on every coordinate (f: B x 6N).
ForceProjection project_full(const EncoderJacobian &jacobian, const torch::Tensor &z,
                             const torch::Tensor &f);
/// L_z (f: B x 6N, every force).
ForceProjection project_latent(const EncoderJacobian &jacobian, const torch::Tensor &z,
                               const torch::Tensor &f);

/// The rows of J^+ for the selected atoms' coordinates, B x 6n x d (stored by nobody: the
/// projections need only their products; for tests and inspection).
torch::Tensor pseudo_inverse_rows(const EncoderJacobian &jacobian, const torch::Tensor &selected);

/// Per-configuration loss c0 - 2 a.g + g^T Q g for g: B x d.
torch::Tensor projected_loss(const ForceProjection &p, const torch::Tensor &g);

} // namespace macrodyn::learn
