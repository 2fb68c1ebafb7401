#include "core/date.hpp"

#include <gtest/gtest.h>

namespace motcua {
namespace {

using namespace std::chrono;

TEST(ParseIsoDate, AcceptsValidDatesAndRejectsImpossibleOnes) {
  auto d = ParseIsoDate("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, year_month_day(year{2024}, month{2}, day{29}));
  EXPECT_FALSE(ParseIsoDate("2025-02-29"));
  EXPECT_FALSE(ParseIsoDate("2025-13-01"));
  EXPECT_FALSE(ParseIsoDate("2025-1-01"));
  EXPECT_FALSE(ParseIsoDate("01/02/2025"));
  EXPECT_FALSE(ParseIsoDate(""));
}

TEST(ParseVnDate, AcceptsDayMonthYearAsTypedAndTheIsoFormOfDatePickers) {
  EXPECT_EQ(ParseVnDate("02/01/2026"), (Date{year{2026}, month{1}, day{2}}));
  EXPECT_EQ(ParseVnDate(" 2/1/2026 "), (Date{year{2026}, month{1}, day{2}}));
  EXPECT_EQ(ParseVnDate("29/02/2024"), (Date{year{2024}, month{2}, day{29}}));
  EXPECT_EQ(ParseVnDate("2026-01-02"), (Date{year{2026}, month{1}, day{2}}));
  EXPECT_FALSE(ParseVnDate("30/02/2025"));
  EXPECT_FALSE(ParseVnDate("31/04/2025"));
  EXPECT_FALSE(ParseVnDate("01/13/2025"));
  EXPECT_FALSE(ParseVnDate("00/01/2025"));
  EXPECT_FALSE(ParseVnDate("1/1/25"));
  EXPECT_FALSE(ParseVnDate("1/1/2025/1"));
  EXPECT_FALSE(ParseVnDate("001/1/2025"));
  EXPECT_FALSE(ParseVnDate("a/1/2025"));
  EXPECT_FALSE(ParseVnDate("2025-02-30"));
  EXPECT_FALSE(ParseVnDate(""));
}

TEST(FormatDate, WritesIsoForApiAndDdMmYyyyForPeople) {
  Date d{year{2025}, month{7}, day{1}};
  EXPECT_EQ(FormatIsoDate(d), "2025-07-01");
  EXPECT_EQ(FormatVnDate(d), "01/07/2025");
}

}  // namespace
}  // namespace motcua
