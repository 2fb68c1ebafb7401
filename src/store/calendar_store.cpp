#include "store/calendar_store.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include "app/calendar/calendar_text.hpp"
#include "store/audit_writer.hpp"

namespace motcua::store {
namespace {

// Every write starts here: the UPDATE takes SQLite's write lock (and the
// row lock on PostgreSQL) before anything is read, so concurrent writers
// queue on busy_timeout instead of failing to upgrade a read lock. A failed
// write rolls the bump back with the rest.
void BumpRevision(soci::session& sql) {
  sql << "UPDATE calendar_meta SET revision = revision + 1 WHERE id = 1";
}

}  // namespace

Result<long> CalendarStore::CalendarRevision() {
  return Guard("calendar revision", [&]() -> Result<long> {
    Database::Lease sql(db_);
    long long revision = 0;
    *sql << "SELECT revision FROM calendar_meta WHERE id = 1", soci::into(revision);
    return static_cast<long>(revision);
  });
}

Result<std::vector<app::StoredOverride>> CalendarStore::LoadOverrides() {
  return Guard("load calendar overrides", [&]() -> Result<std::vector<app::StoredOverride>> {
    Database::Lease sql(db_);
    std::vector<app::StoredOverride> out;
    std::string day, note, updated_at, updated_by;
    int is_off = 0;
    soci::statement st =
        (sql->prepare << "SELECT day, is_off, note, updated_at, updated_by FROM calendar_overrides "
                         "ORDER BY day",
         soci::into(day), soci::into(is_off), soci::into(note), soci::into(updated_at),
         soci::into(updated_by));
    st.execute();
    while (st.fetch()) {
      auto date = ParseIsoDate(day);
      if (!date) {
        // Only this store writes the table; a bad row is logged, not fatal.
        spdlog::warn("event=calendar_bad_row day={}", day);
        continue;
      }
      out.push_back(app::StoredOverride{domain::CalendarOverride{*date, is_off != 0, note},
                                        ParseTimestamp(updated_at).value_or(Timestamp{}),
                                        updated_by});
    }
    return out;
  });
}

Status CalendarStore::SaveOverride(const domain::CalendarOverride& entry,
                                   const app::AuditEvent& audit) {
  return Guard("save calendar override", [&]() -> Status {
    Database::Lease sql(db_);
    soci::transaction tx(*sql);
    BumpRevision(*sql);
    std::string day = FormatIsoDate(entry.date);
    int is_off = entry.off ? 1 : 0;
    std::string at = FormatTimestamp(audit.at);
    *sql << "INSERT INTO calendar_overrides (day, is_off, note, updated_at, updated_by) "
            "VALUES (:day, :off, :note, :at, :by) "
            "ON CONFLICT (day) DO UPDATE SET is_off = excluded.is_off, note = excluded.note, "
            "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        soci::use(day), soci::use(is_off), soci::use(entry.note), soci::use(at),
        soci::use(audit.actor);
    WriteAudit(*sql, audit);
    tx.commit();
    return {};
  });
}

Status CalendarStore::RemoveOverride(Date date, const app::AuditEvent& audit) {
  return Guard("remove calendar override", [&]() -> Status {
    Database::Lease sql(db_);
    soci::transaction tx(*sql);
    BumpRevision(*sql);
    std::string day = FormatIsoDate(date);
    int found = 0;
    *sql << "SELECT COUNT(*) FROM calendar_overrides WHERE day = :day", soci::use(day),
        soci::into(found);
    if (found == 0) {
      return Fail(ErrorCode::kNotFound, "Ngày này không có điều chỉnh nào.",
                  "no override for " + day);
    }
    *sql << "DELETE FROM calendar_overrides WHERE day = :day", soci::use(day);
    WriteAudit(*sql, audit);
    tx.commit();
    return {};
  });
}

Result<std::map<std::string, domain::OfficeHours>> CalendarStore::LoadAllOfficeHours() {
  return Guard("load office hours", [&]() -> Result<std::map<std::string, domain::OfficeHours>> {
    Database::Lease sql(db_);
    std::map<std::string, domain::OfficeHours> out;
    std::string code, sessions;
    soci::statement st = (sql->prepare << "SELECT agency_code, sessions FROM agency_office_hours",
                          soci::into(code), soci::into(sessions));
    st.execute();
    while (st.fetch()) {
      auto hours = app::ParseOfficeHours(sessions);
      if (!hours) {
        spdlog::warn("event=office_hours_bad_row agency={}", code);
        continue;
      }
      out.emplace(code, std::move(*hours));
    }
    return out;
  });
}

Result<std::optional<domain::OfficeHours>> CalendarStore::LoadOfficeHours(
    const std::string& agency_code) {
  return Guard("load office hours", [&]() -> Result<std::optional<domain::OfficeHours>> {
    Database::Lease sql(db_);
    std::string sessions;
    soci::indicator ind = soci::i_null;
    *sql << "SELECT sessions FROM agency_office_hours WHERE agency_code = :code",
        soci::use(agency_code), soci::into(sessions, ind);
    if (!sql->got_data() || ind != soci::i_ok) return std::optional<domain::OfficeHours>();
    auto hours = app::ParseOfficeHours(sessions);
    if (!hours) {
      return Fail(ErrorCode::kInternal, "Lỗi hệ thống khi truy cập dữ liệu.",
                  "bad office hours row for " + agency_code + ": " + sessions);
    }
    return std::optional<domain::OfficeHours>(std::move(*hours));
  });
}

Status CalendarStore::SaveOfficeHours(const std::string& agency_code,
                                      const domain::OfficeHours& hours,
                                      const app::AuditEvent& audit) {
  return Guard("save office hours", [&]() -> Status {
    Database::Lease sql(db_);
    soci::transaction tx(*sql);
    BumpRevision(*sql);
    int known = 0;
    *sql << "SELECT COUNT(*) FROM agencies WHERE code = :code", soci::use(agency_code),
        soci::into(known);
    if (known == 0) {
      return Fail(ErrorCode::kNotFound, "Không tìm thấy cơ quan có mã này.",
                  "unknown agency " + agency_code);
    }
    std::string sessions = app::FormatOfficeHours(hours);
    std::string at = FormatTimestamp(audit.at);
    *sql << "INSERT INTO agency_office_hours (agency_code, sessions, updated_at, updated_by) "
            "VALUES (:code, :sessions, :at, :by) "
            "ON CONFLICT (agency_code) DO UPDATE SET sessions = excluded.sessions, "
            "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        soci::use(agency_code), soci::use(sessions), soci::use(at), soci::use(audit.actor);
    WriteAudit(*sql, audit);
    tx.commit();
    return {};
  });
}

}  // namespace motcua::store
