#include "learn/train/latent_ode_pipeline.h"

#include "core/base/error.h"
#include "core/io/partial_force_reader.h"
#include "learn/model/cpu_threads.h"
#include "learn/model/model_archive.h"
#include "learn/train/configuration_encoder.h"
#include "learn/train/configuration_encoder_trainer.h"
#include "learn/train/force_projection.h"
#include "learn/train/latent_ode_trainer.h"
#include "learn/train/local_configuration_encoder.h"
#include "learn/train/sde_module.h"
#include "macrodyn/version.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <map>
#include <set>

namespace macrodyn::learn {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

torch::Tensor doubles(std::vector<double> v, std::vector<int64_t> shape) {
  return torch::tensor(v, torch::kFloat64).reshape(shape);
}

/// A block of records as the encoder's tensors: x = (r, v), masses, f = (v, F / m) on every
/// atom (only with full forces), and the selected atoms (0-based) with f on their coordinates.
struct Tensors {
  torch::Tensor x, m, f, selected, f_selected;
};

Tensors tensors_of(const PartialForceBlock &b, int N, int n, bool full) {
  const int64_t B = static_cast<int64_t>(b.count);
  Tensors t;
  const auto r = doubles(b.positions, {B, 3 * N});
  const auto v = doubles(b.velocities, {B, N, 3});
  t.m = doubles(b.masses, {B, N});
  t.x = torch::cat({r, v.reshape({B, 3 * N})}, 1);
  if (full)
    t.f = torch::cat({v.reshape({B, 3 * N}),
                      (doubles(b.full_forces, {B, N, 3}) / t.m.unsqueeze(2)).reshape({B, 3 * N})},
                     1);
  t.selected = torch::tensor(b.selected, torch::kLong).reshape({B, n}) - 1;
  const auto idx = t.selected.unsqueeze(2).expand({B, n, 3});
  const auto v_sel = v.gather(1, idx), m_sel = t.m.gather(1, t.selected);
  const auto a_sel = doubles(b.forces, {B, n, 3}) / m_sel.unsqueeze(2);
  t.f_selected = torch::cat({v_sel.reshape({B, 3 * n}), a_sel.reshape({B, 3 * n})}, 1);
  return t;
}

/// Calls `use(block, rows)` for the records `wanted` (increasing), reading contiguous spans.
template <class Use>
void for_records(const PartialForceSetUp &s, const std::vector<std::uint64_t> &wanted, bool full,
                 Use use) {
  constexpr std::uint64_t kSpan = 256;
  std::size_t k = 0;
  while (k < wanted.size()) {
    const std::uint64_t first = wanted[k];
    std::vector<int64_t> rows;
    while (k < wanted.size() && wanted[k] < first + kSpan)
      rows.push_back(static_cast<int64_t>(wanted[k++] - first));
    const auto block = read_partial_force_block(s, first, rows.back() + 1, full);
    use(block, torch::tensor(rows, torch::kLong));
  }
}

Tensors select_rows(const Tensors &t, const torch::Tensor &rows) {
  Tensors o;
  o.x = t.x.index_select(0, rows);
  o.m = t.m.index_select(0, rows);
  if (t.f.defined()) o.f = t.f.index_select(0, rows);
  o.selected = t.selected.index_select(0, rows);
  o.f_selected = t.f_selected.index_select(0, rows);
  return o;
}

/// The model.pt module: the frozen encoder and the latent ODE, with methods that need no
/// knowledge of either's internals.
torch::jit::Module compose(const torch::jit::Module &encoder, const torch::jit::Module &ode) {
  torch::jit::Module m("MacrodynLatentOde");
  m.register_module("encoder", encoder);
  m.register_module("dynamics", ode);
  m.define(R"(
def encode(self, x: Tensor, masses: Tensor) -> Tensor:
    return self.encoder.encode(x, masses)

def drift(self, z: Tensor) -> Tensor:
    return self.dynamics.drift(z, torch.zeros(z.size(0), 0, dtype=z.dtype))

def rollout(self, x0: Tensor, masses: Tensor, dt: float, steps: int) -> Tensor:
    z0 = self.encoder.encode(x0, masses)
    return self.dynamics.rk4(z0, torch.zeros(z0.size(0), 0, dtype=z0.dtype), dt, steps)

def temperature(self, z: Tensor) -> Tensor:
    return z[..., 0] / self.encoder.temperature_scale

def forward(self, z: Tensor) -> Tensor:
    return self.drift(z)
)");
  return m;
}

} // namespace

LatentOdeSummary run_latent_ode(const LatentOdeSettings &s, std::ostream &progress) {
  require(s.loss == "partial" || s.loss == "full" || s.loss == "latent",
          "unknown loss '" + s.loss + "' (partial, full or latent)");
  require(s.drift == "onsager" || s.drift == "mlp", "unknown drift '" + s.drift + "'");
  const CpuThreadsScope threads(s.threads);
  torch::manual_seed(s.seed);
  auto say = [&](const std::string &line) {
    if (!s.quiet) progress << "macrodyn train-ode: " << line << std::endl;
  };
  const auto set_up = read_partial_force_set_up(s.forces);
  require(set_up.velocities, "'" + s.forces + "' has no velocities (fix partial/force ... "
                             "velocities yes): the encoder needs them");
  const bool full = s.loss != "partial";
  require(!full || set_up.full_forces, "loss " + s.loss + " needs every force and '" + s.forces +
                                           "' has only the partial ones (write it with full yes)");
  const int N = static_cast<int>(set_up.atoms), n = static_cast<int>(set_up.selected);

  // Trajectories: the highest numbers are the test set; records in file order.
  const auto index = read_partial_force_index(set_up);
  const std::set<int> ids(index.trajectory.begin(), index.trajectory.end());
  require(static_cast<int>(ids.size()) > s.test_trajectories,
          "'" + s.forces + "' holds " + std::to_string(ids.size()) + " trajectories: too few for " +
              std::to_string(s.test_trajectories) + " test trajectories and a training set");
  std::set<int> test(std::prev(ids.end(), s.test_trajectories), ids.end());
  std::vector<std::uint64_t> train_records;
  std::map<int, std::vector<std::uint64_t>> test_records;
  for (std::uint64_t k = 0; k < index.trajectory.size(); ++k) {
    if (test.count(index.trajectory[k]))
      test_records[index.trajectory[k]].push_back(k);
    else
      train_records.push_back(k);
  }
  const double cost = full ? N : n; // atom forces per configuration
  std::size_t use = train_records.size();
  if (s.budget > 0) use = std::min(use, static_cast<std::size_t>(std::floor(s.budget / cost)));
  require(use >= 1, "a budget of " + std::to_string(s.budget) + " atom forces buys no configuration "
                    "(" + std::to_string(static_cast<long long>(cost)) + " each)");
  std::vector<std::uint64_t> budgeted(train_records.begin(), train_records.begin() + use);
  LatentOdeSummary summary;
  summary.configurations = use;
  summary.force_evaluations = use * cost;
  say(std::to_string(N) + " atoms, " + std::to_string(ids.size() - test.size()) +
      " training and " + std::to_string(test.size()) + " test trajectories; loss " + s.loss +
      " on " + std::to_string(use) + " configurations (" +
      std::to_string(static_cast<long long>(summary.force_evaluations)) + " atom forces)");

  // Encoder.
  auto t0 = Clock::now();
  torch::jit::Module encoder("unset");
  nlohmann::json encoder_meta;
  if (!s.encoder.empty()) {
    const auto loaded = load_model(s.encoder);
    encoder = loaded.module.attr("encoder").toModule();
    encoder_meta = nlohmann::json::parse(loaded.metadata_json).at("encoder");
    require(encoder.attr("atoms").toInt() == N,
            "the encoder of '" + s.encoder + "' is for " +
                std::to_string(encoder.attr("atoms").toInt()) + " atoms, the data have " +
                std::to_string(N));
    say("encoder reused from " + s.encoder);
  } else {
    const bool local = s.encoder_kind == "local";
    require(local || s.encoder_kind == "mlp",
            "unknown encoder kind '" + s.encoder_kind + "' (mlp or local)");
    if (local) {
      const auto first = read_partial_force_block(set_up, train_records.front(), 1, false);
      const auto &bx = first.box;
      require(bx[6] == 0 && bx[7] == 0 && bx[8] == 0,
              "the local encoder needs an orthogonal box ('" + s.forces + "' is triclinic)");
      LocalEncoderSpec spec;
      spec.atoms = N;
      spec.closure = s.closure;
      spec.hidden = s.encoder_hidden;
      spec.radial = s.radial;
      spec.cutoff = s.cutoff;
      spec.box = {bx[1] - bx[0], bx[3] - bx[2], bx[5] - bx[4]};
      encoder = build_local_configuration_encoder(spec);
    } else {
      ConfigurationEncoderSpec spec;
      spec.atoms = N;
      spec.closure = s.closure;
      spec.hidden = s.encoder_hidden;
      encoder = build_configuration_encoder(spec);
    }
    const std::size_t M = std::min<std::size_t>(s.encoder_configurations, train_records.size());
    std::vector<std::uint64_t> picks;
    for (std::size_t k = 0; k < M; ++k)
      picks.push_back(train_records[k * train_records.size() / M]);
    std::vector<torch::Tensor> xs, ms;
    for_records(set_up, picks, false, [&](const PartialForceBlock &b, const torch::Tensor &rows) {
      const auto t = select_rows(tensors_of(b, N, n, false), rows);
      xs.push_back(t.x), ms.push_back(t.m);
    });
    const auto x_enc = torch::cat(xs), m_enc = torch::cat(ms);
    xs.clear(), ms.clear();
    if (local) fit_descriptor_scaling(encoder, x_enc.slice(0, 0, 256), m_enc.slice(0, 0, 256));
    EncoderTrainOptions o;
    o.seed = s.seed;
    o.epochs = s.encoder_epochs;
    if (local) o.batch = 32, o.penalty_configurations = 2;
    o.learning_rate = s.encoder_learning_rate;
    o.lambda_cond = s.lambda_cond;
    say("training the encoder on " + std::to_string(M) + " configurations (" +
        std::to_string(s.closure) + " closure variables, lambda_cond " + std::to_string(s.lambda_cond) +
        ")");
    const auto r = train_configuration_encoder(
        encoder, x_enc, m_enc, o, [&](int epoch, double mse, double kappa) {
          if (epoch % 20 == 0 || epoch == o.epochs)
            say("encoder epoch " + std::to_string(epoch) + ": reconstruction " +
                std::to_string(mse) + ", mean kappa " + std::to_string(kappa));
        });
    encoder_meta = {{"kind", s.encoder_kind},
                    {"atoms", N},
                    {"closure", s.closure},
                    {"hidden", s.encoder_hidden},
                    {"temperature_scale", encoder.attr("temperature_scale").toDouble()},
                    {"epochs", s.encoder_epochs},
                    {"configurations", M},
                    {"lambda_cond", s.lambda_cond},
                    {"reconstruction", r.reconstruction},
                    {"condition_number_median", r.condition_number_median},
                    {"condition_number_max", r.condition_number_max}};
    say("encoder: kappa median " + std::to_string(r.condition_number_median) + ", max " +
        std::to_string(r.condition_number_max));
  }
  for (auto p : encoder.parameters())
    p.requires_grad_(false);
  summary.seconds_encoder = seconds_since(t0);

  // The loss's quadratic forms, once per configuration with the frozen encoder.
  t0 = Clock::now();
  std::vector<ForceProjection> parts;
  {
    torch::NoGradGuard no_grad;
    for_records(set_up, budgeted, full, [&](const PartialForceBlock &b, const torch::Tensor &rows) {
      const auto all = select_rows(tensors_of(b, N, n, full), rows);
      // A dense Jacobian (local encoder) is B x c x 6N plus pair terms: a few at a time.
      const int64_t step = encoder.find_method("closure_jacobian") ? 4 : all.x.size(0);
      for (int64_t from = 0; from < all.x.size(0); from += step) {
        const auto t = select_rows(all, torch::arange(from, std::min(all.x.size(0), from + step)));
        const auto z = encoder.run_method("encode", t.x, t.m).toTensor();
        const auto j = encoder_jacobian(encoder, t.x, t.m);
        parts.push_back(s.loss == "partial" ? project_partial(j, z, t.selected, t.f_selected)
                        : s.loss == "full"  ? project_full(j, z, t.f)
                                            : project_latent(j, z, t.f));
      }
    });
  }
  const auto data = concatenate(parts);
  parts.clear();
  summary.seconds_projection = seconds_since(t0);
  say("projected " + std::to_string(use) + " configurations in " +
      std::to_string(summary.seconds_projection) + " s");

  // Latent ODE in network units: z standardized, time scaled so that g_n is O(1).
  t0 = Clock::now();
  const int d = static_cast<int>(data.z.size(1));
  SdeSpec spec;
  spec.dimension = d;
  spec.hidden = s.hidden;
  spec.drift = drift_kind(s.drift);
  spec.diffusion = DiffusionKind::None;
  const auto z_mean = data.z.mean(0), z_sd = data.z.std(0).clamp_min(1e-12);
  spec.z.shift.assign(z_mean.data_ptr<double>(), z_mean.data_ptr<double>() + d);
  spec.z.scale.assign(z_sd.data_ptr<double>(), z_sd.data_ptr<double>() + d);
  const auto g_sd = per_configuration_drift(data).std(0).clamp_min(1e-12);
  spec.time_scale = (z_sd / g_sd).median().item<double>();
  auto ode = build_sde_module(spec);
  OdeTrainOptions o;
  o.seed = s.seed;
  o.epochs = s.epochs;
  o.batch = s.batch;
  o.learning_rate = s.learning_rate;
  const auto r = train_latent_ode(ode, data, o, [&](int epoch, double loss, double lr) {
    if (epoch % 20 == 0 || epoch == o.epochs)
      say("epoch " + std::to_string(epoch) + ": loss " + std::to_string(loss) + ", lr " +
          std::to_string(lr));
  });
  summary.seconds_training = seconds_since(t0);

  auto model = compose(encoder, ode);
  nlohmann::json meta = {
      {"kind", "latent-ode"},
      {"code_version", kVersion},
      {"forces", s.forces},
      {"loss", s.loss},
      {"atoms", N},
      {"selected", n},
      {"configurations", use},
      {"force_evaluations", summary.force_evaluations},
      {"timestep", set_up.timestep},
      {"units", set_up.units},
      {"test_trajectories", std::vector<int>(test.begin(), test.end())},
      {"encoder", encoder_meta},
      {"dynamics",
       {{"drift", s.drift}, {"hidden", s.hidden}, {"epochs", s.epochs}, {"batch", s.batch},
        {"learning_rate", s.learning_rate}, {"best_loss", r.best_loss},
        {"best_epoch", r.best_epoch}, {"time_scale", spec.time_scale}}},
      {"seed", s.seed}};

  // Test trajectories: RK4 from phi(x0) at the MD time step, T compared at the recorded steps.
  {
    torch::NoGradGuard no_grad;
    double sum = 0, naive = 0;
    for (const auto &[id, records] : test_records) {
      std::vector<std::int64_t> steps;
      std::vector<torch::Tensor> T;
      torch::Tensor x0, m0;
      for_records(set_up, records, false, [&](const PartialForceBlock &b, const torch::Tensor &rows) {
        const auto t = select_rows(tensors_of(b, N, n, false), rows);
        if (!x0.defined()) x0 = t.x.slice(0, 0, 1), m0 = t.m.slice(0, 0, 1);
        T.push_back(encoder.run_method("temperature", t.x, t.m).toTensor());
        for (int64_t k = 0; k < rows.size(0); ++k)
          steps.push_back(b.step[rows[k].item<int64_t>()]);
      });
      const auto truth = torch::cat(T);
      const int64_t span = steps.back() - steps.front();
      const auto path = model.run_method("rollout", x0, m0, set_up.timestep, span).toTensor();
      const auto at = torch::tensor(steps, torch::kLong) - steps.front();
      const auto predicted =
          model.run_method("temperature", path.index_select(0, at).select(1, 0)).toTensor();
      const double e = ((predicted - truth).abs().sum() / truth.abs().sum()).item<double>();
      summary.trajectory_errors.push_back(e);
      sum += e;
      // The naive baseline: T stays at T(0).
      naive += ((truth - truth[0]).abs().sum() / truth.abs().sum()).item<double>();
    }
    summary.relative_error = test_records.empty() ? NAN : sum / test_records.size();
    summary.constant_error = test_records.empty() ? NAN : naive / test_records.size();
  }
  meta["test_relative_error"] = summary.relative_error;
  meta["test_trajectory_errors"] = summary.trajectory_errors;
  meta["test_constant_temperature_error"] = summary.constant_error;
  meta["seconds"] = {{"encoder", summary.seconds_encoder},
                     {"projection", summary.seconds_projection},
                     {"training", summary.seconds_training}};
  save_model(model, s.output, meta.dump(2));
  std::ostringstream line;
  line << std::setprecision(3) << "relative error of T(t) on " << test_records.size()
       << " test trajectories: " << summary.relative_error << " (T held at T(0): "
       << summary.constant_error << "); wrote " << s.output
       << " (encoder " << summary.seconds_encoder << " s, projection "
       << summary.seconds_projection << " s, training " << summary.seconds_training << " s)";
  say(line.str());
  return summary;
}

} // namespace macrodyn::learn
