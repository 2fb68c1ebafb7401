// RunCached on both engines: a statement is prepared once per connection and
// re-executed with new values; each text gets its own statement; NULLs and
// numbers read as text; SQLite readers release their snapshot after each
// run (new rows are seen, checkpoints are not held back); a failed statement
// is dropped and prepared again next time.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "store/cached_query.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using store::Database;
using store::RunCached;
using store::Sql;
using store::TextRow;
using testutil::Engine;

class CachedQueryContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason, 2);
    if (!db_) GTEST_SKIP() << reason;
  }

  void AddEvent(Database::Lease& sql, const std::string& actor, const std::string& detail) {
    *sql << "INSERT INTO audit_events (at, actor, action, detail) VALUES ('2026-12-06T01:00:00.000Z', :a, 'test', :d)",
        soci::use(actor), soci::use(detail);
  }

  // The actors whose events have `action`, in id order, through a cached statement.
  std::vector<std::string> Actors(Database::Lease& sql, const std::string& action) {
    Sql q;
    q << "SELECT actor, id, NULL FROM audit_events WHERE action = ";
    q.Text(action) << " ORDER BY id";
    std::vector<std::string> out;
    RunCached<TextRow<3>>(sql, q, [&](const TextRow<3>& r) {
      EXPECT_GT(r.Int(1), 0);
      EXPECT_TRUE(r.IsNull(2));
      EXPECT_EQ(r.Text(2), "");
      out.push_back(r.Text(0));
    });
    return out;
  }

  std::unique_ptr<testutil::TestDatabase> db_;
};

TEST_P(CachedQueryContract, PreparesOnceAndRebindsNewValues) {
  Database::Lease sql(db_->db());
  AddEvent(sql, "an", "");
  AddEvent(sql, "binh", "");
  *sql << "UPDATE audit_events SET action = 'other' WHERE actor = 'binh'";
  std::size_t before = sql.statements().size();
  EXPECT_EQ(Actors(sql, "test"), std::vector<std::string>{"an"});
  EXPECT_EQ(Actors(sql, "other"), std::vector<std::string>{"binh"});
  EXPECT_EQ(Actors(sql, "none"), std::vector<std::string>{});
  EXPECT_EQ(sql.statements().size(), before + 1) << "one statement for one text, whatever the values";

  Sql other;
  other << "SELECT COUNT(*) FROM audit_events WHERE actor IN (";
  other.Text("an") << ", ";
  other.Text("binh") << ")";
  long long count = -1;
  RunCached<TextRow<1>>(sql, other, [&](const TextRow<1>& r) { count = r.Int(0); });
  EXPECT_EQ(count, 2);
  EXPECT_EQ(sql.statements().size(), before + 2) << "another text, another statement";
}

TEST_P(CachedQueryContract, ASecondConnectionsWritesAreSeenByTheNextRun) {
  Database::Lease reader(db_->db());
  Database::Lease writer(db_->db());
  AddEvent(writer, "an", "");
  EXPECT_EQ(Actors(reader, "test"), std::vector<std::string>{"an"});
  AddEvent(writer, "chi", "");
  // A reader that kept its SQLite statement open would still read its old snapshot.
  EXPECT_EQ(Actors(reader, "test"), (std::vector<std::string>{"an", "chi"}));
  if (GetParam() == Engine::kSqlite) {
    int busy = -1, log = 0, done = 0;
    *writer << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(log), soci::into(done);
    EXPECT_EQ(busy, 0) << "the cached reader must not hold back a checkpoint";
  }
}

TEST_P(CachedQueryContract, DropsAFailedStatementAndPreparesItAgain) {
  Database::Lease sql(db_->db());
  *sql << "CREATE TABLE cached_probe (name TEXT)";
  *sql << "INSERT INTO cached_probe (name) VALUES ('a')";
  auto names = [&] {
    Sql q;
    q << "SELECT name FROM cached_probe WHERE name <> ";
    q.Text("z");
    std::vector<std::string> out;
    RunCached<TextRow<1>>(sql, q, [&](const TextRow<1>& r) { out.push_back(r.Text(0)); });
    return out;
  };
  EXPECT_EQ(names(), std::vector<std::string>{"a"});
  std::size_t with_probe = sql.statements().size();
  *sql << "DROP TABLE cached_probe";
  EXPECT_ANY_THROW(names());
  EXPECT_EQ(sql.statements().size(), with_probe - 1);
  *sql << "CREATE TABLE cached_probe (name TEXT)";
  *sql << "INSERT INTO cached_probe (name) VALUES ('b')";
  EXPECT_EQ(names(), std::vector<std::string>{"b"});
}

TEST_P(CachedQueryContract, ValueSensitiveStatementsAreNeverKeptPreparedOnPostgresql) {
  // PostgreSQL would give a kept statement a generic plan after five runs,
  // blind to how skewed agencies are; SQLite plans without the values.
  Database::Lease sql(db_->db());
  AddEvent(sql, "an", "");
  std::size_t before = sql.statements().size();
  for (int run = 0; run < 7; ++run) {
    Sql q;
    q << "SELECT actor FROM audit_events WHERE actor = ";
    q.Text(run % 2 ? "an" : "binh");
    int rows = 0;
    store::RunCached<TextRow<1>>(sql, q, [&](const TextRow<1>& r) { rows += r.Text(0) == "an"; },
                                 store::PlanReuse::kSqliteOnly);
    EXPECT_EQ(rows, run % 2);
  }
  EXPECT_EQ(sql.statements().size(), before + (GetParam() == Engine::kSqlite ? 1 : 0));
}

INSTANTIATE_TEST_SUITE_P(Engines, CachedQueryContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua
