#include "learn/train/force_projection.h"

#include "core/base/error.h"

#include <torch/linalg.h>

namespace macrodyn::learn {

EncoderJacobian encoder_jacobian(torch::jit::Module &encoder, const torch::Tensor &x,
                                 const torch::Tensor &masses) {
  EncoderJacobian j;
  if (encoder.find_method("closure_jacobian")) {
    j.dense_closure = encoder.run_method("closure_jacobian", x, masses).toTensor();
  } else {
    j.factor = encoder.run_method("closure_factor", x).toTensor();
    j.first_layer = encoder.attr("enc0_w").toTensor();
  }
  j.temperature = encoder.run_method("temperature_gradient", x, masses).toTensor();
  return j;
}

namespace {

/// Closure rows times their transpose, B x c x c.
torch::Tensor closure_gram(const EncoderJacobian &j) {
  if (j.dense_closure.defined())
    return torch::bmm(j.dense_closure, j.dense_closure.transpose(1, 2));
  const auto &W = j.first_layer;
  return torch::matmul(torch::matmul(j.factor, torch::mm(W, W.t())), j.factor.transpose(1, 2));
}

} // namespace

torch::Tensor EncoderJacobian::gram() const {
  const auto cc = closure_gram(*this);
  const auto ct = dense_closure.defined()
                      ? torch::bmm(dense_closure, temperature.unsqueeze(2))
                      : torch::bmm(factor, torch::mm(temperature, first_layer.t()).unsqueeze(2));
  const auto tt = (temperature * temperature).sum(1).reshape({-1, 1, 1});
  const auto top = torch::cat({tt, ct.transpose(1, 2)}, 2);
  const auto bottom = torch::cat({ct, cc}, 2);
  return torch::cat({top, bottom}, 1);
}

torch::Tensor EncoderJacobian::columns(const torch::Tensor &cols) const {
  const auto B = cols.size(0), k = cols.size(1);
  torch::Tensor closure_rows;
  if (dense_closure.defined()) {
    closure_rows = dense_closure.gather(
        2, cols.unsqueeze(1).expand({B, dense_closure.size(1), k}));
  } else {
    const auto H = first_layer.size(0);
    const auto W = first_layer.index_select(1, cols.reshape({-1})).reshape({H, B, k});
    closure_rows = torch::bmm(factor, W.permute({1, 0, 2})); // B x c x k
  }
  return torch::cat({temperature.gather(1, cols).unsqueeze(1), closure_rows}, 1);
}

torch::Tensor EncoderJacobian::times(const torch::Tensor &f) const {
  const auto closure_rows =
      dense_closure.defined() ? torch::bmm(dense_closure, f.unsqueeze(2))
                              : torch::bmm(factor, torch::mm(f, first_layer.t()).unsqueeze(2));
  return torch::cat({(temperature * f).sum(1, true), closure_rows.squeeze(2)}, 1);
}

torch::Tensor EncoderJacobian::dense() const {
  return torch::cat({temperature.unsqueeze(1),
                     dense_closure.defined() ? dense_closure : torch::matmul(factor, first_layer)},
                    1);
}

torch::Tensor EncoderJacobian::closure_condition_number() const {
  const auto cc = closure_gram(*this);
  const auto eig = torch::linalg::eigvalsh(cc, "L");
  return std::get<0>(eig.max(1)) / std::get<0>(eig.min(1));
}

torch::Tensor selected_coordinates(const torch::Tensor &selected, int atoms) {
  const auto base = (selected * 3).unsqueeze(2) + torch::arange(3, selected.options());
  const auto r = base.reshape({selected.size(0), -1});
  return torch::cat({r, r + 3 * atoms}, 1);
}

namespace {

/// G^-1 B for a batch, naming the failure: a rank-deficient Jacobian has no right inverse.
torch::Tensor solve_gram(const torch::Tensor &G, const torch::Tensor &rhs) {
  const auto [L, info] = torch::linalg_cholesky_ex(G, false, false);
  require(info.max().item<int>() == 0,
          "the encoder Jacobian J has dependent rows in some configuration (J J^T is singular): "
          "train the encoder with a condition penalty (lambda_cond > 0) or fewer closure variables");
  return torch::cholesky_solve(rhs, L, false);
}

} // namespace

ForceProjection project_partial(const EncoderJacobian &j, const torch::Tensor &z,
                                const torch::Tensor &selected, const torch::Tensor &f_sel) {
  const auto cols = selected_coordinates(selected, static_cast<int>(j.temperature.size(1) / 6));
  const double entries = static_cast<double>(cols.size(1));
  const auto A = solve_gram(j.gram(), j.columns(cols)); // B x d x 6n
  return {z, torch::bmm(A, f_sel.unsqueeze(2)).squeeze(2) / entries,
          torch::bmm(A, A.transpose(1, 2)) / entries, (f_sel * f_sel).sum(1) / entries};
}

ForceProjection project_full(const EncoderJacobian &j, const torch::Tensor &z,
                             const torch::Tensor &f) {
  const double entries = static_cast<double>(f.size(1));
  const auto G = j.gram();
  const auto d = G.size(1);
  const auto eye = torch::eye(d, G.options()).expand({G.size(0), d, d});
  const auto Ginv = solve_gram(G, eye);
  const auto Jf = j.times(f);
  return {z, torch::bmm(Ginv, Jf.unsqueeze(2)).squeeze(2) / entries, Ginv / entries,
          (f * f).sum(1) / entries};
}

ForceProjection project_latent(const EncoderJacobian &j, const torch::Tensor &z,
                               const torch::Tensor &f) {
  const auto Jf = j.times(f);
  const auto d = Jf.size(1);
  const double entries = static_cast<double>(d);
  const auto eye = torch::eye(d, Jf.options()).expand({Jf.size(0), d, d}) / entries;
  return {z, Jf / entries, eye.contiguous(), (Jf * Jf).sum(1) / entries};
}

torch::Tensor pseudo_inverse_rows(const EncoderJacobian &j, const torch::Tensor &selected) {
  const auto cols = selected_coordinates(selected, static_cast<int>(j.temperature.size(1) / 6));
  return solve_gram(j.gram(), j.columns(cols)).transpose(1, 2);
}

torch::Tensor projected_loss(const ForceProjection &p, const torch::Tensor &g) {
  const auto qg = torch::bmm(p.q, g.unsqueeze(2)).squeeze(2);
  return p.c0 - 2 * (p.a * g).sum(1) + (g * qg).sum(1);
}

} // namespace macrodyn::learn
