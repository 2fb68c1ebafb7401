#include "domain/calendar/days_off.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

using std::chrono::sys_days;

// "2025-09-02 Quốc khánh" per entry, with "(bù)" marking compensatory days, so
// failures print readably and whole lists compare at once.
std::vector<std::string> Lines(const std::vector<DayOff>& days_off) {
  std::vector<std::string> lines;
  for (const DayOff& day : days_off) {
    lines.push_back(FormatIsoDate(day.date) + " " + day.name +
                    (day.kind == DayOff::Kind::kCompensatory ? " (bù)" : ""));
  }
  return lines;
}

bool IsWeekend(Date date) {
  const std::chrono::weekday weekday{sys_days{date}};
  return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

TEST(DefaultDaysOff, ListsEveryHolidayOf2025WithTetCompensatedOnMonday) {
  EXPECT_EQ(Lines(DefaultDaysOff(2025)), (std::vector<std::string>{
                                             "2025-01-01 Tết Dương lịch",
                                             "2025-01-28 Tết Âm lịch",
                                             "2025-01-29 Tết Âm lịch",
                                             "2025-01-30 Tết Âm lịch",
                                             "2025-01-31 Tết Âm lịch",
                                             "2025-02-01 Tết Âm lịch",
                                             "2025-02-03 Nghỉ bù Tết Âm lịch (bù)",
                                             "2025-04-07 Giỗ Tổ Hùng Vương",
                                             "2025-04-30 Ngày Chiến thắng",
                                             "2025-05-01 Ngày Quốc tế Lao động",
                                             "2025-09-01 Quốc khánh",
                                             "2025-09-02 Quốc khánh",
                                         }));
}

TEST(DefaultDaysOff, GivesTwoDistinctDaysWhenThirtyAprilAndFirstMayFallOnAWeekend) {
  // 2022: 30/4 Saturday, 1/5 Sunday; Giỗ Tổ (10/4) a Sunday too.
  EXPECT_EQ(Lines(DefaultDaysOff(2022)), (std::vector<std::string>{
                                             "2022-01-01 Tết Dương lịch",
                                             "2022-01-03 Nghỉ bù Tết Dương lịch (bù)",
                                             "2022-01-31 Tết Âm lịch",
                                             "2022-02-01 Tết Âm lịch",
                                             "2022-02-02 Tết Âm lịch",
                                             "2022-02-03 Tết Âm lịch",
                                             "2022-02-04 Tết Âm lịch",
                                             "2022-04-10 Giỗ Tổ Hùng Vương",
                                             "2022-04-11 Nghỉ bù Giỗ Tổ Hùng Vương (bù)",
                                             "2022-04-30 Ngày Chiến thắng",
                                             "2022-05-01 Ngày Quốc tế Lao động",
                                             "2022-05-02 Nghỉ bù Ngày Chiến thắng (bù)",
                                             "2022-05-03 Nghỉ bù Ngày Quốc tế Lao động (bù)",
                                             "2022-09-01 Quốc khánh",
                                             "2022-09-02 Quốc khánh",
                                         }));
}

TEST(DefaultDaysOff, SkipsAHolidayWhenPlacingACompensatoryDay) {
  // 2023: Giỗ Tổ on Saturday 29/4, 30/4 on Sunday, 1/5 on Monday is itself a
  // holiday, so the compensatory days are Tuesday 2/5 and Wednesday 3/5; and
  // 2/9 on a Saturday is made up on Monday 4/9.
  const std::vector<std::string> lines = Lines(DefaultDaysOff(2023));
  const std::vector<std::string> from_april(lines.end() - 8, lines.end());
  EXPECT_EQ(from_april, (std::vector<std::string>{
                            "2023-04-29 Giỗ Tổ Hùng Vương",
                            "2023-04-30 Ngày Chiến thắng",
                            "2023-05-01 Ngày Quốc tế Lao động",
                            "2023-05-02 Nghỉ bù Giỗ Tổ Hùng Vương (bù)",
                            "2023-05-03 Nghỉ bù Ngày Chiến thắng (bù)",
                            "2023-09-01 Quốc khánh",
                            "2023-09-02 Quốc khánh",
                            "2023-09-04 Nghỉ bù Quốc khánh (bù)",
                        }));
}

TEST(DefaultDaysOff, CompensatesTetDaysOnAWeekendAfterTetEnds) {
  // Tết 2024 (10/2) was a Saturday: 9/2–13/2 off, Saturday and Sunday made up
  // on Wednesday 14/2 and Thursday 15/2.
  const std::vector<std::string> lines = Lines(DefaultDaysOff(2024));
  const std::vector<std::string> tet(lines.begin() + 1, lines.begin() + 8);
  EXPECT_EQ(tet, (std::vector<std::string>{
                     "2024-02-09 Tết Âm lịch",
                     "2024-02-10 Tết Âm lịch",
                     "2024-02-11 Tết Âm lịch",
                     "2024-02-12 Tết Âm lịch",
                     "2024-02-13 Tết Âm lịch",
                     "2024-02-14 Nghỉ bù Tết Âm lịch (bù)",
                     "2024-02-15 Nghỉ bù Tết Âm lịch (bù)",
                 }));
}

TEST(DefaultHolidays, MergesHolidaysThatFallOnTheSameDay) {
  // Lunar 10/3 fell on 30/4 in 1947 (counted on Vietnam's UTC+7 calendar).
  const std::vector<std::string> lines = Lines(DefaultHolidays(1947));
  EXPECT_EQ(lines.size(), 10u);
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "1947-04-30 Giỗ Tổ Hùng Vương, Ngày Chiến thắng"),
            lines.end());
}

TEST(DefaultDaysOff, KeepsItsInvariantsForEveryYearFrom1900To2199) {
  for (int year = 1900; year <= 2199; ++year) {
    const std::vector<DayOff> holidays = DefaultHolidays(year);
    const std::vector<DayOff> days_off = DefaultDaysOff(year);
    int weekend_holidays = 0;
    for (const DayOff& holiday : holidays) {
      ASSERT_EQ(holiday.date.year(), std::chrono::year{year}) << holiday.name;
      ASSERT_EQ(holiday.kind, DayOff::Kind::kHoliday);
      if (IsWeekend(holiday.date)) ++weekend_holidays;
    }
    ASSERT_GE(holidays.size(), 10u) << year;
    int compensatory = 0;
    for (std::size_t i = 0; i < days_off.size(); ++i) {
      ASSERT_EQ(days_off[i].date.year(), std::chrono::year{year});
      if (i > 0) {
        ASSERT_LT(sys_days{days_off[i - 1].date}, sys_days{days_off[i].date}) << year;
      }
      if (days_off[i].kind == DayOff::Kind::kCompensatory) {
        ++compensatory;
        ASSERT_FALSE(IsWeekend(days_off[i].date)) << FormatIsoDate(days_off[i].date);
        ASSERT_EQ(days_off[i].name.rfind("Nghỉ bù ", 0), 0u);
      }
    }
    // Every holiday falls by September, so each weekend one is made up in the same year.
    ASSERT_EQ(compensatory, weekend_holidays) << year;
    ASSERT_EQ(days_off.size(), holidays.size() + static_cast<std::size_t>(compensatory));
  }
}

TEST(DayOffKindKey, NamesEachKindInEnglish) {
  EXPECT_STREQ(DayOffKindKey(DayOff::Kind::kHoliday), "holiday");
  EXPECT_STREQ(DayOffKindKey(DayOff::Kind::kCompensatory), "compensatory");
  EXPECT_STREQ(DayOffKindKey(DayOff::Kind::kOverride), "override");
}

}  // namespace
}  // namespace motcua::domain
