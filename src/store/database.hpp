#pragma once
// Database: a pool of SOCI sessions to SQLite or PostgreSQL, chosen by URL.
//
//   sqlite://PATH                          embedded file, WAL mode
//   postgresql://user[:pw]@host:port/db    PostgreSQL (any libpq URI)
//
// The pool is thread-safe; each Lease borrows one session for the duration
// of a unit of work. The only code that includes SOCI lives in store/.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace soci {
class connection_pool;
class session;
}  // namespace soci

namespace motcua::store {

enum class Dialect { kSqlite, kPostgres };

class StatementCache;  // store/cached_query.hpp

class Database {
 public:
  // Opens `pool_size` connections to `url`. Errors: kInvalidArgument for a
  // URL of unknown shape, kUnavailable when the database cannot be reached.
  static Result<std::unique_ptr<Database>> Open(const std::string& url, std::size_t pool_size = 4);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  const std::string& url() const { return url_; }
  std::size_t pool_size() const { return pool_size_; }

  // Borrows a session from the pool until destroyed.
  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& operator*() { return *session_; }
    soci::session* operator->() { return session_; }
    // The statements kept prepared on this connection (store/cached_query.hpp).
    StatementCache& statements();

   private:
    Database& db_;
    std::size_t position_;
    soci::session* session_;
  };

 private:
  Database(std::string url, Dialect dialect, std::size_t pool_size);

  std::string url_;
  Dialect dialect_;
  std::size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::vector<std::unique_ptr<StatementCache>> statements_;  // one per pooled connection
};

// Turns a postgresql:// URI into libpq's keyword=value form.
// Errors: kInvalidArgument for a malformed URI.
Result<std::string> PostgresConnectString(const std::string& url);

// Runs `fn` and turns any database exception into an Error (kConflict for
// constraint violations, kUnavailable for lost connections, kInternal else).
template <typename Fn>
auto Guard(const char* what, Fn&& fn) -> decltype(fn());

// Maps an exception message from SOCI to an Error.
Error TranslateDbError(const char* what, const std::exception& e);

template <typename Fn>
auto Guard(const char* what, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return Fail(TranslateDbError(what, e));
  }
}

}  // namespace motcua::store
