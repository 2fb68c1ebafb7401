#include "store/migrations.hpp"

namespace motcua::store {

// Version 2: the audit trail shared by every module.
std::vector<Migration> AuditMigrations() {
  return {{2,
           "audit",
           {"CREATE TABLE audit_events ("
            " id {ID},"
            " at TEXT NOT NULL,"
            " actor TEXT NOT NULL,"
            " action TEXT NOT NULL,"
            " target TEXT NOT NULL DEFAULT '',"
            " detail TEXT NOT NULL DEFAULT '',"
            " request_id TEXT NOT NULL DEFAULT '')",
            "CREATE INDEX audit_events_at ON audit_events(at)",
            "CREATE INDEX audit_events_target ON audit_events(target, at)"}}};
}

}  // namespace motcua::store
