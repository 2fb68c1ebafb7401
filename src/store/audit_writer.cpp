#include "store/audit_writer.hpp"

#include <soci/soci.h>

namespace motcua::store {

void WriteAudit(soci::session& sql, const app::AuditEvent& event) {
  std::string at = FormatTimestamp(event.at);
  sql << "INSERT INTO audit_events (at, actor, action, target, detail, request_id) "
         "VALUES (:at, :actor, :action, :target, :detail, :rid)",
      soci::use(at), soci::use(event.actor), soci::use(event.action), soci::use(event.target),
      soci::use(event.detail), soci::use(event.request_id);
}

Result<std::vector<app::AuditEvent>> ReadAudit(Database& db, const std::string& target, int limit) {
  return Guard("read audit", [&]() -> Result<std::vector<app::AuditEvent>> {
    Database::Lease sql(db);
    std::vector<app::AuditEvent> events;
    app::AuditEvent e;
    std::string at;
    std::string all = target.empty() ? "1" : "0";
    soci::statement st =
        (sql->prepare << "SELECT at, actor, action, target, detail, request_id FROM audit_events "
                         "WHERE (:all = '1' OR target = :target) ORDER BY id DESC LIMIT :limit",
         soci::use(all), soci::use(target), soci::use(limit), soci::into(at), soci::into(e.actor),
         soci::into(e.action), soci::into(e.target), soci::into(e.detail), soci::into(e.request_id));
    st.execute();
    while (st.fetch()) {
      e.at = ParseTimestamp(at).value_or(Timestamp{});
      events.push_back(e);
    }
    return events;
  });
}

}  // namespace motcua::store
