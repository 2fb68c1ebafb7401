#include "store/migrations.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

namespace motcua::store {
namespace {

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
  return sql;
}

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> migrations = {
      {1,
       "catalog",
       {
           "CREATE TABLE catalog_meta (id INTEGER PRIMARY KEY, revision BIGINT NOT NULL)",
           "INSERT INTO catalog_meta (id, revision) VALUES (1, 0)",
           "CREATE TABLE agencies ("
           " code TEXT PRIMARY KEY,"
           " name TEXT NOT NULL,"
           " short_name TEXT NOT NULL DEFAULT '',"
           " parent_code TEXT REFERENCES agencies(code),"
           " kind TEXT NOT NULL,"
           " level TEXT NOT NULL,"
           " address TEXT NOT NULL DEFAULT '',"
           " phone TEXT NOT NULL DEFAULT '',"
           " email TEXT NOT NULL DEFAULT '',"
           " position INTEGER NOT NULL)",
           "CREATE INDEX agencies_parent ON agencies(parent_code)",
           "CREATE TABLE fields ("
           " code TEXT PRIMARY KEY,"
           " name TEXT NOT NULL,"
           " position INTEGER NOT NULL)",
           "CREATE TABLE procedures ("
           " code TEXT PRIMARY KEY,"
           " name TEXT NOT NULL,"
           " field_code TEXT NOT NULL REFERENCES fields(code),"
           " levels TEXT NOT NULL,"
           " online_level TEXT NOT NULL,"
           " processing_days {REAL} NOT NULL,"
           " processing_note TEXT NOT NULL DEFAULT '',"
           " applicants TEXT NOT NULL DEFAULT '',"
           " description TEXT NOT NULL DEFAULT '',"
           " conditions TEXT NOT NULL DEFAULT '',"
           " result_name TEXT NOT NULL DEFAULT '',"
           " result_electronic INTEGER NOT NULL DEFAULT 0,"
           " submission_channels TEXT NOT NULL DEFAULT '',"
           " return_channels TEXT NOT NULL DEFAULT '',"
           " effective_from TEXT,"
           " effective_to TEXT,"
           " popularity INTEGER NOT NULL DEFAULT 0,"
           " position INTEGER NOT NULL)",
           "CREATE INDEX procedures_field ON procedures(field_code)",
           "CREATE TABLE procedure_agencies ("
           " procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
           " position INTEGER NOT NULL,"
           " agency_code TEXT NOT NULL REFERENCES agencies(code),"
           " PRIMARY KEY (procedure_code, position))",
           "CREATE INDEX procedure_agencies_agency ON procedure_agencies(agency_code)",
           "CREATE TABLE procedure_components ("
           " procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
           " position INTEGER NOT NULL,"
           " name TEXT NOT NULL,"
           " originals INTEGER NOT NULL,"
           " certified_copies INTEGER NOT NULL,"
           " photocopies INTEGER NOT NULL,"
           " required INTEGER NOT NULL,"
           " form TEXT NOT NULL DEFAULT '',"
           " PRIMARY KEY (procedure_code, position))",
           "CREATE TABLE procedure_fees ("
           " procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
           " position INTEGER NOT NULL,"
           " name TEXT NOT NULL,"
           " amount_vnd BIGINT NOT NULL,"
           " note TEXT NOT NULL DEFAULT '',"
           " PRIMARY KEY (procedure_code, position))",
           "CREATE TABLE procedure_legal_bases ("
           " procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
           " position INTEGER NOT NULL,"
           " number TEXT NOT NULL,"
           " title TEXT NOT NULL,"
           " issuer TEXT NOT NULL DEFAULT '',"
           " issued TEXT,"
           " PRIMARY KEY (procedure_code, position))",
           "CREATE TABLE procedure_steps ("
           " procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
           " position INTEGER NOT NULL,"
           " name TEXT NOT NULL,"
           " role TEXT NOT NULL,"
           " unit TEXT NOT NULL DEFAULT '',"
           " agency_code TEXT REFERENCES agencies(code),"
           " days {REAL} NOT NULL,"
           " PRIMARY KEY (procedure_code, position))",
       }},
  };
  return migrations;
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
  int applied = 0;
  for (const Migration& m : Migrations()) {
    if (m.version <= *current) continue;
    auto step = Guard("migrate", [&]() -> Status {
      Database::Lease sql(db);
      soci::transaction tx(*sql);
      if (db.dialect() == Dialect::kPostgres) {
        // Serializes concurrent migrators; released at commit.
        *sql << "SELECT pg_advisory_xact_lock(727274)";
      }
      int done = 0;
      *sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version),
          soci::into(done);
      if (done == 0) {
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
