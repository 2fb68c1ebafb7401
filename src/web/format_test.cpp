#include "web/format.hpp"

#include <gtest/gtest.h>

namespace motcua::web {
namespace {

TEST(FormatVnd, GroupsThousandsWithDotsAndNamesFreeOfCharge) {
  EXPECT_EQ(FormatVnd(200000), "200.000 đồng");
  EXPECT_EQ(FormatVnd(1500), "1.500 đồng");
  EXPECT_EQ(FormatVnd(999), "999 đồng");
  EXPECT_EQ(FormatVnd(0), "Không thu phí");
}

TEST(FormatWorkingDays, UsesTheVietnameseDecimalComma) {
  EXPECT_EQ(FormatWorkingDays(10), "10 ngày làm việc");
  EXPECT_EQ(FormatWorkingDays(0.5), "0,5 ngày làm việc");
  EXPECT_EQ(FormatWorkingDays(1.25), "1,25 ngày làm việc");
}

}  // namespace
}  // namespace motcua::web
