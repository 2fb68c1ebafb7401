#include "domain/calendar/lunar_calendar.hpp"

#include <chrono>
#include <iterator>
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Date D(const char* iso) { return ParseIsoDate(iso).value(); }

std::string Iso(std::optional<Date> date) { return date ? FormatIsoDate(*date) : "nullopt"; }

std::string Show(const LunarDate& lunar) {
  return std::to_string(lunar.day) + "/" + std::to_string(lunar.month) +
         (lunar.leap_month ? " nhuận" : "") + "/" + std::to_string(lunar.year);
}

// The first day of every Vietnamese lunar month from December 2019 to January
// 2036, with its lunar year, month and leap flag. Computed independently of
// this module with the PyEphem ephemeris library: the local (UTC+7) dates of
// the new moons and of the 12 major solar terms, month 11 holding the winter
// solstice, the leap month the first one without a major term.
struct MonthStart {
  const char* first_day;
  int year;
  int month;
  bool leap = false;
};
constexpr MonthStart kMonthStarts[] = {
    {"2019-12-26", 2019, 12}, {"2020-01-25", 2020, 1}, {"2020-02-23", 2020, 2},
    {"2020-03-24", 2020, 3}, {"2020-04-23", 2020, 4}, {"2020-05-23", 2020, 4, true},
    {"2020-06-21", 2020, 5}, {"2020-07-21", 2020, 6}, {"2020-08-19", 2020, 7},
    {"2020-09-17", 2020, 8}, {"2020-10-17", 2020, 9}, {"2020-11-15", 2020, 10},
    {"2020-12-14", 2020, 11}, {"2021-01-13", 2020, 12}, {"2021-02-12", 2021, 1},
    {"2021-03-13", 2021, 2}, {"2021-04-12", 2021, 3}, {"2021-05-12", 2021, 4},
    {"2021-06-10", 2021, 5}, {"2021-07-10", 2021, 6}, {"2021-08-08", 2021, 7},
    {"2021-09-07", 2021, 8}, {"2021-10-06", 2021, 9}, {"2021-11-05", 2021, 10},
    {"2021-12-04", 2021, 11}, {"2022-01-03", 2021, 12}, {"2022-02-01", 2022, 1},
    {"2022-03-03", 2022, 2}, {"2022-04-01", 2022, 3}, {"2022-05-01", 2022, 4},
    {"2022-05-30", 2022, 5}, {"2022-06-29", 2022, 6}, {"2022-07-29", 2022, 7},
    {"2022-08-27", 2022, 8}, {"2022-09-26", 2022, 9}, {"2022-10-25", 2022, 10},
    {"2022-11-24", 2022, 11}, {"2022-12-23", 2022, 12}, {"2023-01-22", 2023, 1},
    {"2023-02-20", 2023, 2}, {"2023-03-22", 2023, 2, true}, {"2023-04-20", 2023, 3},
    {"2023-05-19", 2023, 4}, {"2023-06-18", 2023, 5}, {"2023-07-18", 2023, 6},
    {"2023-08-16", 2023, 7}, {"2023-09-15", 2023, 8}, {"2023-10-15", 2023, 9},
    {"2023-11-13", 2023, 10}, {"2023-12-13", 2023, 11}, {"2024-01-11", 2023, 12},
    {"2024-02-10", 2024, 1}, {"2024-03-10", 2024, 2}, {"2024-04-09", 2024, 3},
    {"2024-05-08", 2024, 4}, {"2024-06-06", 2024, 5}, {"2024-07-06", 2024, 6},
    {"2024-08-04", 2024, 7}, {"2024-09-03", 2024, 8}, {"2024-10-03", 2024, 9},
    {"2024-11-01", 2024, 10}, {"2024-12-01", 2024, 11}, {"2024-12-31", 2024, 12},
    {"2025-01-29", 2025, 1}, {"2025-02-28", 2025, 2}, {"2025-03-29", 2025, 3},
    {"2025-04-28", 2025, 4}, {"2025-05-27", 2025, 5}, {"2025-06-25", 2025, 6},
    {"2025-07-25", 2025, 6, true}, {"2025-08-23", 2025, 7}, {"2025-09-22", 2025, 8},
    {"2025-10-21", 2025, 9}, {"2025-11-20", 2025, 10}, {"2025-12-20", 2025, 11},
    {"2026-01-19", 2025, 12}, {"2026-02-17", 2026, 1}, {"2026-03-19", 2026, 2},
    {"2026-04-17", 2026, 3}, {"2026-05-17", 2026, 4}, {"2026-06-15", 2026, 5},
    {"2026-07-14", 2026, 6}, {"2026-08-13", 2026, 7}, {"2026-09-11", 2026, 8},
    {"2026-10-10", 2026, 9}, {"2026-11-09", 2026, 10}, {"2026-12-09", 2026, 11},
    {"2027-01-08", 2026, 12}, {"2027-02-06", 2027, 1}, {"2027-03-08", 2027, 2},
    {"2027-04-07", 2027, 3}, {"2027-05-06", 2027, 4}, {"2027-06-05", 2027, 5},
    {"2027-07-04", 2027, 6}, {"2027-08-02", 2027, 7}, {"2027-09-01", 2027, 8},
    {"2027-09-30", 2027, 9}, {"2027-10-29", 2027, 10}, {"2027-11-28", 2027, 11},
    {"2027-12-28", 2027, 12}, {"2028-01-26", 2028, 1}, {"2028-02-25", 2028, 2},
    {"2028-03-26", 2028, 3}, {"2028-04-25", 2028, 4}, {"2028-05-24", 2028, 5},
    {"2028-06-23", 2028, 5, true}, {"2028-07-22", 2028, 6}, {"2028-08-20", 2028, 7},
    {"2028-09-19", 2028, 8}, {"2028-10-18", 2028, 9}, {"2028-11-16", 2028, 10},
    {"2028-12-16", 2028, 11}, {"2029-01-15", 2028, 12}, {"2029-02-13", 2029, 1},
    {"2029-03-15", 2029, 2}, {"2029-04-14", 2029, 3}, {"2029-05-13", 2029, 4},
    {"2029-06-12", 2029, 5}, {"2029-07-11", 2029, 6}, {"2029-08-10", 2029, 7},
    {"2029-09-08", 2029, 8}, {"2029-10-08", 2029, 9}, {"2029-11-06", 2029, 10},
    {"2029-12-05", 2029, 11}, {"2030-01-04", 2029, 12}, {"2030-02-02", 2030, 1},
    {"2030-03-04", 2030, 2}, {"2030-04-03", 2030, 3}, {"2030-05-02", 2030, 4},
    {"2030-06-01", 2030, 5}, {"2030-07-01", 2030, 6}, {"2030-07-30", 2030, 7},
    {"2030-08-29", 2030, 8}, {"2030-09-27", 2030, 9}, {"2030-10-27", 2030, 10},
    {"2030-11-25", 2030, 11}, {"2030-12-25", 2030, 12}, {"2031-01-23", 2031, 1},
    {"2031-02-21", 2031, 2}, {"2031-03-23", 2031, 3}, {"2031-04-21", 2031, 3, true},
    {"2031-05-21", 2031, 4}, {"2031-06-20", 2031, 5}, {"2031-07-19", 2031, 6},
    {"2031-08-18", 2031, 7}, {"2031-09-17", 2031, 8}, {"2031-10-16", 2031, 9},
    {"2031-11-15", 2031, 10}, {"2031-12-14", 2031, 11}, {"2032-01-13", 2031, 12},
    {"2032-02-11", 2032, 1}, {"2032-03-11", 2032, 2}, {"2032-04-10", 2032, 3},
    {"2032-05-09", 2032, 4}, {"2032-06-08", 2032, 5}, {"2032-07-07", 2032, 6},
    {"2032-08-06", 2032, 7}, {"2032-09-05", 2032, 8}, {"2032-10-04", 2032, 9},
    {"2032-11-03", 2032, 10}, {"2032-12-03", 2032, 11}, {"2033-01-01", 2032, 12},
    {"2033-01-31", 2033, 1}, {"2033-03-01", 2033, 2}, {"2033-03-31", 2033, 3},
    {"2033-04-29", 2033, 4}, {"2033-05-28", 2033, 5}, {"2033-06-27", 2033, 6},
    {"2033-07-26", 2033, 7}, {"2033-08-25", 2033, 8}, {"2033-09-23", 2033, 9},
    {"2033-10-23", 2033, 10}, {"2033-11-22", 2033, 11}, {"2033-12-22", 2033, 11, true},
    {"2034-01-20", 2033, 12}, {"2034-02-19", 2034, 1}, {"2034-03-20", 2034, 2},
    {"2034-04-19", 2034, 3}, {"2034-05-18", 2034, 4}, {"2034-06-16", 2034, 5},
    {"2034-07-16", 2034, 6}, {"2034-08-14", 2034, 7}, {"2034-09-12", 2034, 8},
    {"2034-10-12", 2034, 9}, {"2034-11-11", 2034, 10}, {"2034-12-11", 2034, 11},
    {"2035-01-09", 2034, 12}, {"2035-02-08", 2035, 1}, {"2035-03-10", 2035, 2},
    {"2035-04-08", 2035, 3}, {"2035-05-08", 2035, 4}, {"2035-06-06", 2035, 5},
    {"2035-07-05", 2035, 6}, {"2035-08-04", 2035, 7}, {"2035-09-02", 2035, 8},
    {"2035-10-01", 2035, 9}, {"2035-10-31", 2035, 10}, {"2035-11-30", 2035, 11},
    {"2035-12-29", 2035, 12}, {"2036-01-28", 2036, 1},
};

TEST(LunarCalendar, FindsTetForEveryYearFrom2020To2035) {
  const char* const tet[] = {
      "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29",
      "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13",
      // Not 2030-02-03 as Chinese tables say: the new moon is at 16:07 UT on
      // 2 February 2030, 23:07 in Vietnam but 00:07 on the 3rd in China.
      "2030-02-02",
      "2031-01-23", "2032-02-11", "2033-01-31", "2034-02-19", "2035-02-08"};
  for (int year = 2020; year <= 2035; ++year) {
    const char* expected = tet[year - 2020];
    EXPECT_EQ(Iso(LunarToSolar(LunarDate{1, 1, year, false})), expected) << year;
    EXPECT_EQ(SolarToLunar(D(expected)), (LunarDate{1, 1, year, false})) << year;
  }
}

TEST(LunarCalendar, FollowsVietnamTimeWhereTheChineseCalendarDiffers) {
  // 2007: the new moon fell at 23:14 in Vietnam, 00:14 next day in China.
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{1, 1, 2007, false})), "2007-02-17");
  EXPECT_EQ(Show(SolarToLunar(D("2007-02-18"))), "2/1/2007");
  // 1985: month 11 of 1984 differs, so Vietnam's Tết came a whole month before
  // China's (20/02/1985, which was 1/2 in Vietnam).
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{1, 1, 1985, false})), "1985-01-21");
  EXPECT_EQ(Show(SolarToLunar(D("1985-02-20"))), "1/2/1985");
  // 2030: like 2007.
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{1, 1, 2030, false})), "2030-02-02");
  EXPECT_EQ(Show(SolarToLunar(D("2030-02-03"))), "2/1/2030");
}

TEST(LunarCalendar, FindsGioToHungVuongOnLunarTenthOfThirdMonth) {
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{10, 3, 2023, false})), "2023-04-29");
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{10, 3, 2024, false})), "2024-04-18");
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{10, 3, 2025, false})), "2025-04-07");
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{10, 3, 2026, false})), "2026-04-26");
}

TEST(LunarCalendar, AgreesWithAnEphemerisOnEveryDayFrom2020To2035) {
  int checked = 0;
  for (std::size_t i = 0; i + 1 < std::size(kMonthStarts); ++i) {
    const MonthStart& month = kMonthStarts[i];
    const sys_days first{D(month.first_day)};
    const sys_days next{D(kMonthStarts[i + 1].first_day)};
    const auto length = (next - first).count();
    ASSERT_TRUE(length == 29 || length == 30) << month.first_day;
    for (sys_days day = first; day < next; day += days{1}) {
      const LunarDate expected{static_cast<int>((day - first).count()) + 1, month.month,
                               month.year, month.leap};
      ASSERT_EQ(Show(SolarToLunar(Date{day})), Show(expected)) << FormatIsoDate(Date{day});
      ++checked;
    }
  }
  EXPECT_GT(checked, 16 * 365);
}

TEST(LunarCalendar, RoundTripsEveryDayFrom2020To2035) {
  for (sys_days day{D("2020-01-01")}; day <= sys_days{D("2035-12-31")}; day += days{1}) {
    const LunarDate lunar = SolarToLunar(Date{day});
    const std::optional<Date> solar = LunarToSolar(lunar);
    ASSERT_TRUE(solar.has_value()) << Show(lunar);
    ASSERT_EQ(FormatIsoDate(*solar), FormatIsoDate(Date{day})) << Show(lunar);
    ASSERT_EQ(SolarToLunar(*solar), lunar);
  }
}

TEST(LunarCalendar, NumbersLeapMonthsAfterTheMonthTheyRepeat) {
  // 2023 had a leap 2nd month, 2025 a leap 6th, and 2033 a leap 11th (the
  // "2033 problem": the first month without a major term, not the 7th as a
  // naive count of terms would give).
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{1, 2, 2023, true})), "2023-03-22");
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{1, 3, 2023, false})), "2023-04-20");
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{1, 6, 2025, true})), "2025-07-25");
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{1, 11, 2033, true})), "2033-12-22");
  EXPECT_EQ(Show(SolarToLunar(D("2034-01-20"))), "1/12/2033");
}

TEST(LunarCalendar, CallsTheEveOfTetTheLastDayOfTheOldYear) {
  EXPECT_EQ(Show(SolarToLunar(D("2024-02-09"))), "30/12/2023");  // A 30-day month 12.
  EXPECT_EQ(Show(SolarToLunar(D("2025-01-28"))), "29/12/2024");  // A 29-day month 12.
}

TEST(LunarCalendar, RejectsLunarDaysThatDoNotExist) {
  EXPECT_EQ(LunarToSolar(LunarDate{1, 3, 2024, true}), std::nullopt);  // 2024 has no leap month.
  EXPECT_EQ(LunarToSolar(LunarDate{1, 3, 2023, true}), std::nullopt);  // 2023's leap month is 2.
  EXPECT_EQ(LunarToSolar(LunarDate{30, 3, 2024, false}), std::nullopt);  // Month 3 had 29 days.
  EXPECT_EQ(Iso(LunarToSolar(LunarDate{30, 2, 2024, false})), "2024-04-08");
  EXPECT_EQ(LunarToSolar(LunarDate{0, 1, 2024, false}), std::nullopt);
  EXPECT_EQ(LunarToSolar(LunarDate{31, 1, 2024, false}), std::nullopt);
  EXPECT_EQ(LunarToSolar(LunarDate{1, 0, 2024, false}), std::nullopt);
  EXPECT_EQ(LunarToSolar(LunarDate{1, 13, 2024, false}), std::nullopt);
}

TEST(LunarCalendar, RoundTripsEveryLunarMonthStartFrom1900To2199) {
  for (int year = 1900; year <= 2199; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (bool leap : {false, true}) {
        const LunarDate lunar{1, month, year, leap};
        if (const std::optional<Date> solar = LunarToSolar(lunar)) {
          ASSERT_EQ(SolarToLunar(*solar), lunar) << Show(lunar);
        } else {
          ASSERT_TRUE(leap) << Show(lunar);  // Only leap months may be missing.
        }
      }
    }
  }
}

}  // namespace
}  // namespace motcua::domain
