#include "core/energy/setfl_potential.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace macrodyn {

TabulatedFunction::TabulatedFunction(const std::vector<double> &f, double delta)
    : delta_(delta), rdelta_(1.0 / delta) {
  const std::size_t n = f.size();
  require(n >= 5, "a tabulated function needs at least 5 points");
  coeff_.assign(n + 1, {});
  auto &s = coeff_;
  for (std::size_t m = 1; m <= n; ++m)
    s[m][6] = f[m - 1];
  // Slopes (per grid step): one-sided at the ends, central next to them, 5-point inside.
  s[1][5] = s[2][6] - s[1][6];
  s[2][5] = 0.5 * (s[3][6] - s[1][6]);
  s[n - 1][5] = 0.5 * (s[n][6] - s[n - 2][6]);
  s[n][5] = s[n][6] - s[n - 1][6];
  for (std::size_t m = 3; m <= n - 2; ++m)
    s[m][5] = ((s[m - 2][6] - s[m + 2][6]) + 8.0 * (s[m + 1][6] - s[m - 1][6])) / 12.0;
  for (std::size_t m = 1; m <= n - 1; ++m) {
    s[m][4] = 3.0 * (s[m + 1][6] - s[m][6]) - 2.0 * s[m][5] - s[m + 1][5];
    s[m][3] = s[m][5] + s[m + 1][5] - 2.0 * (s[m + 1][6] - s[m][6]);
  }
  s[n][4] = s[n][3] = 0.0;
  for (std::size_t m = 1; m <= n; ++m) {
    s[m][2] = s[m][5] / delta;
    s[m][1] = 2.0 * s[m][4] / delta;
    s[m][0] = 3.0 * s[m][3] / delta;
  }
}

std::size_t SetflPotential::index(const std::string &element) const {
  const auto it = std::find(elements.begin(), elements.end(), element);
  require(it != elements.end(), "element " + element + " is not in the eam/alloy file");
  return static_cast<std::size_t>(it - elements.begin());
}

double SetflPotential::pair(std::size_t a, std::size_t b, double r) const {
  return r_phi[a * elements.size() + b](r) / r;
}

SetflPotential read_setfl(const std::string &path) {
  std::ifstream in(path);
  require(in.good(), "cannot open eam/alloy file '" + path + "'");
  std::string line;
  for (int k = 0; k < 3; ++k)
    std::getline(in, line); // comments
  SetflPotential pot;
  int n = 0;
  {
    require(static_cast<bool>(std::getline(in, line)), path + ": missing element line");
    std::istringstream words(line);
    require(static_cast<bool>(words >> n) && n >= 1,
            path + ": line 4 must start with the element count");
    for (int k = 0; k < n; ++k) {
      std::string name;
      require(static_cast<bool>(words >> name),
              path + ": line 4 lists fewer than " + std::to_string(n) + " elements");
      pot.elements.push_back(name);
    }
  }
  require(static_cast<bool>(in >> pot.nrho >> pot.drho >> pot.nr >> pot.dr >> pot.cutoff),
          path + ": line 5 must hold Nrho drho Nr dr cutoff");
  require(pot.nrho >= 5 && pot.nr >= 5 && pot.drho > 0 && pot.dr > 0 && pot.cutoff > 0,
          path + ": bad grid on line 5");
  auto read_values = [&](int count, const std::string &what) {
    std::vector<double> v(count);
    for (auto &x : v)
      require(static_cast<bool>(in >> x), path + ": file ends inside " + what);
    return v;
  };
  std::vector<std::vector<double>> rphi_tables(n * n);
  for (int a = 0; a < n; ++a) {
    double z, mass, lattice_constant;
    std::string structure;
    require(static_cast<bool>(in >> z >> mass >> lattice_constant >> structure),
            path + ": bad header line of element " + pot.elements[a]);
    pot.embedding.emplace_back(read_values(pot.nrho, "F of " + pot.elements[a]), pot.drho);
    pot.density.emplace_back(read_values(pot.nr, "rho of " + pot.elements[a]), pot.dr);
  }
  for (int a = 0; a < n; ++a)
    for (int b = 0; b <= a; ++b)
      rphi_tables[a * n + b] = rphi_tables[b * n + a] =
          read_values(pot.nr, "r*phi of " + pot.elements[a] + "-" + pot.elements[b]);
  for (auto &table : rphi_tables)
    pot.r_phi.emplace_back(table, pot.dr);
  return pot;
}

} // namespace macrodyn
