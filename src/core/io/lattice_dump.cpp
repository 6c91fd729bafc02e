#include "core/io/lattice_dump.h"

#include "core/base/error.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace macrodyn {

LatticeSnapshot read_lattice_dump(const std::string &path, LatticeKind kind,
                                  const std::vector<Species> &species_of_type) {
  std::ifstream in(path);
  require(in.good(), "cannot open dump '" + path + "'");
  auto fail = [&](const std::string &what) { throw Error("dump '" + path + "': " + what); };
  std::string line;
  long long step = 0, n = -1;
  double lo[3] = {0, 0, 0}, hi[3] = {1, 1, 1};
  std::vector<std::string> columns;
  while (std::getline(in, line)) {
    if (line.rfind("ITEM: TIMESTEP", 0) == 0) {
      in >> step;
    } else if (line.rfind("ITEM: NUMBER OF ATOMS", 0) == 0) {
      in >> n;
    } else if (line.rfind("ITEM: BOX BOUNDS", 0) == 0) {
      if (line.find("xy") != std::string::npos) fail("triclinic boxes are not supported");
      for (int d = 0; d < 3; ++d)
        in >> lo[d] >> hi[d];
    } else if (line.rfind("ITEM: ATOMS", 0) == 0) {
      std::istringstream words(line.substr(11));
      for (std::string w; words >> w;)
        columns.push_back(w);
      break;
    }
  }
  if (columns.empty() || n <= 0) fail("no ITEM: ATOMS section with a NUMBER OF ATOMS");
  auto column = [&](const std::string &name) -> int {
    for (std::size_t k = 0; k < columns.size(); ++k)
      if (columns[k] == name) return static_cast<int>(k);
    return -1;
  };
  const bool two_d = kind == LatticeKind::Square;
  const int c_type = column("type"), c_x = column("x"), c_y = column("y"), c_z = column("z");
  if (c_type < 0 || c_x < 0 || c_y < 0 || (!two_d && c_z < 0))
    fail("needs columns type, x, y" + std::string(two_d ? "" : ", z") + " (unscaled)");

  // Lattice constant from the area/volume per site, cells from the box.
  const Lattice unit(kind, {3, 3, kind == LatticeKind::Square ? 1 : 3}, 1.0); // for its basis
  const int dims = two_d ? 2 : 3;
  double volume = 1;
  for (int d = 0; d < dims; ++d)
    volume *= hi[d] - lo[d];
  const double a = std::pow(volume * unit.basis_size() / static_cast<double>(n), 1.0 / dims);
  std::array<int, 3> cells{1, 1, 1};
  for (int d = 0; d < dims; ++d) {
    cells[d] = static_cast<int>(std::lround((hi[d] - lo[d]) / a));
    if (cells[d] < 1 || std::abs(cells[d] * a - (hi[d] - lo[d])) > 1e-3 * a)
      fail("its box does not hold whole cubic cells of a " + lattice_kind_name(kind) +
           " lattice with " + std::to_string(n) + " sites");
  }
  LatticeSnapshot out;
  out.step = step;
  out.lattice = std::make_unique<Lattice>(kind, cells, a);
  const Lattice &lattice = *out.lattice;
  require(lattice.n_sites() == static_cast<std::size_t>(n), "site count mismatch");
  out.configuration.assign(lattice.n_sites(), 0);
  std::vector<char> filled(lattice.n_sites(), 0);
  const auto &basis = lattice.basis();
  std::vector<double> v(columns.size());
  for (long long atom = 0; atom < n; ++atom) {
    for (auto &x : v)
      if (!(in >> x)) fail("ends after " + std::to_string(atom) + " of " + std::to_string(n) + " atoms");
    const int type = static_cast<int>(v[c_type]);
    if (type < 1 || type >= static_cast<int>(species_of_type.size()))
      fail("atom type " + std::to_string(type) + " has no species (give one per type)");
    // Unit-cell coordinates; the nearest basis position decides the site.
    double p[3] = {(v[c_x] - lo[0]) / a, (v[c_y] - lo[1]) / a,
                   two_d ? 0.0 : (v[c_z] - lo[2]) / a};
    int best = -1;
    std::array<int, 3> cell{};
    double best_d2 = 1e300;
    for (int b = 0; b < lattice.basis_size(); ++b) {
      std::array<int, 3> c{};
      double d2 = 0;
      for (int d = 0; d < dims; ++d) {
        c[d] = static_cast<int>(std::lround(p[d] - basis[b][d]));
        const double e = p[d] - basis[b][d] - c[d];
        d2 += e * e;
      }
      if (d2 < best_d2) best_d2 = d2, best = b, cell = c;
    }
    if (std::sqrt(best_d2) > 0.25)
      fail("atom at (" + std::to_string(v[c_x]) + ", " + std::to_string(v[c_y]) +
           ") is " + std::to_string(std::sqrt(best_d2) * a) + " from the nearest site (a = " +
           std::to_string(a) + ")");
    const std::size_t site = lattice.site(cell, best);
    if (filled[site]) fail("two atoms on one lattice site (site " + std::to_string(site) + ")");
    filled[site] = 1;
    out.configuration[site] = species_of_type[type];
  }
  return out;
}

void append_lattice_dump(const std::string &path, std::uint64_t step, const Lattice &lattice,
                         const Configuration &config, const std::vector<int> &type_of_species,
                         int vacancy_type, const DumpPlacement &placement) {
  std::ofstream out(path, std::ios::app);
  if (!out.good()) throw Error("cannot write dump file '" + path + "'");
  const auto &cells = lattice.cells();
  const auto &lo = placement.lo;
  const double a = lattice.constant();
  const bool two_d = lattice.dimension() == 2;
  out << std::setprecision(16) << "ITEM: TIMESTEP\n"
      << step << "\nITEM: NUMBER OF ATOMS\n"
      << lattice.n_sites() << "\nITEM: BOX BOUNDS pp pp pp\n";
  for (int d = 0; d < 3; ++d) {
    const double low = two_d && d == 2 ? placement.z_lo : lo[d];
    const double high = two_d && d == 2 ? placement.z_hi : lo[d] + cells[d] * a;
    out << low << " " << high << "\n";
  }
  out << "ITEM: ATOMS id type x y z\n";
  for (std::size_t site = 0; site < lattice.n_sites(); ++site) {
    const auto p = lattice.position(site);
    const Species s = config[site];
    out << site + 1 << " " << (s == kVacancy ? vacancy_type : type_of_species.at(s)) << " "
        << lo[0] + p[0] << " " << lo[1] + p[1] << " " << (two_d ? placement.z_2d : lo[2] + p[2])
        << "\n";
  }
  if (!out.good()) throw Error("error writing dump file '" + path + "'");
}

} // namespace macrodyn
