#include "learn/train/local_configuration_encoder.h"

#include "core/base/error.h"
#include "learn/train/encoder_parts.h"

#include <cmath>
#include <sstream>

namespace macrodyn::learn {
namespace {

std::string linear(const std::string &name, const std::string &input) {
  return "torch.matmul(" + input + ", self." + name + "_w.t()) + self." + name + "_b";
}

std::string build(torch::jit::Module &m, const LocalEncoderSpec &s) {
  require(s.atoms >= 2, "the local encoder needs at least 2 atoms");
  require(s.closure >= 1 && s.radial >= 1 && !s.hidden.empty(),
          "the local encoder needs closure variables, radial functions and a hidden layer");
  for (double side : s.box)
    require(side >= 2 * s.cutoff, "the local encoder's cutoff " + std::to_string(s.cutoff) +
                                      " exceeds half the box side " + std::to_string(side));
  require(s.r_min > 0 && s.r_min < s.cutoff, "the local encoder needs 0 < r_min < cutoff");
  const int N = s.atoms, K = s.radial, Da = 1 + 2 * K, L = static_cast<int>(s.hidden.size());
  m.register_attribute("encoder_kind", c10::StringType::get(), std::string("local"));
  m.register_attribute("atoms", c10::IntType::get(), int64_t(N));
  m.register_attribute("closure_count", c10::IntType::get(), int64_t(s.closure));
  m.register_attribute("radial", c10::IntType::get(), int64_t(K));
  m.register_attribute("temperature_scale", c10::FloatType::get(), s.temperature_scale);
  m.register_attribute("degrees_of_freedom", c10::FloatType::get(), 3.0 * (N - 1));
  m.register_attribute("cutoff", c10::FloatType::get(), s.cutoff);
  m.register_attribute("fc_rate", c10::FloatType::get(), M_PI / s.cutoff);
  const double spacing = K > 1 ? (s.cutoff - s.r_min) / (K - 1) : (s.cutoff - s.r_min);
  m.register_attribute("width", c10::FloatType::get(), spacing);
  m.register_buffer("centres", torch::linspace(s.r_min, s.cutoff, K, torch::kFloat64));
  m.register_buffer("box", torch::tensor(std::vector<double>(s.box.begin(), s.box.end()),
                                         torch::kFloat64));
  m.register_buffer("d_shift", torch::zeros({Da}, torch::kFloat64));
  m.register_buffer("d_scale", torch::ones({Da}, torch::kFloat64));
  std::vector<int> widths{Da};
  widths.insert(widths.end(), s.hidden.begin(), s.hidden.end());
  widths.push_back(s.closure);
  for (int k = 0; k <= L; ++k)
    xavier_dense(m, "atom" + std::to_string(k), widths[k], widths[k + 1]);
  std::vector<int> back{s.closure};
  back.insert(back.end(), s.hidden.rbegin(), s.hidden.rend());
  back.push_back(2 * Da);
  for (int k = 0; k <= L; ++k)
    xavier_dense(m, "dec" + std::to_string(k), back[k], back[k + 1]);

  std::ostringstream src;
  src << temperature_methods() << R"(
def pair_list(self, x: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    N = self.atoms
    r = x[:, : 3 * N].reshape(x.size(0), N, 3).detach()
    upper = torch.triu_indices(N, N, 1)
    bs: List[Tensor] = []
    first: List[Tensor] = []
    second: List[Tensor] = []
    for b in range(x.size(0)):
        d = r[b, upper[0]] - r[b, upper[1]]
        d = d - self.box * torch.round(d / self.box)
        close = ((d * d).sum(1) < self.cutoff * self.cutoff).nonzero().squeeze(1)
        bs.append(torch.full_like(close, b))
        first.append(upper[0][close])
        second.append(upper[1][close])
    return torch.cat(bs), torch.cat(first), torch.cat(second)

def pair_terms(self, x: Tensor, b: Tensor, i: Tensor, j: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor]:
    N = self.atoms
    r = x[:, : 3 * N].reshape(x.size(0), N, 3)
    v = x[:, 3 * N :].reshape(x.size(0), N, 3)
    d = r[b, i] - r[b, j]
    d = d - self.box * torch.round(d / self.box).detach()
    dist = torch.sqrt((d * d).sum(1))
    u = d / dist.unsqueeze(1)
    w = v[b, i] - v[b, j]
    uw = (u * w).sum(1)
    t = dist.unsqueeze(1) - self.centres
    s2 = self.width * self.width
    e = torch.exp(-0.5 * t * t / s2)
    e1 = -e * t / s2
    e2 = e * (t * t / s2 - 1.0) / s2
    a = self.fc_rate
    fc = (0.5 * (torch.cos(a * dist) + 1.0)).unsqueeze(1)
    fc1 = (-0.5 * a * torch.sin(a * dist)).unsqueeze(1)
    fc2 = (-0.5 * a * a * torch.cos(a * dist)).unsqueeze(1)
    g = e * fc
    g1 = e1 * fc + e * fc1
    g2 = e2 * fc + 2.0 * e1 * fc1 + e * fc2
    return dist, u, w, uw, g, g1, g2

def descriptors_from(self, x: Tensor, m: Tensor, b: Tensor, i: Tensor, j: Tensor, g: Tensor, g1: Tensor, uw: Tensor) -> Tensor:
    B = x.size(0)
    N = self.atoms
    K = self.radial
    v = x[:, 3 * N :].reshape(B, N, 3)
    kinetic = (m * (v * v).sum(2)).unsqueeze(2)
    s = g1 * uw.unsqueeze(1)
    fi = b * N + i
    fj = b * N + j
    G = torch.zeros(B * N, K, dtype=x.dtype).index_add(0, fi, g).index_add(0, fj, g)
    Gd = torch.zeros(B * N, K, dtype=x.dtype).index_add(0, fi, s).index_add(0, fj, s)
    return torch.cat([kinetic, G.reshape(B, N, K), Gd.reshape(B, N, K)], 2)

def descriptors(self, x: Tensor, m: Tensor) -> Tensor:
    b, i, j = self.pair_list(x)
    dist, u, w, uw, g, g1, g2 = self.pair_terms(x, b, i, j)
    return self.descriptors_from(x, m, b, i, j, g, g1, uw)

)";
  src << "def atom_network(self, h: Tensor) -> Tensor:\n";
  for (int k = 0; k < L; ++k)
    src << "    h = self.softplus(" << linear("atom" + std::to_string(k), "h") << ")\n";
  src << "    return " << linear("atom" + std::to_string(L), "h") << "\n\n";
  src << "def decode(self, c: Tensor) -> Tensor:\n    h = c\n";
  for (int k = 0; k < L; ++k)
    src << "    h = self.softplus(" << linear("dec" + std::to_string(k), "h") << ")\n";
  src << "    return " << linear("dec" + std::to_string(L), "h") << "\n\n";
  src << R"(
def closure(self, x: Tensor, m: Tensor) -> Tensor:
    dn = (self.descriptors(x, m) - self.d_shift) / self.d_scale
    return self.atom_network(dn).mean(1)

def encode(self, x: Tensor, m: Tensor) -> Tensor:
    t = self.temperature_scale * self.temperature(x, m)
    return torch.cat([t.unsqueeze(1), self.closure(x, m)], 1)

def reconstruction_loss(self, x: Tensor, m: Tensor) -> Tensor:
    dn = (self.descriptors(x, m) - self.d_shift) / self.d_scale
    target = torch.cat([dn.mean(1), (dn * dn).mean(1)], 1)
    back = self.decode(self.atom_network(dn).mean(1))
    return ((back - target) ** 2).mean()

)";
  // d closure / dx: per-atom network slopes E_a = dh/dd_a / (scale N), spread over the pair
  // terms that build each descriptor (derivation in the header's notation):
  //   G_k:  d g_k / d r_i = g_k' u = -d g_k / d r_j
  //   dG_k: s_k = g_k' (u.w): d s / d v_i = g_k' u, d s / d r_i = g_k'' u (u.w) + g_k' (w - u (u.w)) / r
  //   kinetic: d (m |v|^2) / d v = 2 m v
  src << "def closure_jacobian(self, x: Tensor, m: Tensor) -> Tensor:\n"
         "    B = x.size(0)\n    N = self.atoms\n    K = self.radial\n"
         "    b, i, j = self.pair_list(x)\n"
         "    dist, u, w, uw, g, g1, g2 = self.pair_terms(x, b, i, j)\n"
         "    dn = (self.descriptors_from(x, m, b, i, j, g, g1, uw) - self.d_shift) / self.d_scale\n"
         "    h = dn\n    slopes: List[Tensor] = []\n";
  for (int k = 0; k < L; ++k)
    src << "    a = " << linear("atom" + std::to_string(k), "h") << "\n"
        << "    slopes.append(torch.sigmoid(a))\n    h = self.softplus(a)\n";
  src << "    E = self.atom" << L << "_w.expand(B, N, -1, -1)\n";
  for (int k = L - 1; k >= 0; --k)
    src << "    E = torch.matmul(E * slopes[" << k << "].unsqueeze(2), self.atom" << k << "_w)\n";
  src << R"(    E = (E / self.d_scale / N).reshape(B * N, -1, 1 + 2 * K)
    fi = b * N + i
    fj = b * N + j
    CG = E[fi, :, 1 : 1 + K] + E[fj, :, 1 : 1 + K]
    CD = E[fi, :, 1 + K :] + E[fj, :, 1 + K :]
    Vp = torch.einsum('pck,pk->pc', CD, g1).unsqueeze(2) * u.unsqueeze(1)
    uu = (u * uw.unsqueeze(1)).unsqueeze(1)
    T = g2.unsqueeze(2) * uu + g1.unsqueeze(2) * ((w.unsqueeze(1) - uu) / dist.reshape(-1, 1, 1))
    Rp = torch.einsum('pck,pk->pc', CG, g1).unsqueeze(2) * u.unsqueeze(1) + torch.einsum('pck,pkx->pcx', CD, T)
    c = E.size(1)
    Jr = torch.zeros(B * N, c, 3, dtype=x.dtype).index_add(0, fi, Rp).index_add(0, fj, -Rp)
    Jv = torch.zeros(B * N, c, 3, dtype=x.dtype).index_add(0, fi, Vp).index_add(0, fj, -Vp)
    v = x[:, 3 * N :].reshape(B * N, 1, 3)
    Jv = Jv + E[:, :, 0:1] * (2.0 * m.reshape(B * N, 1, 1) * v)
    Jr = Jr.reshape(B, N, c, 3).permute(0, 2, 1, 3).reshape(B, c, 3 * N)
    Jv = Jv.reshape(B, N, c, 3).permute(0, 2, 1, 3).reshape(B, c, 3 * N)
    return torch.cat([Jr, Jv], 2)

def forward(self, x: Tensor, m: Tensor) -> Tensor:
    return self.encode(x, m)
)";
  return src.str();
}

} // namespace

torch::jit::Module build_local_configuration_encoder(const LocalEncoderSpec &spec) {
  torch::jit::Module m("MacrodynLocalEncoder");
  const std::string source = build(m, spec);
  try {
    m.define(source);
  } catch (const std::exception &e) {
    throw Error(std::string("internal error: the local encoder does not compile: ") + e.what());
  }
  return m;
}

void fit_descriptor_scaling(torch::jit::Module &encoder, const torch::Tensor &x,
                            const torch::Tensor &masses) {
  torch::NoGradGuard no_grad;
  const auto d = encoder.run_method("descriptors", x, masses).toTensor();
  const auto flat = d.reshape({-1, d.size(2)});
  encoder.attr("d_shift").toTensor().copy_(flat.mean(0));
  encoder.attr("d_scale").toTensor().copy_(flat.std(0).clamp_min(1e-12));
}

} // namespace macrodyn::learn
