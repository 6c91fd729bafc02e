#pragma once
/// A direct-mapped memo of rates by (tag, energy change): lattice models with discrete couplings
/// (Ising, pair interactions) produce few distinct energy changes, and an exp() costs more than a
/// lookup. Keys compare bit for bit, so a memoized rate is exactly the computed one.
#include <array>
#include <cstdint>
#include <cstring>

namespace macrodyn {

class RateMemo {
public:
  /// The rate for (tag, dE), computed by `rate()` on a miss.
  template <class Rate> double get(std::uint64_t tag, double dE, Rate &&rate) {
    std::uint64_t bits;
    std::memcpy(&bits, &dE, sizeof bits);
    // Multiplicative hashing on the high bits: energy changes such as +4 and -4 differ only in the
    // sign bit, and small integers only in the exponent, so every bit must reach the index.
    const std::uint64_t key = (bits ^ (tag * 0x9e3779b97f4a7c15ULL)) * 0xbf58476d1ce4e5b9ULL;
    Entry &e = entries_[key >> (64 - kBits)];
    if (e.used && e.bits == bits && e.tag == tag) return e.rate;
    e = {bits, tag, rate(), true};
    return e.rate;
  }

private:
  static constexpr int kBits = 10;
  static constexpr std::size_t kSize = std::size_t(1) << kBits;
  struct Entry {
    std::uint64_t bits = 0, tag = 0;
    double rate = 0;
    bool used = false;
  };
  std::array<Entry, kSize> entries_{};
};

} // namespace macrodyn
