#pragma once
// Text forms of the calendar's inputs, shared by the store (one TEXT
// column), the CLI and the web adapters:
//
//   "07:30-11:30,13:00-17:00"   office hours (giờ làm việc): a day's sessions, in order
//   "07:30"                     a clock time, 00:00–24:00
//   "3", "0.5"                  a processing time in working days
//
// Thread safety: the functions are pure and safe to call concurrently.

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/calendar/office_hours.hpp"

namespace motcua::app {

// Returns "HH:MM" for `minutes` since midnight (0–1440; 1440 is "24:00").
std::string FormatClock(int minutes);

// Parses "HH:MM" (or "H:MM"), 00:00–24:00; nullopt for anything else.
std::optional<int> ParseClock(std::string_view text);

// Parses a plain decimal number of working days ("3", "0.5"): digits with
// at most one ".", no sign, exponent, "nan" or "inf"; nullopt otherwise.
// Negative numbers are rejected here as a matter of shape; the range is
// checked by the calendar.
std::optional<double> ParseWorkingDays(std::string_view text);

// Returns the sessions as "07:30-11:30,13:00-17:00".
std::string FormatOfficeHours(const domain::OfficeHours& hours);

// Parses sessions separated by commas, each "HH:MM-HH:MM"; spaces around
// items are ignored and an en dash may stand for the hyphen.
// Errors: kInvalidArgument (field "hours", Vietnamese message) for another
// shape or sessions that are empty, out of order or overlapping.
Result<domain::OfficeHours> ParseOfficeHours(std::string_view text);

}  // namespace motcua::app
