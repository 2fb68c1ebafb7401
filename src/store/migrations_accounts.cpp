#include "store/migrations.hpp"

namespace motcua::store {

// Version 4: accounts and login sessions.
std::vector<Migration> AccountMigrations() {
  return {{4,
           "accounts",
           {"CREATE TABLE users ("
            " id {ID},"
            " role TEXT NOT NULL,"
            " username TEXT UNIQUE,"
            " full_name TEXT NOT NULL,"
            " id_number TEXT UNIQUE,"
            " phone TEXT UNIQUE,"
            " email TEXT UNIQUE,"
            " address TEXT NOT NULL DEFAULT '',"
            " tax_code TEXT UNIQUE,"
            " business_name TEXT NOT NULL DEFAULT '',"
            " agency_code TEXT REFERENCES agencies(code),"
            " password_hash TEXT NOT NULL,"
            " failed_logins INTEGER NOT NULL DEFAULT 0,"
            " last_failed_at TEXT,"
            " locked_until TEXT,"
            " active INTEGER NOT NULL DEFAULT 1,"
            " created_at TEXT NOT NULL)",
            "CREATE TABLE sessions ("
            " token_hash TEXT PRIMARY KEY,"
            " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
            " kind TEXT NOT NULL,"
            " csrf_token TEXT NOT NULL,"
            " created_at TEXT NOT NULL,"
            " expires_at TEXT NOT NULL)",
            "CREATE INDEX sessions_user ON sessions(user_id)"}}};
}

}  // namespace motcua::store
