#pragma once
/// The name of a table written beside a main CSV output: "metrics.csv" -> "metrics_<what>.csv"
/// (an output without .csv gets "_<what>.csv" appended). `macrodyn evaluate` and `diagnose` name
/// their per-start, summary and per-part tables this way.
#include <string>

namespace macrodyn {

inline std::string sibling_csv(const std::string &output, const std::string &what) {
  const bool csv = output.size() > 4 && output.compare(output.size() - 4, 4, ".csv") == 0;
  return (csv ? output.substr(0, output.size() - 4) : output) + "_" + what + ".csv";
}

} // namespace macrodyn
