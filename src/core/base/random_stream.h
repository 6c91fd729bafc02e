#pragma once
/// Keyed random streams. A stream is identified by (seed, key...) - for example (seed, snapshot,
/// patch, step) - never by MPI rank, so any rank count draws the same numbers for the same piece of
/// work. Generator: xoshiro256** (Blackman & Vigna 2018) seeded through SplitMix64 of the hashed
/// key.
#include <cstdint>
#include <initializer_list>

namespace macrodyn {

class RandomStream {
public:
  RandomStream(std::uint64_t seed, std::initializer_list<std::uint64_t> key = {});

  std::uint64_t next_u64();
  /// Uniform in the open interval (0, 1): safe for log() in residence-time steps.
  double uniform_open();
  /// Uniform integer in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n);
  /// Standard normal deviate (Box-Muller, no cached second value so streams stay simple to reason
  /// about).
  double normal();

private:
  std::uint64_t s_[4];
};

} // namespace macrodyn
