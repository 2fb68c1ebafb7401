#include "domain/calendar/working_calendar.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Date D(const char* iso) { return ParseIsoDate(iso).value(); }

std::string Iso(const Result<Date>& date) {
  return date ? FormatIsoDate(*date) : "error: " + date.error().user_message;
}

// "2025-07-07 11:30", or the error's user message.
std::string At(const Result<LocalDateTime>& due) {
  if (!due) return "error: " + due.error().user_message;
  return fmt::format("{} {:02d}:{:02d}", FormatIsoDate(due->date), due->minutes / 60,
                     due->minutes % 60);
}

LocalDateTime Received(const char* iso, int hour, int minute) {
  return LocalDateTime{D(iso), hour * 60 + minute};
}

bool IsWeekend(sys_days day) {
  const std::chrono::weekday weekday{day};
  return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

// The default policy for 2020–2035 written out the plainest way, sharing no
// code with the module: lunar dates come from an ephemeris (PyEphem, UTC+7,
// see lunar_calendar_test.cpp), not from lunar_calendar.cpp.
class PolicyOracle {
 public:
  PolicyOracle() {
    const char* const tet[] = {"2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22",
                               "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06",
                               "2028-01-26", "2029-02-13", "2030-02-02", "2031-01-23",
                               "2032-02-11", "2033-01-31", "2034-02-19", "2035-02-08"};
    const char* const gio_to[] = {"2020-04-02", "2021-04-21", "2022-04-10", "2023-04-29",
                                  "2024-04-18", "2025-04-07", "2026-04-26", "2027-04-16",
                                  "2028-04-04", "2029-04-23", "2030-04-12", "2031-04-01",
                                  "2032-04-19", "2033-04-09", "2034-04-28", "2035-04-17"};
    for (int year = 2020; year <= 2035; ++year) {
      const std::chrono::year y{year};
      for (const auto& month_day : {std::chrono::January / 1, std::chrono::April / 30,
                                    std::chrono::May / 1, std::chrono::September / 1,
                                    std::chrono::September / 2}) {
        holidays_.insert(sys_days{y / month_day});
      }
      const sys_days new_year{D(tet[year - 2020])};
      for (int offset = -1; offset <= 3; ++offset) holidays_.insert(new_year + days{offset});
      holidays_.insert(sys_days{D(gio_to[year - 2020])});
    }
    for (sys_days holiday : holidays_) {  // std::set iterates in date order.
      if (!IsWeekend(holiday)) continue;
      sys_days day = holiday + days{1};
      while (IsWeekend(day) || holidays_.contains(day) || compensatory_.contains(day)) {
        day += days{1};
      }
      compensatory_.insert(day);
    }
  }

  bool IsWorkingDay(sys_days day) const {
    return !IsWeekend(day) && !holidays_.contains(day) && !compensatory_.contains(day);
  }

  // Holidays (weekend ones too) and compensatory days of `year`.
  std::set<sys_days> DaysOff(int year) const {
    std::set<sys_days> days_off;
    for (const std::set<sys_days>* source : {&holidays_, &compensatory_}) {
      for (sys_days day : *source) {
        if (Date{day}.year() == std::chrono::year{year}) days_off.insert(day);
      }
    }
    return days_off;
  }

 private:
  std::set<sys_days> holidays_;
  std::set<sys_days> compensatory_;
};

TEST(WorkingCalendar, AgreesWithTheDefaultPolicyOnEveryDayFrom2020To2035) {
  const PolicyOracle oracle;
  const WorkingCalendar calendar;
  int working_days = 0;
  for (sys_days day{D("2020-01-01")}; day <= sys_days{D("2035-12-31")}; day += days{1}) {
    ASSERT_EQ(calendar.IsWorkingDay(Date{day}), oracle.IsWorkingDay(day))
        << FormatIsoDate(Date{day});
    if (oracle.IsWorkingDay(day)) ++working_days;
  }
  // About 250 working days a year: a guard against an oracle that says "yes" to everything.
  EXPECT_GT(working_days, 16 * 240);
  EXPECT_LT(working_days, 16 * 255);
  for (int year = 2020; year <= 2035; ++year) {
    std::set<sys_days> listed;
    for (const DayOff& day : calendar.DaysOff(year)) listed.insert(sys_days{day.date});
    EXPECT_EQ(listed, oracle.DaysOff(year)) << year;
  }
}

TEST(WorkingCalendar, SkipsLunarNewYearAndCompensatesWeekendHolidays) {
  const WorkingCalendar calendar;
  // Tết 2024 fell on Saturday 10/2: off from Friday 9/2 to Thursday 15/2.
  EXPECT_TRUE(calendar.IsWorkingDay(D("2024-02-08")));
  for (const char* off : {"2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13",
                          "2024-02-14", "2024-02-15"}) {
    EXPECT_FALSE(calendar.IsWorkingDay(D(off))) << off;
  }
  EXPECT_TRUE(calendar.IsWorkingDay(D("2024-02-16")));
  EXPECT_EQ(Iso(calendar.DueDate(D("2024-02-08"), 1)), "2024-02-16");
  // 2/9/2023 was a Saturday: Monday 4/9 is off instead.
  EXPECT_FALSE(calendar.IsWorkingDay(D("2023-09-04")));
  EXPECT_TRUE(calendar.IsWorkingDay(D("2023-09-05")));
  // 30/4/2022 and 1/5/2022 were a weekend: Monday 2/5 and Tuesday 3/5 are off.
  EXPECT_FALSE(calendar.IsWorkingDay(D("2022-05-02")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2022-05-03")));
  EXPECT_TRUE(calendar.IsWorkingDay(D("2022-05-04")));
}

TEST(WorkingCalendar, MakesAnAnnouncedSaturdayAWorkingDayAndItsSwapADayOff) {
  // The shape of the Prime Minister's Tết 2025 announcement: Monday 27/01 off
  // in exchange for working Saturday 08/02.
  const WorkingCalendar calendar({
      {D("2025-01-27"), true, "Nghỉ hoán đổi Tết Âm lịch"},
      {D("2025-02-08"), false, "Làm bù cho ngày 27/01/2025"},
  });
  EXPECT_FALSE(calendar.IsWorkingDay(D("2025-01-27")));
  EXPECT_TRUE(calendar.IsWorkingDay(D("2025-02-08")));
  EXPECT_TRUE(WorkingCalendar().IsWorkingDay(D("2025-01-27")));
  EXPECT_FALSE(WorkingCalendar().IsWorkingDay(D("2025-02-08")));

  const std::vector<DayOff> days_off = calendar.DaysOff(2025);
  ASSERT_GE(days_off.size(), 2u);
  EXPECT_EQ(FormatIsoDate(days_off[1].date), "2025-01-27");
  EXPECT_EQ(days_off[1].name, "Nghỉ hoán đổi Tết Âm lịch");
  EXPECT_EQ(days_off[1].kind, DayOff::Kind::kOverride);
  EXPECT_EQ(FormatIsoDate(days_off[2].date), "2025-01-28");
  // Received Friday 24/01: the next working days are Tuesday 4/2 and
  // Wednesday 5/2 (3/2 makes up Tết's Saturday); the Saturday counts too.
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-01-24"), 1)), "2025-02-04");
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-01-24"), 4)), "2025-02-07");
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-01-24"), 5)), "2025-02-08");
}

TEST(WorkingCalendar, AddsANewDayOffNamedByItsNote) {
  const WorkingCalendar calendar({
      {D("2025-06-02"), true, "Nghỉ lễ theo thông báo của Thủ tướng"},
      {D("2025-06-03"), true, ""},
  });
  EXPECT_FALSE(calendar.IsWorkingDay(D("2025-06-02")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2025-06-03")));
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-05-30"), 1)), "2025-06-04");
  std::vector<std::string> june;
  for (const DayOff& day : calendar.DaysOff(2025)) {
    if (day.date.month() == std::chrono::June) {
      june.push_back(FormatIsoDate(day.date) + " " + day.name + " " + DayOffKindKey(day.kind));
    }
  }
  EXPECT_EQ(june, (std::vector<std::string>{
                      "2025-06-02 Nghỉ lễ theo thông báo của Thủ tướng override",
                      "2025-06-03 Ngày nghỉ override",
                  }));
}

TEST(WorkingCalendar, LetsAnOverrideMoveTheQuocKhanhBridgeDay) {
  // Quốc khánh is 2/9 plus 1/9 or 3/9 as the Prime Minister decides; and a
  // compensatory day can be worked too.
  const WorkingCalendar calendar({
      {D("2025-09-01"), false, "Ngày liền kề Quốc khánh năm nay là 03/9"},
      {D("2025-09-03"), true, "Quốc khánh"},
      {D("2025-02-03"), false, "Làm việc"},
  });
  EXPECT_TRUE(calendar.IsWorkingDay(D("2025-09-01")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2025-09-02")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2025-09-03")));
  EXPECT_TRUE(calendar.IsWorkingDay(D("2025-02-03")));
  std::vector<std::string> listed;
  for (const DayOff& day : calendar.DaysOff(2025)) {
    listed.push_back(FormatIsoDate(day.date) + " " + DayOffKindKey(day.kind));
  }
  EXPECT_EQ(listed, (std::vector<std::string>{
                        "2025-01-01 holiday", "2025-01-28 holiday", "2025-01-29 holiday",
                        "2025-01-30 holiday", "2025-01-31 holiday", "2025-02-01 holiday",
                        "2025-04-07 holiday", "2025-04-30 holiday", "2025-05-01 holiday",
                        "2025-09-02 holiday", "2025-09-03 override",
                    }));
}

TEST(WorkingCalendar, RenamesADefaultHolidayThatAnOverrideMarksOff) {
  const WorkingCalendar calendar({{D("2025-04-30"), true, "Ngày Giải phóng miền Nam"}});
  int on_that_day = 0;
  for (const DayOff& day : calendar.DaysOff(2025)) {
    if (day.date != D("2025-04-30")) continue;
    ++on_that_day;
    EXPECT_EQ(day.name, "Ngày Giải phóng miền Nam");
    EXPECT_EQ(day.kind, DayOff::Kind::kOverride);
  }
  EXPECT_EQ(on_that_day, 1);
}

TEST(WorkingCalendar, KeepsTheLastOverrideOfADateAndIgnoresInvalidDates) {
  const Date impossible{std::chrono::year{2025}, std::chrono::February, std::chrono::day{30}};
  const WorkingCalendar calendar({
      {D("2025-07-08"), true, "Nhập nhầm"},
      {D("2025-07-08"), false, "Đã sửa"},
      {impossible, true, "Ngày không tồn tại"},
  });
  EXPECT_TRUE(calendar.IsWorkingDay(D("2025-07-08")));
  EXPECT_EQ(calendar.DaysOff(2025).size(), WorkingCalendar().DaysOff(2025).size());
  EXPECT_FALSE(calendar.IsWorkingDay(impossible));
  EXPECT_FALSE(calendar.IsWorkingDay(
      Date{std::chrono::year{2025}, std::chrono::December, std::chrono::day{40}}));
}

TEST(WorkingCalendar, AddsWorkingDaysForwardAndBackward) {
  const WorkingCalendar calendar;
  EXPECT_EQ(FormatIsoDate(calendar.AddWorkingDays(D("2025-07-04"), 1)), "2025-07-07");
  EXPECT_EQ(FormatIsoDate(calendar.AddWorkingDays(D("2025-07-05"), 1)), "2025-07-07");
  EXPECT_EQ(FormatIsoDate(calendar.AddWorkingDays(D("2025-07-07"), -1)), "2025-07-04");
  EXPECT_EQ(FormatIsoDate(calendar.AddWorkingDays(D("2025-07-05"), 0)), "2025-07-05");
  // Across the new year: 1/1/2026 is Thursday, a holiday.
  EXPECT_EQ(FormatIsoDate(calendar.AddWorkingDays(D("2025-12-31"), 1)), "2026-01-02");
  EXPECT_EQ(FormatIsoDate(calendar.AddWorkingDays(D("2026-01-02"), -1)), "2025-12-31");
}

TEST(WorkingCalendar, CountsWorkingDaysBetweenAsTheInverseOfAddingThem) {
  const WorkingCalendar calendar;
  for (sys_days day{D("2024-01-01")}; day <= sys_days{D("2025-12-31")}; day += days{1}) {
    for (int n = 0; n <= 12; ++n) {
      const Date later = calendar.AddWorkingDays(Date{day}, n);
      ASSERT_EQ(calendar.WorkingDaysBetween(Date{day}, later), n) << FormatIsoDate(Date{day});
      ASSERT_TRUE(n == 0 || calendar.IsWorkingDay(later));
      const Date earlier = calendar.AddWorkingDays(later, -n);
      ASSERT_EQ(calendar.WorkingDaysBetween(later, earlier), -n);
    }
  }
  // A result returned two working days late, over a weekend.
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2025-07-04"), D("2025-07-08")), 2);
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2025-07-08"), D("2025-07-04")), -2);
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2025-07-05"), D("2025-07-06")), 0);
}

TEST(WorkingCalendar, CountsTheDueDateFromTheDayAfterAFridayReceipt) {
  const WorkingCalendar calendar;
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-07-04"), 1)), "2025-07-07");
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-07-04"), 5)), "2025-07-11");
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-07-04"), 6)), "2025-07-14");
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-07-04"), 0.5)), "2025-07-07");
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-07-04"), 1.5)), "2025-07-08");
}

TEST(WorkingCalendar, JumpsOverTetForADossierReceivedJustBeforeIt) {
  const WorkingCalendar calendar;
  // Received Friday 24/01/2025; 28/01–01/02 Tết, 03/02 its compensatory day.
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-01-24"), 1)), "2025-01-27");
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-01-24"), 2)), "2025-02-04");
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-01-24"), 3)), "2025-02-05");
  EXPECT_EQ(At(calendar.DueTime(Received("2025-01-24", 15, 0), 1.5, OfficeHours::Default())),
            "2025-02-04 11:30");
}

TEST(WorkingCalendar, DueDateOfZeroDaysIsTheReceiptDayOrTheNextWorkingDay) {
  const WorkingCalendar calendar;
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-07-07"), 0)), "2025-07-07");
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-07-05"), 0)), "2025-07-07");
  EXPECT_EQ(Iso(calendar.DueDate(D("2025-09-01"), 0)), "2025-09-03");
}

TEST(WorkingCalendar, EndsWholeDaysAtTheCloseOfOfficeHours) {
  const WorkingCalendar calendar;
  const OfficeHours hours = OfficeHours::Default();
  EXPECT_EQ(At(calendar.DueTime(Received("2025-07-04", 10, 0), 1, hours)), "2025-07-07 17:00");
  EXPECT_EQ(At(calendar.DueTime(Received("2025-07-04", 16, 59), 3, hours)), "2025-07-09 17:00");
  // The time of receipt does not matter: the receipt day is never counted.
  EXPECT_EQ(At(calendar.DueTime(Received("2025-07-04", 7, 30), 3, hours)), "2025-07-09 17:00");
}

TEST(WorkingCalendar, EndsFractionsInsideTheDaysOfficeHours) {
  const WorkingCalendar calendar;
  const OfficeHours hours = OfficeHours::Default();
  const LocalDateTime friday = Received("2025-07-04", 10, 0);
  EXPECT_EQ(At(calendar.DueTime(friday, 0.5, hours)), "2025-07-07 11:30");
  EXPECT_EQ(At(calendar.DueTime(friday, 1.5, hours)), "2025-07-08 11:30");
  EXPECT_EQ(At(calendar.DueTime(friday, 0.25, hours)), "2025-07-07 09:30");
  EXPECT_EQ(At(calendar.DueTime(friday, 0.75, hours)), "2025-07-07 15:00");
  EXPECT_EQ(At(calendar.DueTime(friday, 2.125, hours)), "2025-07-09 08:30");
  // A fraction below half a minute is no fraction; one that rounds to a whole
  // day is that whole day.
  EXPECT_EQ(At(calendar.DueTime(friday, 1.0001, hours)), "2025-07-07 17:00");
  EXPECT_EQ(At(calendar.DueTime(friday, 1.9999, hours)), "2025-07-08 17:00");
}

TEST(WorkingCalendar, UsesTheAgencysOwnOfficeHours) {
  const WorkingCalendar calendar;
  const OfficeHours hours{{{8 * 60, 12 * 60}, {13 * 60 + 30, 17 * 60 + 30}}};
  const LocalDateTime friday = Received("2025-07-04", 9, 0);
  EXPECT_EQ(At(calendar.DueTime(friday, 0.5, hours)), "2025-07-07 12:00");
  EXPECT_EQ(At(calendar.DueTime(friday, 0.75, hours)), "2025-07-07 15:30");
  EXPECT_EQ(At(calendar.DueTime(friday, 1, hours)), "2025-07-07 17:30");
  const OfficeHours single{{{7 * 60, 15 * 60}}};
  EXPECT_EQ(At(calendar.DueTime(friday, 0.5, single)), "2025-07-07 11:00");
}

TEST(WorkingCalendar, DueTimeOfZeroDaysIsTheCloseOfTheReceiptDay) {
  const WorkingCalendar calendar;
  const OfficeHours hours = OfficeHours::Default();
  EXPECT_EQ(At(calendar.DueTime(Received("2025-07-07", 9, 0), 0, hours)), "2025-07-07 17:00");
  EXPECT_EQ(At(calendar.DueTime(Received("2025-07-07", 17, 0), 0, hours)), "2025-07-07 17:00");
  // Received on a Saturday, or after closing: the close of the next working day.
  EXPECT_EQ(At(calendar.DueTime(Received("2025-07-05", 9, 0), 0, hours)), "2025-07-07 17:00");
  EXPECT_EQ(At(calendar.DueTime(Received("2025-07-07", 18, 0), 0, hours)), "2025-07-08 17:00");
  EXPECT_EQ(At(calendar.DueTime(Received("2025-07-04", 20, 0), 0, hours)), "2025-07-07 17:00");
}

TEST(WorkingCalendar, RejectsNegativeOrMeaninglessProcessingTimes) {
  const WorkingCalendar calendar;
  const OfficeHours hours = OfficeHours::Default();
  const Result<Date> negative = calendar.DueDate(D("2025-07-04"), -1);
  ASSERT_FALSE(negative.has_value());
  EXPECT_EQ(negative.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(negative.error().user_message, "Số ngày làm việc không được âm.");
  EXPECT_FALSE(negative.error().internal_message.empty());

  const LocalDateTime friday = Received("2025-07-04", 9, 0);
  EXPECT_EQ(At(calendar.DueTime(friday, -0.5, hours)), "error: Số ngày làm việc không được âm.");
  EXPECT_EQ(At(calendar.DueTime(friday, std::nan(""), hours)),
            "error: Số ngày làm việc không hợp lệ.");
  EXPECT_EQ(At(calendar.DueTime(friday, std::numeric_limits<double>::infinity(), hours)),
            "error: Số ngày làm việc không hợp lệ.");
  EXPECT_EQ(At(calendar.DueTime(friday, WorkingCalendar::kMaxWorkingDays + 1, hours)),
            "error: Số ngày làm việc quá lớn.");
  for (const Result<LocalDateTime>& error :
       {calendar.DueTime(friday, -1, hours), calendar.DueTime(friday, std::nan(""), hours)}) {
    EXPECT_EQ(error.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(WorkingCalendar, RejectsAnInvalidReceiptOrOfficeHours) {
  const WorkingCalendar calendar;
  const OfficeHours hours = OfficeHours::Default();
  const Date impossible{std::chrono::year{2025}, std::chrono::February, std::chrono::day{30}};
  EXPECT_EQ(Iso(calendar.DueDate(impossible, 1)), "error: Thời điểm tiếp nhận hồ sơ không hợp lệ.");
  EXPECT_EQ(At(calendar.DueTime(LocalDateTime{D("2025-07-04"), -1}, 1, hours)),
            "error: Thời điểm tiếp nhận hồ sơ không hợp lệ.");
  EXPECT_EQ(At(calendar.DueTime(LocalDateTime{D("2025-07-04"), 1441}, 1, hours)),
            "error: Thời điểm tiếp nhận hồ sơ không hợp lệ.");
  const Result<LocalDateTime> bad_hours =
      calendar.DueTime(Received("2025-07-04", 9, 0), 1, OfficeHours{});
  ASSERT_FALSE(bad_hours.has_value());
  EXPECT_EQ(bad_hours.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad_hours.error().user_message, "Giờ làm việc của cơ quan không hợp lệ.");
}

TEST(WorkingCalendar, HandlesTheLongestAllowedProcessingTime) {
  const WorkingCalendar calendar;
  const Result<Date> due = calendar.DueDate(D("2025-07-04"), WorkingCalendar::kMaxWorkingDays);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2025-07-04"), *due),
            static_cast<int>(WorkingCalendar::kMaxWorkingDays));
}

TEST(WorkingCalendar, GivesTheSameAnswersFromManyThreadsAtOnce) {
  const std::vector<CalendarOverride> overrides = {{D("2030-03-04"), true, "Nghỉ"},
                                                   {D("2030-03-09"), false, "Làm bù"}};
  const WorkingCalendar reference(overrides);
  std::vector<bool> expected;
  for (sys_days day{D("2000-01-01")}; day < sys_days{D("2060-01-01")}; day += days{1}) {
    expected.push_back(reference.IsWorkingDay(Date{day}));
  }
  const WorkingCalendar shared(overrides);  // Cold: the threads race to fill its tables.
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::size_t i = 0;
      for (sys_days day{D("2000-01-01")}; day < sys_days{D("2060-01-01")}; day += days{1}, ++i) {
        if (shared.IsWorkingDay(Date{day}) != expected[i]) ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(WorkingCalendar, CopiesAnswerLikeTheOriginal) {
  const WorkingCalendar original({{D("2025-07-08"), true, "Nghỉ"}});
  WorkingCalendar copy;
  copy = original;
  const WorkingCalendar moved = std::move(copy);
  EXPECT_FALSE(moved.IsWorkingDay(D("2025-07-08")));
  EXPECT_FALSE(original.IsWorkingDay(D("2025-07-08")));
}

}  // namespace
}  // namespace motcua::domain
