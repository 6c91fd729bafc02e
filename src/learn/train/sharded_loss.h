#pragma once
/// Data parallelism for the small networks of macroscopic models: a batch split into a fixed
/// number of row shards, computed by the ranks of an MPI run and, within a rank, concurrently by
/// its CPU threads, one shard per thread at a time. At batch 1024 and 3 x 64 hidden units,
/// splitting every small matrix product across threads (LibTorch's intra-op parallelism) made two
/// threads slower than one; whole shards per thread scale (bench/bench_train.cpp has the figures).
///
/// The shard count is a setting, never the thread or rank count: every shard's loss and gradients
/// are computed on one thread from the same rows whoever computes them, the ranks exchange them,
/// and every rank adds them in shard order with weights n_k / n. So the bits depend on the shard
/// count alone, and equal the whole-batch values up to rounding.
#include "learn/train/rank_group.h"
#include "learn/train/sde_loss.h"

#include <vector>

namespace macrodyn::learn {

struct ShardPlan {
  /// Logical row shards per batch (a batch of fewer rows has one shard per row).
  int shards = 2;
  /// Threads of this process; the caller should have LibTorch and BLAS at one thread (see
  /// set_cpu_threads), as the trainer does.
  int threads = 1;
  /// The ranks that share the shards, rank r taking the contiguous block
  /// [S r / R, S (r + 1) / R) of the S shards.
  RankGroup ranks = RankGroup::alone();
};

/// The Euler-Maruyama loss of the batch (em_negative_log_likelihood) and its gradients with respect
/// to params, added to their .grad as backward() does (zero them first); the same on every rank.
double loss_and_gradients(torch::jit::Module &module, const std::vector<torch::Tensor> &params,
                          const Batch &batch, double K, double eps, const ShardPlan &plan);

/// The same loss without gradients (validation).
double sharded_loss(torch::jit::Module &module, const Batch &batch, double K, double eps,
                    const ShardPlan &plan);

} // namespace macrodyn::learn
