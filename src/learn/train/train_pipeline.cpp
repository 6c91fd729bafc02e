#include "learn/train/train_pipeline.h"

#include "learn/model/cpu_threads.h"

#include "learn/model/model_archive.h"
#include "learn/train/closure_data.h"
#include "learn/train/closure_module.h"
#include "learn/train/closure_trainer.h"
#include "learn/train/sde_module.h"
#include "learn/train/training_pairs.h"

#include "core/base/checksum.h"
#include "core/base/error.h"
#include "macrodyn/version.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace macrodyn::learn {
namespace {

std::string duration(double seconds) {
  const long s = std::lround(seconds);
  std::ostringstream out;
  if (s >= 3600) out << s / 3600 << "h";
  if (s >= 60) out << (s % 3600) / 60 << "m";
  out << s % 60 << "s";
  return out.str();
}

std::string metadata(const TrainSettings &settings, const SdeSpec &spec, const TrainingPairs &pairs,
                     const DatasetContents &first, const TrainResult &result,
                     const std::vector<std::string> &prescribed, const nlohmann::json &closure_info,
                     const RankGroup &ranks) {
  using nlohmann::json;
  json ranges = json::object();
  const std::size_t C = pairs.conditions.size();
  for (std::size_t j = 0; j < C; ++j) {
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < pairs.n; ++i)
      lo = std::min(lo, pairs.cond[i * C + j]), hi = std::max(hi, pairs.cond[i * C + j]);
    ranges[pairs.conditions[j]] = {lo, hi};
  }
  json observed = json::object();
  const std::size_t D = pairs.dimension();
  for (std::size_t k = 0; k < D; ++k) {
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < pairs.n; ++i)
      lo = std::min(lo, pairs.z0[i * D + k]), hi = std::max(hi, pairs.z0[i * D + k]);
    observed[pairs.observables[k]] = {lo, hi};
  }
  json m = {
      {"format_version", 1},
      {"kind", "macrodyn-sde"},
      {"code_version", kVersion},
      {"observables", pairs.observables},
      {"prescribed", prescribed},
      {"closure", std::vector<std::string>(pairs.observables.begin() + prescribed.size(),
                                           pairs.observables.end())},
      {"closure_model", closure_info},
      {"dimension", spec.dimension},
      {"conditions", pairs.conditions},
      {"condition_ranges", ranges},
      {"observable_ranges", observed},
      {"time_unit", pairs.time_unit},
      {"K", first.K},
      {"target", settings.target},
      {"drift", name_of(spec.drift)},
      {"diffusion", name_of(spec.diffusion)},
      {"hidden", spec.hidden},
      {"condition_embedding", spec.conditions > 0 ? spec.condition_embedding : 0},
      {"normalization",
       {{"z_shift", spec.z.shift},
        {"z_scale", spec.z.scale},
        {"c_shift", spec.c.shift},
        {"c_scale", spec.c.scale},
        {"time_scale", spec.time_scale},
        {"clock", name_of(spec.clock)},
        {"clock_slopes", spec.clock_slopes}}},
      {"system",
       {{"lattice", first.lattice},
        {"species", first.species},
        {"cells", first.cells},
        {"patch_shape", first.patch_shape},
        {"n_s", first.n_s}}},
      {"training",
       {{"datasets", settings.datasets},
        {"records", pairs.n},
        {"train_records", result.train_size},
        {"validation_records", result.validation_size},
        {"seed", settings.seed},
        {"shards", settings.shards},
        {"threads", settings.threads},
        {"ranks", ranks.size()},
        {"epochs_run", result.epochs_run},
        {"best_epoch", result.best_epoch},
        {"best_validation_loss", result.best_validation_loss},
        {"eps", result.eps},
        {"stop_reason", result.stop_reason}}},
      {"methods", "drift(z, c), diffusion(z, c), step(z, c, dt, noise); physical units"},
  };
  return m.dump(2);
}

/// What a checkpoint of this training belongs to, one "key: value" line each: the data (files,
/// records and a checksum of the training pairs) and every setting that changes the result.
std::string fingerprint(const TrainSettings &s, const TrainingPairs &pairs) {
  Fnv1a h; // over the pairs' numbers
  for (const auto *v : {&pairs.z0, &pairs.dz, &pairs.dt, &pairs.cond})
    h.add(v->data(), v->size() * sizeof(double));
  auto join = [](const auto &list) {
    std::ostringstream o;
    for (const auto &x : list)
      o << x << " ";
    return o.str();
  };
  std::ostringstream f;
  f << std::setprecision(17) << "datasets: " << join(s.datasets) << "\nrecords: " << pairs.n
    << "\npairs checksum: " << std::hex << h.value() << std::dec << "\ntarget: " << s.target
    << "\nobservables: " << join(pairs.observables) << "\nconditions: " << join(pairs.conditions)
    << "\nclosure: " << s.closure << "\ndrift: " << s.drift << "\ndiffusion: " << s.diffusion
    << "\nclock: " << s.clock << "\nhidden: " << join(s.hidden)
    << "\ncondition embedding: " << s.condition_embedding << "\nseed: " << s.seed
    << "\nbatch: " << s.batch << "\nshards: " << s.shards << "\nlearning rate: " << s.learning_rate
    << "\nweight decay: " << s.weight_decay << "\nvalidation: " << s.validation << "\n";
  return f.str();
}

/// The model file can be written: not a directory, in a directory that exists. Checked before
/// any work, so that a bad -o does not cost a training.
void require_writable_output(const std::string &path) {
  namespace fs = std::filesystem;
  require(!fs::is_directory(path), "-o: '" + path + "' is a directory; name the model file");
  const auto parent = fs::path(path).parent_path();
  require(parent.empty() || fs::is_directory(parent),
          "-o: the directory of '" + path + "' does not exist");
}

} // namespace

TrainSummary run_training(const TrainSettings &s, std::ostream &terminal) {
  require(!s.datasets.empty(), "no dataset given");
  require(!s.hidden.empty() && *std::min_element(s.hidden.begin(), s.hidden.end()) > 0,
          "hidden layer widths must be positive");
  require(s.threads > 0, "threads must be > 0");
  require(s.shards > 0, "shards must be > 0");
  const auto ranks = RankGroup::world();
  require(s.shards >= ranks.size(),
          "shards " + std::to_string(s.shards) + " is below the " + std::to_string(ranks.size()) +
              " MPI ranks of this run: ranks without shards would only wait (raise shards, which "
              "changes the model, or run fewer ranks)");
  // Every rank computes; rank 0 alone prints and writes (the log, checkpoints and the model).
  std::ostream nowhere(nullptr);
  std::ostream &progress = ranks.writes() ? terminal : nowhere;
  require_writable_output(s.output);
  set_cpu_threads(s.threads);
  std::vector<DatasetContents> datasets;
  for (const auto &path : s.datasets)
    datasets.push_back(read_dataset(path, s.closure > 0));
  auto pairs = make_pairs(datasets, target_of(s.target));
  select_observables(pairs, s.observables);
  select_conditions(pairs, s.conditions);
  const auto prescribed = pairs.observables;

  // Closure variables first (autoencoder over patch microstates, then frozen).
  torch::jit::Module closure("MacrodynClosure");
  nlohmann::json closure_info = nullptr;
  if (s.closure > 0) {
    const auto &first = datasets.front();
    for (const auto &d : datasets)
      require(d.n_s == first.n_s && d.species == first.species,
              "closure variables need the same patch size and species in every dataset");
    ClosureSpec cs;
    cs.sites = first.n_s;
    cs.channels = static_cast<int>(first.species.size()) + 1;
    cs.observables = static_cast<int>(prescribed.size());
    cs.dimension = s.closure;
    cs.hidden = s.closure_hidden;
    torch::manual_seed(s.seed + 1);
    closure = build_closure_module(cs);
    const auto patches = closure_patches(datasets, prescribed);
    ClosureTrainOptions co;
    co.seed = s.seed;
    co.epochs = s.closure_epochs;
    if (!s.quiet)
      progress << "macrodyn train: closure autoencoder, " << s.closure << " variable(s), "
               << patches.species.size(0) << " patch microstates of " << cs.sites << " sites\n";
    const auto cr = train_closure(closure, patches.species, patches.zstar, co,
                                  [&](int epoch, double loss, double val) {
                                    if (!s.quiet)
                                      progress << "closure epoch " << epoch << "/" << co.epochs
                                               << "  loss " << loss << "  val " << val << std::endl;
                                  });
    if (!s.quiet)
      progress << "macrodyn train: closure reconstruction " << cr.best_validation_loss
               << " nats/site (species frequencies alone: " << cr.frequency_baseline << ")\n";
    append_closure(pairs, datasets, closure, target_of(s.target));
    closure_info = {{"sites", cs.sites},
                    {"channels", cs.channels},
                    {"species", first.species},
                    {"patch_shape", first.patch_shape},
                    {"lattice", first.lattice},
                    {"hidden", cs.hidden},
                    {"epochs", co.epochs},
                    {"validation_loss", cr.best_validation_loss},
                    {"frequency_baseline", cr.frequency_baseline},
                    {"method", "closure(x) = mean over patches of closure.encode_species(patch)"}};
  }

  SdeSpec spec;
  spec.drift = drift_kind(s.drift);
  spec.diffusion = diffusion_kind(s.diffusion);
  spec.hidden = s.hidden;
  spec.condition_embedding = s.condition_embedding;
  fit_normalization(pairs, spec);
  const std::string clock_line = fit_clock(pairs, s.clock, spec);
  const auto data = to_network_units(pairs, spec);
  torch::manual_seed(s.seed);
  auto module = build_sde_module(spec);

  TrainOptions o;
  o.seed = s.seed;
  o.epochs = s.epochs;
  o.batch = s.batch;
  o.learning_rate = s.learning_rate;
  o.weight_decay = s.weight_decay;
  o.validation_fraction = s.validation;
  o.parallel.shards = s.shards;
  o.parallel.threads = s.threads;
  o.parallel.ranks = ranks;
  o.lr_patience = s.lr_patience;
  o.lr_factor = s.lr_factor;
  o.min_lr = s.min_lr;
  o.stop_patience = s.stop_patience;
  o.eps_relative = s.eps_relative;
  o.checkpoint_dir = s.checkpoint.empty() ? s.output + ".checkpoint" : s.checkpoint;
  o.resume = s.resume;
  o.fingerprint = fingerprint(s, pairs);
  // The best model so far, ready to use, inside every checkpoint (macrodyn export takes it out).
  o.on_best = [&](const std::string &directory) {
    TrainResult so_far;
    so_far.stop_reason = "interrupted (best model of a checkpoint)";
    save_model(module, directory + "/best_model.pt",
               metadata(s, spec, pairs, datasets.front(), so_far, prescribed, closure_info, ranks));
  };

  TrainSummary summary;
  summary.records = pairs.n;
  summary.model_path = s.output;
  summary.log_path = s.log.empty() ? s.output + ".log.csv" : s.log;
  std::ofstream log; // written by rank 0; on the other ranks a closed stream that drops lines
  if (ranks.writes()) {
    log.open(summary.log_path, s.resume ? std::ios::app : std::ios::trunc);
    require(log.good(), "cannot write the training log '" + summary.log_path + "'");
  }
  if (!s.resume && ranks.writes())
    log << "epoch,train_loss,validation_loss,learning_rate,samples_per_second,seconds\n";
  for (const auto &w : pairs.warnings) // said even when quiet
    progress << "macrodyn train: WARNING: " << w << "\n";
  if (s.resume) // said even when quiet: the result depends on it
    progress << "macrodyn train: resuming from the checkpoint in " << o.checkpoint_dir
             << " (same data and settings)\n";
  if (!s.quiet)
    progress << "macrodyn train: " << pairs.n << " records (" << s.target << ", K = " << data.K
             << ") of " << pairs.dimension() << " observables, " << pairs.conditions.size()
             << " condition(s); drift " << s.drift << ", diffusion " << s.diffusion << ", "
             << s.shards << " shards on " << ranks.size() << " rank(s) x " << s.threads
             << " thread(s)\nmacrodyn train: " << clock_line << "\n";
  summary.result = train_sde(module, data, o, [&](const EpochReport &r) {
    log << std::setprecision(10) << r.epoch << "," << r.train_loss << "," << r.validation_loss
        << "," << r.learning_rate << "," << r.samples_per_second << "," << r.seconds << std::endl;
    if (s.quiet) return;
    progress << "epoch " << r.epoch << "/" << r.epochs << "  loss " << std::fixed
             << std::setprecision(4) << r.train_loss << "  val " << r.validation_loss
             << (r.improved ? "*" : " ") << std::defaultfloat << std::setprecision(3) << "  lr "
             << r.learning_rate << "  " << std::lround(r.samples_per_second) << " samples/s  ETA "
             << duration(r.eta_seconds) << std::endl;
  });
  if (s.closure > 0) module.register_module("closure", closure);
  if (ranks.writes())
    save_model(module, s.output,
               metadata(s, spec, pairs, datasets.front(), summary.result, prescribed, closure_info,
                        ranks));
  if (!s.quiet)
    progress << "macrodyn train: stopped (" << summary.result.stop_reason << ") after "
             << summary.result.epochs_run << " epochs; best validation loss "
             << summary.result.best_validation_loss << " at epoch " << summary.result.best_epoch
             << "\nmacrodyn train: wrote " << s.output << " and " << summary.log_path << "\n";
  return summary;
}

} // namespace macrodyn::learn
