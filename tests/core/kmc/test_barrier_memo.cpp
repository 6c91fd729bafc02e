// The barrier memo against a std::unordered_map that does the same (the memo it replaced): the
// same hits for a random stream of keys with many repeats, across table growth and across the
// start-over when full; stored barriers come back bit for bit; keys that differ in one byte
// anywhere are different keys.
#include "core/base/random_stream.h"
#include "core/kmc/barrier_memo.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

using namespace macrodyn;

namespace {

std::vector<Species> random_key(RandomStream &rng, std::size_t n) {
  std::vector<Species> key(n);
  for (auto &s : key)
    s = static_cast<Species>(static_cast<int>(rng.below(4)) - 1); // vacancy (-1) and 3 species
  return key;
}

} // namespace

TEST(BarrierMemo, HitsWhereAnUnorderedMapHitsThroughGrowthAndStartOver) {
  const std::size_t n = 113, capacity = 3000;
  BarrierMemo memo(n, capacity);
  std::unordered_map<std::string, BarrierMemo::Barriers> reference;
  RandomStream rng(7, {});
  std::vector<std::vector<Species>> seen;
  std::size_t hits = 0, starts_over = 0;
  for (int step = 0; step < 20000; ++step) {
    // Half the lookups repeat an earlier key (a vacancy back in a known environment).
    const auto key =
        seen.empty() || rng.below(2) ? random_key(rng, n) : seen[rng.below(seen.size())];
    seen.push_back(key);
    const std::string k(key.begin(), key.end());
    const auto *got = memo.find(key.data());
    const auto it = reference.find(k);
    ASSERT_EQ(got != nullptr, it != reference.end()) << "step " << step;
    if (got) {
      EXPECT_EQ(*got, it->second);
      ++hits;
      continue;
    }
    BarrierMemo::Barriers b;
    for (auto &e : b)
      e = rng.uniform_open();
    if (reference.size() >= capacity) {
      reference.clear();
      ++starts_over;
    }
    reference.emplace(k, b);
    memo.insert(key.data(), b);
    EXPECT_EQ(memo.size(), reference.size());
  }
  EXPECT_GT(hits, 2000u);     // the comparison covered hits ...
  EXPECT_GE(starts_over, 2u); // ... and starting over
}

TEST(BarrierMemo, KeysDifferingInOneByteAreDistinct) {
  const std::size_t n = 113;
  BarrierMemo memo(n, 1000);
  std::vector<Species> base(n, 1);
  memo.insert(base.data(), {1, 2, 3, 4, 5, 6, 7, 8});
  for (std::size_t i = 0; i < n; ++i) {
    auto key = base;
    key[i] = 2;
    EXPECT_EQ(memo.find(key.data()), nullptr) << "byte " << i;
    memo.insert(key.data(), {double(i), 0, 0, 0, 0, 0, 0, 0});
  }
  ASSERT_NE(memo.find(base.data()), nullptr);
  EXPECT_EQ((*memo.find(base.data()))[7], 8.0);
  for (std::size_t i = 0; i < n; ++i) {
    auto key = base;
    key[i] = 2;
    ASSERT_NE(memo.find(key.data()), nullptr);
    EXPECT_EQ((*memo.find(key.data()))[0], double(i));
  }
}

TEST(BarrierMemo, AnEmptyKeyIsOneEnvironment) {
  // An encoding radius below the first shell leaves no sphere sites: every vacancy has the same
  // (empty) environment.
  BarrierMemo memo(0, 10);
  EXPECT_EQ(memo.find(nullptr), nullptr);
  memo.insert(nullptr, {0.5, 0, 0, 0, 0, 0, 0, 0});
  ASSERT_NE(memo.find(nullptr), nullptr);
  EXPECT_EQ((*memo.find(nullptr))[0], 0.5);
  EXPECT_EQ(memo.size(), 1u);
}
