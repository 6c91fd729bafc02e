#include "core/kmc/barrier_memo.h"

#include "core/base/error.h"

#include <algorithm>
#include <cstring>

namespace macrodyn {

namespace {
constexpr std::size_t kFirstSlots = 1024;
}

BarrierMemo::BarrierMemo(std::size_t key_bytes, std::size_t capacity)
    : key_bytes_(key_bytes), capacity_(capacity) {
  // An empty key (an encoding radius below the first shell) is one environment: allowed.
  require(capacity < (std::size_t(1) << 31), "a barrier memo holds fewer than 2^31 entries");
  slots_.assign(kFirstSlots, 0);
}

std::uint64_t BarrierMemo::hash(const Species *key) const {
  // 8 bytes at a time, multiply-rotate, then a final avalanche (splitmix64's finalizer): the
  // probe index takes the low bits, so every key byte must reach them.
  std::uint64_t h = 0x243f6a8885a308d3ULL ^ key_bytes_;
  std::size_t i = 0;
  for (; i + 8 <= key_bytes_; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, key + i, 8);
    h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
    h = (h << 31) | (h >> 33);
  }
  if (i < key_bytes_) {
    std::uint64_t w = 0;
    std::memcpy(&w, key + i, key_bytes_ - i);
    h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

std::size_t BarrierMemo::probe(const Species *key, std::uint64_t h) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t s = h & mask;; s = (s + 1) & mask) {
    const std::uint32_t e = slots_[s];
    if (e == 0) return s;
    if (hashes_[e - 1] == h &&
        (key_bytes_ == 0 || std::memcmp(keys_.data() + (e - 1) * key_bytes_, key, key_bytes_) == 0))
      return s;
  }
}

const BarrierMemo::Barriers *BarrierMemo::find(const Species *key) const {
  const std::uint32_t e = slots_[probe(key, hash(key))];
  return e == 0 ? nullptr : &values_[e - 1];
}

void BarrierMemo::grow() {
  slots_.assign(2 * slots_.size(), 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t e = 0; e < hashes_.size(); ++e) {
    std::size_t s = hashes_[e] & mask;
    while (slots_[s] != 0)
      s = (s + 1) & mask;
    slots_[s] = static_cast<std::uint32_t>(e + 1);
  }
}

void BarrierMemo::insert(const Species *key, const Barriers &barriers) {
  if (capacity_ == 0) return;
  if (values_.size() >= capacity_) { // start over, keeping the table's size
    std::fill(slots_.begin(), slots_.end(), 0);
    hashes_.clear();
    keys_.clear();
    values_.clear();
  }
  if (2 * (values_.size() + 1) > slots_.size()) grow(); // load factor <= 1/2
  const std::uint64_t h = hash(key);
  const std::size_t s = probe(key, h);
  if (slots_[s] != 0) { // already there (insert without a failed find): keep the first barriers
    return;
  }
  hashes_.push_back(h);
  keys_.insert(keys_.end(), key, key + key_bytes_);
  values_.push_back(barriers);
  slots_[s] = static_cast<std::uint32_t>(values_.size());
}

} // namespace macrodyn
