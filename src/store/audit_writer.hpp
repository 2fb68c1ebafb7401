#pragma once
// Writes audit rows inside the caller's transaction (store/ only).

#include <vector>

#include "app/audit/audit_event.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace soci {
class session;
}

namespace motcua::store {

// Inserts `event` using `sql`, which must be inside the transaction of the
// change being recorded. Throws soci errors (callers run inside Guard()).
void WriteAudit(soci::session& sql, const app::AuditEvent& event);

// Reads the newest `limit` events for `target` (all targets when empty),
// newest first. Errors: kUnavailable, kInternal.
Result<std::vector<app::AuditEvent>> ReadAudit(Database& db, const std::string& target, int limit);

}  // namespace motcua::store
