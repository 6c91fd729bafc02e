#include "core/energy/pair_interaction_model.h"

#include "core/base/error.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace macrodyn {

PairInteractionTable read_pair_interactions(const std::string &path,
                                            const std::vector<std::string> &wanted) {
  std::ifstream in(path);
  require(in.good(), "cannot open pair-interaction file '" + path + "'");
  std::vector<std::string> file_species;
  int n_shells = 0;
  struct Entry {
    int shell;
    std::string a, b;
    double v;
    int line;
  };
  std::vector<Entry> entries;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto where = path + ":" + std::to_string(number) + ": ";
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string key;
    if (!(words >> key)) continue;
    if (key == "species") {
      for (std::string s; words >> s;)
        file_species.push_back(s);
      require(!file_species.empty(), where + "'species' lists no names");
    } else if (key == "shells") {
      require(static_cast<bool>(words >> n_shells) && n_shells >= 1,
              where + "'shells' needs a count >= 1");
    } else if (key == "pair") {
      Entry e{0, "", "", 0.0, number};
      require(static_cast<bool>(words >> e.shell >> e.a >> e.b >> e.v),
              where + "expected 'pair <shell> <A> <B> <V>'");
      entries.push_back(e);
    } else {
      throw Error(where + "unknown keyword '" + key + "'");
    }
  }
  require(!file_species.empty(), path + ": no 'species' line");
  require(n_shells >= 1, path + ": no 'shells' line");

  PairInteractionTable table;
  table.species = wanted;
  const std::size_t n = wanted.size();
  for (const auto &w : wanted)
    require(std::find(file_species.begin(), file_species.end(), w) != file_species.end(),
            path + ": species '" + w + "' is not in the file");
  table.shell.assign(n_shells, std::vector<double>(n * n, 0.0));
  auto code = [&](const std::string &name) -> int {
    auto it = std::find(wanted.begin(), wanted.end(), name);
    return it == wanted.end() ? -1 : static_cast<int>(it - wanted.begin());
  };
  for (const auto &e : entries) {
    const auto where = path + ":" + std::to_string(e.line) + ": ";
    require(e.shell >= 1 && e.shell <= n_shells, where + "shell " + std::to_string(e.shell) +
                                                     " is not in 1.." + std::to_string(n_shells));
    for (const auto &name : {e.a, e.b})
      require(std::find(file_species.begin(), file_species.end(), name) != file_species.end(),
              where + "species '" + name + "' is not declared on the 'species' line");
    const int a = code(e.a), b = code(e.b);
    if (a < 0 || b < 0) continue; // a species of the file the caller does not use
    table.shell[e.shell - 1][a * n + b] = e.v;
    table.shell[e.shell - 1][b * n + a] = e.v;
  }
  return table;
}

PairInteractionModel::PairInteractionModel(const Lattice &lattice, PairInteractionTable table)
    : EnergyModel(lattice), table_(std::move(table)) {
  require(static_cast<int>(table_.shell.size()) <= lattice.n_shells(),
          "pair interactions use " + std::to_string(table_.shell.size()) +
              " shells but the lattice tabulates only " + std::to_string(lattice.n_shells()));
  const int n = static_cast<int>(table_.species.size());
  n1_ = n + 1;
  padded_.assign(table_.shell.size() * n1_ * n1_, 0.0);
  for (int s = 0; s < static_cast<int>(table_.shell.size()); ++s)
    for (int a = 0; a < n; ++a)
      for (int b = 0; b < n; ++b)
        padded_[(static_cast<std::size_t>(s) * n1_ + a + 1) * n1_ + b + 1] = table_.value(s, a, b);
}

double PairInteractionModel::site_energy(const Configuration &config, std::size_t i, Species a,
                                         std::size_t skip) const {
  if (a == kVacancy) return 0.0;
  double e = 0.0;
  for (int s = 0; s < interaction_shells(); ++s) {
    const SiteIndex *nb = lattice_->neighbours(i, s);
    for (int k = 0; k < lattice_->coordination(s); ++k) {
      const Species b = config[nb[k]];
      if (nb[k] != skip && b != kVacancy) e += table_.value(s, a, b);
    }
  }
  return e;
}

double PairInteractionModel::total_energy(const Configuration &config) const {
  double e = 0.0;
  for (std::size_t i = 0; i < config.size(); ++i)
    e += site_energy(config, i, config[i], config.size());
  return 0.5 * e;
}

double PairInteractionModel::flip_delta(const Configuration &config, std::size_t i,
                                        Species s) const {
  return site_energy(config, i, s, config.size()) -
         site_energy(config, i, config[i], config.size());
}

double PairInteractionModel::exchange_delta(const Configuration &config, std::size_t i,
                                            std::size_t j) const {
  const Species a = config[i], b = config[j];
  if (a == b) return 0.0;
  // Bonds touching i or j change, except the i-j bond itself (V is symmetric): one pass over the
  // neighbours of each, V(new) - V(old) per bond.
  double e = 0.0;
  for (int s = 0; s < interaction_shells(); ++s) {
    const double *va = row(s, a), *vb = row(s, b);
    const int z = lattice_->coordination(s);
    const SiteIndex *ni = lattice_->neighbours(i, s), *nj = lattice_->neighbours(j, s);
    for (int k = 0; k < z; ++k) {
      if (ni[k] != j) e += vb[config[ni[k]]] - va[config[ni[k]]];
      if (nj[k] != i) e += va[config[nj[k]]] - vb[config[nj[k]]];
    }
  }
  return e;
}

} // namespace macrodyn
