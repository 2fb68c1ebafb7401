#pragma once
// The working-day calendar (lịch làm việc) that dossier deadlines count on.
//
// A day is a working day unless it is a Saturday or Sunday, a public holiday
// or compensatory day of the default policy (days_off.hpp, computed for any
// year), or an administrator's override says otherwise. Overrides carry what
// the rules cannot compute: the Prime Minister's announced days off and the
// Saturdays worked in exchange, new holidays, local days off. An override
// replaces the default for its date only: off=true makes the day a day off
// named by its note, off=false makes it a working day even on a weekend or a
// holiday. Overrides do not trigger further compensatory days: the announced
// calendar already contains them.
//
// Deadlines (the dossier lifecycle of Nghị định 61/2018, carried into Nghị
// định 118/2025; shared/domain/rules.md §3 "Clock"): a processing time of N
// working days counts from the day after the dossier was validly received;
// the receipt day is not counted. A whole N ends at the close of office hours
// of the N-th working day after receipt; a fraction ends inside office hours,
// as a share of the day's office minutes (office_hours.hpp).
//
// Thread safety: the calendar is immutable after construction and its const
// methods are safe to call concurrently; per-year tables are computed on first
// use under a mutex. Copies share those tables, which is safe because they
// depend only on the overrides.

#include <memory>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "domain/calendar/days_off.hpp"
#include "domain/calendar/local_date_time.hpp"
#include "domain/calendar/office_hours.hpp"

namespace motcua::domain {

// An administrator's decision about one date, replacing the default policy.
struct CalendarOverride {
  Date date;
  bool off = true;   // true: a day off; false: a working day (e.g. a make-up Saturday).
  std::string note;  // Vietnamese; the name of the day off, or why it is worked.
};

class WorkingCalendar {
 public:
  // Processing times above this many working days (about 40 years) are
  // rejected as input errors rather than counted.
  static constexpr double kMaxWorkingDays = 10000;

  // Builds a calendar of the default policy changed by `overrides`. Invalid
  // dates are ignored; if a date appears more than once, the last entry wins.
  explicit WorkingCalendar(std::vector<CalendarOverride> overrides = {});

  // Copyable; copies share the immutable state. Declared so that a move is a
  // copy too and never leaves an empty calendar behind.
  WorkingCalendar(const WorkingCalendar&) = default;
  WorkingCalendar& operator=(const WorkingCalendar&) = default;

  // Returns true if `date` is a working day; false if it is not a valid date.
  bool IsWorkingDay(Date date) const;

  // Returns the days off of Gregorian `year` other than ordinary weekends,
  // sorted by date: default holidays (including those on a weekend) and
  // compensatory days, and days made off by an override (kind kOverride, named
  // by its note, or "Ngày nghỉ" if the note is empty; it replaces a default
  // entry on the same date). Days made working by an override are left out.
  std::vector<DayOff> DaysOff(int year) const;

  // Returns the n-th working day after `from` (n > 0), the n-th working day
  // before it (n < 0), or `from` itself (n = 0). `from` need not be a working day.
  Date AddWorkingDays(Date from, int n) const;

  // Returns the number of working days d with from < d <= to, or, when
  // to < from, minus the number with to < d <= from. So
  // WorkingDaysBetween(from, AddWorkingDays(from, n)) == n for n >= 0, and
  // WorkingDaysBetween(due, returned) counts the working days a result was late.
  int WorkingDaysBetween(Date from, Date to) const;

  // Returns the day on which a processing time of `working_days` ends for a
  // dossier received on `received`: the ceil(working_days)-th working day after
  // it (once the fraction is rounded to a minute of office time); for 0,
  // `received` itself if it is a working day, else the next working day. Equals DueTime({received, 0}, working_days, OfficeHours::Default()).date.
  // Errors: kInvalidArgument if `received` is not a valid date or
  // `working_days` is negative, not finite, or above kMaxWorkingDays.
  Result<Date> DueDate(Date received, double working_days) const;

  // Returns the moment a processing time of `working_days` ends for a dossier
  // received at `received`, on the office clock of `hours`:
  //   whole N > 0: the close of office hours of the N-th working day after receipt;
  //   N + f (0 < f < 1): f × TotalMinutes() office minutes (rounded to the
  //     minute) into the (N+1)-th working day, so with the default hours 0.5
  //     ends at 11:30 of the 1st working day and 1.5 at 11:30 of the 2nd;
  //   0: the close of the receipt day if it is a working day and the dossier
  //     came in before closing time, else the close of the next working day.
  // The time of receipt matters only for 0: the receipt day is never counted.
  // Errors: kInvalidArgument if `received` is not a valid date and time,
  // `hours` is not valid, or `working_days` is negative, not finite, or above
  // kMaxWorkingDays.
  Result<LocalDateTime> DueTime(LocalDateTime received, double working_days,
                                const OfficeHours& hours) const;

 private:
  struct Impl;
  struct YearTable;

  // Returns the table of `year`, computing it on first use; valid as long as
  // any calendar sharing impl_ lives.
  const YearTable& Year(int year) const;

  std::shared_ptr<const Impl> impl_;
};

}  // namespace motcua::domain
