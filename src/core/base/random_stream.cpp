#include "core/base/random_stream.h"

#include <cmath>

namespace macrodyn {
namespace {

std::uint64_t splitmix64(std::uint64_t &state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

} // namespace

RandomStream::RandomStream(std::uint64_t seed, std::initializer_list<std::uint64_t> key) {
  // Fold the key into the seed with a full SplitMix64 round per element, so (1,2) and (2,1) differ.
  std::uint64_t h = seed;
  std::uint64_t mixed = splitmix64(h);
  for (std::uint64_t k : key) {
    h = mixed ^ (k + 0x632BE59BD9B4E019ULL);
    mixed = splitmix64(h);
  }
  std::uint64_t state = mixed;
  for (auto &word : s_)
    word = splitmix64(state);
}

std::uint64_t RandomStream::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double RandomStream::uniform_open() {
  // 53 random bits, shifted by half an ulp: never exactly 0 or 1.
  return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
}

std::uint64_t RandomStream::below(std::uint64_t n) {
  // Lemire's nearly divisionless method would do; plain rejection keeps it obviously unbiased.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  std::uint64_t x;
  do {
    x = next_u64();
  } while (x >= limit);
  return x % n;
}

double RandomStream::normal() {
  const double u1 = uniform_open();
  const double u2 = uniform_open();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

} // namespace macrodyn
