// `motcua calendar …` end to end: the built binary run against a temporary
// SQLite database, checking exit codes and exact output.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "store/audit_writer.hpp"
#include "testutil/cli_runner.hpp"
#include "store/database.hpp"

namespace motcua {
namespace {

namespace fs = std::filesystem;
using testutil::CliRun;

class CalendarCli : public testutil::CliTest {};

constexpr const char* kHolidays2025 =
    "2025-01-01  Tết Dương lịch\n"
    "2025-01-28  Tết Âm lịch\n"
    "2025-01-29  Tết Âm lịch\n"
    "2025-01-30  Tết Âm lịch\n"
    "2025-01-31  Tết Âm lịch\n"
    "2025-02-01  Tết Âm lịch\n"
    "2025-02-03  Nghỉ bù Tết Âm lịch\n"
    "2025-04-07  Giỗ Tổ Hùng Vương\n"
    "2025-04-30  Ngày Chiến thắng\n"
    "2025-05-01  Ngày Quốc tế Lao động\n"
    "2025-09-01  Quốc khánh\n"
    "2025-09-02  Quốc khánh\n";

TEST_F(CalendarCli, PrintsTheDaysOffOfAYearOnePerLine) {
  Migrate();
  CliRun run = Motcua({"calendar", "holidays", "--year", "2025"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, kHolidays2025);
  EXPECT_EQ(run.err, "");
}

TEST_F(CalendarCli, PrintsTheDueDateSkippingLunarNewYear) {
  Migrate();
  CliRun run = Motcua({"calendar", "due", "--from", "2025-01-24", "--days", "3"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "2025-02-05\n");
  EXPECT_EQ(Motcua({"calendar", "due", "--from", "2025-01-24", "--days", "0.5"}).out,
            "2025-01-27\n");
  EXPECT_EQ(Motcua({"calendar", "due", "--from", "2025-01-24", "--days", "0"}).out, "2025-01-24\n");
}

TEST_F(CalendarCli, FailsOnAnImpossibleDateNegativeDaysOrABadYear) {
  Migrate();
  const std::vector<std::vector<std::string>> bad = {
      {"calendar", "due", "--from", "2025-02-30", "--days", "3"},
      {"calendar", "due", "--from", "2025-13-01", "--days", "3"},
      {"calendar", "due", "--from", "24/01/2025", "--days", "3"},
      {"calendar", "due", "--from", "2025-01-24", "--days", "-3"},
      {"calendar", "due", "--from", "2025-01-24", "--days=-1"},
      {"calendar", "due", "--from", "2025-01-24", "--days", "ba"},
      {"calendar", "holidays", "--year", "1800"},
      {"calendar", "holidays", "--year", "hai nghìn"},
      {"calendar", "set", "2025-02-30", "--off", "--note", "Nghỉ"},
  };
  for (const auto& args : bad) {
    CliRun run = Motcua(args);
    std::string shown = args[1] + " " + args[args.size() > 3 ? 3 : 2];
    EXPECT_EQ(run.exit_code, 2) << shown << "\n" << run.err;
    EXPECT_EQ(run.out, "") << shown;
    EXPECT_EQ(run.err.rfind("motcua: ", 0), 0u) << shown << "\n" << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << shown << "\n" << run.err;
  }
  CliRun impossible = Motcua({"calendar", "due", "--from", "2025-02-30", "--days", "3"});
  EXPECT_NE(impossible.err.find("2025-02-30"), std::string::npos) << impossible.err;
  CliRun negative = Motcua({"calendar", "due", "--from", "2025-01-24", "--days", "-3"});
  EXPECT_NE(negative.err.find("không được âm"), std::string::npos) << negative.err;
}

TEST_F(CalendarCli, RefusesADatabaseThatIsNotMigrated) {
  CliRun run = Motcua({"calendar", "due", "--from", "2025-01-24", "--days", "3"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("motcua migrate"), std::string::npos) << run.err;
}

TEST_F(CalendarCli, SetStoresAnAuditedOverrideThatDueAndHolidaysUse) {
  Migrate();
  CliRun off = Motcua({"calendar", "set", "2025-09-03", "--off", "--note",
                       "Nghỉ lễ Quốc khánh (Thông báo của Thủ tướng)"});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  // Tết 28/01 worked instead: 27 and 28 count, then the rest of Tết, the weekend and 03/02.
  CliRun working = Motcua({"calendar", "set", "2025-01-28", "--working", "--actor", "nguyenvana"});
  ASSERT_EQ(working.exit_code, 0) << working.err;

  CliRun holidays = Motcua({"calendar", "holidays", "--year", "2025"});
  ASSERT_EQ(holidays.exit_code, 0) << holidays.err;
  std::string expected = kHolidays2025;
  expected.erase(expected.find("2025-01-28  Tết Âm lịch\n"),
                 std::string("2025-01-28  Tết Âm lịch\n").size());
  expected += "2025-09-03  Nghỉ lễ Quốc khánh (Thông báo của Thủ tướng)\n";
  EXPECT_EQ(holidays.out, expected);
  EXPECT_EQ(Motcua({"calendar", "due", "--from", "2025-01-24", "--days", "3"}).out, "2025-02-04\n");

  auto db = store::Database::Open(url_, 1);
  ASSERT_TRUE(db);
  auto set_off = store::ReadAudit(**db, "2025-09-03", 10);
  ASSERT_TRUE(set_off);
  ASSERT_EQ(set_off->size(), 1u);
  EXPECT_EQ(set_off->front().action, "calendar.set");
  EXPECT_EQ(set_off->front().actor, "cli");
  auto set_working = store::ReadAudit(**db, "2025-01-28", 10);
  ASSERT_TRUE(set_working);
  ASSERT_EQ(set_working->size(), 1u);
  EXPECT_EQ(set_working->front().actor, "nguyenvana");

  CliRun clear = Motcua({"calendar", "clear", "2025-01-28"});
  ASSERT_EQ(clear.exit_code, 0) << clear.err;
  EXPECT_EQ(Motcua({"calendar", "due", "--from", "2025-01-24", "--days", "3"}).out, "2025-02-05\n");
  EXPECT_NE(Motcua({"calendar", "clear", "2025-01-28"}).exit_code, 0);
}

TEST_F(CalendarCli, SetRequiresANoteForADayOffAndExactlyOneOfOffOrWorking) {
  Migrate();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"calendar", "set", "2025-09-03", "--off"},
           {"calendar", "set", "2025-09-03", "--off", "--note", "  "},
           {"calendar", "set", "2025-09-03", "--note", "Nghỉ"},
           {"calendar", "set", "2025-09-03", "--off", "--working", "--note", "Nghỉ"},
       }) {
    CliRun run = Motcua(args);
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
  EXPECT_EQ(Motcua({"calendar", "holidays", "--year", "2025"}).out, kHolidays2025);
}

TEST_F(CalendarCli, ShowsAndSetsAnAgencysOfficeHours) {
  Migrate();
  CliRun shown = Motcua({"calendar", "hours", "--agency", "000.00.00.H29"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.out, "07:30-11:30,13:00-17:00\n");
  // The agency is not in the (empty) catalog.
  CliRun unknown = Motcua(
      {"calendar", "hours", "--agency", "000.00.00.H29", "--set", "07:00-11:00,13:00-17:00"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.err;
  CliRun bad = Motcua({"calendar", "hours", "--agency", "000.00.00.H29", "--set", "11:00-07:00"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

}  // namespace
}  // namespace motcua
