#include "domain/calendar/days_off.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>

#include "domain/calendar/lunar_calendar.hpp"

namespace motcua::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr const char* kNewYear = "Tết Dương lịch";
constexpr const char* kLunarNewYear = "Tết Âm lịch";
constexpr const char* kHungKings = "Giỗ Tổ Hùng Vương";
constexpr const char* kVictoryDay = "Ngày Chiến thắng";
constexpr const char* kLabourDay = "Ngày Quốc tế Lao động";
constexpr const char* kNationalDay = "Quốc khánh";
constexpr const char* kCompensatoryPrefix = "Nghỉ bù ";

bool IsWeekend(sys_days day) {
  const std::chrono::weekday weekday{day};
  return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

Date Solar(int year, unsigned month, unsigned day) {
  return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

}  // namespace

const char* DayOffKindKey(DayOff::Kind kind) {
  switch (kind) {
    case DayOff::Kind::kHoliday: return "holiday";
    case DayOff::Kind::kCompensatory: return "compensatory";
    case DayOff::Kind::kOverride: return "override";
  }
  return "holiday";
}

std::vector<DayOff> DefaultHolidays(int year) {
  std::vector<DayOff> holidays;
  auto add = [&](Date date, const char* name) {
    holidays.push_back(DayOff{date, name, DayOff::Kind::kHoliday});
  };
  // Bộ luật Lao động 2019 Điều 112.1.a: Tết Dương lịch, 1 day.
  add(Solar(year, 1, 1), kNewYear);
  // Điều 112.1.b: Tết Âm lịch, 5 days. The default is the last day of the old
  // year and the first four of the new one; the Prime Minister may shift them.
  // Lunar 1/1 of lunar year `year` always falls in January or February of
  // `year`, so all five days lie in the same Gregorian year.
  if (const std::optional<Date> tet = LunarToSolar(LunarDate{1, 1, year, false})) {
    const sys_days first{*tet};
    for (int offset = -1; offset <= 3; ++offset) add(Date{first + days{offset}}, kLunarNewYear);
  }
  // Điều 112.1.e: Giỗ Tổ Hùng Vương, lunar 10/3 (the regular month 3, not a leap one).
  if (const std::optional<Date> hung_kings = LunarToSolar(LunarDate{10, 3, year, false})) {
    add(*hung_kings, kHungKings);
  }
  // Điều 112.1.c and d: Ngày Chiến thắng 30/4, Ngày Quốc tế Lao động 1/5.
  add(Solar(year, 4, 30), kVictoryDay);
  add(Solar(year, 5, 1), kLabourDay);
  // Điều 112.1.đ: Quốc khánh 2/9 and one day before or after it, chosen by the
  // Prime Minister each year; 1/9 is the default, 3/9 is an override.
  add(Solar(year, 9, 1), kNationalDay);
  add(Solar(year, 9, 2), kNationalDay);

  std::stable_sort(holidays.begin(), holidays.end(),
                   [](const DayOff& a, const DayOff& b) { return a.date < b.date; });
  // Giỗ Tổ can fall on 30/4 or 1/5 in a year with an early leap month: one
  // day, one entry.
  std::vector<DayOff> merged;
  for (DayOff& holiday : holidays) {
    if (!merged.empty() && merged.back().date == holiday.date) {
      merged.back().name += ", " + holiday.name;
    } else {
      merged.push_back(std::move(holiday));
    }
  }
  return merged;
}

std::vector<DayOff> DefaultDaysOff(int year) {
  // A compensatory day may cross into the next year (and the previous year's
  // into this one), so the neighbouring years take part.
  std::vector<DayOff> holidays;
  for (int y = year - 1; y <= year + 1; ++y) {
    std::vector<DayOff> of_year = DefaultHolidays(y);
    holidays.insert(holidays.end(), of_year.begin(), of_year.end());
  }
  std::set<sys_days> taken;
  for (const DayOff& holiday : holidays) taken.insert(sys_days{holiday.date});

  std::vector<DayOff> days_off;
  for (const DayOff& holiday : holidays) {
    if (holiday.date.year() == std::chrono::year{year}) days_off.push_back(holiday);
    const sys_days day{holiday.date};
    if (!IsWeekend(day)) continue;
    // Bộ luật Lao động 2019 Điều 111.3: a holiday on the weekly rest day is
    // made up on the next working day. Holidays go in date order so that two
    // weekend holidays (30/4 and 1/5) get two distinct days.
    sys_days compensatory = day + days{1};
    while (IsWeekend(compensatory) || taken.contains(compensatory)) compensatory += days{1};
    taken.insert(compensatory);
    const Date date{compensatory};
    if (date.year() == std::chrono::year{year}) {
      days_off.push_back(
          DayOff{date, kCompensatoryPrefix + holiday.name, DayOff::Kind::kCompensatory});
    }
  }
  std::stable_sort(days_off.begin(), days_off.end(),
                   [](const DayOff& a, const DayOff& b) { return a.date < b.date; });
  return days_off;
}

}  // namespace motcua::domain
