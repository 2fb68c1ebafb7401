#include "core/text.hpp"

#include <gtest/gtest.h>

namespace motcua {
namespace {

TEST(FoldForSearch, RemovesDiacriticsCaseAndMapsDToD) {
  EXPECT_EQ(FoldForSearch("Đăng ký khai sinh"), "dang ky khai sinh");
  EXPECT_EQ(FoldForSearch("ĐĂNG KÝ KHAI SINH"), "dang ky khai sinh");
  EXPECT_EQ(FoldForSearch("Giấy xác nhận tình trạng hôn nhân"),
            "giay xac nhan tinh trang hon nhan");
  EXPECT_EQ(FoldForSearch("Lữ hành; Sở Du lịch!"), "lu hanh so du lich");
}

TEST(FoldForSearch, TreatsNfdInputLikeNfc) {
  // "Đăng ký" typed with combining marks (NFD): a + U+0306 + U+0300 ...
  const std::string nfd = "\xC4\x90\x61\xCC\x86ng ky\xCC\x81";
  EXPECT_EQ(FoldForSearch(nfd), "dang ky");
  EXPECT_EQ(FoldForSearch(nfd), FoldForSearch("Đăng ký"));
}

TEST(FoldForSearch, CollapsesSeparatorsAndDropsInvalidBytes) {
  EXPECT_EQ(FoldForSearch("  a--b   c  "), "a b c");
  EXPECT_EQ(FoldForSearch("ab\xFF\xFE" "cd"), "abcd");
  EXPECT_EQ(FoldForSearch(""), "");
}

TEST(ToNfc, ComposesDecomposedVietnamese) {
  auto nfc = ToNfc("ky\xCC\x81");
  ASSERT_TRUE(nfc);
  EXPECT_EQ(*nfc, "ký");
  EXPECT_FALSE(ToNfc("\xC3\x28"));
}

TEST(IsValidUtf8, RejectsMalformedSequences) {
  EXPECT_TRUE(IsValidUtf8("Hồ Chí Minh"));
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // UTF-16 surrogate
}

TEST(SplitWords, SplitsOnSpaces) {
  EXPECT_EQ(SplitWords("dang ky  khai"), (std::vector<std::string>{"dang", "ky", "khai"}));
  EXPECT_TRUE(SplitWords("").empty());
}

}  // namespace
}  // namespace motcua
