#pragma once
// AuditEvent: one row of the audit trail (nhật ký), written by the store in
// the same transaction as the change it records, so the trail never misses a
// change nor records one that was rolled back (security level 3, Nghị định
// 85/2016: monitoring and audit).

#include <string>

#include "core/time.hpp"

namespace motcua::app {

struct AuditEvent {
  Timestamp at;
  std::string actor;       // username or "system"; "anonymous" when not logged in
  std::string action;      // dotted verb, e.g. "calendar.set", "auth.login_failed"
  std::string target;      // what it acted on, e.g. "2026-04-30" or a dossier code
  std::string detail;      // short JSON or text with the specifics
  std::string request_id;  // ties the row to the access log
};

}  // namespace motcua::app
