#pragma once
/// An exact memo of a vacancy's 8 jump barriers by its environment: the species of the sites in
/// its encoding sphere, a fixed-length byte key (a vacancy hopping back and forth meets the same
/// environments again). Open addressing over a table of entry indices; keys compare byte for
/// byte, so a hit returns exactly the barriers that were stored. Holds up to `capacity` entries
/// and starts over (clears) when an insertion would exceed that, like the std::unordered_map it
/// replaces, so which lookups hit does not change. Keys, hashes and barriers live in flat arrays:
/// no allocation per entry.
#include "core/base/configuration.h"

#include <array>
#include <cstdint>
#include <vector>

namespace macrodyn {

class BarrierMemo {
  static_assert(sizeof(Species) == 1, "keys are sites, one byte each");

public:
  using Barriers = std::array<double, 8>;
  BarrierMemo(std::size_t key_bytes, std::size_t capacity);

  /// The barriers stored for `key` (key_bytes species), or nullptr.
  const Barriers *find(const Species *key) const;
  /// Stores barriers for a key that find() did not have; clears the memo first when it is full.
  void insert(const Species *key, const Barriers &barriers);
  std::size_t size() const { return values_.size(); }
  /// False for a capacity of 0: nothing is ever stored (callers skip the lookups).
  bool enabled() const { return capacity_ > 0; }

private:
  std::uint64_t hash(const Species *key) const;
  /// The slot holding `key`, or the empty slot where it would go.
  std::size_t probe(const Species *key, std::uint64_t h) const;
  void grow();

  std::size_t key_bytes_, capacity_;
  std::vector<std::uint32_t> slots_;  // entry index + 1; 0 = empty; size a power of two
  std::vector<std::uint64_t> hashes_; // per entry (rehashing without the keys)
  std::vector<Species> keys_;         // entry-major, key_bytes_ each
  std::vector<Barriers> values_;
};

} // namespace macrodyn
