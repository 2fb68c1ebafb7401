#pragma once
// Fresh, migrated databases for contract tests on both engines.
//
// SQLite: a new file in a temporary directory per test.
// PostgreSQL: a new schema per test in the database named by the environment
// variable MOTCUA_TEST_PG_URL (set by `make test`, which starts a throwaway
// cluster when none is reachable). Without it, PostgreSQL tests are skipped
// with a message — `make test` always sets it, so CI runs them.

#include <memory>
#include <string>

#include "store/database.hpp"

namespace motcua::testutil {

enum class Engine { kSqlite, kPostgres };

std::string EngineName(Engine engine);

class TestDatabase {
 public:
  // Creates and migrates a database; returns nullptr (and the reason) when
  // the engine is not configured.
  static std::unique_ptr<TestDatabase> Create(Engine engine, std::string* skip_reason,
                                              std::size_t pool_size = 4);
  ~TestDatabase();

  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }

 private:
  TestDatabase() = default;
  Engine engine_ = Engine::kSqlite;
  std::string url_;
  std::string cleanup_;  // directory or schema to drop
  std::string admin_url_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace motcua::testutil
