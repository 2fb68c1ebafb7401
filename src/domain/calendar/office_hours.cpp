#include "domain/calendar/office_hours.hpp"

#include <algorithm>

namespace motcua::domain {

namespace {
constexpr int kMinutesPerDay = 24 * 60;
}  // namespace

OfficeHours OfficeHours::Default() {
  return OfficeHours{{{7 * 60 + 30, 11 * 60 + 30}, {13 * 60, 17 * 60}}};
}

bool OfficeHours::IsValid() const {
  if (sessions.empty()) return false;
  int previous_end = 0;
  for (const Session& session : sessions) {
    if (session.start < previous_end || session.start >= session.end ||
        session.end > kMinutesPerDay) {
      return false;
    }
    previous_end = session.end;
  }
  return true;
}

int OfficeHours::TotalMinutes() const {
  int total = 0;
  for (const Session& session : sessions) total += session.end - session.start;
  return total;
}

int OfficeHours::Opening() const { return sessions.empty() ? 0 : sessions.front().start; }

int OfficeHours::Closing() const { return sessions.empty() ? 0 : sessions.back().end; }

int OfficeHours::ClockTimeAfter(int office_minutes) const {
  if (sessions.empty()) return 0;
  int remaining = std::clamp(office_minutes, 0, TotalMinutes());
  for (const Session& session : sessions) {
    const int length = session.end - session.start;
    if (remaining <= length) return session.start + remaining;
    remaining -= length;
  }
  return Closing();
}

}  // namespace motcua::domain
