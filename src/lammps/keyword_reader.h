#pragma once
// One reader for the `keyword value ...` lists of every MACRODYN style (doc/styles/keywords.md).
// A style declares its keywords in a table; the reader walks the words, checks each value's kind
// and range, and stops with a LAMMPS error that names the style, the keyword and the bad word.
// The rules, the same in every style:
//  - a word where a keyword belongs must be one of the table's (the error lists them);
//  - a keyword given again replaces what it set before, as in LAMMPS's own styles; keywords
//    whose values name what they set (`barrier Nb 0.9 barrier Mo 1.1`) add one item each;
//  - a keyword with a fixed count takes exactly that many words, whatever they are (`kmc kmc` names
//    a fix called kmc); a keyword with kUpToNextKeyword takes every word up to the next keyword,
//    at least one;
//  - numbers are finite (1e400 and nan are errors); integers are written as integers (2.5 is not a
//    count) and lie in their range.
// Errors are collective (error->all): every rank reads the same input script.
#include <cstdint>
#include <string>
#include <vector>

namespace LAMMPS_NS {
class LAMMPS;
}

namespace macrodyn::lmp {

inline constexpr int kUpToNextKeyword = -1;

struct Keyword {
  std::string name;
  int values = 1; ///< exact count of values, or kUpToNextKeyword
};

class KeywordReader {
public:
  /// Reads arg[first..narg) against `table`.
  KeywordReader(LAMMPS_NS::LAMMPS *lmp, const char *style, int narg, char **arg, int first,
                std::vector<Keyword> table);

  /// Moves to the next keyword and checks its values are there; false after the last one.
  bool next();
  const std::string &key() const { return key_; }
  /// The number of values of the current keyword.
  int count() const { return count_; }

  /// The k-th value (1-based) of the current keyword, as written.
  std::string word(int k) const;
  /// Values k.. to the end of the current keyword.
  std::vector<std::string> words(int from = 1) const;
  double number(int k) const;      ///< finite
  double positive(int k) const;    ///< finite, > 0
  double nonnegative(int k) const; ///< finite, >= 0
  /// An integer in [lo, hi], written as an integer.
  long long integer(int k, long long lo, long long hi) const;
  /// A random seed: an integer in 1 .. 2^63 - 1.
  std::uint64_t seed(int k) const;
  bool yes_no(int k) const;
  /// The index in `options` of the k-th value.
  int choice(int k, const std::vector<std::string> &options) const;

  bool is_keyword(const std::string &word) const;
  bool given(const std::string &name) const;
  /// Stops with "<style>: <key> <message>" about the current keyword ("must be > 0, got -1").
  [[noreturn]] void fail(const std::string &message) const;
  /// Stops with "<style>: <message>".
  [[noreturn]] void error(const std::string &message) const;

private:
  const Keyword *find(const std::string &word) const;
  const char *value(int k) const;

  LAMMPS_NS::LAMMPS *lmp_;
  const char *style_;
  int narg_;
  char **arg_;
  std::vector<Keyword> table_;
  std::vector<std::string> seen_;
  int at_ = 0, count_ = 0, next_;
  std::string key_;
};

/// Parses `word` as a finite number / an integer in [lo, hi]; otherwise stops with an error
/// "<style>: <what> must be ..., got '<word>'". For positional arguments outside a keyword list.
double read_number(LAMMPS_NS::LAMMPS *lmp, const char *style, const std::string &what,
                   const char *word);
long long read_integer(LAMMPS_NS::LAMMPS *lmp, const char *style, const std::string &what,
                       const char *word, long long lo, long long hi);

} // namespace macrodyn::lmp
