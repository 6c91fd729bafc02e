#include "learn/model/relu_mlp_form.h"

#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/ir/ir.h>

namespace macrodyn {

namespace {

namespace jit = torch::jit;

/// The affine map y = (h A) * s + c built up since the last ReLU (A undefined: identity so far;
/// s undefined: 1). A stays the model's own matrix while only scales and shifts follow it.
struct Pending {
  at::Tensor A, s, c;
  std::size_t width() const { return static_cast<std::size_t>(A.size(1)); }
};

std::optional<at::Tensor> constant_tensor(const jit::Value *v) {
  const auto iv = jit::toIValue(v);
  if (!iv) return std::nullopt;
  if (iv->isTensor()) return iv->toTensor().to(torch::kFloat64);
  if (iv->isDouble() || iv->isInt())
    return torch::full({}, iv->toScalar().toDouble(), torch::kFloat64);
  return std::nullopt;
}

std::optional<double> constant_number(const jit::Value *v) {
  const auto iv = jit::toIValue(v);
  if (!iv || !(iv->isDouble() || iv->isInt())) return std::nullopt;
  return iv->toScalar().toDouble();
}

/// t as a row of `width` values (a scalar, [width] or [1, width]), or undefined.
at::Tensor as_row(const at::Tensor &t, std::size_t width) {
  const auto n = static_cast<std::int64_t>(width);
  if (t.numel() == 1) return t.reshape({1}).expand({n}).clone();
  if (t.numel() == n && t.dim() <= 2 && t.size(-1) == n) return t.reshape({n});
  return {};
}

class Folder {
public:
  explicit Folder(std::size_t features) : features_(features) {}

  /// Applies node n, whose operand `cur` is the running activation; false with why_ set if n is
  /// not a step of an affine + ReLU chain.
  bool apply(const jit::Node *n, const jit::Value *cur) {
    const auto kind = n->kind();
    const auto in = n->inputs();
    if (kind == c10::aten::matmul || kind == c10::aten::mm) {
      const auto W = in[0] == cur ? constant_tensor(in[1]) : std::nullopt;
      return W && multiply(W->dim() == 1 ? W->reshape({-1, 1}) : *W);
    }
    if (kind == c10::aten::linear) {
      const auto W = constant_tensor(in[1]);
      if (in[0] != cur || !W || W->dim() != 2 || !multiply(W->t())) return fail(n);
      if (jit::toIValue(in[2]) && jit::toIValue(in[2])->isNone()) return true;
      const auto b = constant_tensor(in[2]);
      return (b && shift(*b, 1.0)) || fail(n);
    }
    if (kind == c10::aten::addmm) { // beta b + alpha h W
      const auto b = constant_tensor(in[0]), W = constant_tensor(in[2]);
      const auto beta = constant_number(in[3]), alpha = constant_number(in[4]);
      if (in[1] != cur || !b || !W || !beta || !alpha || !multiply(*W * *alpha)) return fail(n);
      return shift(*b, *beta) || fail(n);
    }
    if (kind == c10::aten::mul || kind == c10::aten::div) {
      const auto other = in[0] == cur ? in[1] : in[0];
      auto s = constant_tensor(other);
      if (!s || (kind == c10::aten::div && in[0] != cur) || !p_.A.defined()) return fail(n);
      auto row = as_row(kind == c10::aten::div ? 1.0 / *s : *s, p_.width());
      if (!row.defined()) return fail(n);
      p_.s = p_.s.defined() ? p_.s * row : row;
      if (p_.c.defined()) p_.c = p_.c * row;
      return true;
    }
    if (kind == c10::aten::add || kind == c10::aten::sub) {
      // add(h, t, alpha) = h + alpha t; sub(h, t, alpha) = h - alpha t; add(t, h) when alpha = 1.
      const auto other = in[0] == cur ? in[1] : in[0];
      const auto t = constant_tensor(other);
      const auto alpha = in.size() > 2 ? constant_number(in[2]) : std::optional<double>(1.0);
      if (!t || !alpha || (in[0] != cur && (kind == c10::aten::sub || *alpha != 1.0)))
        return fail(n);
      return shift(*t, kind == c10::aten::sub ? -*alpha : *alpha) || fail(n);
    }
    if (kind == c10::aten::relu) {
      if (!p_.A.defined()) return fail(n);
      layers_.push_back(layer());
      p_ = {};
      return true;
    }
    if (kind == c10::aten::squeeze || kind == c10::aten::reshape || kind == c10::aten::view ||
        kind == c10::aten::flatten || kind == c10::aten::contiguous) // of the one output only
      return (p_.A.defined() && p_.width() == 1) || fail(n);
    return fail(n);
  }

  std::optional<std::vector<DenseLayer>> finish(std::string &why) {
    if (!why_.empty()) {
      why = why_;
      return std::nullopt;
    }
    if (!p_.A.defined() || p_.width() != 1) {
      why = "its output is not one affine value per jump after the last ReLU";
      return std::nullopt;
    }
    layers_.push_back(layer()); // the output layer: no ReLU after it
    if (layers_.front().in != features_) {
      why = "its first layer reads " + std::to_string(layers_.front().in) + " features, not " +
            std::to_string(features_);
      return std::nullopt;
    }
    return std::move(layers_);
  }

  bool fail(const jit::Node *n) {
    if (why_.empty())
      why_ = "it applies " + std::string(n->kind().toQualString()) +
             " in a way that is not an affine layer or a ReLU";
    return false;
  }

private:
  bool multiply(const at::Tensor &W) {
    if (W.dim() != 2 || (p_.A.defined() && p_.A.size(1) != W.size(0))) return false;
    if (p_.s.defined()) p_.A = p_.A * p_.s, p_.s = at::Tensor(); // a second product: fold
    p_.A = p_.A.defined() ? p_.A.mm(W) : W.clone();
    if (p_.c.defined()) p_.c = p_.c.matmul(W);
    return true;
  }
  bool shift(const at::Tensor &t, double alpha) {
    if (!p_.A.defined()) return false;
    auto row = as_row(t, p_.width());
    if (!row.defined()) return false;
    p_.c = p_.c.defined() ? p_.c + alpha * row : alpha * row;
    return true;
  }
  static std::vector<float> floats(const at::Tensor &t) {
    const auto f = t.to(torch::kFloat32).contiguous();
    return {f.data_ptr<float>(), f.data_ptr<float>() + f.numel()};
  }
  DenseLayer layer() const {
    DenseLayer l;
    l.in = static_cast<std::size_t>(p_.A.size(0));
    l.out = p_.width();
    l.weight = floats(p_.A);
    if (p_.s.defined()) l.scale = floats(p_.s);
    l.bias = p_.c.defined() ? floats(p_.c) : std::vector<float>(l.out, 0.0f);
    return l;
  }

  std::size_t features_;
  Pending p_;
  std::vector<DenseLayer> layers_;
  std::string why_;
};

} // namespace

std::optional<std::vector<DenseLayer>> relu_mlp_form(const torch::jit::Module &module,
                                                     std::size_t features, std::string &why_not) {
  jit::Module frozen;
  try {
    // Freezing inlines the submodules and turns their parameters into constants.
    frozen = jit::freeze(module, c10::nullopt, /*optimize_numerics=*/false);
  } catch (const std::exception &e) {
    why_not = "it cannot be frozen: " + std::string(e.what()).substr(0, 120);
    return std::nullopt;
  }
  const auto graph = frozen.get_method("forward").graph();
  const auto inputs = graph->inputs();
  if (inputs.empty() || graph->outputs().size() != 1) {
    why_not = "its forward does not map one input to one output";
    return std::nullopt;
  }
  const jit::Value *cur = inputs[inputs.size() - 1];
  Folder folder(features);
  for (const jit::Node *n : graph->nodes()) {
    bool uses_cur = false, uses_other = false;
    for (const jit::Value *v : n->inputs()) {
      if (v == cur)
        uses_cur = true;
      else if (!jit::toIValue(v))
        uses_other = true; // neither the activation nor a constant
    }
    if (n->kind() == c10::prim::Constant) continue;
    if (n->kind() == c10::prim::ListConstruct && !uses_cur && !uses_other) continue; // shapes
    if (!uses_cur ||
        (uses_other && n->kind() != c10::aten::reshape && n->kind() != c10::aten::view)) {
      folder.fail(n);
      break;
    }
    if (!folder.apply(n, cur)) break;
    cur = n->output();
  }
  if (graph->outputs()[0] != cur) folder.fail(graph->outputs()[0]->node());
  return folder.finish(why_not);
}

} // namespace macrodyn
