#include "store/migrations.hpp"

namespace motcua::store {

// Version 1: the procedure catalog.
std::vector<Migration> CatalogMigrations() {
  return {
      {1,
       "catalog",
       {
           "CREATE TABLE catalog_meta (id INTEGER PRIMARY KEY, revision BIGINT NOT NULL)",
           "INSERT INTO catalog_meta (id, revision) VALUES (1, 0)",
           "CREATE TABLE agencies ("
           " code TEXT PRIMARY KEY,"
           " name TEXT NOT NULL,"
           " short_name TEXT NOT NULL DEFAULT '',"
           " parent_code TEXT REFERENCES agencies(code),"
           " kind TEXT NOT NULL,"
           " level TEXT NOT NULL,"
           " address TEXT NOT NULL DEFAULT '',"
           " phone TEXT NOT NULL DEFAULT '',"
           " email TEXT NOT NULL DEFAULT '',"
           " position INTEGER NOT NULL)",
           "CREATE INDEX agencies_parent ON agencies(parent_code)",
           "CREATE TABLE fields ("
           " code TEXT PRIMARY KEY,"
           " name TEXT NOT NULL,"
           " position INTEGER NOT NULL)",
           "CREATE TABLE procedures ("
           " code TEXT PRIMARY KEY,"
           " name TEXT NOT NULL,"
           " field_code TEXT NOT NULL REFERENCES fields(code),"
           " levels TEXT NOT NULL,"
           " online_level TEXT NOT NULL,"
           " processing_days {REAL} NOT NULL,"
           " processing_note TEXT NOT NULL DEFAULT '',"
           " applicants TEXT NOT NULL DEFAULT '',"
           " description TEXT NOT NULL DEFAULT '',"
           " conditions TEXT NOT NULL DEFAULT '',"
           " result_name TEXT NOT NULL DEFAULT '',"
           " result_electronic INTEGER NOT NULL DEFAULT 0,"
           " submission_channels TEXT NOT NULL DEFAULT '',"
           " return_channels TEXT NOT NULL DEFAULT '',"
           " effective_from TEXT,"
           " effective_to TEXT,"
           " popularity INTEGER NOT NULL DEFAULT 0,"
           " position INTEGER NOT NULL)",
           "CREATE INDEX procedures_field ON procedures(field_code)",
           "CREATE TABLE procedure_agencies ("
           " procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
           " position INTEGER NOT NULL,"
           " agency_code TEXT NOT NULL REFERENCES agencies(code),"
           " PRIMARY KEY (procedure_code, position))",
           "CREATE INDEX procedure_agencies_agency ON procedure_agencies(agency_code)",
           "CREATE TABLE procedure_components ("
           " procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
           " position INTEGER NOT NULL,"
           " name TEXT NOT NULL,"
           " originals INTEGER NOT NULL,"
           " certified_copies INTEGER NOT NULL,"
           " photocopies INTEGER NOT NULL,"
           " required INTEGER NOT NULL,"
           " form TEXT NOT NULL DEFAULT '',"
           " PRIMARY KEY (procedure_code, position))",
           "CREATE TABLE procedure_fees ("
           " procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
           " position INTEGER NOT NULL,"
           " name TEXT NOT NULL,"
           " amount_vnd BIGINT NOT NULL,"
           " note TEXT NOT NULL DEFAULT '',"
           " PRIMARY KEY (procedure_code, position))",
           "CREATE TABLE procedure_legal_bases ("
           " procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
           " position INTEGER NOT NULL,"
           " number TEXT NOT NULL,"
           " title TEXT NOT NULL,"
           " issuer TEXT NOT NULL DEFAULT '',"
           " issued TEXT,"
           " PRIMARY KEY (procedure_code, position))",
           "CREATE TABLE procedure_steps ("
           " procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,"
           " position INTEGER NOT NULL,"
           " name TEXT NOT NULL,"
           " role TEXT NOT NULL,"
           " unit TEXT NOT NULL DEFAULT '',"
           " agency_code TEXT REFERENCES agencies(code),"
           " days {REAL} NOT NULL,"
           " PRIMARY KEY (procedure_code, position))",
       }},
  };
}

}  // namespace motcua::store
