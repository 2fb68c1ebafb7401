#include "testutil/test_database.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include <fmt/format.h>
#include <soci/soci.h>
#include <unistd.h>

#include "store/migrations.hpp"

namespace motcua::testutil {

std::string EngineName(Engine engine) { return engine == Engine::kSqlite ? "SQLite" : "PostgreSQL"; }

namespace {

std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return fmt::format("{}_{}_{:x}", getpid(), ++counter, rd());
}

}  // namespace

std::unique_ptr<TestDatabase> TestDatabase::Create(Engine engine, std::string* skip_reason,
                                                   std::size_t pool_size) {
  std::unique_ptr<TestDatabase> t(new TestDatabase());
  t->engine_ = engine;
  if (engine == Engine::kSqlite) {
    auto dir = std::filesystem::temp_directory_path() / ("motcua_test_" + UniqueSuffix());
    std::filesystem::create_directories(dir);
    t->cleanup_ = dir.string();
    t->url_ = "sqlite://" + (dir / "test.db").string();
  } else {
    const char* base = std::getenv("MOTCUA_TEST_PG_URL");
    if (!base || !*base) {
      *skip_reason = "MOTCUA_TEST_PG_URL is not set (make test sets it)";
      return nullptr;
    }
    t->admin_url_ = base;
    std::string schema = "t_" + UniqueSuffix();
    {
      auto admin = store::Database::Open(t->admin_url_, 1);
      if (!admin) throw std::runtime_error("open admin database: " + admin.error().internal_message);
      store::Database::Lease sql(**admin);
      *sql << "CREATE SCHEMA " + schema;
    }
    t->cleanup_ = schema;
    std::string sep = t->admin_url_.find('?') == std::string::npos ? "?" : "&";
    t->url_ = t->admin_url_ + sep + "search_path=" + schema;
  }
  auto db = store::Database::Open(t->url_, pool_size);
  if (!db) throw std::runtime_error("open test database: " + db.error().internal_message);
  t->db_ = std::move(*db);
  auto migrated = store::Migrate(*t->db_);
  if (!migrated) throw std::runtime_error("migrate test database: " + migrated.error().internal_message);
  return t;
}

TestDatabase::~TestDatabase() {
  db_.reset();
  try {
    if (engine_ == Engine::kSqlite) {
      std::filesystem::remove_all(cleanup_);
    } else if (!cleanup_.empty()) {
      auto admin = store::Database::Open(admin_url_, 1);
      if (admin) {
        store::Database::Lease sql(**admin);
        *sql << "DROP SCHEMA " + cleanup_ + " CASCADE";
      }
    }
  } catch (...) {
    // Cleanup is best effort; the throwaway cluster is removed anyway.
  }
}

}  // namespace motcua::testutil
