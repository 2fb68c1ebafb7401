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

TEST(Timestamp, FormatsEveryFieldWithLeadingZerosAndRoundTripsAcrossYears) {
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("0999-01-02T03:04:05.006Z")), "0999-01-02T03:04:05.006Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2030-12-31T23:59:59.999Z")), "2030-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatTimestamp(Timestamp{}), "1970-01-01T00:00:00.000Z");
  // Every hour of a leap day and the next day, at an odd millisecond.
  auto start = *ParseTimestamp("2028-02-29T00:00:00.000Z");
  for (int h = 0; h < 48; ++h) {
    Timestamp t = start + hours(h) + minutes(h) + seconds(59 - h % 60) + milliseconds(7 * h);
    auto back = ParseTimestamp(FormatTimestamp(t));
    ASSERT_TRUE(back) << FormatTimestamp(t);
    EXPECT_EQ(*back, t) << FormatTimestamp(t);
  }
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
