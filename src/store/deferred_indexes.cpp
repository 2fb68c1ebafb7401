#include "store/deferred_indexes.hpp"

#include <soci/soci.h>

#include "store/write_transaction.hpp"

namespace motcua::store {

namespace {

// Bookkeeping of the tool, not of the domain: created on first use, like
// schema_migrations.
void EnsureTable(soci::session& sql) {
  sql << "CREATE TABLE IF NOT EXISTS deferred_indexes ("
         " name TEXT PRIMARY KEY, table_name TEXT NOT NULL, definition TEXT NOT NULL)";
}

std::vector<DeferredIndex> Listed(soci::session& sql, Dialect dialect, const std::string& table) {
  std::vector<DeferredIndex> out;
  DeferredIndex row;
  std::string t = table;
  const char* text =
      dialect == Dialect::kSqlite
          ? "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t "
            "AND sql IS NOT NULL AND UPPER(sql) NOT LIKE 'CREATE UNIQUE%' ORDER BY name"
          : "SELECT c.relname, t.relname, pg_get_indexdef(ix.indexrelid) FROM pg_index ix "
            "JOIN pg_class c ON c.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace "
            "WHERE n.nspname = current_schema() AND t.relname = :t AND NOT ix.indisunique "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid) ORDER BY c.relname";
  soci::statement st = (sql.prepare << text, soci::into(row.name), soci::into(row.table),
                        soci::into(row.definition), soci::use(t));
  st.execute();
  while (st.fetch()) out.push_back(row);
  return out;
}

}  // namespace

Result<std::vector<DeferredIndex>> DroppableIndexes(Database& db, const std::string& table) {
  return Guard("list indexes", [&]() -> Result<std::vector<DeferredIndex>> {
    Database::Lease sql(db);
    return Listed(*sql, db.dialect(), table);
  });
}

Result<int> DeferIndexes(Database& db, const std::vector<std::string>& tables) {
  return Guard("defer indexes", [&]() -> Result<int> {
    Database::Lease sql(db);
    EnsureTable(*sql);
    WriteTransaction tx(*sql, db.dialect());
    int dropped = 0;
    for (const auto& table : tables) {
      for (auto& index : Listed(*sql, db.dialect(), table)) {
        *sql << "INSERT INTO deferred_indexes (name, table_name, definition) VALUES (:n, :t, :d)",
            soci::use(index.name), soci::use(index.table), soci::use(index.definition);
        // Names come from the catalog tables just read, quoted as identifiers.
        *sql << "DROP INDEX \"" + index.name + "\"";
        ++dropped;
      }
    }
    tx.Commit();
    return dropped;
  });
}

Result<int> RestoreDeferredIndexes(Database& db, const IndexProgress& progress) {
  return Guard("restore deferred indexes", [&]() -> Result<int> {
    Database::Lease sql(db);
    EnsureTable(*sql);
    std::vector<DeferredIndex> pending;
    {
      DeferredIndex row;
      soci::statement st = (sql->prepare << "SELECT name, table_name, definition FROM deferred_indexes ORDER BY name",
                            soci::into(row.name), soci::into(row.table), soci::into(row.definition));
      st.execute();
      while (st.fetch()) pending.push_back(row);
    }
    int done = 0;
    for (const auto& index : pending) {
      if (progress) progress(done, static_cast<int>(pending.size()), index.name);
      WriteTransaction tx(*sql, db.dialect());
      // Sorting millions of keys: PostgreSQL's default 64 MB spills to disk.
      if (db.dialect() == Dialect::kPostgres) *sql << "SET LOCAL maintenance_work_mem = '512MB'";
      *sql << index.definition;
      std::string name = index.name;
      *sql << "DELETE FROM deferred_indexes WHERE name = :n", soci::use(name);
      tx.Commit();
      ++done;
    }
    if (progress && !pending.empty()) progress(done, done, "");
    return done;
  });
}

}  // namespace motcua::store
