#include "golden.h"

#include "run_command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace macrodyn::testing {
namespace {

bool close(double got, double want, Tolerance t) {
  if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want);
  return std::fabs(got - want) <= t.absolute + t.relative * std::fabs(want);
}

std::vector<std::string> split(const std::string &line, char by) {
  std::vector<std::string> cells;
  std::istringstream in(line);
  for (std::string cell; std::getline(in, cell, by);)
    cells.push_back(cell);
  return cells;
}

bool as_number(const std::string &text, double &value) {
  char *end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return !text.empty() && end && *end == '\0';
}

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

} // namespace

bool regenerating_golden() {
  const char *flag = std::getenv("MACRODYN_REGENERATE_GOLDEN");
  return flag && std::string(flag) == "1";
}

::testing::AssertionResult matches_golden(const GoldenValues &values, const std::string &path,
                                          Tolerance tolerance) {
  if (regenerating_golden()) {
    std::string text;
    char number[64];
    for (const auto &[key, list] : values) {
      text += key;
      for (double v : list) {
        std::snprintf(number, sizeof number, " %.17g", v);
        text += number;
      }
      text += "\n";
    }
    write_file(path, text);
    return ::testing::AssertionSuccess() << "regenerated " << path;
  }
  GoldenValues want;
  for (const auto &line : lines_of(read_file(path))) {
    std::istringstream in(line);
    std::string key;
    in >> key;
    for (double v; in >> v;)
      want[key].push_back(v);
  }
  if (want.empty()) return ::testing::AssertionFailure() << "no reference values in " << path;
  for (const auto &[key, list] : want) {
    const auto it = values.find(key);
    if (it == values.end()) return ::testing::AssertionFailure() << key << ": not computed";
    if (it->second.size() != list.size())
      return ::testing::AssertionFailure()
             << key << ": " << it->second.size() << " values, reference " << list.size();
    for (std::size_t k = 0; k < list.size(); ++k)
      if (!close(it->second[k], list[k], tolerance))
        return ::testing::AssertionFailure() << key << "[" << k << "] = " << it->second[k]
                                             << ", reference " << list[k] << " (" << path << ")";
  }
  for (const auto &[key, list] : values)
    if (!want.count(key))
      return ::testing::AssertionFailure() << key << ": not in the reference " << path;
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult matches_golden_csv(const std::string &produced,
                                              const std::string &reference, Tolerance tolerance,
                                              const std::vector<std::string> &ignored) {
  const std::string text = read_file(produced);
  if (regenerating_golden()) {
    write_file(reference, text);
    return ::testing::AssertionSuccess() << "regenerated " << reference;
  }
  const auto got = lines_of(text), want = lines_of(read_file(reference));
  if (got.empty() || want.empty() || got[0] != want[0])
    return ::testing::AssertionFailure() << produced << ": header differs from " << reference;
  if (got.size() != want.size())
    return ::testing::AssertionFailure()
           << produced << ": " << got.size() << " lines, reference " << want.size();
  const auto header = split(want[0], ',');
  auto is_ignored = [&](const std::string &name) {
    for (const auto &i : ignored)
      if (i == name) return true;
    return false;
  };
  for (std::size_t r = 1; r < want.size(); ++r) {
    const auto g = split(got[r], ','), w = split(want[r], ',');
    if (!w.empty() && is_ignored(w[0])) continue;
    if (g.size() != w.size())
      return ::testing::AssertionFailure() << "row " << r << ": " << got[r] << " vs " << want[r];
    for (std::size_t c = 0; c < w.size(); ++c) {
      const std::string column = c < header.size() ? header[c] : std::to_string(c);
      double a = 0, b = 0;
      if (is_ignored(column)) continue;
      if (as_number(g[c], a) && as_number(w[c], b) ? !close(a, b, tolerance) : g[c] != w[c])
        return ::testing::AssertionFailure() << "row " << r << " (" << w[0] << "), " << column
                                             << ": " << g[c] << ", reference " << w[c];
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult matches_golden_text(const std::string &produced,
                                               const std::string &reference) {
  const std::string text = read_file(produced);
  if (regenerating_golden()) {
    write_file(reference, text);
    return ::testing::AssertionSuccess() << "regenerated " << reference;
  }
  const auto got = lines_of(text), want = lines_of(read_file(reference));
  for (std::size_t k = 0; k < std::max(got.size(), want.size()); ++k) {
    const std::string g = k < got.size() ? got[k] : "(none)", w = k < want.size() ? want[k] : "(none)";
    if (g != w)
      return ::testing::AssertionFailure() << produced << " line " << k + 1 << ": " << g
                                           << "\nreference " << reference << ": " << w;
  }
  return ::testing::AssertionSuccess();
}

GoldenValues golden_lines(const std::string &output) {
  GoldenValues values;
  for (const auto &line : lines_of(output)) {
    if (line.rfind("GOLDEN ", 0) != 0) continue;
    std::istringstream in(line.substr(7));
    std::string key;
    in >> key;
    for (double v; in >> v;)
      values[key].push_back(v);
  }
  return values;
}

} // namespace macrodyn::testing
