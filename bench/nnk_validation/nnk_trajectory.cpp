// One NbMoTa KMC trajectory with the published NNK barrier model through MACRODYN's learned-barrier
// path (the code fix kmc/lattice runs): the 1024-atom start of the study with the atom at the
// origin (id 1) replaced by a vacancy, rates 1e13 exp(-E/kT). Writes the 6 first-shell
// chemical-order parameters delta_ab and the time every --sro-every events, and the candidate
// barriers of the vacancy's 8 jumps by migrating species every --barrier-every events, so that
// nnk_reference.py (an independent numpy implementation of the README's procedure) can be compared
// with it (compare_nnk.py).
//   nnk_trajectory <model.pt> <start.dump> <seed> <events> <temperature K> <out prefix>
#include "core/base/random_stream.h"
#include "core/kmc/lattice_kmc.h"
#include "core/kmc/learned_barrier_process.h"
#include "core/observables/pair_counts.h"
#include "core/observables/sro_observables.h"
#include "learn/model/cpu_threads.h"
#include "learn/model/torch_barrier_model.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace macrodyn;

namespace {

constexpr double kA = 3.24;
constexpr int kCells = 8;
constexpr std::uint64_t kSroEvery = 10000, kBarrierEvery = 100;

/// Species per site from a LAMMPS dump (id type x y z; types 1 Nb, 2 Mo, 3 Ta); atom 1 -> vacancy.
Configuration read_start(const std::string &path, const Lattice &lattice) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string line;
  while (std::getline(in, line) && line.rfind("ITEM: ATOMS", 0) != 0) {
  }
  Configuration x(lattice.n_sites(), 99);
  long id;
  int type;
  double p[3];
  while (in >> id >> type >> p[0] >> p[1] >> p[2]) {
    int voxel[3];
    for (int d = 0; d < 3; ++d)
      voxel[d] = static_cast<int>(std::lround(p[d] / (0.5 * kA)));
    const int basis = voxel[0] & 1;
    const std::size_t site = lattice.site({voxel[0] / 2, voxel[1] / 2, voxel[2] / 2}, basis);
    x[site] = id == 1 ? kVacancy : static_cast<Species>(type - 1);
  }
  for (auto s : x)
    if (s == 99) throw std::runtime_error(path + " does not fill the 8^3 BCC lattice");
  return x;
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 7) {
    std::cerr << "usage: nnk_trajectory <model.pt> <start.dump> <seed> <events> <T/K> <prefix>\n";
    return 2;
  }
  try {
    const std::string model = argv[1], start = argv[2], prefix = argv[6];
    const std::uint64_t seed = std::stoull(argv[3]), events = std::stoull(argv[4]);
    const double T = std::stod(argv[5]);
    macrodyn::learn::set_cpu_threads(1);
    const std::array<int, 3> cells{kCells, kCells, kCells};
    const Lattice lattice(LatticeKind::BCC, cells, kA);
    KmcOptions o;
    o.energy = NoEnergySpec{};
    o.move = KmcOptions::Move::VacancyExchange;
    const auto loaded = load_barrier_model(model, 729, BarrierEvaluator::Auto);
    std::cerr << "nnk_trajectory: barriers by " << loaded.evaluator << "\n";
    o.learned_barriers = loaded.model;
    o.encoding_codes = {1, 2, 3};
    o.encoding_radius = 7.5;
    o.barrier_memo = 65536;
    o.kT = kBoltzmannEvPerK * T;
    o.nu = 1e13;
    LatticeKmc kmc(LatticeKind::BCC, cells, kA, read_start(start, lattice), o);
    RandomStream rng(seed, {0x4e4e4bULL});
    SroSpec spec;
    spec.n_species = 3;
    spec.deltas = true;
    std::ofstream sro(prefix + "_sro.csv"), barriers(prefix + "_barriers.csv");
    sro << "seed,events,time,delta_NbNb,delta_NbMo,delta_NbTa,delta_MoMo,delta_MoTa,delta_TaTa\n";
    barriers << "seed,events,species,barrier\n";
    sro.precision(10), barriers.precision(8);
    const char *names[3] = {"Nb", "Mo", "Ta"};
    std::uint64_t done = 0;
    while (true) {
      if (done % kSroEvery == 0) {
        const auto counts = count_pairs(kmc.lattice(), kmc.configuration(), 3, 1);
        const auto v = sro_values(spec, counts, 8);
        sro << seed << "," << done << "," << kmc.clock().time;
        for (double d : v)
          sro << "," << d;
        sro << "\n";
      }
      if (done % kBarrierEvery == 0) {
        const auto &p = dynamic_cast<const LearnedBarrierProcess &>(kmc.process());
        for (std::size_t slot = 0; slot < p.n_slots(); ++slot) {
          const Species s = kmc.configuration()[p.target(slot)];
          if (s != kVacancy) barriers << seed << "," << done << "," << names[s] << "," << p.barrier(slot) << "\n";
        }
      }
      if (done >= events) break;
      done += kmc.advance(INFINITY, kBarrierEvery, rng);
    }
    return 0;
  } catch (const std::exception &e) {
    std::cerr << "nnk_trajectory: " << e.what() << "\n";
    return 1;
  }
}
