#include "app/calendar/calendar_service.hpp"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "app/calendar/calendar_text.hpp"
#include "app/calendar/memory_calendar_repository.hpp"
#include "testutil/fake_clock.hpp"

namespace motcua::app {
namespace {

using std::chrono::milliseconds;

Date D(const char* iso) { return ParseIsoDate(iso).value(); }

std::string Iso(const Result<Date>& date) {
  return date ? FormatIsoDate(*date) : "error: " + date.error().user_message;
}

std::string FirstField(const Error& e) { return e.fields.empty() ? "" : e.fields[0].field; }

constexpr const char* kAgency = "000.20.31.H29";

class CalendarServiceTest : public ::testing::Test {
 protected:
  MemoryCalendarRepository repository_{{kAgency}};
  testutil::FakeClock clock_{"2025-06-15T03:00:00.000Z"};
  CalendarService service_{repository_, clock_, milliseconds(0)};
};

TEST_F(CalendarServiceTest, DueDateSkipsLunarNewYearAndItsCompensatoryDay) {
  // Friday 24/01/2025: Mon 27 counts, 28/1–1/2 Tết, 3/2 nghỉ bù, then Tue 4 and Wed 5.
  EXPECT_EQ(Iso(service_.DueDate(D("2025-01-24"), 3)), "2025-02-05");
}

TEST_F(CalendarServiceTest, DaysOffAcceptsOnlyTheSupportedYears) {
  EXPECT_TRUE(service_.DaysOff(1900));
  EXPECT_TRUE(service_.DaysOff(2200));
  for (int year : {1899, 2201, 0, -5}) {
    auto days = service_.DaysOff(year);
    ASSERT_FALSE(days) << year;
    EXPECT_EQ(days.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(days.error().user_message, "Năm phải từ 1900 đến 2200.");
    EXPECT_EQ(FirstField(days.error()), "year");
  }
}

TEST_F(CalendarServiceTest, RejectsImpossibleDatesAndNegativeDays) {
  Date impossible{std::chrono::year{2025}, std::chrono::February, std::chrono::day{30}};
  auto due = service_.DueDate(impossible, 3);
  ASSERT_FALSE(due);
  EXPECT_EQ(due.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(FirstField(due.error()), "from");

  auto negative = service_.DueDate(D("2025-01-24"), -1);
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(FirstField(negative.error()), "days");

  auto far = service_.DueDate(D("2300-01-02"), 1);
  ASSERT_FALSE(far);
  EXPECT_EQ(FirstField(far.error()), "from");

  auto set = service_.SetDay(impossible, true, "Nghỉ", "admin", "");
  ASSERT_FALSE(set);
  EXPECT_EQ(FirstField(set.error()), "date");
  EXPECT_TRUE(repository_.audit().empty());
}

TEST_F(CalendarServiceTest, SetDayMakesADayOffAndAuditsItWithTheClocksTime) {
  ASSERT_TRUE(service_.SetDay(D("2025-09-03"), true,
                              "  Nghỉ lễ Quốc khánh (Thông báo của Thủ tướng) ", "admin", "req-1"));
  auto days = service_.DaysOff(2025);
  ASSERT_TRUE(days);
  ASSERT_EQ(days->back().date, D("2025-09-03"));
  EXPECT_EQ(days->back().name, "Nghỉ lễ Quốc khánh (Thông báo của Thủ tướng)");
  EXPECT_EQ(days->back().kind, domain::DayOff::Kind::kOverride);
  // Wednesday 03/09 no longer counts: Tuesday 02/09 + 1 working day is Thursday.
  EXPECT_EQ(Iso(service_.DueDate(D("2025-08-29"), 1)), "2025-09-04");

  auto audit = repository_.audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "calendar.set");
  EXPECT_EQ(audit[0].actor, "admin");
  EXPECT_EQ(audit[0].target, "2025-09-03");
  EXPECT_EQ(audit[0].request_id, "req-1");
  EXPECT_EQ(audit[0].at, clock_.Now());
  EXPECT_EQ(audit[0].detail,
            R"j({"off":true,"note":"Nghỉ lễ Quốc khánh (Thông báo của Thủ tướng)"})j");
}

TEST_F(CalendarServiceTest, SetDayRequiresANoteToMarkADayOff) {
  for (const char* note : {"", "   "}) {
    auto set = service_.SetDay(D("2025-09-03"), true, note, "admin", "");
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(set.error().user_message, "Phải ghi tên hoặc lý do của ngày nghỉ.");
    EXPECT_EQ(FirstField(set.error()), "note");
  }
  auto long_note = service_.SetDay(D("2025-09-03"), true, std::string(501, 'a'), "admin", "");
  ASSERT_FALSE(long_note);
  EXPECT_EQ(FirstField(long_note.error()), "note");
  auto bad_utf8 = service_.SetDay(D("2025-09-03"), true, "\xff\xfe", "admin", "");
  ASSERT_FALSE(bad_utf8);
  EXPECT_EQ(FirstField(bad_utf8.error()), "note");
  auto no_actor = service_.SetDay(D("2025-09-03"), true, "Nghỉ", " ", "");
  ASSERT_FALSE(no_actor);
  EXPECT_EQ(FirstField(no_actor.error()), "actor");
  EXPECT_TRUE(repository_.audit().empty());
  EXPECT_EQ(*repository_.CalendarRevision(), 0);
}

TEST_F(CalendarServiceTest, AMakeUpSaturdayCountsAsAWorkingDay) {
  // Saturday 06/09/2025 worked in exchange for a bridge day; no note needed.
  EXPECT_EQ(Iso(service_.DueDate(D("2025-09-05"), 1)), "2025-09-08");
  ASSERT_TRUE(service_.SetDay(D("2025-09-06"), false, "", "admin", ""));
  EXPECT_EQ(Iso(service_.DueDate(D("2025-09-05"), 1)), "2025-09-06");
  auto overrides = service_.Overrides(2025);
  ASSERT_TRUE(overrides);
  ASSERT_EQ(overrides->size(), 1u);
  EXPECT_FALSE((*overrides)[0].entry.off);
  EXPECT_EQ((*overrides)[0].updated_by, "admin");
  auto other_year = service_.Overrides(2026);
  ASSERT_TRUE(other_year);
  EXPECT_TRUE(other_year->empty());
}

TEST_F(CalendarServiceTest, AWorkingOverrideOnAHolidayRemovesItFromTheDaysOff) {
  ASSERT_TRUE(service_.SetDay(D("2025-09-01"), false, "Chuyển sang 03/09", "admin", ""));
  auto days = service_.DaysOff(2025);
  ASSERT_TRUE(days);
  for (const auto& d : *days) EXPECT_NE(d.date, D("2025-09-01"));
}

TEST_F(CalendarServiceTest, ClearDayRevertsToTheDefaultAndReportsWhenThereIsNothingToClear) {
  ASSERT_TRUE(service_.SetDay(D("2025-01-01"), false, "Làm việc", "admin", ""));
  EXPECT_EQ(Iso(service_.DueDate(D("2024-12-31"), 1)), "2025-01-01");
  ASSERT_TRUE(service_.ClearDay(D("2025-01-01"), "admin", "req-2"));
  EXPECT_EQ(Iso(service_.DueDate(D("2024-12-31"), 1)), "2025-01-02");
  auto again = service_.ClearDay(D("2025-01-01"), "admin", "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(again.error().user_message, "Ngày 01/01/2025 không có điều chỉnh nào.");
  auto audit = repository_.audit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].action, "calendar.clear");
  EXPECT_EQ(audit[1].target, "2025-01-01");
}

TEST_F(CalendarServiceTest, DueTimeCountsOnTheAgencysOfficeHours) {
  // Received Friday 24/01/2025 09:00 in Vietnam (02:00 UTC).
  Timestamp received = *ParseTimestamp("2025-01-24T09:00:00+07:00");
  auto by_default = service_.DueTime(received, 0.5, kAgency);
  ASSERT_TRUE(by_default);
  EXPECT_EQ(FormatTimestamp(*by_default), "2025-01-27T04:30:00.000Z");  // 11:30 in Vietnam

  ASSERT_TRUE(
      service_.SetOfficeHours(kAgency, *ParseOfficeHours("07:00-11:00,13:30-17:30"), "admin", ""));
  auto own = service_.DueTime(received, 0.5, kAgency);
  ASSERT_TRUE(own);
  EXPECT_EQ(FormatTimestamp(*own), "2025-01-27T04:00:00.000Z");  // 11:00 in Vietnam
  auto whole = service_.DueTime(received, 3, kAgency);
  ASSERT_TRUE(whole);
  EXPECT_EQ(FormatTimestamp(*whole), "2025-02-05T10:30:00.000Z");  // 17:30 in Vietnam
  auto other = service_.DueTime(received, 0.5, "");
  ASSERT_TRUE(other);
  EXPECT_EQ(FormatTimestamp(*other), "2025-01-27T04:30:00.000Z");

  auto hours = service_.OfficeHours(kAgency);
  ASSERT_TRUE(hours);
  EXPECT_EQ(FormatOfficeHours(*hours), "07:00-11:00,13:30-17:30");
  EXPECT_EQ(FormatOfficeHours(*service_.OfficeHours("khac")), "07:30-11:30,13:00-17:00");
  auto audit = repository_.audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "calendar.office_hours");
  EXPECT_EQ(audit[0].target, kAgency);
  EXPECT_EQ(audit[0].detail, R"({"sessions":"07:00-11:00,13:30-17:30"})");
}

TEST_F(CalendarServiceTest, SetOfficeHoursRejectsUnknownAgenciesAndInvalidHours) {
  auto unknown =
      service_.SetOfficeHours("000.99.99.H29", domain::OfficeHours::Default(), "admin", "");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  auto invalid = service_.SetOfficeHours(kAgency, domain::OfficeHours{{{600, 500}}}, "admin", "");
  ASSERT_FALSE(invalid);
  EXPECT_EQ(FirstField(invalid.error()), "hours");
  auto empty = service_.SetOfficeHours("", domain::OfficeHours::Default(), "admin", "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(FirstField(empty.error()), "agency");
  EXPECT_TRUE(repository_.audit().empty());
}

TEST_F(CalendarServiceTest, TodayIsTheDateInVietnam) {
  clock_.Set(*ParseTimestamp("2025-12-31T18:00:00Z"));
  EXPECT_EQ(service_.Today(), D("2026-01-01"));
}

TEST(CalendarServiceSnapshot, ReloadsOnlyWhenTheRevisionChangesAndNotBeforeTheInterval) {
  MemoryCalendarRepository repository;
  testutil::FakeClock clock("2025-06-15T03:00:00Z");
  CalendarService cached(repository, clock, std::chrono::hours(1));
  CalendarService eager(repository, clock, milliseconds(0));
  CalendarService writer(repository, clock, std::chrono::hours(1));

  ASSERT_TRUE(cached.DaysOff(2025));
  ASSERT_TRUE(eager.DaysOff(2025));
  ASSERT_TRUE(eager.DaysOff(2025));
  EXPECT_EQ(repository.loads(), 2);  // one each; the unchanged revision is not reloaded

  ASSERT_TRUE(writer.SetDay(D("2025-09-03"), true, "Nghỉ Quốc khánh", "admin", ""));
  // The writer sees its own change at once, another instance within its interval.
  EXPECT_EQ(writer.DaysOff(2025)->size(), 13u);
  EXPECT_EQ(eager.DaysOff(2025)->size(), 13u);
  EXPECT_EQ(cached.DaysOff(2025)->size(), 12u);
}

TEST(CalendarServiceSnapshot, ServesTheLastSnapshotWhileStorageIsDown) {
  MemoryCalendarRepository repository;
  testutil::FakeClock clock("2025-06-15T03:00:00Z");
  CalendarService warm(repository, clock, milliseconds(0));
  ASSERT_TRUE(warm.DaysOff(2025));
  repository.set_unavailable(true);
  EXPECT_EQ(Iso(warm.DueDate(D("2025-01-24"), 3)), "2025-02-05");

  CalendarService cold(repository, clock, milliseconds(0));
  auto due = cold.DueDate(D("2025-01-24"), 3);
  ASSERT_FALSE(due);
  EXPECT_EQ(due.error().code, ErrorCode::kUnavailable);
  auto write = warm.SetDay(D("2025-09-03"), true, "Nghỉ", "admin", "");
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().code, ErrorCode::kUnavailable);
}

TEST(CalendarServiceSnapshot, IsSafeToReadWhileAnotherThreadWrites) {
  MemoryCalendarRepository repository;
  testutil::FakeClock clock("2025-06-15T03:00:00Z");
  CalendarService service(repository, clock, milliseconds(0));
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto due = service.DueDate(D("2025-01-24"), 3);
        if (!due || (FormatIsoDate(*due) != "2025-02-05" && FormatIsoDate(*due) != "2025-02-04"))
          ++failures;
      }
    });
  }
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(service.SetDay(D("2025-02-03"), i % 2 == 0, "Nghỉ bù", "admin", ""));
  }
  for (auto& r : readers) r.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace motcua::app
