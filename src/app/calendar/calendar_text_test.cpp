#include "app/calendar/calendar_text.hpp"

#include <gtest/gtest.h>

namespace motcua::app {
namespace {

TEST(ParseClock, ReadsHoursAndMinutesUpToMidnight) {
  EXPECT_EQ(ParseClock("07:30"), 450);
  EXPECT_EQ(ParseClock("7:30"), 450);
  EXPECT_EQ(ParseClock("00:00"), 0);
  EXPECT_EQ(ParseClock("24:00"), 1440);
  for (const char* bad :
       {"", "7", "07:3", "07:60", "24:01", "25:00", "-1:00", "07:30:00", "ab:cd", "0730"}) {
    EXPECT_EQ(ParseClock(bad), std::nullopt) << bad;
  }
}

TEST(FormatClock, PadsWithZeros) {
  EXPECT_EQ(FormatClock(450), "07:30");
  EXPECT_EQ(FormatClock(1440), "24:00");
}

TEST(ParseOfficeHours, RoundTripsTheDefaultHours) {
  auto hours = ParseOfficeHours("07:30-11:30,13:00-17:00");
  ASSERT_TRUE(hours);
  EXPECT_EQ(hours->TotalMinutes(), domain::OfficeHours::Default().TotalMinutes());
  EXPECT_EQ(FormatOfficeHours(*hours), "07:30-11:30,13:00-17:00");
  EXPECT_EQ(FormatOfficeHours(domain::OfficeHours::Default()), "07:30-11:30,13:00-17:00");
}

TEST(ParseOfficeHours, AcceptsSpacesAndAnEnDash) {
  auto hours = ParseOfficeHours(" 07:00 \u2013 11:00 , 13:30-17:30 ");
  ASSERT_TRUE(hours) << hours.error().internal_message;
  EXPECT_EQ(FormatOfficeHours(*hours), "07:00-11:00,13:30-17:30");
}

TEST(ParseOfficeHours, RejectsOverlappingEmptyOrMalformedSessions) {
  for (const char* bad : {"", "07:30", "11:30-07:30", "07:30-11:30,11:00-17:00", "07:30-11:30,",
                          "07:30-11:30;13:00-17:00", "07:30-25:00"}) {
    auto hours = ParseOfficeHours(bad);
    ASSERT_FALSE(hours) << bad;
    EXPECT_EQ(hours.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(hours.error().fields.size(), 1u);
    EXPECT_EQ(hours.error().fields[0].field, "hours");
  }
}

TEST(ParseWorkingDays, ReadsPlainDecimalsOnly) {
  EXPECT_EQ(ParseWorkingDays("3"), 3.0);
  EXPECT_EQ(ParseWorkingDays("0.5"), 0.5);
  EXPECT_EQ(ParseWorkingDays("0"), 0.0);
  for (const char* bad : {"", "-3", "+3", "1e3", "nan", "inf", "3.", ".5", "1.2.3", "3 ", "ba"}) {
    EXPECT_EQ(ParseWorkingDays(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace motcua::app
