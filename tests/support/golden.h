#pragma once
// Golden reference files, in the spirit of LAMMPS's unittest YAML files: a test computes values
// (thermo output of a seeded run, energies and forces, an example's summary table) and compares
// them with a file committed beside the test, within tolerances the test states. One switch
// regenerates every reference: MACRODYN_REGENERATE_GOLDEN=1 ctest ... writes what the tests
// computed over the committed files (review the diff, then commit it).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace macrodyn::testing {

struct Tolerance {
  double absolute = 0.0, relative = 0.0; ///< |got - want| <= absolute + relative |want|
};

bool regenerating_golden();

/// Named lists of numbers ("key v1 v2 ..." lines, written with 17 significant digits).
using GoldenValues = std::map<std::string, std::vector<double>>;

/// Compares `values` with the reference file (every key in both, same counts, numbers within
/// `tolerance`); when regenerating, writes the file instead.
::testing::AssertionResult matches_golden(const GoldenValues &values, const std::string &path,
                                          Tolerance tolerance);

/// Compares a CSV file with its reference: same header and rows; numeric cells within
/// `tolerance`, other cells equal; columns named in `ignored`, and rows whose first cell is named
/// there, are not compared (wall times).
/// When regenerating, copies `produced` over `reference`.
::testing::AssertionResult matches_golden_csv(const std::string &produced,
                                              const std::string &reference, Tolerance tolerance,
                                              const std::vector<std::string> &ignored = {});

/// Compares a text file with its reference, line by line; when regenerating, copies it over.
::testing::AssertionResult matches_golden_text(const std::string &produced,
                                               const std::string &reference);

/// The values of `print "GOLDEN <key> <numbers...>"` lines in LAMMPS output.
GoldenValues golden_lines(const std::string &output);

} // namespace macrodyn::testing
