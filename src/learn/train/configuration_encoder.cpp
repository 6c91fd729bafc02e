#include "learn/train/configuration_encoder.h"

#include "core/base/error.h"
#include "learn/train/encoder_parts.h"

#include <cmath>
#include <sstream>

namespace macrodyn::learn {
namespace {

std::string layer(const std::string &name, const std::string &input) {
  return "torch.addmm(self." + name + "_b, " + input + ", self." + name + "_w.t())";
}

std::string build(torch::jit::Module &m, const ConfigurationEncoderSpec &s) {
  require(s.atoms >= 2, "the configuration encoder needs at least 2 atoms");
  require(s.closure >= 1, "the configuration encoder needs at least one closure variable");
  require(!s.hidden.empty(), "the configuration encoder needs at least one hidden layer");
  const int N = s.atoms, in = 6 * N, L = static_cast<int>(s.hidden.size());
  m.register_attribute("encoder_kind", c10::StringType::get(), std::string("mlp"));
  m.register_attribute("atoms", c10::IntType::get(), int64_t(N));
  m.register_attribute("closure_count", c10::IntType::get(), int64_t(s.closure));
  m.register_attribute("temperature_scale", c10::FloatType::get(), s.temperature_scale);
  m.register_attribute("degrees_of_freedom", c10::FloatType::get(), 3.0 * (N - 1));
  std::vector<int> widths{in};
  widths.insert(widths.end(), s.hidden.begin(), s.hidden.end());
  widths.push_back(s.closure);
  for (int k = 0; k <= L; ++k)
    xavier_dense(m, "enc" + std::to_string(k), widths[k], widths[k + 1]);
  for (int k = 0; k <= L; ++k)
    xavier_dense(m, "dec" + std::to_string(k), widths[L + 1 - k], widths[L - k]);

  std::ostringstream src;
  src << temperature_methods();
  src << "def closure(self, x: Tensor, m: Tensor) -> Tensor:\n    h = x\n";
  for (int k = 0; k < L; ++k)
    src << "    h = self.softplus(" << layer("enc" + std::to_string(k), "h") << ")\n";
  src << "    return " << layer("enc" + std::to_string(L), "h") << "\n\n";
  src << "def encode(self, x: Tensor, m: Tensor) -> Tensor:\n"
         "    t = self.temperature_scale * self.temperature(x, m)\n"
         "    return torch.cat([t.unsqueeze(1), self.closure(x, m)], 1)\n\n";
  src << "def reconstruction_loss(self, x: Tensor, m: Tensor) -> Tensor:\n"
         "    return ((self.decode(self.closure(x, m)) - x) ** 2).mean()\n\n";
  src << "def decode(self, c: Tensor) -> Tensor:\n    h = c\n";
  for (int k = 0; k < L; ++k)
    src << "    h = self.softplus(" << layer("dec" + std::to_string(k), "h") << ")\n";
  src << "    return " << layer("dec" + std::to_string(L), "h") << "\n\n";
  // d closure / dx = W_L S_{L-1} W_{L-1} ... S_0 W_0, S_k = diag(sigmoid(u_k)) at the
  // pre-activations u_k: K is everything left of W_0.
  src << "def closure_factor(self, x: Tensor) -> Tensor:\n    h = x\n    slopes: List[Tensor] = []\n";
  for (int k = 0; k < L; ++k) {
    src << "    u = " << layer("enc" + std::to_string(k), "h") << "\n"
        << "    slopes.append(torch.sigmoid(u))\n"
        << "    h = self.softplus(u)\n";
  }
  src << "    K = self.enc" << L << "_w.unsqueeze(0).expand(x.size(0), -1, -1)\n";
  for (int k = L - 1; k >= 0; --k) {
    src << "    K = K * slopes[" << k << "].unsqueeze(1)\n";
    if (k > 0) src << "    K = torch.matmul(K, self.enc" << k << "_w)\n";
  }
  src << "    return K\n\n";
  src << "def forward(self, x: Tensor, m: Tensor) -> Tensor:\n"
         "    return self.encode(x, m)\n";
  return src.str();
}

} // namespace

torch::jit::Module build_configuration_encoder(const ConfigurationEncoderSpec &spec) {
  torch::jit::Module m("MacrodynConfigurationEncoder");
  const std::string source = build(m, spec);
  try {
    m.define(source);
  } catch (const std::exception &e) {
    throw Error(std::string("internal error: the configuration encoder does not compile: ") +
                e.what());
  }
  return m;
}

} // namespace macrodyn::learn
