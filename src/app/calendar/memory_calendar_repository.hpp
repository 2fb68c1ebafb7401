#pragma once
// MemoryCalendarRepository: CalendarRepository kept in memory, for tests of
// the use cases without a database (as LevelDB's memenv stands in for Env).
// It also keeps the audit events it was given, and can pretend that storage
// is down. Thread-safe.

#include <mutex>
#include <set>

#include "app/calendar/calendar_repository.hpp"

namespace motcua::app {

class MemoryCalendarRepository final : public CalendarRepository {
 public:
  // `agencies` are the agency codes SaveOfficeHours accepts, standing in for
  // the catalog.
  explicit MemoryCalendarRepository(std::set<std::string> agencies = {});

  Result<std::vector<StoredOverride>> LoadOverrides() override;
  Status SaveOverride(const domain::CalendarOverride& entry, const AuditEvent& audit) override;
  Status RemoveOverride(Date date, const AuditEvent& audit) override;
  Result<std::map<std::string, domain::OfficeHours>> LoadAllOfficeHours() override;
  Result<std::optional<domain::OfficeHours>> LoadOfficeHours(
      const std::string& agency_code) override;
  Status SaveOfficeHours(const std::string& agency_code, const domain::OfficeHours& hours,
                         const AuditEvent& audit) override;
  Result<long> CalendarRevision() override;

  // Every audit event written, oldest first.
  std::vector<AuditEvent> audit() const;

  // While true, every method fails with kUnavailable.
  void set_unavailable(bool unavailable);

  // How many times LoadOverrides succeeded (to observe caching).
  int loads() const;

 private:
  Status CheckAvailable() const;

  mutable std::mutex mutex_;
  std::set<std::string> agencies_;
  std::map<Date, StoredOverride> overrides_;
  std::map<std::string, domain::OfficeHours> hours_;
  std::vector<AuditEvent> audit_;
  long revision_ = 0;
  bool unavailable_ = false;
  int loads_ = 0;
};

}  // namespace motcua::app
