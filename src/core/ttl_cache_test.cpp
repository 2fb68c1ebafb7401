#include "core/ttl_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace motcua {
namespace {

using namespace std::chrono;

const Timestamp kT0 = *ParseTimestamp("2026-12-06T01:00:00.000Z");

TEST(TtlCache, KeepsAValueForItsTimeToLiveOnly) {
  TtlCache<std::string, int> cache(milliseconds(2000), 10);
  cache.Put("a", 1, kT0, cache.Generation());
  EXPECT_EQ(cache.Get("a", kT0 + milliseconds(1999)), 1);
  EXPECT_FALSE(cache.Get("a", kT0 + milliseconds(2000)));
  EXPECT_FALSE(cache.Get("a", kT0 - milliseconds(1))) << "a clock that went back does not extend the life";
  EXPECT_FALSE(cache.Get("b", kT0));
}

TEST(TtlCache, AReadThatRacedAnEraseDoesNotPutTheOldValueBack) {
  TtlCache<std::string, int> cache(milliseconds(2000), 10);
  auto before = cache.Generation();  // a reader starts reading storage...
  cache.Erase("a");                  // ...a change commits meanwhile...
  cache.Put("a", 1, kT0, before);    // ...the reader's old value is dropped
  EXPECT_FALSE(cache.Get("a", kT0));
  cache.Put("a", 2, kT0, cache.Generation());
  EXPECT_EQ(cache.Get("a", kT0), 2);
}

TEST(TtlCache, EraseIfDropsMatchingValuesAndZeroTtlDisablesIt) {
  TtlCache<std::string, int> cache(milliseconds(2000), 10);
  for (int i = 0; i < 4; ++i) cache.Put(std::to_string(i), i, kT0, cache.Generation());
  cache.EraseIf([](const int& v) { return v % 2 == 0; });
  EXPECT_FALSE(cache.Get("0", kT0));
  EXPECT_EQ(cache.Get("1", kT0), 1);
  EXPECT_FALSE(cache.Get("2", kT0));
  TtlCache<std::string, int> off(milliseconds(0), 10);
  off.Put("a", 1, kT0, off.Generation());
  EXPECT_FALSE(off.Get("a", kT0));
}

TEST(TtlCache, StartsAgainWhenFullInsteadOfGrowing) {
  TtlCache<int, int> cache(milliseconds(2000), 3);
  for (int i = 0; i < 3; ++i) cache.Put(i, i, kT0, cache.Generation());
  cache.Put(3, 3, kT0, cache.Generation());
  EXPECT_FALSE(cache.Get(0, kT0));
  EXPECT_EQ(cache.Get(3, kT0), 3);
}

}  // namespace
}  // namespace motcua
