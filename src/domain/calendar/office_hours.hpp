#pragma once
// Office hours of an agency (giờ làm việc): the sessions of one working day.
//
// Processing times may be fractional (0.5 working day), and a fraction means
// that share of the day's office minutes, so the due time of a dossier
// depends on the agency's sessions. Each province fixes its own hours within
// the 40-hour week (Quyết định 188/1999/QĐ-TTg); the common 07:30–11:30 and
// 13:00–17:00 is the default.
//
// Invariant checked by IsValid(): at least one session; each session has
// 0 <= start < end <= 1440 (minutes since midnight); sessions are in order and
// do not overlap. The other methods expect a valid value.
//
// Thread safety: a plain value; const methods are safe to call concurrently.

#include <vector>

namespace motcua::domain {

struct OfficeHours {
  struct Session {
    int start = 0;  // Minutes since midnight, inclusive.
    int end = 0;    // Minutes since midnight, exclusive.
  };

  std::vector<Session> sessions;

  // Returns 07:30–11:30 and 13:00–17:00.
  static OfficeHours Default();

  // Returns true if the invariant above holds.
  bool IsValid() const;

  // Returns the office minutes in a working day (480 for the default).
  int TotalMinutes() const;

  // Returns the start of the first session (450 = 07:30 for the default).
  int Opening() const;

  // Returns the end of the last session (1020 = 17:00 for the default).
  int Closing() const;

  // Returns the minute of the day at which `office_minutes` of office time
  // have passed since opening, clamped to [0, TotalMinutes()]. A span that ends
  // exactly at the end of a session ends there, not at the next opening: 240
  // minutes of the default hours end at 11:30, not 13:00.
  int ClockTimeAfter(int office_minutes) const;
};

}  // namespace motcua::domain
