#include "keyword_reader.h"

#include "error.h"
#include "lammps.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

using namespace LAMMPS_NS;

namespace macrodyn::lmp {
namespace {

/// A word as it may appear in an error: long words (a 300-digit number) are cut.
std::string shown(const std::string &word) {
  return word.size() <= 40 ? word : word.substr(0, 37) + "...";
}

bool parse_number(const char *word, double &out) {
  const std::string s = word;
  if (s.empty() || s.find_first_not_of("0123456789+-.eE") != std::string::npos) return false;
  char *end = nullptr;
  errno = 0;
  out = std::strtod(word, &end);
  return *end == '\0' && errno == 0 && std::isfinite(out);
}

enum class IntegerParse { Ok, NotInteger, OutOfRange };

IntegerParse parse_integer(const char *word, long long lo, long long hi, long long &out) {
  const std::string s = word;
  const std::size_t digits = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (s.size() == digits || s.find_first_not_of("0123456789", digits) != std::string::npos)
    return IntegerParse::NotInteger;
  char *end = nullptr;
  errno = 0;
  out = std::strtoll(word, &end, 10);
  if (errno == ERANGE || out < lo || out > hi) return IntegerParse::OutOfRange;
  return IntegerParse::Ok;
}

std::string range_text(long long lo, long long hi) {
  constexpr long long max = std::numeric_limits<long long>::max();
  if (hi == max) return ">= " + std::to_string(lo);
  return "in " + std::to_string(lo) + ".." + std::to_string(hi);
}

} // namespace

KeywordReader::KeywordReader(LAMMPS *lmp, const char *style, int narg, char **arg, int first,
                             std::vector<Keyword> table)
    : lmp_(lmp), style_(style), narg_(narg), arg_(arg), table_(std::move(table)), next_(first) {}

const Keyword *KeywordReader::find(const std::string &word) const {
  for (const auto &k : table_)
    if (k.name == word) return &k;
  return nullptr;
}

bool KeywordReader::is_keyword(const std::string &word) const {
  return find(word) != nullptr;
}

bool KeywordReader::given(const std::string &name) const {
  return std::find(seen_.begin(), seen_.end(), name) != seen_.end();
}

void KeywordReader::fail(const std::string &message) const {
  error(key_ + " " + message);
}

void KeywordReader::error(const std::string &message) const {
  lmp_->error->all(FLERR, fmt::format("{}: {}", style_, message));
}

bool KeywordReader::next() {
  if (next_ >= narg_) return false;
  const std::string word = arg_[next_];
  const Keyword *k = find(word);
  if (!k) {
    std::string list;
    for (const auto &entry : table_)
      list += (list.empty() ? "" : ", ") + entry.name;
    const std::string after =
        key_.empty() ? "" : fmt::format(" after {} and its {} value(s)", key_, count_);
    lmp_->error->all(FLERR, fmt::format("{}: unknown keyword '{}'{} (keywords: {})", style_,
                                        shown(word), after, list));
  }
  seen_.push_back(word);
  key_ = word;
  at_ = next_;
  // A fixed count takes that many words whatever they are (`kmc kmc`: a fix called kmc); a list
  // ends at the next keyword.
  int n = 0;
  if (k->values == kUpToNextKeyword) {
    while (at_ + 1 + n < narg_ && !is_keyword(arg_[at_ + 1 + n]))
      ++n;
    if (n == 0) {
      const std::string stop =
          at_ + 1 < narg_ ? fmt::format(" before keyword {}", arg_[at_ + 1]) : "";
      lmp_->error->all(FLERR, fmt::format("{}: keyword {} needs at least 1 value, got 0{}", style_,
                                          word, stop));
    }
  } else {
    n = std::min(k->values, narg_ - at_ - 1);
    if (n < k->values)
      lmp_->error->all(FLERR, fmt::format("{}: keyword {} needs {} value(s), got {}", style_, word,
                                          k->values, n));
  }
  count_ = n;
  next_ = at_ + 1 + n;
  return true;
}

const char *KeywordReader::value(int k) const {
  if (k < 1 || k > count_) fail(fmt::format("has no value {}", k)); // a slip of the style's code
  return arg_[at_ + k];
}

std::string KeywordReader::word(int k) const {
  return value(k);
}

std::vector<std::string> KeywordReader::words(int from) const {
  std::vector<std::string> out;
  for (int k = from; k <= count_; ++k)
    out.emplace_back(value(k));
  return out;
}

double KeywordReader::number(int k) const {
  double v = 0;
  if (!parse_number(value(k), v)) fail(fmt::format("must be a finite number, got '{}'", shown(value(k))));
  return v;
}

double KeywordReader::positive(int k) const {
  const double v = number(k);
  if (!(v > 0)) fail(fmt::format("must be > 0, got {}", shown(value(k))));
  return v;
}

double KeywordReader::nonnegative(int k) const {
  const double v = number(k);
  if (!(v >= 0)) fail(fmt::format("must be >= 0, got {}", shown(value(k))));
  return v;
}

long long KeywordReader::integer(int k, long long lo, long long hi) const {
  long long v = 0;
  switch (parse_integer(value(k), lo, hi, v)) {
  case IntegerParse::Ok:
    return v;
  case IntegerParse::NotInteger:
    fail(fmt::format("must be an integer, got '{}'", shown(value(k))));
  case IntegerParse::OutOfRange:
    break;
  }
  fail(fmt::format("must be an integer {}, got {}", range_text(lo, hi), shown(value(k))));
}

std::uint64_t KeywordReader::seed(int k) const {
  return static_cast<std::uint64_t>(integer(k, 1, std::numeric_limits<long long>::max()));
}

bool KeywordReader::yes_no(int k) const {
  return choice(k, {"yes", "no"}) == 0;
}

int KeywordReader::choice(int k, const std::vector<std::string> &options) const {
  const std::string v = value(k);
  for (std::size_t i = 0; i < options.size(); ++i)
    if (v == options[i]) return static_cast<int>(i);
  std::string list;
  for (std::size_t i = 0; i < options.size(); ++i)
    list += (i == 0 ? "" : i + 1 == options.size() ? " or " : ", ") + options[i];
  fail(fmt::format("must be {}, got '{}'", list, shown(v)));
}

double read_number(LAMMPS *lmp, const char *style, const std::string &what, const char *word) {
  double v = 0;
  if (!parse_number(word, v))
    lmp->error->all(FLERR, fmt::format("{}: {} must be a finite number, got '{}'", style, what,
                                       shown(word)));
  return v;
}

long long read_integer(LAMMPS *lmp, const char *style, const std::string &what, const char *word,
                       long long lo, long long hi) {
  long long v = 0;
  const auto result = parse_integer(word, lo, hi, v);
  if (result == IntegerParse::NotInteger)
    lmp->error->all(FLERR, fmt::format("{}: {} must be an integer, got '{}'", style, what,
                                       shown(word)));
  if (result == IntegerParse::OutOfRange)
    lmp->error->all(FLERR, fmt::format("{}: {} must be an integer {}, got {}", style, what,
                                       range_text(lo, hi), shown(word)));
  return v;
}

} // namespace macrodyn::lmp
