#pragma once
/// Data parallelism for the small networks of macroscopic models: a batch split into row shards
/// that run concurrently, one CPU thread each. At batch 1024 and 3 x 64 hidden units, splitting
/// every small matrix product across threads (LibTorch's intra-op parallelism) made two threads
/// slower than one; one thread per shard scales (bench/bench_train.cpp has the figures).
/// Shard results are combined in shard order with weights n_k / n, so a thread count gives the
/// same bits every time, and the values equal the single-thread ones up to rounding.
#include "learn/train/sde_loss.h"

#include <vector>

namespace macrodyn::learn {

/// The Euler-Maruyama loss of the batch (em_negative_log_likelihood) and its gradients with respect
/// to params, added to their .grad as backward() does (zero them first). threads > 1 runs that many
/// shards concurrently; the caller should then have LibTorch and BLAS at one thread (see
/// set_cpu_threads).
double loss_and_gradients(torch::jit::Module &module, const std::vector<torch::Tensor> &params,
                          const Batch &batch, double K, double eps, int threads);

/// The same loss without gradients (validation).
double sharded_loss(torch::jit::Module &module, const Batch &batch, double K, double eps,
                    int threads);

} // namespace macrodyn::learn
