#include "learn/train/network_data.h"

#include <torch/torch.h>

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace macrodyn::learn {

Batch NetworkData::rows(const torch::Tensor &index) const {
  return {all.z0.index_select(0, index), all.dz.index_select(0, index),
          all.dt.index_select(0, index), all.c.index_select(0, index)};
}

void fit_normalization(const TrainingPairs &p, SdeSpec &spec) {
  const std::size_t D = p.dimension(), C = p.conditions.size();
  spec.dimension = static_cast<int>(D);
  spec.conditions = static_cast<int>(C);
  spec.z = Scaling::fit(p.z0, D);
  spec.c = Scaling::fit(p.cond, C);
  double mean_dt = 0;
  for (double t : p.dt)
    mean_dt += t / p.n;
  spec.time_scale = mean_dt;
  // Var(dz_n) ~ K g^2 dt_n with dt_n ~ 1: start g at the root of the mean variance / K.
  const auto dz = Scaling::fit(p.dz, D);
  double var = 0;
  for (std::size_t k = 0; k < D; ++k)
    var += std::pow(dz.scale[k] / spec.z.scale[k], 2) / D;
  spec.diffusion_init = std::sqrt(std::max(var, 1e-12) / p.K);
}

namespace {

/// Solves the symmetric positive definite system A x = b (n x n, row-major) in place by Gaussian
/// elimination with partial pivoting; n is the condition count + 1.
std::vector<double> solve(std::vector<double> A, std::vector<double> b) {
  const std::size_t n = b.size();
  for (std::size_t k = 0; k < n; ++k) {
    std::size_t p = k;
    for (std::size_t i = k + 1; i < n; ++i)
      if (std::abs(A[i * n + k]) > std::abs(A[p * n + k])) p = i;
    for (std::size_t j = 0; j < n; ++j)
      std::swap(A[k * n + j], A[p * n + j]);
    std::swap(b[k], b[p]);
    for (std::size_t i = k + 1; i < n; ++i) {
      const double f = A[i * n + k] / A[k * n + k];
      for (std::size_t j = k; j < n; ++j)
        A[i * n + j] -= f * A[k * n + j];
      b[i] -= f * b[k];
    }
  }
  std::vector<double> x(n);
  for (std::size_t k = n; k-- > 0;) {
    double r = b[k];
    for (std::size_t j = k + 1; j < n; ++j)
      r -= A[k * n + j] * x[j];
    x[k] = r / A[k * n + k];
  }
  return x;
}

} // namespace

std::string fit_clock(const TrainingPairs &p, const std::string &request, SdeSpec &spec) {
  const std::size_t C = p.conditions.size(), n = p.n;
  std::ostringstream line;
  line.precision(3);
  // auto tries log-linear first; clock_kind names a bad value.
  const ClockKind kind = request == "auto" ? ClockKind::LogLinear : clock_kind(request);
  const double global = spec.time_scale;
  if (kind == ClockKind::Global || (request == "auto" && C == 0)) {
    spec.clock = ClockKind::Global;
    spec.clock_slopes.clear();
    line << "clock global: one time scale " << global << " " << p.time_unit << " (mean dt)";
    return line.str();
  }
  require(C > 0, "clock " + request + " needs a condition to depend on, and the data have none");
  for (std::size_t i = 0; i < n; ++i) {
    require(p.dt[i] > 0, "clock " + request + ": record " + std::to_string(i) + " has dt <= 0");
    for (std::size_t j = 0; j < C; ++j)
      require(kind != ClockKind::Arrhenius || p.cond[i * C + j] > 0,
              "clock arrhenius needs positive conditions (temperatures), but " + p.conditions[j] +
                  " = " + std::to_string(p.cond[i * C + j]) + " in record " + std::to_string(i));
  }
  // Features x_j(c) as clock_at uses them; a column that does not vary gets slope 0.
  spec.clock = kind;
  spec.clock_slopes.assign(C, 0.0);
  std::vector<double> x(n * C);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < C; ++j)
      x[i * C + j] = clock_feature(spec, kind, j, p.cond[i * C + j]);
  std::vector<std::size_t> used;
  for (std::size_t j = 0; j < C; ++j) {
    const auto [lo, hi] = [&] {
      double a = INFINITY, b = -INFINITY;
      for (std::size_t i = 0; i < n; ++i)
        a = std::min(a, x[i * C + j]), b = std::max(b, x[i * C + j]);
      return std::pair{a, b};
    }();
    if (hi - lo > 1e-12) used.push_back(j);
  }
  // Normal equations of log dt = a + sum_j b_j x_j over the used columns.
  const std::size_t m = used.size() + 1;
  std::vector<double> A(m * m, 0.0), rhs(m, 0.0), row(m);
  for (std::size_t i = 0; i < n; ++i) {
    row[0] = 1.0;
    for (std::size_t u = 0; u < used.size(); ++u)
      row[u + 1] = x[i * C + used[u]];
    const double y = std::log(p.dt[i]);
    for (std::size_t r = 0; r < m; ++r) {
      rhs[r] += row[r] * y;
      for (std::size_t s = 0; s < m; ++s)
        A[r * m + s] += row[r] * row[s];
    }
  }
  const auto coef = solve(A, rhs);
  spec.time_scale = std::exp(coef[0]);
  for (std::size_t u = 0; u < used.size(); ++u)
    spec.clock_slopes[used[u]] = coef[u + 1];
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t i = 0; i < n; ++i) {
    const double tau = clock_at(spec, &p.cond[i * C]);
    lo = std::min(lo, tau), hi = std::max(hi, tau);
  }
  if (request == "auto" && hi < 2 * lo) { // dt hardly depends on the conditions
    spec.clock = ClockKind::Global;
    spec.clock_slopes.clear();
    spec.time_scale = global;
    line << "clock global: one time scale " << global << " " << p.time_unit
         << " (mean dt; a per-condition fit spans only " << hi / lo << "x)";
    return line.str();
  }
  line << "clock " << name_of(kind) << ": time scale from " << lo << " to " << hi << " "
       << p.time_unit << " over the records (" << hi / lo << "x; one global mean dt would be "
       << global << ")";
  return line.str();
}

NetworkData to_network_units(const TrainingPairs &p, const SdeSpec &spec) {
  const auto n = static_cast<long>(p.n);
  const long D = spec.dimension, C = spec.conditions;
  const auto f64 = torch::kFloat64;
  auto table = [&](const std::vector<double> &v, long cols) {
    return torch::from_blob(const_cast<double *>(v.data()), {n, cols}, f64).clone();
  };
  auto z_shift = torch::tensor(spec.z.shift, f64), z_scale = torch::tensor(spec.z.scale, f64);
  NetworkData d;
  d.K = p.K;
  d.all.z0 = (table(p.z0, D) - z_shift) / z_scale;
  d.all.dz = table(p.dz, D) / z_scale;
  if (spec.clock == ClockKind::Global) {
    d.all.dt = table(p.dt, 1).squeeze(1) / spec.time_scale;
  } else {
    std::vector<double> dt_n(p.n);
    for (std::size_t i = 0; i < p.n; ++i)
      dt_n[i] = p.dt[i] / clock_at(spec, &p.cond[i * C]);
    d.all.dt = torch::tensor(dt_n, f64);
  }
  d.all.c = C > 0 ? (table(p.cond, C) - torch::tensor(spec.c.shift, f64)) /
                        torch::tensor(spec.c.scale, f64)
                  : torch::zeros({n, 0}, f64);
  return d;
}

} // namespace macrodyn::learn
