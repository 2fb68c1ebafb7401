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

TEST(FormatDate, WritesIsoForApiAndDdMmYyyyForPeople) {
  Date d{year{2025}, month{7}, day{1}};
  EXPECT_EQ(FormatIsoDate(d), "2025-07-01");
  EXPECT_EQ(FormatVnDate(d), "01/07/2025");
}

}  // namespace
}  // namespace motcua
