#include "learn/train/closure_module.h"

#include "core/base/error.h"

#include <cmath>
#include <sstream>

namespace macrodyn::learn {
namespace {

void dense(torch::jit::Module &m, const std::string &name, int in, int out) {
  const double bound = 1.0 / std::sqrt(std::max(1, in));
  m.register_parameter(name + "_w",
                       ((torch::rand({out, in}, torch::kFloat64) * 2 - 1) * bound).requires_grad_(),
                       false);
  m.register_parameter(
      name + "_b", ((torch::rand({out}, torch::kFloat64) * 2 - 1) * bound).requires_grad_(), false);
}

} // namespace

torch::jit::Module build_closure_module(const ClosureSpec &s) {
  require(s.sites > 0 && s.channels >= 2 && s.dimension > 0 && !s.hidden.empty(),
          "closure: needs sites, at least two channels, a dimension and hidden layers");
  torch::jit::Module m("MacrodynClosure");
  const int H0 = s.hidden.front();
  // First encoder layer over the one-hot patch, stored as one row per (site, channel): a patch's
  // pre-activation is the sum of the rows its species select, computed as one-hot times rows (one
  // matrix product; gathering the selected rows instead moves batch x sites x width numbers, 32 MB
  // per batch of 256 16x16 patches, and made the autoencoder 20x slower).
  const double bound = 1.0 / std::sqrt(double(s.sites));
  m.register_parameter(
      "encoder_rows",
      ((torch::rand({s.sites * s.channels, H0}, torch::kFloat64) * 2 - 1) * bound).requires_grad_(),
      false);
  m.register_parameter("encoder_bias", torch::zeros({H0}, torch::kFloat64).requires_grad_(), false);
  m.register_buffer("site_offsets", torch::arange(s.sites, torch::kLong) * s.channels);
  m.register_attribute("sites", c10::IntType::get(), int64_t(s.sites));
  m.register_attribute("channels", c10::IntType::get(), int64_t(s.channels));
  m.register_attribute("dimension", c10::IntType::get(), int64_t(s.dimension));

  std::ostringstream src;
  src << "def encode_species(self, x: Tensor) -> Tensor:\n"
         "    idx = x.long() + 1 + self.site_offsets\n"
         "    B = x.size(0)\n"
         "    onehot = torch.zeros([B, self.sites * self.channels], dtype=self.encoder_rows.dtype)\n"
         "    onehot.scatter_(1, idx, 1.0)\n"
         "    h = torch.tanh(torch.addmm(self.encoder_bias, onehot, self.encoder_rows))\n";
  int width = H0;
  for (std::size_t k = 1; k < s.hidden.size(); ++k) {
    dense(m, "encoder" + std::to_string(k), width, s.hidden[k]);
    src << "    h = torch.tanh(torch.addmm(self.encoder" << k << "_b, h, self.encoder" << k
        << "_w.t()))\n";
    width = s.hidden[k];
  }
  dense(m, "encoder_out", width, s.dimension);
  src << "    return torch.addmm(self.encoder_out_b, h, self.encoder_out_w.t())\n\n";

  src << "def decode_logits(self, zstar: Tensor, closure: Tensor) -> Tensor:\n"
         "    h = torch.cat([zstar, closure], 1)\n";
  width = s.observables + s.dimension;
  for (std::size_t k = 0; k < s.hidden.size(); ++k) {
    dense(m, "decoder" + std::to_string(k), width, s.hidden[k]);
    src << "    h = torch.tanh(torch.addmm(self.decoder" << k << "_b, h, self.decoder" << k
        << "_w.t()))\n";
    width = s.hidden[k];
  }
  dense(m, "decoder_out", width, s.sites * s.channels);
  src << "    out = torch.addmm(self.decoder_out_b, h, self.decoder_out_w.t())\n"
         "    return out.reshape(zstar.size(0), self.sites, self.channels)\n\n";

  src << "def reconstruction_loss(self, x: Tensor, zstar: Tensor) -> Tensor:\n"
         "    logp = torch.log_softmax(self.decode_logits(zstar, self.encode_species(x)), 2)\n"
         "    return -logp.gather(2, (x.long() + 1).unsqueeze(2)).mean()\n\n"
         "def forward(self, x: Tensor) -> Tensor:\n"
         "    return self.encode_species(x)\n";
  try {
    m.define(src.str());
  } catch (const std::exception &e) {
    throw Error(std::string("internal error: the closure module does not compile: ") + e.what());
  }
  return m;
}

} // namespace macrodyn::learn
