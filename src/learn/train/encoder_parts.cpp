#include "learn/train/encoder_parts.h"

#include <cmath>

namespace macrodyn::learn {

void xavier_dense(torch::jit::Module &m, const std::string &name, int in, int out) {
  const double bound = std::sqrt(6.0 / (in + out));
  m.register_parameter(name + "_w",
                       ((torch::rand({out, in}, torch::kFloat64) * 2 - 1) * bound).requires_grad_(),
                       false);
  m.register_parameter(name + "_b", torch::zeros({out}, torch::kFloat64).requires_grad_(), false);
}

std::string temperature_methods() {
  return R"(
def softplus(self, u: Tensor) -> Tensor:
    return torch.relu(u) + torch.log1p(torch.exp(-torch.abs(u)))

def temperature(self, x: Tensor, m: Tensor) -> Tensor:
    v = x[:, 3 * self.atoms :].reshape(x.size(0), self.atoms, 3)
    return (m.unsqueeze(2) * v * v).sum([1, 2]) / self.degrees_of_freedom

def temperature_gradient(self, x: Tensor, m: Tensor) -> Tensor:
    v = x[:, 3 * self.atoms :].reshape(x.size(0), self.atoms, 3)
    gv = (2.0 * self.temperature_scale / self.degrees_of_freedom) * m.unsqueeze(2) * v
    return torch.cat([torch.zeros_like(gv).reshape(x.size(0), -1), gv.reshape(x.size(0), -1)], 1)

)";
}

} // namespace macrodyn::learn
