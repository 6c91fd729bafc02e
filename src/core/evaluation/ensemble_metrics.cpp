#include "core/evaluation/ensemble_metrics.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace macrodyn {

double mean_of(const std::vector<double> &x) {
  double s = 0;
  for (double v : x)
    s += v;
  return x.empty() ? 0.0 : s / x.size();
}

double median_of(std::vector<double> x) {
  if (x.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(x.begin(), x.end());
  const std::size_t n = x.size();
  return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

double std_of(const std::vector<double> &x) {
  if (x.size() < 2) return 0.0;
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  if (*lo == *hi) return 0.0; // exactly, not the roundoff of the mean
  const double m = mean_of(x);
  double s = 0;
  for (double v : x)
    s += (v - m) * (v - m);
  return std::sqrt(s / (x.size() - 1));
}

double wasserstein1(std::vector<double> a, std::vector<double> b) {
  require(!a.empty() && !b.empty(), "Wasserstein distance of an empty sample");
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  const double na = a.size(), nb = b.size();
  std::size_t i = 0, j = 0;
  double x = std::min(a[0], b[0]), distance = 0;
  while (i < a.size() || j < b.size()) {
    const double next = j >= b.size() || (i < a.size() && a[i] <= b[j]) ? a[i] : b[j];
    distance += std::abs(i / na - j / nb) * (next - x);
    x = next;
    while (i < a.size() && a[i] == x)
      ++i;
    while (j < b.size() && b[j] == x)
      ++j;
  }
  return distance;
}

} // namespace macrodyn
