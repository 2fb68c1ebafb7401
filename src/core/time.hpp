#pragma once
// Instants (UTC, millisecond precision) and their text forms.
//
// Storage and the API use ISO 8601 UTC ("2026-11-25T08:00:00.000Z").
// Deadlines are counted on Vietnam's clock (UTC+7, no daylight saving), so
// instants convert to and from Vietnam local date + minutes of the day.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"

namespace motcua {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// Vietnam's offset from UTC (Indochina Time).
inline constexpr std::chrono::minutes kVietnamOffset{7 * 60};

// "2026-11-25T08:00:00.000Z".
std::string FormatTimestamp(Timestamp t);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)"; nullopt otherwise.
std::optional<Timestamp> ParseTimestamp(std::string_view text);

// The date and minutes since midnight of `t` in Vietnam.
struct VietnamClock {
  Date date;
  int minutes = 0;
};
VietnamClock ToVietnam(Timestamp t);
Timestamp FromVietnam(Date date, int minutes);

// "25/11/2026 15:00" as shown to Vietnamese users.
std::string FormatVnDateTime(Timestamp t);

}  // namespace motcua
