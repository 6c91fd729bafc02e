#include "learn/train/sde_spec.h"

#include "core/base/error.h"

#include <cmath>

namespace macrodyn::learn {

DriftKind drift_kind(const std::string &name) {
  if (name == "mlp") return DriftKind::MLP;
  if (name == "onsager") return DriftKind::Onsager;
  throw Error("unknown drift '" + name + "' (expected mlp or onsager)");
}

DiffusionKind diffusion_kind(const std::string &name) {
  if (name == "diag-const") return DiffusionKind::DiagonalConstant;
  if (name == "full-const") return DiffusionKind::FullConstant;
  if (name == "diag") return DiffusionKind::Diagonal;
  if (name == "full") return DiffusionKind::Full;
  if (name == "none") return DiffusionKind::None;
  throw Error("unknown diffusion '" + name +
              "' (expected diag-const, full-const, diag, full or none)");
}

ClockKind clock_kind(const std::string &name) {
  if (name == "global") return ClockKind::Global;
  if (name == "log-linear") return ClockKind::LogLinear;
  if (name == "arrhenius") return ClockKind::Arrhenius;
  throw Error("unknown clock '" + name + "' (expected global, log-linear or arrhenius)");
}

std::string name_of(ClockKind kind) {
  switch (kind) {
  case ClockKind::Global:
    return "global";
  case ClockKind::LogLinear:
    return "log-linear";
  case ClockKind::Arrhenius:
    return "arrhenius";
  }
  return "?";
}

double clock_feature(const SdeSpec &s, ClockKind kind, std::size_t j, double c) {
  return kind == ClockKind::Arrhenius ? s.c.shift[j] / c - 1.0 : (c - s.c.shift[j]) / s.c.scale[j];
}

double clock_at(const SdeSpec &s, const double *c) {
  if (s.clock == ClockKind::Global) return s.time_scale;
  double exponent = 0;
  for (std::size_t j = 0; j < s.clock_slopes.size(); ++j)
    exponent += s.clock_slopes[j] * clock_feature(s, s.clock, j, c[j]);
  return s.time_scale * std::exp(exponent);
}

std::string name_of(DriftKind kind) {
  return kind == DriftKind::MLP ? "mlp" : "onsager";
}

std::string name_of(DiffusionKind kind) {
  switch (kind) {
  case DiffusionKind::DiagonalConstant:
    return "diag-const";
  case DiffusionKind::FullConstant:
    return "full-const";
  case DiffusionKind::Diagonal:
    return "diag";
  case DiffusionKind::Full:
    return "full";
  case DiffusionKind::None:
    return "none";
  }
  return "?";
}

Scaling Scaling::fit(const std::vector<double> &table, std::size_t cols) {
  Scaling s;
  s.shift.assign(cols, 0.0);
  s.scale.assign(cols, 1.0);
  if (cols == 0 || table.empty()) return s;
  const std::size_t rows = table.size() / cols;
  for (std::size_t j = 0; j < cols; ++j) {
    double sum = 0, sum2 = 0;
    for (std::size_t i = 0; i < rows; ++i)
      sum += table[i * cols + j];
    const double mean = sum / rows;
    for (std::size_t i = 0; i < rows; ++i)
      sum2 += (table[i * cols + j] - mean) * (table[i * cols + j] - mean);
    const double sd = std::sqrt(sum2 / rows);
    s.shift[j] = mean;
    s.scale[j] = sd > 1e-12 * std::max(1.0, std::abs(mean)) ? sd : 1.0;
  }
  return s;
}

} // namespace macrodyn::learn
