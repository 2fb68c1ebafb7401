#pragma once
// A moment in Vietnam's local time (UTC+7) as a plain value: a date and the
// minutes since its midnight.
//
// Deadlines are read on the office clock, so the domain keeps time zones out:
// adapters convert instants to Vietnam time at the boundary. `minutes` runs
// from 0 to 1440, where 1440 is only used for "the end of that day" (an office
// session may close at 24:00). Ordering is by date, then minutes.

#include <compare>

#include "core/date.hpp"

namespace motcua::domain {

struct LocalDateTime {
  Date date;
  int minutes = 0;  // Since local midnight, 0–1440.

  // Also declares ==.
  friend auto operator<=>(const LocalDateTime&, const LocalDateTime&) = default;
};

}  // namespace motcua::domain
