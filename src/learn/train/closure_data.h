#pragma once
/// Closure variables of dataset records: the autoencoder's training patches, and for every record
/// the closure of its snapshot (the mean of the encoder over all K patches of the stored x0) and
/// its increment (K times the box change = E(patch after) - E(patch before)).
#include "learn/train/training_pairs.h"

#include <torch/script.h>

namespace macrodyn::learn {

/// Patch microstates (before and after of every record, N x n_s long) and their prescribed patch
/// observables (`observables`, by name) for the autoencoder.
struct ClosurePatches {
  torch::Tensor species, zstar;
};
ClosurePatches closure_patches(const std::vector<DatasetContents> &datasets,
                               const std::vector<std::string> &observables);

/// Appends closure columns closure_1..c to pairs (records as pairs.source says): for the method
/// z0 += closure of the snapshot, dz += E(after) - E(before); for the naive target the patch's own
/// E(before) and the same difference.
void append_closure(TrainingPairs &pairs, const std::vector<DatasetContents> &datasets,
                    torch::jit::Module &closure, Target target);

} // namespace macrodyn::learn
