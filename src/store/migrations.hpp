#pragma once
// Versioned schema migrations: the same logical schema on SQLite and
// PostgreSQL. Each migration runs in its own transaction and is recorded in
// schema_migrations; running Migrate again applies only what is new.

#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace motcua::store {

struct Migration {
  int version;
  std::string name;
  std::vector<std::string> statements;  // portable SQL; see Portable() below
};

// All migrations in order.
const std::vector<Migration>& Migrations();

// Applies pending migrations; returns how many were applied.
// Errors: kUnavailable, kInternal (with the failing version in the message).
Result<int> Migrate(Database& db);

// The highest applied version, 0 for an empty database.
Result<int> SchemaVersion(Database& db);

}  // namespace motcua::store
