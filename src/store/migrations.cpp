#include "store/migrations.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <soci/soci.h>

namespace motcua::store {
// Placeholders replaced per dialect so one text serves both engines.
std::string Portable(std::string sql, Dialect dialect) {
  auto replace = [&](std::string_view from, std::string_view to) {
    std::size_t pos = 0;
    while ((pos = sql.find(from, pos)) != std::string::npos) {
      sql.replace(pos, from.size(), to);
      pos += to.size();
    }
  };
  bool pg = dialect == Dialect::kPostgres;
  replace("{ID}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace("{REAL}", pg ? "DOUBLE PRECISION" : "REAL");
  replace("{BLOB}", pg ? "BYTEA" : "BLOB");
  replace("{WITHOUT_ROWID}", pg ? "" : " WITHOUT ROWID");
  return sql;
}

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> all = [] {
    std::vector<Migration> list;
    for (auto part : {CatalogMigrations, AuditMigrations, CalendarMigrations, AccountMigrations, DossierMigrations,
                      HandlingMigrations, ReportMigrations, RatingMigrations, FeedbackMigrations}) {
      for (auto& m : part()) list.push_back(std::move(m));
    }
    std::sort(list.begin(), list.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
    return list;
  }();
  return all;
}

Result<int> SchemaVersion(Database& db) {
  return Guard("schema version", [&]() -> Result<int> {
    Database::Lease sql(db);
    *sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
    int version = 0;
    soci::indicator ind;
    *sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    return ind == soci::i_ok ? version : 0;
  });
}

Result<int> Migrate(Database& db) {
  auto current = SchemaVersion(db);
  if (!current) return Fail(current.error());
  auto done = Guard("applied migrations", [&]() -> Result<std::set<int>> {
    Database::Lease sql(db);
    std::set<int> versions;
    int v = 0;
    soci::statement st = (sql->prepare << "SELECT version FROM schema_migrations", soci::into(v));
    st.execute();
    while (st.fetch()) versions.insert(v);
    return versions;
  });
  if (!done) return Fail(done.error());
  int applied = 0;
  for (const Migration& m : Migrations()) {
    if (done->count(m.version)) continue;
    auto step = Guard("migrate", [&]() -> Status {
      Database::Lease sql(db);
      soci::transaction tx(*sql);
      if (db.dialect() == Dialect::kPostgres) {
        // Serializes concurrent migrators; released at commit.
        *sql << "SELECT pg_advisory_xact_lock(727274)";
      }
      int recorded = 0;
      *sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version),
          soci::into(recorded);
      if (recorded == 0) {
        for (const auto& statement : m.statements) *sql << Portable(statement, db.dialect());
        *sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, "
                "CURRENT_TIMESTAMP)",
            soci::use(m.version), soci::use(m.name);
      }
      tx.commit();
      return {};
    });
    if (!step) {
      Error e = step.error();
      e.internal_message = fmt::format("migration {} ({}): {}", m.version, m.name, e.internal_message);
      return Fail(std::move(e));
    }
    ++applied;
  }
  return applied;
}

}  // namespace motcua::store
