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

// All migrations in version order. Each module lists its own, with
// versions assigned here so parallel work never collides:
//   1 catalog · 2 audit · 3 calendar · 4 accounts · 5 dossiers · 6–8 handling
//   9 reports · 10 ratings · 11 feedback
const std::vector<Migration>& Migrations();

std::vector<Migration> CatalogMigrations();   // migrations_catalog.cpp
std::vector<Migration> AuditMigrations();     // migrations_audit.cpp
std::vector<Migration> CalendarMigrations();  // migrations_calendar.cpp
std::vector<Migration> AccountMigrations();   // migrations_accounts.cpp
std::vector<Migration> DossierMigrations();   // migrations_dossiers.cpp
std::vector<Migration> HandlingMigrations();  // migrations_handling.cpp
std::vector<Migration> ReportMigrations();    // migrations_reports.cpp
std::vector<Migration> RatingMigrations();    // migrations_ratings.cpp
std::vector<Migration> FeedbackMigrations();  // migrations_feedback.cpp

// Replaces the dialect placeholders of a migration statement:
// {ID} an auto-increment primary key, {REAL} a double column,
// {BLOB} a byte-string column, {WITHOUT_ROWID} a table clustered on its
// primary key (SQLite).
std::string Portable(std::string sql, Dialect dialect);

// Applies every migration not yet recorded; returns how many were applied.
// Errors: kUnavailable, kInternal (with the failing version in the message).
Result<int> Migrate(Database& db);

// The highest applied version, 0 for an empty database.
Result<int> SchemaVersion(Database& db);

}  // namespace motcua::store
