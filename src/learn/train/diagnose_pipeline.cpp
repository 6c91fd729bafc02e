#include "learn/train/diagnose_pipeline.h"

#include "learn/model/model_archive.h"
#include "learn/model/sde_metadata.h"
#include "learn/train/closure_data.h"
#include "learn/train/group_starts.h"
#include "learn/train/training_pairs.h"

#include "core/base/error.h"
#include "core/base/sibling_csv.h"
#include "core/evaluation/direct_state_check.h"
#include "core/evaluation/drift_fit_bins.h"
#include "core/evaluation/ensemble_metrics.h"
#include "core/evaluation/estimator_check.h"
#include "core/evaluation/stationary_check.h"
#include "core/io/dataset_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

namespace macrodyn::learn {

namespace {

std::ofstream open_csv(const std::string &path) {
  std::ofstream out(path);
  require(out.good(), "cannot write '" + path + "'");
  out << std::setprecision(8);
  return out;
}

/// The model's drift f(z, c) and, unless variance is null, the diagonal of g g^T at n states
/// (n x D each).
void drift_and_variance(torch::jit::Module &model, const std::vector<double> &z,
                        const std::vector<double> &c, std::size_t n, std::size_t D, std::size_t C,
                        std::vector<double> &drift, std::vector<double> *variance) {
  torch::NoGradGuard no_grad;
  const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
  drift.assign(n * D, 0.0);
  if (variance) variance->assign(n * D, 0.0);
  const std::size_t chunk = 8192;
  for (std::size_t from = 0; from < n; from += chunk) {
    const std::size_t m = std::min(chunk, n - from);
    auto zt = torch::from_blob(const_cast<double *>(z.data() + from * D),
                               {static_cast<long>(m), static_cast<long>(D)}, f64)
                  .clone();
    auto ct = C ? torch::from_blob(const_cast<double *>(c.data() + from * C),
                                   {static_cast<long>(m), static_cast<long>(C)}, f64)
                      .clone()
                : torch::zeros({static_cast<long>(m), 0}, f64);
    const auto f = model.run_method("drift", zt, ct).toTensor().contiguous();
    std::copy(f.data_ptr<double>(), f.data_ptr<double>() + m * D, drift.begin() + from * D);
    if (!variance) continue;
    const auto g = model.run_method("diffusion", zt, ct).toTensor();
    const auto v = g.pow(2).sum(2).contiguous(); // (g g^T)_jj
    std::copy(v.data_ptr<double>(), v.data_ptr<double>() + m * D, variance->begin() + from * D);
  }
}

/// The truth's full records with only the model's prescribed observables, in the model's order.
DatasetContents prescribed_columns(DatasetContents truth, const std::vector<std::string> &names) {
  std::vector<std::size_t> column;
  for (const auto &name : names) {
    const auto it = std::find(truth.observables.begin(), truth.observables.end(), name);
    require(it != truth.observables.end(),
            "'" + truth.path + "' does not record the model's observable '" + name + "'");
    column.push_back(it - truth.observables.begin());
  }
  const std::size_t D = truth.dimension(), P = names.size();
  std::vector<double> phi(truth.n_full * truth.n_times * P);
  for (std::size_t row = 0; row < truth.n_full * truth.n_times; ++row)
    for (std::size_t k = 0; k < P; ++k)
      phi[row * P + k] = truth.full_phi[row * D + column[k]];
  truth.full_phi = std::move(phi);
  truth.observables = names;
  return truth;
}

} // namespace

void run_diagnosis(const DiagnoseSettings &s, std::ostream &report) {
  require(s.bins >= 1, "bins must be >= 1");
  auto loaded = load_model(s.model);
  const auto info = parse_sde_metadata(loaded.metadata_json, s.model);
  const auto meta = nlohmann::json::parse(loaded.metadata_json);
  const std::string target = meta.value("target", std::string("partial"));
  const auto prescribed = meta.at("prescribed").get<std::vector<std::string>>();
  const std::size_t D = info.observables.size(), P = prescribed.size(), C = info.conditions.size();
  const bool closure = !info.closure.empty();

  // The training pairs exactly as macrodyn train built them.
  std::vector<DatasetContents> datasets;
  require(!s.data.empty(), "no dataset given");
  std::string names_of_data;
  for (const auto &path : s.data) {
    datasets.push_back(read_dataset(path, closure));
    names_of_data += (names_of_data.empty() ? "" : ", ") + path;
  }
  auto pairs = make_pairs(datasets, target_of(target));
  select_observables(pairs, prescribed);
  select_conditions(pairs, info.conditions);
  if (closure) {
    auto encoder = loaded.module.attr("closure").toModule();
    append_closure(pairs, datasets, encoder, target_of(target));
  }
  require(pairs.observables == info.observables,
          names_of_data + " do not give the model's observables");

  DriftFitInput fit;
  fit.n = pairs.n, fit.dimension = D, fit.z0 = pairs.z0, fit.dz = pairs.dz, fit.dt = pairs.dt;
  // Records of one snapshot share its microstate: cluster the standard errors by snapshot.
  if (!s.independent) {
    std::map<std::pair<std::size_t, std::uint64_t>, std::size_t> id;
    for (const auto &[d, r] : pairs.source)
      fit.cluster.push_back(
          id.emplace(std::make_pair(d, datasets[d].record_snapshot[r]), id.size()).first->second);
  }
  drift_and_variance(loaded.module, pairs.z0, pairs.cond, pairs.n, D, C, fit.drift, &fit.variance);
  for (double &v : fit.variance)
    v *= pairs.K; // the likelihood's covariance factor of the target
  const auto bins = drift_fit_bins(fit, P, s.bins);
  const auto fit_summary = summarize_drift_fit(bins, D);
  std::size_t fewest_snapshots = pairs.n;
  for (const auto &b : bins)
    fewest_snapshots = std::min(fewest_snapshots, b.clusters);
  std::ostringstream errors;
  if (s.independent)
    errors << "records taken as independent";
  else
    errors << "standard errors clustered by snapshot; fewest snapshots in a bin: "
           << fewest_snapshots << (fewest_snapshots < 10 ? ", too few for reliable z" : "");
  {
    auto out = open_csv(s.output);
    out << "binned_by,lo,hi,observable,n,snapshots,empirical_rate,empirical_se,model_drift,z,"
           "variance_ratio\n";
    for (const auto &b : bins)
      out << info.observables[b.binned_by] << "," << b.lo << "," << b.hi << ","
          << info.observables[b.observable] << "," << b.n << "," << b.clusters << "," << b.empirical
          << "," << b.empirical_se << "," << b.model << "," << b.z << "," << b.variance_ratio
          << "\n";
  }
  report << "macrodyn diagnose: " << s.model << " (target " << target << ") on " << pairs.n
         << " training pairs of " << names_of_data << "\n"
         << "(c) fit: model drift against the training increments' mean dz/dt in " << s.bins
         << " equal-count bins of each prescribed observable (" << errors.str() << ")\n"
         << std::left << std::setw(22) << "  observable" << std::right << std::setw(10) << "mean_z2"
         << std::setw(10) << "worst_z" << std::setw(12) << "var_ratio\n";
  for (std::size_t j = 0; j < D; ++j)
    report << "  " << std::left << std::setw(20) << info.observables[j] << std::right << std::fixed
           << std::setprecision(2) << std::setw(10) << fit_summary[j].mean_z2 << std::setw(10)
           << fit_summary[j].worst_z << std::setw(11) << fit_summary[j].median_variance_ratio
           << std::defaultfloat << "\n";

  if (!s.whole.empty()) {
    const auto whole = read_dataset(s.whole);
    const auto e = check_estimator(datasets.front(), whole);
    const auto &names = datasets.front().observables;
    {
      auto out = open_csv(sibling_csv(s.output, "estimator"));
      out << "snapshot,observable,dt,t_whole,n_partial,n_whole,partial_rate,partial_se,"
             "whole_rate,whole_se,z\n";
      for (const auto &r : e.rows)
        out << r.snapshot << "," << names[r.observable] << "," << r.dt << "," << r.t_whole << ","
            << r.n_partial << "," << r.n_whole << "," << r.partial << "," << r.partial_se << ","
            << r.whole << "," << r.whole_se << "," << r.z << "\n";
      auto dt_out = open_csv(sibling_csv(s.output, "finite_dt"));
      dt_out << "observable,t,rms_rate,ratio_to_first,ratio_se\n";
      for (const auto &r : e.finite_dt)
        dt_out << names[r.observable] << "," << r.t << "," << r.rms_rate << "," << r.ratio_to_first
               << "," << r.ratio_se << "\n";
    }
    report << "(a) estimator: partial-evolution rate K (phi(x1) - phi(x0)) / dt of "
           << s.data.front() << " against the whole box's from the same snapshots (" << s.whole
           << ")\n"
           << std::left << std::setw(22) << "  observable" << std::right << std::setw(13)
           << "mean_diff" << std::setw(11) << "+-se" << std::setw(12) << "rms_drift"
           << std::setw(10) << "mean_z2" << std::setw(10) << "worst_z\n";
    // The report shows the model's observables (the tables hold every column of the data).
    auto used = [&](std::size_t j) {
      return std::find(prescribed.begin(), prescribed.end(), names[j]) != prescribed.end();
    };
    for (std::size_t j = 0; j < names.size(); ++j) {
      if (!used(j)) continue;
      const auto &x = e.summary[j];
      report << "  " << std::left << std::setw(20) << names[j] << std::right << std::setprecision(4)
             << std::setw(13) << x.mean_difference << std::setw(11) << x.mean_difference_se
             << std::setw(12) << x.rms_whole << std::fixed << std::setprecision(2) << std::setw(10)
             << x.mean_z2 << std::setw(10) << x.worst_z << std::defaultfloat << "\n";
    }
    report << "(d) finite dt: whole-box rates (phi(t) - phi(0)) / t against those at the first "
              "time (ratio 1: no finite-dt bias)\n";
    for (const auto &r : e.finite_dt)
      if (used(r.observable))
        report << "  " << std::left << std::setw(20) << names[r.observable] << std::right
               << "  t = " << std::setw(8) << r.t << "  ratio " << std::fixed
               << std::setprecision(3) << r.ratio_to_first << " +- " << r.ratio_se
               << std::defaultfloat << "\n";
  }

  if (!s.truth.empty()) {
    const auto read = read_dataset(s.truth, closure);
    const auto starts = group_starts(read, info, loaded.module, {});
    const auto truth = prescribed_columns(read, prescribed);
    const auto groups = ensemble_groups(truth);
    std::vector<double> drift;
    drift_and_variance(loaded.module, starts.initial, starts.condition, groups.size(), D, C, drift,
                       nullptr);
    const auto rows = start_drift(truth, groups, starts.initial, drift, pairs.z0, D, P);
    const auto cover = coverage(truth, groups, pairs.z0, D, P);
    {
      auto out = open_csv(sibling_csv(s.output, "starts"));
      out << "group,snapshot,observable,start,training_rank,model_drift,t1,direct_rate,"
             "direct_se,z\n";
      for (const auto &r : rows) {
        out << r.group << "," << starts.snapshot[r.group] << "," << info.observables[r.observable]
            << "," << r.start << "," << r.training_rank << "," << r.model << ",";
        if (r.has_direct)
          out << r.t1 << "," << r.direct << "," << r.direct_se << "," << r.z << "\n";
        else
          out << ",,,\n";
      }
      auto cov = open_csv(sibling_csv(s.output, "coverage"));
      cov << "group,time,nearest_sd,training_within_sd\n";
      for (const auto &r : cover)
        cov << r.group << "," << r.time << "," << r.nearest << "," << r.within_sd << "\n";
    }
    report << "(b)+(a..d) at the direct starts (" << s.truth
           << "): model drift against the direct first slope, and the start's rank among "
              "training states\n";
    for (const auto &r : rows)
      if (r.has_direct)
        report << "  start " << r.group << " " << std::left << std::setw(20)
               << info.observables[r.observable] << std::right << " model " << std::setw(10)
               << r.model << " direct " << std::setw(10) << r.direct << " +- " << std::setw(9)
               << r.direct_se << "  z " << std::fixed << std::setprecision(1) << std::setw(6) << r.z
               << "  rank " << std::setprecision(2) << r.training_rank << std::defaultfloat << "\n";
      else
        report << "  start " << r.group << " " << std::left << std::setw(20)
               << info.observables[r.observable] << std::right << " rank among training "
               << std::fixed << std::setprecision(2) << r.training_rank << std::defaultfloat
               << "\n";
    // (e) the stationary state, per distinct condition of the starts.
    std::vector<std::vector<double>> seen;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const std::vector<double> cond(starts.condition.begin() + g * C,
                                     starts.condition.begin() + (g + 1) * C);
      if (std::find(seen.begin(), seen.end(), cond) != seen.end()) continue;
      seen.push_back(cond);
      std::vector<std::size_t> members;
      for (std::size_t h = 0; h < groups.size(); ++h)
        if (std::equal(cond.begin(), cond.end(), starts.condition.begin() + h * C))
          members.push_back(h);
      const auto late = direct_late_state(truth, groups, members, P);
      if (!late.stationary) {
        report << "(e) stationary state: skipped, the direct starts' late means differ by more "
                  "than their spread (the horizon ends before a common stationary state)\n";
        continue;
      }
      StationaryInput st;
      st.dimension = D, st.prescribed = P, st.box = s.stationary_box;
      st.mu = late.mean, st.sd = late.sd;
      for (std::size_t i = 0; i < pairs.n; ++i) {
        bool same = true;
        for (std::size_t j = 0; j < C && same; ++j)
          same = std::fabs(pairs.cond[i * C + j] - cond[j]) <= 1e-9 * (1 + std::fabs(cond[j]));
        if (!same) continue;
        ++st.n;
        st.z0.insert(st.z0.end(), pairs.z0.begin() + i * D, pairs.z0.begin() + (i + 1) * D);
        st.dz.insert(st.dz.end(), pairs.dz.begin() + i * D, pairs.dz.begin() + (i + 1) * D);
        st.drift.insert(st.drift.end(), fit.drift.begin() + i * D, fit.drift.begin() + (i + 1) * D);
        st.dt.push_back(pairs.dt[i]);
      }
      const auto x = check_stationary(st);
      report << std::setprecision(4) << "(e) stationary state";
      for (std::size_t j = 0; j < C; ++j)
        report << (j ? ", " : " at ") << info.conditions[j] << " = " << cond[j];
      report << ": local linear fit of the training rates within " << st.box
             << " direct sd of the direct late mean (" << x.n << " pairs); relaxation rates";
      for (double r : x.relaxation_rates)
        report << " " << r;
      report << "\n";
      for (std::size_t k = 0; k < P; ++k)
        report << "  " << std::left << std::setw(20) << prescribed[k] << std::right << " direct "
               << std::setw(9) << st.mu[k] << " (sd " << st.sd[k] << ")  data " << std::setw(9)
               << x.data_point[k] << " +- " << std::setw(9) << x.data_point_se[k] << "  model "
               << std::setw(9) << x.model_point[k] << "   rate at direct: data " << x.data_rate[k]
               << " +- " << x.data_rate_se[k] << ", model " << x.model_rate[k] << "\n";
    }
    double worst = 0;
    std::size_t fewest = pairs.n;
    for (const auto &r : cover)
      worst = std::max(worst, r.nearest), fewest = std::min(fewest, r.within_sd);
    report << "(b) coverage: nearest training state to a direct mean at most " << worst
           << " direct sd away; fewest training states within 1 sd: " << fewest << "\n";
  }
  report << "macrodyn diagnose: wrote " << s.output
         << (s.whole.empty() ? "" : ", *_estimator.csv, *_finite_dt.csv")
         << (s.truth.empty() ? "" : ", *_starts.csv, *_coverage.csv") << "\n";
}

} // namespace macrodyn::learn
