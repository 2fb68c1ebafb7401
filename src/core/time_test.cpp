#include "core/time.hpp"

#include <gtest/gtest.h>

namespace motcua {
namespace {

using namespace std::chrono;

TEST(Timestamp, FormatsAndParsesIsoUtc) {
  auto t = ParseTimestamp("2026-11-25T08:00:01.250Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatTimestamp(*t), "2026-11-25T08:00:01.250Z");
  auto offset = ParseTimestamp("2026-11-25T15:00:01+07:00");
  ASSERT_TRUE(offset);
  EXPECT_EQ(FormatTimestamp(*offset), "2026-11-25T08:00:01.000Z");
  EXPECT_FALSE(ParseTimestamp("2026-11-25 08:00:00Z"));
  EXPECT_FALSE(ParseTimestamp("2026-02-30T08:00:00Z"));
  EXPECT_FALSE(ParseTimestamp("2026-11-25T24:00:00Z"));
}

TEST(VietnamClock, IsSevenHoursAheadOfUtc) {
  auto t = *ParseTimestamp("2026-11-25T20:30:00Z");
  auto vn = ToVietnam(t);
  EXPECT_EQ(vn.date, year_month_day(year{2026}, month{11}, day{26}));
  EXPECT_EQ(vn.minutes, 3 * 60 + 30);
  EXPECT_EQ(FromVietnam(vn.date, vn.minutes), t);
  EXPECT_EQ(FormatVnDateTime(t), "26/11/2026 03:30");
}

}  // namespace
}  // namespace motcua
