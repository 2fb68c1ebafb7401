// `motcua calendar …`: the working-day calendar from the command line.
//
//   calendar due --from YYYY-MM-DD --days N      prints the due date (ISO)
//   calendar holidays --year YYYY                prints "YYYY-MM-DD  name" per day off
//   calendar set YYYY-MM-DD --off --note TEXT    makes a date a day off
//   calendar set YYYY-MM-DD --working [--note T] makes a date a working day
//   calendar clear YYYY-MM-DD                    reverts a date to the default policy
//   calendar hours --agency CODE [--set SESSIONS] shows or sets an agency's office hours
//
// Until the administration pages exist (they need login), `set`, `clear` and
// `hours --set` are how administrators enter each year's announced calendar.

#include <charconv>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app/calendar/calendar_service.hpp"
#include "app/calendar/calendar_text.hpp"
#include "app/ports/clock.hpp"
#include "main/command_support.hpp"
#include "store/calendar_store.hpp"

namespace motcua::cli {
namespace {

struct CalendarOptions {
  std::string from;
  std::string days;
  std::string year;
  std::string date;
  bool off = false;
  bool working = false;
  std::string note;
  std::string actor = "cli";
  std::string agency;
  std::string hours;
};

Error InvalidInput(std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), "", {}};
}

// Report() on one line: the service's field errors repeat its message.
int ReportLine(Error error) {
  error.fields.clear();
  return Report(error);
}

Result<Date> ParseDateArg(const std::string& text, const std::string& what) {
  auto date = ParseIsoDate(text);
  if (!date) {
    return Fail(InvalidInput(fmt::format(
        "{} không hợp lệ: \"{}\" (cần dạng YYYY-MM-DD, là một ngày có thật).", what, text)));
  }
  return *date;
}

Result<double> ParseDaysArg(const std::string& text) {
  if (!text.empty() && text[0] == '-') {
    return Fail(InvalidInput(fmt::format("Số ngày làm việc không được âm: {}.", text)));
  }
  auto days = app::ParseWorkingDays(text);
  if (!days) return Fail(InvalidInput(fmt::format("Số ngày làm việc không hợp lệ: \"{}\".", text)));
  return *days;
}

Result<int> ParseYearArg(const std::string& text) {
  int year = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.empty() || text.size() > 4 || ec != std::errc() || ptr != text.data() + text.size() ||
      text[0] == '-') {
    return Fail(InvalidInput(fmt::format("Năm không hợp lệ: \"{}\".", text)));
  }
  return year;
}

// Runs `body` with a service over the migrated database named by --db.
template <typename Body>
int WithService(const CommandContext& ctx, Body body) {
  auto db = OpenMigrated(ctx.db_url, 1);
  if (!db) return ReportLine(db.error());
  store::CalendarStore store(**db);
  app::SystemClock clock;
  app::CalendarService service(store, clock);
  return body(service);
}

int Due(const CommandContext& ctx, const CalendarOptions& o) {
  auto from = ParseDateArg(o.from, "Ngày tiếp nhận");
  if (!from) return ReportLine(from.error());
  auto days = ParseDaysArg(o.days);
  if (!days) return ReportLine(days.error());
  return WithService(ctx, [&](app::CalendarService& service) {
    auto due = service.DueDate(*from, *days);
    if (!due) return ReportLine(due.error());
    std::cout << FormatIsoDate(*due) << "\n";
    return 0;
  });
}

int Holidays(const CommandContext& ctx, const CalendarOptions& o) {
  auto year = ParseYearArg(o.year);
  if (!year) return ReportLine(year.error());
  return WithService(ctx, [&](app::CalendarService& service) {
    auto days_off = service.DaysOff(*year);
    if (!days_off) return ReportLine(days_off.error());
    for (const auto& day : *days_off)
      std::cout << FormatIsoDate(day.date) << "  " << day.name << "\n";
    return 0;
  });
}

int Set(const CommandContext& ctx, const CalendarOptions& o) {
  auto date = ParseDateArg(o.date, "Ngày");
  if (!date) return ReportLine(date.error());
  if (o.off == o.working) {
    return ReportLine(
        InvalidInput("Hãy chọn đúng một trong --off (ngày nghỉ) hoặc --working (ngày làm việc)."));
  }
  return WithService(ctx, [&](app::CalendarService& service) {
    auto saved = service.SetDay(*date, o.off, o.note, o.actor, "");
    if (!saved) return ReportLine(saved.error());
    std::cout << fmt::format("Đã đặt {} là {}.\n", FormatIsoDate(*date),
                             o.off ? "ngày nghỉ" : "ngày làm việc");
    return 0;
  });
}

int Clear(const CommandContext& ctx, const CalendarOptions& o) {
  auto date = ParseDateArg(o.date, "Ngày");
  if (!date) return ReportLine(date.error());
  return WithService(ctx, [&](app::CalendarService& service) {
    auto cleared = service.ClearDay(*date, o.actor, "");
    if (!cleared) return ReportLine(cleared.error());
    std::cout << fmt::format("Đã bỏ điều chỉnh của ngày {}; áp dụng lịch mặc định.\n",
                             FormatIsoDate(*date));
    return 0;
  });
}

int Hours(const CommandContext& ctx, const CalendarOptions& o) {
  std::optional<domain::OfficeHours> wanted;
  if (!o.hours.empty()) {
    auto parsed = app::ParseOfficeHours(o.hours);
    if (!parsed) return ReportLine(parsed.error());
    wanted = std::move(*parsed);
  }
  return WithService(ctx, [&](app::CalendarService& service) {
    if (wanted) {
      if (auto saved = service.SetOfficeHours(o.agency, *wanted, o.actor, ""); !saved) {
        return ReportLine(saved.error());
      }
    }
    auto hours = service.OfficeHours(o.agency);
    if (!hours) return ReportLine(hours.error());
    std::cout << app::FormatOfficeHours(*hours) << "\n";
    return 0;
  });
}

}  // namespace

void RegisterCalendarCommands(CLI::App& app, CommandContext& ctx) {
  // Bound option values live as long as the callbacks that own this pointer.
  auto o = std::make_shared<CalendarOptions>();
  auto* calendar =
      app.add_subcommand("calendar", "Working-day calendar: due dates, days off, overrides");
  calendar->require_subcommand(1);
  auto run = [&ctx, o](int (*command)(const CommandContext&, const CalendarOptions&)) {
    return [&ctx, o, command] {
      ctx.handled = true;
      ctx.exit_code = command(ctx, *o);
    };
  };

  auto* due = calendar->add_subcommand("due", "Print the due date (YYYY-MM-DD) of N working days");
  due->add_option("--from", o->from, "Day the dossier was received, YYYY-MM-DD")
      ->type_name("YYYY-MM-DD")
      ->required();
  due->add_option("--days", o->days,
                  "Processing time in working days (may be fractional, e.g. 0.5)")
      ->type_name("N")
      ->required();
  due->callback(run(Due));

  auto* holidays =
      calendar->add_subcommand("holidays", "Print each day off of a year as 'YYYY-MM-DD  name'");
  holidays->add_option("--year", o->year, "Year, e.g. 2025")->type_name("YYYY")->required();
  holidays->callback(run(Holidays));

  auto* set = calendar->add_subcommand(
      "set", "Override one date: a day off (--off --note) or a working day (--working)");
  set->add_option("DATE", o->date, "The date to override")->type_name("YYYY-MM-DD")->required();
  set->add_flag("--off", o->off, "Make the date a day off (needs --note)");
  set->add_flag("--working", o->working, "Make the date a working day, e.g. a make-up Saturday");
  set->add_option("--note", o->note, "Name of the day off, or why it is worked");
  set->add_option("--actor", o->actor, "Who made the change, for the audit trail")
      ->capture_default_str();
  set->callback(run(Set));

  auto* clear = calendar->add_subcommand(
      "clear", "Remove the override of one date (back to the default policy)");
  clear->add_option("DATE", o->date, "The date to revert")->type_name("YYYY-MM-DD")->required();
  clear->add_option("--actor", o->actor, "Who made the change, for the audit trail")
      ->capture_default_str();
  clear->callback(run(Clear));

  auto* hours = calendar->add_subcommand("hours", "Print or set an agency's office hours");
  hours->add_option("--agency", o->agency, "Agency code")->required();
  hours->add_option("--set", o->hours, "Sessions, e.g. 07:30-11:30,13:00-17:00");
  hours->add_option("--actor", o->actor, "Who made the change, for the audit trail")
      ->capture_default_str();
  hours->callback(run(Hours));
}

}  // namespace motcua::cli
