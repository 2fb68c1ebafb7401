#pragma once
// CalendarService: the use cases of the working-day calendar (lịch làm
// việc): the days off of a year, due dates and due times of processing
// times (hạn giải quyết), and the administrators' overrides of single dates
// and agencies' office hours (giờ làm việc).
//
// Reads are served from an immutable snapshot (a domain::WorkingCalendar
// built from the stored overrides, plus every agency's office hours), rebuilt
// when the stored revision changes, checked at most once per
// `refresh_interval`; so a change made by another process (the CLI) shows up
// in a running server within that interval, and a change made through this
// instance shows up at once. While storage is down a stale snapshot is
// served. Writes go through the repository with their audit event in one
// transaction; audit timestamps come from the Clock port.
//
// Years are limited to kMinYear..kMaxYear: the lunar holidays are computed
// astronomically and are trustworthy only in that range.
//
// Thread-safe.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/calendar/calendar_repository.hpp"
#include "app/ports/clock.hpp"
#include "core/time.hpp"
#include "domain/calendar/working_calendar.hpp"

namespace motcua::app {

class CalendarService {
 public:
  static constexpr int kMinYear = 1900;
  static constexpr int kMaxYear = 2200;
  // The longest note kept with an override, in bytes of UTF-8.
  static constexpr std::size_t kMaxNoteBytes = 500;

  CalendarService(CalendarRepository& repository, const Clock& clock,
                  std::chrono::milliseconds refresh_interval = std::chrono::seconds(1));

  // Returns the current calendar, reloaded if the stored revision changed.
  // Errors: kUnavailable if storage cannot be reached and there is no
  // snapshot yet; kInternal.
  Result<std::shared_ptr<const domain::WorkingCalendar>> Calendar();

  // Returns the days off of `year` other than ordinary weekends, sorted by
  // date: holidays, compensatory days and days made off by an override.
  // Errors: kInvalidArgument (field "year") outside kMinYear..kMaxYear;
  // storage errors as Calendar().
  Result<std::vector<domain::DayOff>> DaysOff(int year);

  // Returns the stored overrides of `year` (days off and days made working),
  // sorted by date. Errors: as DaysOff.
  Result<std::vector<StoredOverride>> Overrides(int year);

  // Returns the day a processing time of `working_days` ends for a dossier
  // received on `from` (WorkingCalendar::DueDate).
  // Errors: kInvalidArgument (field "from" or "days") for an impossible
  // date, a year out of range, or a negative, non-finite or too large
  // number of days; storage errors as Calendar().
  Result<Date> DueDate(Date from, double working_days);

  // Returns the moment, on Vietnam's office clock, a processing time of
  // `working_days` ends for a dossier received at `received`, using the
  // office hours of `agency_code` (the default when it has none or is empty).
  // Errors: as DueDate.
  Result<domain::LocalDateTime> DueLocalTime(domain::LocalDateTime received, double working_days,
                                             const std::string& agency_code);

  // Returns the instant a processing time of `working_days` ends for a
  // dossier received at the instant `received` (hạn trả kết quả), using the
  // office hours of `agency_code` as DueLocalTime. Errors: as DueDate.
  Result<Timestamp> DueTime(Timestamp received, double working_days,
                            const std::string& agency_code);

  // Makes `date` a day off named by `note` (off = true) or a working day,
  // e.g. a make-up Saturday (off = false; the note is optional), replacing
  // any earlier override of that date; audited as "calendar.set".
  // Errors: kInvalidArgument (fields "date", "note", "actor") for an
  // impossible date, a year out of range, a missing note when off, a note
  // that is not UTF-8 or longer than kMaxNoteBytes, or an empty actor;
  // storage errors as CalendarRepository::SaveOverride.
  Status SetDay(Date date, bool off, const std::string& note, const std::string& actor,
                const std::string& request_id);

  // Removes the override of `date`, so the default policy applies again;
  // audited as "calendar.clear". Errors: kInvalidArgument as SetDay;
  // kNotFound if the date has no override; storage errors.
  Status ClearDay(Date date, const std::string& actor, const std::string& request_id);

  // Returns the office hours of `agency_code`, the default if it has none.
  // Errors: storage errors as Calendar().
  Result<domain::OfficeHours> OfficeHours(const std::string& agency_code);

  // Sets the office hours of `agency_code`; audited as
  // "calendar.office_hours". Errors: kInvalidArgument (fields "agency",
  // "hours", "actor") for an empty code, invalid hours or an empty actor;
  // kNotFound for an agency not in the catalog; storage errors.
  Status SetOfficeHours(const std::string& agency_code, const domain::OfficeHours& hours,
                        const std::string& actor, const std::string& request_id);

  // Returns today's date in Vietnam, by the clock.
  Date Today() const;

 private:
  struct Snapshot {
    long revision = 0;
    std::shared_ptr<const domain::WorkingCalendar> calendar;
    std::vector<StoredOverride> overrides;
    std::map<std::string, domain::OfficeHours> hours;
  };

  Result<std::shared_ptr<const Snapshot>> Current();
  void Invalidate();

  CalendarRepository& repository_;
  const Clock& clock_;
  const std::chrono::milliseconds refresh_interval_;
  std::mutex mutex_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::chrono::steady_clock::time_point checked_at_{};
};

}  // namespace motcua::app
