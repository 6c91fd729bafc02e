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
    const std::uint64_t key = bits ^ (tag * 0x9e3779b97f4a7c15ULL);
    Entry &e = entries_[(key ^ (key >> 29) ^ (key >> 47)) & (kSize - 1)];
    if (e.used && e.bits == bits && e.tag == tag) return e.rate;
    e = {bits, tag, rate(), true};
    return e.rate;
  }

private:
  static constexpr std::size_t kSize = 256;
  struct Entry {
    std::uint64_t bits = 0, tag = 0;
    double rate = 0;
    bool used = false;
  };
  std::array<Entry, kSize> entries_{};
};

} // namespace macrodyn
