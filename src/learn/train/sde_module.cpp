#include "learn/train/sde_module.h"

#include "core/base/error.h"

#include <cmath>
#include <sstream>

namespace macrodyn::learn {
namespace {

/// Inverse of the softplus used for positive diagonals: softplus(x) = y.
double inverse_softplus(double y) {
  return y > 20 ? y : std::log(std::expm1(y));
}

/// Registers a dense layer name_w (out x in), name_b (out): uniform(-1/sqrt(in), 1/sqrt(in))
/// initialization, weights scaled by `gain`.
void dense(torch::jit::Module &m, const std::string &name, int in, int out, double gain = 1.0) {
  const double bound = 1.0 / std::sqrt(std::max(1, in));
  auto w = (torch::rand({out, in}, torch::kFloat64) * 2 - 1) * bound * gain;
  auto b = (torch::rand({out}, torch::kFloat64) * 2 - 1) * bound * gain;
  m.register_parameter(name + "_w", w.requires_grad_(), false);
  m.register_parameter(name + "_b", b.requires_grad_(), false);
}

/// An MLP `name` with tanh hidden layers and a linear output layer: registers the layers
/// name0..nameL and returns its TorchScript method `def name(self, x)`.
std::string mlp(torch::jit::Module &m, const std::string &name, int in,
                const std::vector<int> &hidden, int out, double out_gain) {
  std::ostringstream src;
  src << "def " << name << "(self, x: Tensor) -> Tensor:\n    h = x\n";
  int width = in;
  for (std::size_t k = 0; k < hidden.size(); ++k) {
    const std::string layer = name + std::to_string(k);
    dense(m, layer, width, hidden[k]);
    src << "    h = torch.tanh(torch.addmm(self." << layer << "_b, h, self." << layer
        << "_w.t()))\n";
    width = hidden[k];
  }
  const std::string last = name + std::to_string(hidden.size());
  dense(m, last, width, out, out_gain);
  src << "    return torch.addmm(self." << last << "_b, h, self." << last << "_w.t())\n\n";
  return src.str();
}

/// The input-gradient of V = |mlp(x)|^2 / 2 by explicit backpropagation through the tanh layers
/// (no autograd inside the model: it runs the same under torch.no_grad in Python).
std::string mlp_potential_gradient(const std::string &name, std::size_t layers) {
  std::ostringstream src;
  src << "def " << name << "_value_and_gradient(self, x: Tensor) -> Tuple[Tensor, Tensor]:\n";
  src << "    a = [x]\n";
  for (std::size_t k = 0; k < layers; ++k)
    src << "    a.append(torch.tanh(torch.addmm(self." << name << k << "_b, a[-1], self." << name
        << k << "_w.t())))\n";
  src << "    h = torch.addmm(self." << name << layers << "_b, a[-1], self." << name << layers
      << "_w.t())\n";
  src << "    g = torch.mm(h, self." << name << layers << "_w)\n";
  for (std::size_t k = layers; k-- > 0;)
    src << "    g = torch.mm(g * (1.0 - a[" << k + 1 << "] * a[" << k + 1 << "]), self." << name
        << k << "_w)\n";
  src << "    return 0.5 * (h * h).sum(1), g\n\n";
  return src.str();
}

std::vector<double> to_vector(const std::vector<double> &v, std::size_t n, double fill) {
  return v.size() == n ? v : std::vector<double>(n, fill);
}

torch::Tensor tensor_of(const std::vector<double> &v) {
  return torch::tensor(v, torch::kFloat64);
}

} // namespace

std::vector<torch::Tensor> parameters_of(const torch::jit::Module &module) {
  std::vector<torch::Tensor> out;
  for (const auto &p : module.parameters())
    out.push_back(p);
  return out;
}

namespace {

std::string build(torch::jit::Module &m, const SdeSpec &s) {
  require(s.dimension >= 1, "an SDE needs at least one dimension");
  require(s.conditions >= 0, "negative condition count");
  require(!s.hidden.empty(), "an SDE network needs at least one hidden layer");
  const int D = s.dimension, C = s.conditions;
  const int E = C > 0 ? s.condition_embedding : 0;
  const int in = D + E;
  const int P = D * (D + 1) / 2;

  m.register_buffer("z_shift", tensor_of(to_vector(s.z.shift, D, 0.0)));
  m.register_buffer("z_scale", tensor_of(to_vector(s.z.scale, D, 1.0)));
  m.register_buffer("c_shift", tensor_of(to_vector(s.c.shift, C, 0.0)));
  m.register_buffer("c_scale", tensor_of(to_vector(s.c.scale, C, 1.0)));
  m.register_attribute("time_scale", c10::FloatType::get(), s.time_scale);
  m.register_attribute("dimension", c10::IntType::get(), int64_t(D));
  m.register_attribute("condition_count", c10::IntType::get(), int64_t(C));
  auto tril = torch::tril_indices(D, D, 0, torch::kLong);
  m.register_buffer("tril_rows", tril[0].clone());
  m.register_buffer("tril_cols", tril[1].clone());
  m.register_buffer("tril_diagonal", tril[0].eq(tril[1]));

  std::ostringstream src;
  src << "def normalize_z(self, z: Tensor) -> Tensor:\n"
         "    return (z - self.z_shift) / self.z_scale\n\n"
         "def normalize_c(self, c: Tensor) -> Tensor:\n"
         "    return (c - self.c_shift) / self.c_scale\n\n"
         "def softplus(self, x: Tensor) -> Tensor:\n"
         "    return torch.relu(x) + torch.log1p(torch.exp(-torch.abs(x)))\n\n"
         "def lower(self, v: Tensor) -> Tensor:\n"
         "    L = torch.zeros(v.size(0), self.dimension, self.dimension, dtype=v.dtype)\n"
         "    L[:, self.tril_rows, self.tril_cols] = v\n"
         "    return L\n\n";
  // Network input: z and, when conditioned, an embedding of the condition.
  src << "def features(self, zn: Tensor, cn: Tensor) -> Tensor:\n";
  if (E > 0) {
    dense(m, "embed", C, E);
    src << "    e = torch.tanh(torch.addmm(self.embed_b, cn, self.embed_w.t()))\n"
           "    return torch.cat([zn, e], 1)\n\n";
  } else {
    src << "    return zn\n\n";
  }

  // Drift.
  if (s.drift == DriftKind::MLP) {
    src << mlp(m, "drift_net", in, s.hidden, D, 0.1);
    src << "def drift_n(self, zn: Tensor, cn: Tensor) -> Tensor:\n"
           "    return self.drift_net(self.features(zn, cn))\n\n";
  } else {
    // f = -(M + W) grad V + forcing; M = L L^T + floor I (PSD), W = A - A^T (antisymmetric),
    // V = |h(z, c)|^2 / 2 + beta |z|^2 (bounded below by 0).
    mlp(m, "potential", in, s.hidden, D, 1.0);
    src << mlp_potential_gradient("potential", s.hidden.size());
    src << mlp(m, "onsager_net", in, s.hidden, 2 * D * D, 0.1);
    m.register_attribute("onsager_beta", c10::FloatType::get(), s.onsager_beta);
    m.register_attribute("mobility_floor", c10::FloatType::get(), s.onsager_mobility_floor);
    if (E > 0)
      dense(m, "forcing", E, D, 0.1);
    else
      m.register_parameter("forcing_b", torch::zeros({D}, torch::kFloat64).requires_grad_(), false);
    src << "def onsager_parts_n(self, zn: Tensor, cn: Tensor) -> Tuple[Tensor, Tensor, Tensor, "
           "Tensor]:\n"
           "    x = self.features(zn, cn)\n"
           "    B = zn.size(0)\n"
           "    D = self.dimension\n"
           "    out = self.onsager_net(x)\n"
           "    L = out[:, : D * D].reshape(B, D, D)\n"
           "    A = out[:, D * D :].reshape(B, D, D)\n"
           "    eye = torch.eye(D, dtype=zn.dtype).unsqueeze(0)\n"
           "    M = torch.bmm(L, L.transpose(1, 2)) + self.mobility_floor * eye\n"
           "    W = A - A.transpose(1, 2)\n"
           "    V, gx = self.potential_value_and_gradient(x)\n"
           "    V = V + self.onsager_beta * (zn * zn).sum(1)\n"
           "    grad = gx[:, :D] + 2.0 * self.onsager_beta * zn\n"
           "    return M, W, grad, V\n\n";
    src << "def forcing_n(self, zn: Tensor, cn: Tensor) -> Tensor:\n";
    if (E > 0)
      src << "    e = self.features(zn, cn)[:, self.dimension :]\n"
             "    return torch.addmm(self.forcing_b, e, self.forcing_w.t())\n\n";
    else
      src << "    return self.forcing_b.expand(zn.size(0), self.dimension)\n\n";
    src << "def drift_n(self, zn: Tensor, cn: Tensor) -> Tensor:\n"
           "    M, W, grad, V = self.onsager_parts_n(zn, cn)\n"
           "    return -torch.bmm(M + W, grad.unsqueeze(2)).squeeze(2) + self.forcing_n(zn, "
           "cn)\n\n";
  }

  // Diffusion g (lower triangular, positive diagonal) in network units.
  const double g0 = s.diffusion_init;
  const char *header = "def diffusion_n(self, zn: Tensor, cn: Tensor) -> Tensor:\n";
  switch (s.diffusion) {
  case DiffusionKind::DiagonalConstant:
    m.register_parameter("g_log", torch::full({D}, std::log(g0), torch::kFloat64).requires_grad_(),
                         false);
    src << header
        << "    return torch.diag(torch.exp(self.g_log)).unsqueeze(0).expand(zn.size(0), "
           "self.dimension, self.dimension)\n\n";
    break;
  case DiffusionKind::FullConstant: {
    auto v = torch::zeros({P}, torch::kFloat64);
    v.masked_fill_(tril[0].eq(tril[1]), std::log(g0));
    m.register_parameter("g_tril", v.requires_grad_(), false);
    src << header
        << "    v = torch.where(self.tril_diagonal, torch.exp(self.g_tril), self.g_tril)\n"
           "    return self.lower(v.unsqueeze(0)).expand(zn.size(0), self.dimension, "
           "self.dimension)\n\n";
    break;
  }
  case DiffusionKind::None:
    src << header
        << "    return torch.zeros(zn.size(0), self.dimension, self.dimension, dtype=zn.dtype)\n\n";
    break;
  case DiffusionKind::Diagonal:
  case DiffusionKind::Full: {
    const bool full = s.diffusion == DiffusionKind::Full;
    src << mlp(m, "diffusion_net", in, s.hidden, full ? P : D, 0.1);
    // Start at g = g0 I: the last layer's bias holds softplus^-1(g0 - floor) on the diagonal.
    {
      torch::NoGradGuard no_grad;
      auto bias = m.attr("diffusion_net" + std::to_string(s.hidden.size()) + "_b").toTensor();
      const double b0 = inverse_softplus(std::max(g0 - s.diffusion_floor, 1e-8));
      if (full)
        bias.copy_(torch::where(tril[0].eq(tril[1]), torch::full({P}, b0, torch::kFloat64),
                                torch::zeros({P}, torch::kFloat64)));
      else
        bias.fill_(b0);
    }
    m.register_attribute("diffusion_floor", c10::FloatType::get(), s.diffusion_floor);
    src << header << "    v = self.diffusion_net(self.features(zn, cn))\n";
    if (full)
      src << "    v = torch.where(self.tril_diagonal, self.softplus(v) + self.diffusion_floor, v)\n"
             "    return self.lower(v)\n\n";
    else
      src << "    return torch.diag_embed(self.softplus(v) + self.diffusion_floor)\n\n";
    break;
  }
  }

  // Physical units: z = shift + scale zn, t = tau(c) tn; clock(c) is tau (sde_spec.h).
  if (s.clock == ClockKind::Global) {
    src << "def clock(self, c: Tensor) -> Tensor:\n"
           "    return torch.full([c.size(0)], self.time_scale, dtype=c.dtype)\n\n"
           "def drift(self, z: Tensor, c: Tensor) -> Tensor:\n"
           "    f = self.drift_n(self.normalize_z(z), self.normalize_c(c))\n"
           "    return f * self.z_scale / self.time_scale\n\n"
           "def diffusion(self, z: Tensor, c: Tensor) -> Tensor:\n"
           "    g = self.diffusion_n(self.normalize_z(z), self.normalize_c(c))\n"
           "    return g * self.z_scale.unsqueeze(1) / (self.time_scale ** 0.5)\n\n";
  } else {
    require(static_cast<int>(s.clock_slopes.size()) == C,
            "internal error: a per-condition clock needs one slope per condition");
    m.register_buffer("clock_slopes", tensor_of(s.clock_slopes));
    src << "def clock(self, c: Tensor) -> Tensor:\n";
    if (s.clock == ClockKind::Arrhenius)
      src << "    x = self.c_shift / c - 1.0\n";
    else
      src << "    x = self.normalize_c(c)\n";
    src << "    return self.time_scale * torch.exp(torch.mv(x, self.clock_slopes))\n\n"
           "def drift(self, z: Tensor, c: Tensor) -> Tensor:\n"
           "    f = self.drift_n(self.normalize_z(z), self.normalize_c(c))\n"
           "    return f * self.z_scale / self.clock(c).unsqueeze(1)\n\n"
           "def diffusion(self, z: Tensor, c: Tensor) -> Tensor:\n"
           "    g = self.diffusion_n(self.normalize_z(z), self.normalize_c(c))\n"
           "    tau = self.clock(c).view(-1, 1, 1)\n"
           "    return g * self.z_scale.unsqueeze(1) / torch.sqrt(tau)\n\n";
  }
  src << "def step(self, z: Tensor, c: Tensor, dt: float, noise: Tensor) -> Tensor:\n"
         "    f = self.drift(z, c)\n"
         "    g = self.diffusion(z, c)\n"
         "    return z + f * dt + torch.bmm(g, noise.unsqueeze(2)).squeeze(2) * (dt ** 0.5)\n\n"
         "def rk4(self, z: Tensor, c: Tensor, dt: float, steps: int) -> Tensor:\n"
         "    out = [z]\n"
         "    for k in range(steps):\n"
         "        k1 = self.drift(z, c)\n"
         "        k2 = self.drift(z + 0.5 * dt * k1, c)\n"
         "        k3 = self.drift(z + 0.5 * dt * k2, c)\n"
         "        k4 = self.drift(z + dt * k3, c)\n"
         "        z = z + (dt / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)\n"
         "        out.append(z)\n"
         "    return torch.stack(out, 0)\n\n"
         "def forward(self, z: Tensor, c: Tensor) -> Tensor:\n"
         "    return self.drift(z, c)\n";
  return src.str();
}

} // namespace

std::string sde_module_source(const SdeSpec &spec) {
  torch::jit::Module scratch("MacrodynSde");
  return build(scratch, spec);
}

torch::jit::Module build_sde_module(const SdeSpec &spec) {
  torch::jit::Module m("MacrodynSde");
  const std::string source = build(m, spec);
  try {
    m.define(source);
  } catch (const std::exception &e) {
    throw Error(std::string("internal error: the SDE module does not compile: ") + e.what());
  }
  return m;
}

} // namespace macrodyn::learn
