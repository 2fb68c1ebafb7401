#include "store/migrations.hpp"

namespace motcua::store {

// Version 3: the working-day calendar's overrides and agencies' office hours.
std::vector<Migration> CalendarMigrations() {
  return {{3,
           "calendar",
           {
               "CREATE TABLE calendar_meta (id INTEGER PRIMARY KEY, revision BIGINT NOT NULL)",
               "INSERT INTO calendar_meta (id, revision) VALUES (1, 0)",
               // One row per date an administrator decided: is_off 1 makes it a
               // day off named by note, 0 a working day (a make-up Saturday).
               "CREATE TABLE calendar_overrides ("
               " day TEXT PRIMARY KEY,"
               " is_off INTEGER NOT NULL,"
               " note TEXT NOT NULL DEFAULT '',"
               " updated_at TEXT NOT NULL,"
               " updated_by TEXT NOT NULL)",
               // Sessions as "07:30-11:30,13:00-17:00"; no row: the default hours.
               "CREATE TABLE agency_office_hours ("
               " agency_code TEXT PRIMARY KEY REFERENCES agencies(code) ON DELETE CASCADE,"
               " sessions TEXT NOT NULL,"
               " updated_at TEXT NOT NULL,"
               " updated_by TEXT NOT NULL)",
           }}};
}

}  // namespace motcua::store
