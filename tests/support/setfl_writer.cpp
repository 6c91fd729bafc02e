#include "setfl_writer.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace macrodyn::testing {

double write_test_setfl(const std::string &path) {
  const double cutoff = 5.0;
  const int nrho = 1000, nr = 1000;
  const double drho = 0.05, dr = cutoff / (nr - 1);
  FILE *f = std::fopen(path.c_str(), "w");
  if (!f) throw std::runtime_error("cannot write " + path);
  std::fprintf(f,
               "synthetic test potential\nnot physical\nwritten by tests/support/setfl_writer\n");
  std::fprintf(f, "3 Nb Mo Ta\n%d %.16g %d %.16g %.16g\n", nrho, drho, nr, dr, cutoff);
  // Smooth cutoff (1 - r/rc)^3 keeps every function continuous at the cutoff.
  auto smooth = [&](double r) { return r < cutoff ? std::pow(1 - r / cutoff, 3) : 0.0; };
  const double depth[3] = {4.2, 5.1, 4.8}, density[3] = {1.0, 1.3, 1.15};
  const double pair_depth[3][3] = {{0.30, 0.36, 0.33}, {0.36, 0.42, 0.38}, {0.33, 0.38, 0.40}};
  for (int a = 0; a < 3; ++a) {
    std::fprintf(f, "%d %.4f %.4f bcc\n", 41 + a, 92.9 + a, 3.24);
    for (int m = 0; m < nrho; ++m) {
      const double rho = m * drho;
      std::fprintf(f, "%.16e\n", -depth[a] * std::sqrt(rho) + 0.02 * rho * rho);
    }
    for (int m = 0; m < nr; ++m) {
      const double r = m * dr;
      std::fprintf(f, "%.16e\n", density[a] * std::exp(-1.1 * (r - 2.8)) * smooth(r));
    }
  }
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b <= a; ++b)
      for (int m = 0; m < nr; ++m) {
        const double r = m * dr, x = std::exp(-1.4 * (r - 2.9));
        std::fprintf(f, "%.16e\n", r * pair_depth[a][b] * (x * x - 2 * x) * smooth(r));
      }
  std::fclose(f);
  return cutoff;
}

} // namespace macrodyn::testing
