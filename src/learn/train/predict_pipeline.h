#pragma once
/// `macrodyn predict`: ensembles of a model.pt from initial states (the ground-truth groups of a
/// dataset.h5, or the rows of a CSV), written to trajectories.h5 plus a mean/std CSV.
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace macrodyn::learn {

struct PredictSettings {
  std::string model;
  std::string initial; ///< dataset.h5 (its full records), a CSV of initial states or a LAMMPS dump
  std::vector<double> times; ///< output times (> 0); default: the dataset's full-record grid
  std::size_t runs = 100;
  double step = 0; ///< integration step; 0: the model's training dt
  std::uint64_t seed = 1;
  std::map<std::string, double> conditions; ///< values that override / supply conditions
  /// Species of atom types 1, 2, ... of a dump start (`vac`: vacancy); default: the model's
  /// species in order, then one vacancy type.
  std::vector<std::string> types;
  /// Sites of the predicted system; 0: those of the start (a dataset's box or a dump's atoms; a
  /// CSV start: the model's training box). The noise is scaled by sqrt(model box / sites).
  std::size_t sites = 0;
  std::string output = "trajectories.h5";
  std::string csv; ///< default: <output>.csv (mean and std over the runs)
};

void run_prediction(const PredictSettings &settings, std::ostream &progress);

} // namespace macrodyn::learn
