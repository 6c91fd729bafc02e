// Data-parallel training across MPI ranks: the trainer (train_sde, as `macrodyn train` runs it)
// on a synthetic 4-dimensional OU dataset, under
// `mpirun -np R bench_train_ranks THREADS EPOCHS RECORDS SHARDS`.
// Rank 0 prints samples/s and a checksum of the trained parameters: every rank and thread count
// must print the same checksum. bench/train_ranks.sh runs 1 and 2 ranks interleaved.
#include "learn/train/network_data.h"
#include "learn/train/sde_module.h"
#include "learn/train/sde_trainer.h"

#include "core/base/checksum.h"
#include "core/base/random_stream.h"

#include <mpi.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace macrodyn::learn;

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  const int epochs = argc > 2 ? std::atoi(argv[2]) : 3;
  const int records = argc > 3 ? std::atoi(argv[3]) : 100000;
  const int shards = argc > 4 ? std::atoi(argv[4]) : 2;
  // dz = -(z - 0.1) dt + 0.1 sqrt(dt) dW in 4 dimensions, the same records on every rank.
  TrainingPairs pairs;
  const int D = 4;
  for (int k = 0; k < D; ++k)
    pairs.observables.push_back("z" + std::to_string(k));
  pairs.time_unit = "s";
  pairs.K = 4;
  pairs.n = static_cast<std::size_t>(records);
  macrodyn::RandomStream rng(3, {});
  for (int i = 0; i < records; ++i) {
    pairs.dt.push_back(0.1);
    for (int k = 0; k < D; ++k) {
      const double z = rng.uniform_open() - 0.5;
      pairs.z0.push_back(z);
      pairs.dz.push_back(-(z - 0.1) * 0.1 + 0.1 * std::sqrt(0.4) * rng.normal());
    }
  }
  SdeSpec spec;
  spec.hidden = {64, 64, 64};
  spec.diffusion = DiffusionKind::Full;
  fit_normalization(pairs, spec);
  const auto data = to_network_units(pairs, spec);
  torch::manual_seed(1);
  auto module = build_sde_module(spec);
  TrainOptions o;
  o.epochs = epochs;
  o.parallel.threads = threads;
  o.parallel.shards = shards;
  o.parallel.ranks = RankGroup::world();
  o.stop_patience = o.lr_patience = 1000;
  MPI_Barrier(MPI_COMM_WORLD);
  const auto t0 = std::chrono::steady_clock::now();
  const auto result = train_sde(module, data, o);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  macrodyn::Fnv1a h;
  for (const auto &p : parameters_of(module)) {
    const auto c = p.contiguous();
    h.add(c.data_ptr<double>(), c.numel() * sizeof(double));
  }
  if (o.parallel.ranks.rank() == 0)
    std::printf("ranks %d threads %d shards %d records %d epochs %d: %.0f samples/s (%.2f s), "
                "parameters %016llx\n",
                o.parallel.ranks.size(), threads, shards, records, result.epochs_run,
                double(result.train_size) * result.epochs_run / seconds, seconds,
                static_cast<unsigned long long>(h.value()));
  MPI_Finalize();
  return 0;
}
