#pragma once
/// Closure variables (doc/method.md, "Closure variables"): an autoencoder over patch microstates.
/// The encoder E maps one patch (species per site, in PatchTiling::sites_of order) to c numbers;
/// the closure of a box is the mean of E over its K patches, so it is a patch average by
/// construction. The decoder reconstructs the patch from (z*_patch, E(patch)), z* being the
/// prescribed observables of the patch: the closure learns what z* does not say.
///
/// Built like the SDE (sde_module.h) as a torch::jit::Module, so it travels inside model.pt:
///   encode_species(x: B x n_s long, species codes, -1 vacancy) -> B x c
///   decode_logits(zstar: B x D, closure: B x c) -> B x n_s x channels
///   reconstruction_loss(x, zstar) -> scalar (mean cross entropy per site)
#include <torch/script.h>

#include <vector>

namespace macrodyn::learn {

struct ClosureSpec {
  int sites = 0;       ///< n_s, sites per patch
  int channels = 2;    ///< species + 1 (channel 0 is the vacancy)
  int observables = 0; ///< D, prescribed observables the decoder also sees
  int dimension = 2;   ///< c, closure variables
  std::vector<int> hidden{64};
};

torch::jit::Module build_closure_module(const ClosureSpec &spec);

} // namespace macrodyn::learn
