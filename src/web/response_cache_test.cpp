#include "web/response_cache.hpp"

#include <gtest/gtest.h>

namespace motcua::web {
namespace {

TEST(ResponseCache, ServesOnlyTheRevisionItWasStoredFor) {
  ResponseCache cache(2);
  cache.Store(1, "a", std::make_shared<const std::string>("A1"));
  ASSERT_NE(cache.Find(1, "a"), nullptr);
  EXPECT_EQ(*cache.Find(1, "a"), "A1");
  EXPECT_EQ(cache.Find(2, "a"), nullptr);
  cache.Store(2, "a", std::make_shared<const std::string>("A2"));
  EXPECT_EQ(cache.Find(1, "a"), nullptr);
  cache.Store(1, "b", std::make_shared<const std::string>("old"));  // late writer ignored
  EXPECT_EQ(cache.Find(2, "b"), nullptr);
  cache.Store(2, "b", std::make_shared<const std::string>("B2"));
  cache.Store(2, "c", std::make_shared<const std::string>("C2"));  // over the bound: starts over
  EXPECT_EQ(cache.Find(2, "a"), nullptr);
  EXPECT_EQ(*cache.Find(2, "c"), "C2");
}

}  // namespace
}  // namespace motcua::web
