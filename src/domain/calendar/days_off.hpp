#pragma once
// Public holidays and compensatory days off of the default policy.
//
// Bộ luật Lao động 2019 Điều 112.1 fixes the public holidays (ngày nghỉ lễ,
// tết); Điều 111.3 gives a compensatory day off (nghỉ bù) on the next working
// day when a holiday falls on the weekly rest day, Saturday or Sunday for
// public agencies. Every year the Prime Minister announces the exact days
// (which day next to 2/9, bridge days swapped for a Saturday…); those are
// entered by administrators as overrides of a WorkingCalendar
// (working_calendar.hpp), and this file only computes the rule-based default.
//
// Thread safety: the functions are pure and safe to call concurrently.

#include <string>
#include <vector>

#include "core/date.hpp"

namespace motcua::domain {

// A day off other than an ordinary Saturday or Sunday.
struct DayOff {
  enum class Kind {
    kHoliday,       // A public holiday of the default policy (ngày nghỉ lễ, tết).
    kCompensatory,  // Nghỉ bù for a holiday on a weekend (Điều 111.3).
    kOverride,      // Entered by an administrator (calendar override).
  };

  Date date;
  std::string name;  // Vietnamese, e.g. "Quốc khánh", "Nghỉ bù Quốc khánh".
  Kind kind = Kind::kHoliday;

  friend bool operator==(const DayOff&, const DayOff&) = default;
};

// Returns the stable English key of a kind: "holiday", "compensatory", "override".
const char* DayOffKindKey(DayOff::Kind kind);

// Returns the public holidays of Gregorian `year` by the default policy,
// sorted by date, one entry per day (holidays that fall on the same day share
// one entry whose name joins theirs with ", "):
//   1/1 "Tết Dương lịch";
//   "Tết Âm lịch": the last day of lunar year year-1 and lunar 1/1–4/1 (5 days);
//   lunar 10/3 "Giỗ Tổ Hùng Vương";
//   30/4 "Ngày Chiến thắng"; 1/5 "Ngày Quốc tế Lao động";
//   1/9 and 2/9 "Quốc khánh".
// Holidays on a Saturday or Sunday are included.
std::vector<DayOff> DefaultHolidays(int year);

// Returns DefaultHolidays(year) plus the compensatory days off that fall in
// `year`, sorted by date. Holidays are taken in date order, and each one on a
// Saturday or Sunday gets the first following day that is neither a weekend
// day, a holiday nor an earlier compensatory day, named "Nghỉ bù " + its name;
// so 30/4 and 1/5/2022 (Saturday, Sunday) give 2/5 and 3/5.
std::vector<DayOff> DefaultDaysOff(int year);

}  // namespace motcua::domain
