#pragma once
// Port: where the administrators' decisions about the working-day calendar
// (lịch làm việc) are kept: date overrides (the Prime Minister's announced
// days off, make-up working Saturdays, new holidays) and the office hours
// (giờ làm việc) of agencies that do not use the default. Implemented by
// store::CalendarStore (SQLite, PostgreSQL) and by MemoryCalendarRepository
// for tests.
//
// Every write records its AuditEvent and bumps the revision in the same
// transaction: on any error nothing is written.
//
// Implementations must be safe to call from several threads at once.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_event.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/calendar/office_hours.hpp"
#include "domain/calendar/working_calendar.hpp"

namespace motcua::app {

// An override as stored, with who changed it last and when.
struct StoredOverride {
  domain::CalendarOverride entry;
  Timestamp updated_at;
  std::string updated_by;
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;

  // Returns every stored override, sorted by date.
  // Errors: kUnavailable if storage cannot be reached, kInternal otherwise.
  virtual Result<std::vector<StoredOverride>> LoadOverrides() = 0;

  // Inserts or replaces the override of `entry.date`, stamped with
  // `audit.at` and `audit.actor`, writes `audit` and bumps the revision, in
  // one transaction. Errors: kUnavailable, kInternal.
  virtual Status SaveOverride(const domain::CalendarOverride& entry, const AuditEvent& audit) = 0;

  // Deletes the override of `date` (the default policy applies again),
  // writes `audit` and bumps the revision, in one transaction.
  // Errors: kNotFound if `date` has no override (nothing is written),
  // kUnavailable, kInternal.
  virtual Status RemoveOverride(Date date, const AuditEvent& audit) = 0;

  // Returns the office hours of every agency that has its own, by agency code.
  // Errors: kUnavailable, kInternal.
  virtual Result<std::map<std::string, domain::OfficeHours>> LoadAllOfficeHours() = 0;

  // Returns the office hours of `agency_code`, or nullopt if it uses the
  // default. Errors: kUnavailable, kInternal.
  virtual Result<std::optional<domain::OfficeHours>> LoadOfficeHours(
      const std::string& agency_code) = 0;

  // Sets the office hours of `agency_code` (expected valid), writes `audit`
  // and bumps the revision, in one transaction. Errors: kNotFound if no
  // agency of the catalog has that code (nothing is written), kUnavailable,
  // kInternal.
  virtual Status SaveOfficeHours(const std::string& agency_code, const domain::OfficeHours& hours,
                                 const AuditEvent& audit) = 0;

  // Returns a number that changes every time a write commits. Cheap.
  // Errors: kUnavailable, kInternal.
  virtual Result<long> CalendarRevision() = 0;
};

}  // namespace motcua::app
