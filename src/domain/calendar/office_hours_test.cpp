#include "domain/calendar/office_hours.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

constexpr int kHour = 60;

TEST(OfficeHours, DefaultsToTwoSessionsOfFourHours) {
  const OfficeHours hours = OfficeHours::Default();
  EXPECT_TRUE(hours.IsValid());
  EXPECT_EQ(hours.sessions.size(), 2u);
  EXPECT_EQ(hours.Opening(), 7 * kHour + 30);
  EXPECT_EQ(hours.Closing(), 17 * kHour);
  EXPECT_EQ(hours.TotalMinutes(), 8 * kHour);
}

TEST(OfficeHours, EndsAHalfDayAtTheCloseOfTheMorningNotAtTheAfternoonOpening) {
  const OfficeHours hours = OfficeHours::Default();
  EXPECT_EQ(hours.ClockTimeAfter(0), 7 * kHour + 30);
  EXPECT_EQ(hours.ClockTimeAfter(90), 9 * kHour);
  EXPECT_EQ(hours.ClockTimeAfter(240), 11 * kHour + 30);
  EXPECT_EQ(hours.ClockTimeAfter(241), 13 * kHour + 1);
  EXPECT_EQ(hours.ClockTimeAfter(360), 15 * kHour);
  EXPECT_EQ(hours.ClockTimeAfter(480), 17 * kHour);
}

TEST(OfficeHours, ClampsSpansOutsideTheDay) {
  const OfficeHours hours = OfficeHours::Default();
  EXPECT_EQ(hours.ClockTimeAfter(-5), 7 * kHour + 30);
  EXPECT_EQ(hours.ClockTimeAfter(1000), 17 * kHour);
}

TEST(OfficeHours, AcceptsAnyOrderedListOfSessions) {
  const OfficeHours one_session{{{8 * kHour, 16 * kHour}}};
  EXPECT_TRUE(one_session.IsValid());
  EXPECT_EQ(one_session.ClockTimeAfter(240), 12 * kHour);
  const OfficeHours three_sessions{{{0, 60}, {120, 180}, {1380, 1440}}};
  EXPECT_TRUE(three_sessions.IsValid());
  EXPECT_EQ(three_sessions.TotalMinutes(), 180);
  EXPECT_EQ(three_sessions.ClockTimeAfter(150), 1410);
  EXPECT_EQ(three_sessions.Closing(), 1440);
}

TEST(OfficeHours, RejectsEmptyReversedOverlappingOrOutOfDaySessions) {
  EXPECT_FALSE(OfficeHours{}.IsValid());
  EXPECT_FALSE((OfficeHours{{{600, 600}}}.IsValid()));
  EXPECT_FALSE((OfficeHours{{{700, 600}}}.IsValid()));
  EXPECT_FALSE((OfficeHours{{{450, 700}, {690, 1020}}}.IsValid()));
  EXPECT_FALSE((OfficeHours{{{780, 1020}, {450, 690}}}.IsValid()));
  EXPECT_FALSE((OfficeHours{{{-10, 600}}}.IsValid()));
  EXPECT_FALSE((OfficeHours{{{1000, 1441}}}.IsValid()));
}

}  // namespace
}  // namespace motcua::domain
