#include "web/http.hpp"

#include <gtest/gtest.h>

namespace motcua::web {
namespace {

TEST(PercentDecode, DecodesEscapesAndRejectsMalformedOnes) {
  EXPECT_EQ(PercentDecode("/thu-tuc/1.001193"), "/thu-tuc/1.001193");
  EXPECT_EQ(PercentDecode("l%E1%BA%A1i"), "lại");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
  EXPECT_FALSE(PercentDecode("%"));
  EXPECT_FALSE(PercentDecode("%4"));
  EXPECT_FALSE(PercentDecode("%ZZ"));
  EXPECT_FALSE(PercentDecode("a%00b"));
}

TEST(ParseQueryString, DecodesPlusAndEscapesAndKeepsRepeatedKeys) {
  auto q = ParseQueryString("q=dang+ky&q=l%E1%BA%A1i&empty&x=(1)");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->count("q"), 2u);
  EXPECT_EQ(q->find("q")->second, "dang ky");
  EXPECT_EQ(q->find("empty")->second, "");
  EXPECT_EQ(q->find("x")->second, "(1)");
  EXPECT_FALSE(ParseQueryString("q=%G1"));
  EXPECT_TRUE(ParseQueryString("")->empty());
}

TEST(UrlEncode, EncodesEverythingButUnreservedCharacters) {
  EXPECT_EQ(UrlEncode("khai sinh"), "khai%20sinh");
  EXPECT_EQ(UrlEncode("lại"), "l%E1%BA%A1i");
  EXPECT_EQ(UrlEncode("000.00.06.H29"), "000.00.06.H29");
}

}  // namespace
}  // namespace motcua::web
