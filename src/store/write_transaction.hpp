#pragma once
// A write transaction that takes the write lock up front on SQLite
// (BEGIN IMMEDIATE), so two writers queue on busy_timeout instead of one
// failing with SQLITE_BUSY when upgrading a read lock; plain BEGIN on
// PostgreSQL. Rolls back unless Commit() was called.

#include <soci/soci.h>

#include "store/database.hpp"

namespace motcua::store {

class WriteTransaction {
 public:
  WriteTransaction(soci::session& sql, Dialect dialect) : sql_(sql) {
    sql_ << (dialect == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  ~WriteTransaction() {
    if (!done_) {
      try {
        sql_ << "ROLLBACK";
      } catch (...) {
        // The connection may be gone; nothing was committed either way.
      }
    }
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void Commit() {
    sql_ << "COMMIT";
    done_ = true;
  }

 private:
  soci::session& sql_;
  bool done_ = false;
};

}  // namespace motcua::store
