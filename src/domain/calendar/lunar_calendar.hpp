#pragma once
// The Vietnamese lunisolar calendar (âm lịch), computed astronomically.
//
// Vietnam's lunar calendar uses the same rules as the Chinese one, but for the
// meridian of UTC+7 instead of UTC+8, so in some years a new moon close to
// midnight starts a month (and even Tết) a day or a month apart: Tết 2007 was
// 17/02 in Vietnam and 18/02 in China; Tết 1985 was 21/01 in Vietnam and
// 20/02 in China. Holidays such as Tết Âm lịch and Giỗ Tổ Hùng Vương
// (Bộ luật Lao động 2019 Điều 112.1) follow this calendar.
//
// The dates are computed from new moons and the sun's longitude (the method of
// Hồ Ngọc Đức after Jean Meeus, "Astronomical Algorithms"), not read from a
// table, so every year works; the approximations are good to within minutes
// for years 1800–2199 and degrade slowly outside that range.
//
// The rules: a month starts on the local day of a new moon; month 11 is the
// month containing the winter solstice; a year with 13 months between two
// months 11 has a leap month, the first month in it without a major solar term
// (trung khí), which repeats the number of the month before it.
//
// Thread safety: the functions are pure and safe to call concurrently.

#include <optional>

#include "core/date.hpp"

namespace motcua::domain {

// A day of the Vietnamese lunar calendar. `year` is the Gregorian year in
// which the lunar year starts (Tết of lunar year 2025 is 2025-01-29);
// `leap_month` marks the repeated month of a leap year (tháng nhuận).
struct LunarDate {
  int day = 1;    // 1–30.
  int month = 1;  // 1–12.
  int year = 0;
  bool leap_month = false;

  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// Returns the lunar date of a valid Gregorian `date`, Vietnamese calendar (UTC+7).
LunarDate SolarToLunar(Date date);

// Returns the Gregorian date of `lunar`, or nullopt if that lunar day does not
// exist: day 30 of a 29-day month, a leap month the year does not have, or
// values out of range.
std::optional<Date> LunarToSolar(LunarDate lunar);

}  // namespace motcua::domain
