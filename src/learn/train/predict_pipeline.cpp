#include "learn/train/predict_pipeline.h"

#include "learn/train/group_starts.h"

#include "learn/model/closure_encoder.h"
#include "learn/model/model_archive.h"
#include "learn/model/sde_ensemble.h"
#include "learn/model/sde_metadata.h"

#include "core/base/error.h"
#include "core/base/machine.h"
#include "core/base/progress_clock.h"
#include "core/evaluation/ensemble_metrics.h"
#include "core/io/dataset_reader.h"
#include "core/io/lattice_dump.h"
#include "core/io/trajectory_file.h"
#include "core/lattice/lattice.h"
#include "core/observables/named_observables.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace macrodyn::learn {

namespace {

bool ends_with(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Initial states and their conditions from the ground-truth groups of a dataset.
/// Returns the sites of the dataset's box.
std::size_t from_dataset(const std::string &path, const SdeModelInfo &info,
                         const PredictSettings &s, Trajectories &t, torch::jit::Module &model) {
  const auto data = read_dataset(path, !info.closure.empty());
  auto starts = group_starts(data, info, model, s.conditions);
  if (t.times.empty())
    t.times.assign(data.full_times.begin(), data.full_times.begin() + data.n_times);
  t.snapshot = std::move(starts.snapshot);
  t.initial = std::move(starts.initial);
  t.condition = std::move(starts.condition);
  return static_cast<std::size_t>(data.K) * static_cast<std::size_t>(data.n_s);
}

/// Initial states from a CSV: a header naming the columns (every observable of the model, and
/// conditions unless given with --condition), one initial state per row.
void from_csv(const std::string &path, const SdeModelInfo &info, const PredictSettings &s,
              Trajectories &t) {
  std::ifstream in(path);
  require(in.good(), "cannot open '" + path + "'");
  std::string line;
  require(static_cast<bool>(std::getline(in, line)), "'" + path + "' is empty");
  std::vector<std::string> header;
  {
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ','))
      header.push_back(cell);
  }
  auto column = [&](const std::string &name) -> long {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : it - header.begin();
  };
  for (const auto &name : info.observables)
    require(column(name) >= 0, "'" + path + "' has no column '" + name + "'");
  for (const auto &name : info.conditions)
    require(column(name) >= 0 || s.conditions.count(name),
            "condition '" + name + "' is neither a column of '" + path + "' nor given");
  std::size_t row = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<double> v;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) {
      try {
        v.push_back(std::stod(cell));
      } catch (const std::exception &) {
        throw Error("'" + path + "' row " + std::to_string(row + 2) + ": '" + cell +
                    "' is not a number");
      }
    }
    require(v.size() == header.size(), "'" + path + "' row " + std::to_string(row + 2) + " has " +
                                           std::to_string(v.size()) + " values for " +
                                           std::to_string(header.size()) + " columns");
    t.snapshot.push_back(row++);
    for (const auto &name : info.observables)
      t.initial.push_back(v[column(name)]);
    for (const auto &name : info.conditions)
      t.condition.push_back(s.conditions.count(name) ? s.conditions.at(name) : v[column(name)]);
  }
  require(row > 0, "'" + path + "' holds no initial state");
}

/// One initial state from the first frame of a LAMMPS dump: mapped onto the model's lattice, its
/// prescribed observables computed by name (core/observables/named_observables.h) and its closure
/// variables by the model's encoder. Returns the number of sites of the dump's lattice.
std::size_t from_dump(const std::string &path, const SdeModelInfo &info, const PredictSettings &s,
                      Trajectories &t) {
  require(!info.lattice.empty() && !info.species.empty(),
          "model '" + s.model + "' does not say its lattice and species (system in metadata)");
  auto types = s.types;
  if (types.empty()) {
    types = info.species;
    types.push_back("vac");
  }
  std::vector<Species> species_of_type = {kVacancy};
  for (const auto &name : types) {
    if (name == "vac") {
      species_of_type.push_back(kVacancy);
      continue;
    }
    const auto it = std::find(info.species.begin(), info.species.end(), name);
    require(it != info.species.end(), "type name '" + name + "' is not a species of the model");
    species_of_type.push_back(static_cast<Species>(it - info.species.begin()));
  }
  const auto snapshot = read_lattice_dump(path, parse_lattice_kind(info.lattice), species_of_type);
  const std::size_t prescribed = info.observables.size() - info.closure.size();
  const std::vector<std::string> names(info.observables.begin(),
                                       info.observables.begin() + prescribed);
  auto z = named_observables(*snapshot.lattice, snapshot.configuration, info.species, names);
  if (!info.closure.empty()) {
    ClosureEncoder encoder(s.model);
    encoder.check(*snapshot.lattice, info.species);
    const auto c = encoder.evaluate(*snapshot.lattice, snapshot.configuration);
    z.insert(z.end(), c.begin(), c.end());
  }
  t.snapshot.push_back(static_cast<std::uint64_t>(snapshot.step));
  t.initial.insert(t.initial.end(), z.begin(), z.end());
  for (const auto &name : info.conditions) {
    require(s.conditions.count(name),
            "give condition '" + name + "' for a dump start (--condition " + name + "=...)");
    t.condition.push_back(s.conditions.at(name));
  }
  return snapshot.lattice->n_sites();
}

/// Says when an ensemble mean leaves the states the model was trained on (by more than 10% of
/// their range): beyond the data the drift is an extrapolation and can run to states no direct
/// run reaches, with nothing in the numbers to tell. Once per observable, at its first time.
void warn_beyond_training_states(const Trajectories &t, const SdeModelInfo &info,
                                 std::ostream &progress) {
  for (std::size_t k = 0; k < t.observables.size(); ++k) {
    const auto range = info.observable_ranges.find(t.observables[k]);
    if (range == info.observable_ranges.end()) continue;
    const auto [lo, hi] = range->second;
    const double margin = 0.1 * (hi - lo);
    for (std::size_t i = 1; i < t.times.size(); ++i) {
      bool found = false;
      for (std::size_t g = 0; g < t.groups() && !found; ++g) {
        double mean = 0;
        for (std::size_t r = 0; r < t.runs; ++r)
          mean += t.at(g, r, i, k) / double(t.runs);
        if (mean < lo - margin || mean > hi + margin) {
          progress << "macrodyn predict: WARNING: the mean of " << t.observables[k] << " reaches "
                   << mean << " at t = " << t.times[i] << " " << t.time_unit
                   << ", outside the training states [" << lo << ", " << hi
                   << "]: from there on the model extrapolates (train on states that reach it)\n";
          found = true;
        }
      }
      if (found) break;
    }
  }
}

} // namespace

void run_prediction(const PredictSettings &s, std::ostream &progress) {
  auto loaded = load_model(s.model);
  const auto info = parse_sde_metadata(loaded.metadata_json, s.model);
  for (const auto &[name, value] : s.conditions)
    require(std::find(info.conditions.begin(), info.conditions.end(), name) !=
                info.conditions.end(),
            "the model takes no condition '" + name + "'");
  Trajectories t;
  t.observables = info.observables;
  t.conditions = info.conditions;
  t.time_unit = info.time_unit;
  t.model = s.model;
  t.seed = s.seed;
  t.runs = s.runs;
  if (!s.times.empty()) {
    t.times = {0.0};
    t.times.insert(t.times.end(), s.times.begin(), s.times.end());
  }
  std::size_t start_sites = 0; // unknown for a CSV start
  if (ends_with(s.initial, ".csv")) {
    require(!s.times.empty(), "give the output times (--times) when starting from a CSV");
    from_csv(s.initial, info, s, t);
  } else if (ends_with(s.initial, ".h5") || ends_with(s.initial, ".hdf5")) {
    start_sites = from_dataset(s.initial, info, s, t, loaded.module);
  } else {
    require(!s.times.empty(), "give the output times (--times) when starting from a dump");
    start_sites = from_dump(s.initial, info, s, t);
  }
  // Fluctuations of intensive observables scale as 1 / sqrt(sites): a system of another size than
  // the training box gets the model's noise times sqrt(box / sites).
  const std::size_t sites = s.sites > 0 ? s.sites : start_sites;
  double noise_scale = 1.0;
  if (sites > 0 && sites != info.box_sites && (info.box_sites > 0 || s.sites > 0)) {
    require(info.box_sites > 0, "model '" + s.model +
                                    "' does not record the size of its training box (K and "
                                    "system.n_s in metadata): cannot predict " +
                                    std::to_string(sites) + " sites");
    noise_scale = std::sqrt(double(info.box_sites) / double(sites));
    progress << "macrodyn predict: " << sites << " sites (the model learned boxes of "
             << info.box_sites << "): noise scaled by " << noise_scale << "\n";
  }
  // Conditions outside those the model was trained on: it extrapolates, and the user should know.
  for (std::size_t j = 0; j < t.conditions.size(); ++j) {
    const auto range = info.condition_ranges.find(t.conditions[j]);
    if (range == info.condition_ranges.end()) continue;
    const auto [lo, hi] = range->second;
    bool beyond = false;
    double outside = 0;
    for (std::size_t g = 0; g < t.groups(); ++g) {
      const double c = t.condition[g * t.conditions.size() + j];
      if (c < lo || c > hi) beyond = true, outside = c;
    }
    if (beyond)
      progress << "macrodyn predict: WARNING: " << t.conditions[j] << " = " << outside
               << " lies outside the training range [" << lo << ", " << hi
               << "]: the model extrapolates\n";
  }
  t.step = s.step > 0 ? s.step
                      : shortest_time_scale(loaded.module, t.condition, t.conditions.size(),
                                            info.time_scale);
  const std::size_t D = t.observables.size(), C = t.conditions.size();
  // The ensembles are held in memory (and written) whole: refuse what cannot fit before trying.
  const double bytes =
      8.0 * double(t.groups()) * double(t.runs) * double(t.times.size()) * double(D);
  const double limit = 0.5 * double(physical_memory_bytes());
  if (bytes > limit) {
    std::ostringstream m;
    m << std::setprecision(3) << "the prediction would hold " << t.groups()
      << " initial state(s) x " << t.runs << " runs x " << t.times.size() << " times x " << D
      << " observables = " << bytes / 1e9 << " GB, more than half of this machine's memory ("
      << 2 * limit / 1e9 << " GB): ask for fewer runs or times";
    throw Error(m.str());
  }
  progress << "macrodyn predict: " << t.groups() << " initial state(s) x " << t.runs << " runs, "
           << t.times.size() - 1 << " output times up to " << t.times.back() << " " << t.time_unit
           << ", step " << t.step << "\n";
  EnsembleRequest q;
  q.initial = t.initial;
  q.condition = t.condition;
  q.times = t.times;
  q.runs = t.runs;
  q.max_step = t.step;
  q.seed = s.seed;
  q.noise_scale = noise_scale;
  ProgressClock clock; // a line every 10 s of a long prediction
  q.on_time = [&](std::size_t i) {
    if (!clock.due()) return;
    progress << "macrodyn predict: time " << t.times[i] << " " << t.time_unit << " (" << i << "/"
             << t.times.size() - 1 << " output times) after "
             << std::lround(clock.elapsed_seconds()) << " s\n"
             << std::flush;
  };
  t.values = integrate_ensembles(loaded.module, D, C, q);
  write_trajectories(s.output, t);
  warn_beyond_training_states(t, info, progress);

  const std::string csv = s.csv.empty() ? s.output + ".csv" : s.csv;
  std::ofstream out(csv);
  require(out.good(), "cannot write '" + csv + "'");
  out << "group,snapshot";
  for (const auto &c : t.conditions)
    out << "," << c;
  out << ",time";
  for (const auto &o : t.observables)
    out << "," << o << "_mean," << o << "_std";
  out << "\n" << std::setprecision(10);
  for (std::size_t g = 0; g < t.groups(); ++g)
    for (std::size_t i = 0; i < t.times.size(); ++i) {
      out << g << "," << t.snapshot[g];
      for (std::size_t j = 0; j < C; ++j)
        out << "," << t.condition[g * C + j];
      out << "," << t.times[i];
      for (std::size_t k = 0; k < D; ++k) {
        std::vector<double> v;
        for (std::size_t r = 0; r < t.runs; ++r)
          v.push_back(t.at(g, r, i, k));
        out << "," << mean_of(v) << "," << std_of(v);
      }
      out << "\n";
    }
  progress << "macrodyn predict: wrote " << s.output << " and " << csv << "\n";
}

} // namespace macrodyn::learn
