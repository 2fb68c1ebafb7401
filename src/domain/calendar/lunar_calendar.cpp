#include "domain/calendar/lunar_calendar.hpp"

#include <chrono>
#include <cmath>
#include <numbers>

namespace motcua::domain {
namespace {

// Days are counted as Julian Day Numbers (JDN, the integer day that starts at
// local midnight); instants as Julian Dates (JD, fractional, from noon UT).
using DayNumber = long;

constexpr DayNumber kJdnOfUnixEpoch = 2440588;  // 1970-01-01.
constexpr double kUtcOffsetDays = 7.0 / 24.0;   // Vietnam keeps UTC+7.
constexpr double kSynodicMonth = 29.530588853;  // Mean days between new moons.
// JD of the new moon of 1900-01-01 13:52 UT, the one Meeus' k counts from.
constexpr double kFirstNewMoonJd = 2415021.076998695;
constexpr double kDegree = std::numbers::pi / 180.0;

DayNumber ToDayNumber(Date date) {
  return std::chrono::sys_days{date}.time_since_epoch().count() + kJdnOfUnixEpoch;
}

Date FromDayNumber(DayNumber day) {
  return Date{std::chrono::sys_days{std::chrono::days{day - kJdnOfUnixEpoch}}};
}

long Floor(double x) { return static_cast<long>(std::floor(x)); }

// JD (UT) of the k-th new moon after 1900-01-01: mean phase plus the main
// periodic terms (Meeus, "Astronomical Algorithms", ch. 49, abridged), then
// TT -> UT with a polynomial ΔT.
double NewMoonJd(long k) {
  const double t = static_cast<double>(k) / 1236.85;  // Julian centuries from 1900.
  const double t2 = t * t;
  const double t3 = t2 * t;
  double jd = 2415020.75933 + 29.53058868 * static_cast<double>(k) + 0.0001178 * t2 -
              0.000000155 * t3;
  jd += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * kDegree);
  const double sun_anomaly =
      (359.2242 + 29.10535608 * static_cast<double>(k) - 0.0000333 * t2 - 0.00000347 * t3) *
      kDegree;
  const double moon_anomaly =
      (306.0253 + 385.81691806 * static_cast<double>(k) + 0.0107306 * t2 + 0.00001236 * t3) *
      kDegree;
  const double latitude_arg =
      (21.2964 + 390.67050646 * static_cast<double>(k) - 0.0016528 * t2 - 0.00000239 * t3) *
      kDegree;
  const double m = sun_anomaly;
  const double mp = moon_anomaly;
  const double f = latitude_arg;
  double correction = (0.1734 - 0.000393 * t) * std::sin(m) + 0.0021 * std::sin(2 * m) -
                      0.4068 * std::sin(mp) + 0.0161 * std::sin(2 * mp) -
                      0.0004 * std::sin(3 * mp) + 0.0104 * std::sin(2 * f) -
                      0.0051 * std::sin(m + mp) - 0.0074 * std::sin(m - mp) +
                      0.0004 * std::sin(2 * f + m) - 0.0004 * std::sin(2 * f - m) -
                      0.0006 * std::sin(2 * f + mp) + 0.0010 * std::sin(2 * f - mp) +
                      0.0005 * std::sin(2 * mp + m);
  double delta_t;  // TT - UT, in days.
  if (t < -11) {
    delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
  } else {
    delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
  }
  return jd + correction - delta_t;
}

// The sun's apparent ecliptic longitude at `jd`, in radians in [0, 2π)
// (Meeus ch. 25, low accuracy: about 0.01°).
double SunLongitude(double jd) {
  const double t = (jd - 2451545.0) / 36525.0;  // Julian centuries from J2000.
  const double t2 = t * t;
  const double mean_anomaly =
      (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * kDegree;
  const double mean_longitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const double center = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(mean_anomaly) +
                        (0.019993 - 0.000101 * t) * std::sin(2 * mean_anomaly) +
                        0.000290 * std::sin(3 * mean_anomaly);
  const double longitude = (mean_longitude + center) * kDegree;
  const double turn = 2 * std::numbers::pi;
  return longitude - turn * std::floor(longitude / turn);
}

// Which 30° sector (0–11) the sun is in at local midnight starting `day`.
// The 12 major solar terms (trung khí) are the sector boundaries; the winter
// solstice starts sector 9 (270°).
int SunSector(DayNumber day) {
  const double local_midnight_jd = static_cast<double>(day) - 0.5 - kUtcOffsetDays;
  return static_cast<int>(SunLongitude(local_midnight_jd) / std::numbers::pi * 6);
}

// The local (UTC+7) day of the k-th new moon: the first day of a lunar month.
DayNumber NewMoonDay(long k) { return Floor(NewMoonJd(k) + 0.5 + kUtcOffsetDays); }

// Index k of the last new moon on or before `day` (may be one too low near a
// new moon; callers check the next one).
long NewMoonIndexBefore(DayNumber day) {
  return Floor((static_cast<double>(day) - kFirstNewMoonJd) / kSynodicMonth);
}

// First day of lunar month 11, the month containing the winter solstice of
// Gregorian `year`.
DayNumber Month11Start(int year) {
  const DayNumber dec31 = ToDayNumber(Date{std::chrono::year{year} / 12 / 31});
  const long k = Floor(static_cast<double>(dec31 - 2415021) / kSynodicMonth);
  const DayNumber start = NewMoonDay(k);
  // A month starting after the solstice is month 12; month 11 is the one before.
  if (SunSector(start) >= 9) return NewMoonDay(k - 1);
  return start;
}

// In a leap year starting at month 11 `month11`, the offset (in months) of the
// leap month: the first month during which the sun enters no new sector, i.e.
// that holds no major solar term.
int LeapMonthOffset(DayNumber month11) {
  const long k =
      Floor((static_cast<double>(month11) - kFirstNewMoonJd) / kSynodicMonth + 0.5);
  int i = 1;
  int sector = SunSector(NewMoonDay(k + i));
  int previous;
  do {
    previous = sector;
    ++i;
    sector = SunSector(NewMoonDay(k + i));
  } while (sector != previous && i < 14);
  return i - 1;
}

}  // namespace

LunarDate SolarToLunar(Date date) {
  const DayNumber day = ToDayNumber(date);
  const long k = NewMoonIndexBefore(day);
  DayNumber month_start = NewMoonDay(k + 1);
  if (month_start > day) month_start = NewMoonDay(k);

  const int solar_year = static_cast<int>(date.year());
  // a11 and b11 are the month-11 starts that bracket `day`.
  DayNumber a11 = Month11Start(solar_year);
  DayNumber b11 = a11;
  int lunar_year;
  if (a11 >= month_start) {
    lunar_year = solar_year;
    a11 = Month11Start(solar_year - 1);
  } else {
    lunar_year = solar_year + 1;
    b11 = Month11Start(solar_year + 1);
  }

  LunarDate lunar;
  lunar.day = static_cast<int>(day - month_start + 1);
  // Months are 29 or 30 days, so dividing by 29 counts whole months since a11.
  const int months_since_11 = static_cast<int>((month_start - a11) / 29);
  lunar.month = months_since_11 + 11;
  if (b11 - a11 > 365) {  // 13 lunar months between the two months 11.
    const int leap_offset = LeapMonthOffset(a11);
    if (months_since_11 >= leap_offset) {
      lunar.month = months_since_11 + 10;
      lunar.leap_month = months_since_11 == leap_offset;
    }
  }
  if (lunar.month > 12) lunar.month -= 12;
  // Months 11 and 12 right after a11 still belong to the previous lunar year.
  if (lunar.month >= 11 && months_since_11 < 4) lunar_year -= 1;
  lunar.year = lunar_year;
  return lunar;
}

std::optional<Date> LunarToSolar(LunarDate lunar) {
  if (lunar.day < 1 || lunar.day > 30 || lunar.month < 1 || lunar.month > 12) {
    return std::nullopt;
  }
  // Months 1–10 lie between the months 11 of years year-1 and year.
  const int a11_year = lunar.month < 11 ? lunar.year - 1 : lunar.year;
  const DayNumber a11 = Month11Start(a11_year);
  const DayNumber b11 = Month11Start(a11_year + 1);
  const long k = Floor(0.5 + (static_cast<double>(a11) - kFirstNewMoonJd) / kSynodicMonth);
  int offset = lunar.month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const int leap_offset = LeapMonthOffset(a11);
    int leap_month = leap_offset - 2;  // The leap month repeats the one before it.
    if (leap_month < 0) leap_month += 12;
    if (lunar.leap_month && lunar.month != leap_month) return std::nullopt;
    if (lunar.leap_month || offset >= leap_offset) offset += 1;
  } else if (lunar.leap_month) {
    return std::nullopt;
  }
  const Date solar = FromDayNumber(NewMoonDay(k + offset) + lunar.day - 1);
  // Day 30 of a 29-day month lands on day 1 of the next month: reject it.
  if (SolarToLunar(solar) != lunar) return std::nullopt;
  return solar;
}

}  // namespace motcua::domain
