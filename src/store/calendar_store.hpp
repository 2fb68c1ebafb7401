#pragma once
// CalendarStore: the calendar tables (calendar_overrides,
// agency_office_hours, calendar_meta) on SQLite or PostgreSQL.
// Thread-safe (each call leases its own session).

#include "app/calendar/calendar_repository.hpp"
#include "store/database.hpp"

namespace motcua::store {

class CalendarStore final : public app::CalendarRepository {
 public:
  explicit CalendarStore(Database& db) : db_(db) {}

  Result<std::vector<app::StoredOverride>> LoadOverrides() override;
  Status SaveOverride(const domain::CalendarOverride& entry, const app::AuditEvent& audit) override;
  Status RemoveOverride(Date date, const app::AuditEvent& audit) override;
  Result<std::map<std::string, domain::OfficeHours>> LoadAllOfficeHours() override;
  Result<std::optional<domain::OfficeHours>> LoadOfficeHours(
      const std::string& agency_code) override;
  Status SaveOfficeHours(const std::string& agency_code, const domain::OfficeHours& hours,
                         const app::AuditEvent& audit) override;
  Result<long> CalendarRevision() override;

 private:
  Database& db_;
};

}  // namespace motcua::store
