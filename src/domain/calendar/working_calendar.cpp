#include "domain/calendar/working_calendar.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <mutex>
#include <utility>

#include <fmt/format.h>

namespace motcua::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int kMinutesPerDay = 24 * 60;
constexpr const char* kUnnamedDayOff = "Ngày nghỉ";

sys_days FirstDayOf(int year) { return sys_days{std::chrono::year{year} / 1 / 1}; }

bool IsWeekend(sys_days day) {
  const std::chrono::weekday weekday{day};
  return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

}  // namespace

struct WorkingCalendar::YearTable {
  std::vector<bool> off;  // Indexed by days since 1 January.
  std::vector<DayOff> days_off;
};

struct WorkingCalendar::Impl {
  std::map<sys_days, CalendarOverride> overrides;
  mutable std::mutex mutex;
  // Entries are never erased, so references handed out stay valid.
  mutable std::map<int, std::unique_ptr<const YearTable>> years;
};

WorkingCalendar::WorkingCalendar(std::vector<CalendarOverride> overrides) {
  auto impl = std::make_shared<Impl>();
  for (CalendarOverride& entry : overrides) {
    if (!entry.date.ok()) continue;
    const sys_days day{entry.date};
    impl->overrides.insert_or_assign(day, std::move(entry));
  }
  impl_ = std::move(impl);
}

const WorkingCalendar::YearTable& WorkingCalendar::Year(int year) const {
  std::lock_guard lock(impl_->mutex);
  std::unique_ptr<const YearTable>& slot = impl_->years[year];
  if (slot) return *slot;

  auto table = std::make_unique<YearTable>();
  const sys_days first = FirstDayOf(year);
  const sys_days next = FirstDayOf(year + 1);
  table->off.resize(static_cast<std::size_t>((next - first).count()));
  for (sys_days day = first; day < next; day += days{1}) {
    table->off[static_cast<std::size_t>((day - first).count())] = IsWeekend(day);
  }
  std::map<sys_days, DayOff> days_off;
  for (DayOff& entry : DefaultDaysOff(year)) {
    const sys_days day{entry.date};
    table->off[static_cast<std::size_t>((day - first).count())] = true;
    days_off.insert_or_assign(day, std::move(entry));
  }
  for (auto it = impl_->overrides.lower_bound(first);
       it != impl_->overrides.end() && it->first < next; ++it) {
    const CalendarOverride& entry = it->second;
    table->off[static_cast<std::size_t>((it->first - first).count())] = entry.off;
    if (entry.off) {
      days_off.insert_or_assign(
          it->first, DayOff{entry.date, entry.note.empty() ? kUnnamedDayOff : entry.note,
                            DayOff::Kind::kOverride});
    } else {
      days_off.erase(it->first);
    }
  }
  for (auto& [day, entry] : days_off) table->days_off.push_back(std::move(entry));
  slot = std::move(table);
  return *slot;
}

bool WorkingCalendar::IsWorkingDay(Date date) const {
  if (!date.ok()) return false;  // 2025-12-40 would index past the year's table.
  const int year = static_cast<int>(date.year());
  const sys_days day{date};
  return !Year(year).off[static_cast<std::size_t>((day - FirstDayOf(year)).count())];
}

std::vector<DayOff> WorkingCalendar::DaysOff(int year) const { return Year(year).days_off; }

Date WorkingCalendar::AddWorkingDays(Date from, int n) const {
  const days step{n >= 0 ? 1 : -1};
  sys_days day{from};
  for (int remaining = std::abs(n); remaining > 0;) {
    day += step;
    if (IsWorkingDay(Date{day})) --remaining;
  }
  return Date{day};
}

int WorkingCalendar::WorkingDaysBetween(Date from, Date to) const {
  if (sys_days{to} < sys_days{from}) return -WorkingDaysBetween(to, from);
  int count = 0;
  for (sys_days day = sys_days{from} + days{1}; day <= sys_days{to}; day += days{1}) {
    if (IsWorkingDay(Date{day})) ++count;
  }
  return count;
}

Result<Date> WorkingCalendar::DueDate(Date received, double working_days) const {
  return DueTime(LocalDateTime{received, 0}, working_days, OfficeHours::Default())
      .map([](const LocalDateTime& due) { return due.date; });
}

Result<LocalDateTime> WorkingCalendar::DueTime(LocalDateTime received, double working_days,
                                               const OfficeHours& hours) const {
  // User input (a procedure's processing time, an agency's hours) is checked
  // here rather than asserted: a bad catalog entry must not stop the server.
  if (std::isnan(working_days) || std::isinf(working_days)) {
    return Fail(ErrorCode::kInvalidArgument, "Số ngày làm việc không hợp lệ.",
                "working_days is not finite");
  }
  if (working_days < 0) {
    return Fail(ErrorCode::kInvalidArgument, "Số ngày làm việc không được âm.",
                fmt::format("working_days = {} is negative", working_days));
  }
  if (working_days > kMaxWorkingDays) {
    return Fail(ErrorCode::kInvalidArgument, "Số ngày làm việc quá lớn.",
                fmt::format("working_days = {} exceeds {}", working_days, kMaxWorkingDays));
  }
  if (!received.date.ok() || received.minutes < 0 || received.minutes > kMinutesPerDay) {
    return Fail(ErrorCode::kInvalidArgument, "Thời điểm tiếp nhận hồ sơ không hợp lệ.",
                fmt::format("received = {} minute {}", FormatIsoDate(received.date),
                            received.minutes));
  }
  if (!hours.IsValid()) {
    return Fail(ErrorCode::kInvalidArgument, "Giờ làm việc của cơ quan không hợp lệ.",
                "office hours: no session, a session out of 0..1440 or out of order");
  }

  const int total = hours.TotalMinutes();
  int whole = static_cast<int>(std::floor(working_days));
  // A fraction is a share of the day's office minutes, exact to the minute.
  long fraction_minutes = std::lround((working_days - whole) * total);
  if (fraction_minutes >= total) {
    ++whole;
    fraction_minutes = 0;
  }

  if (whole == 0 && fraction_minutes == 0) {
    // An instant procedure is due by the close of the receipt day; received on
    // a day off or after closing, by the close of the next working day.
    Date day = received.date;
    if (!IsWorkingDay(day) || received.minutes > hours.Closing()) day = AddWorkingDays(day, 1);
    return LocalDateTime{day, hours.Closing()};
  }
  // The receipt day is not counted: day 1 is the first working day after it.
  if (fraction_minutes == 0) {
    return LocalDateTime{AddWorkingDays(received.date, whole), hours.Closing()};
  }
  return LocalDateTime{AddWorkingDays(received.date, whole + 1),
                       hours.ClockTimeAfter(static_cast<int>(fraction_minutes))};
}

}  // namespace motcua::domain
