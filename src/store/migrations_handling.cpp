#include "store/migrations.hpp"

namespace motcua::store {

// Version 6: dossier handling (giải quyết hồ sơ) — the dossier's place in
// its internal process, results, consultations, hand-over details in the
// history, versioned process definitions, and the indexes of the officers'
// worklists and the deadline scan.
//
// Most worklist indexes are partial: they hold only open dossiers (in
// handling, or decided and not yet returned), which are a small share of a
// table that keeps every dossier for years. Both engines use a partial index
// only when the query repeats its WHERE terms, so the worklist queries
// (store/worklist_store.cpp, kOpenPredicate) contain this exact text:
//   status IN ('accepted', 'paused', 'appraisal_supplement', 'result_ready', 'rejected')
//   AND returned_at IS NULL
// SQLite matches the terms literally (partialindex.html §2), PostgreSQL
// proves the implication; keep the two texts identical.
std::vector<Migration> HandlingMigrations() {
  return {{6,
           "handling",
           {
               // Handling scalars on the dossier row. Empty strings of optional
               // fields (step_agency, assignee) are stored as NULL so that "waiting
               // in the unit's queue" is `assignee IS NULL`.
               "ALTER TABLE dossiers ADD COLUMN process_version INTEGER NOT NULL DEFAULT 0",
               "ALTER TABLE dossiers ADD COLUMN step INTEGER NOT NULL DEFAULT -1",
               "ALTER TABLE dossiers ADD COLUMN step_agency TEXT",
               "ALTER TABLE dossiers ADD COLUMN step_role TEXT NOT NULL DEFAULT 'desk_officer'",
               "ALTER TABLE dossiers ADD COLUMN assignee TEXT",
               "ALTER TABLE dossiers ADD COLUMN step_started_at TEXT",
               "ALTER TABLE dossiers ADD COLUMN step_due_at TEXT",
               "ALTER TABLE dossiers ADD COLUMN paused_at TEXT",
               "ALTER TABLE dossiers ADD COLUMN pause_reason TEXT NOT NULL DEFAULT ''",
               "ALTER TABLE dossiers ADD COLUMN original_due_at TEXT",
               "ALTER TABLE dossiers ADD COLUMN apologized_at TEXT",
               "ALTER TABLE dossiers ADD COLUMN apology_reason TEXT NOT NULL DEFAULT ''",
               "ALTER TABLE dossiers ADD COLUMN apologized_by TEXT NOT NULL DEFAULT ''",
               "ALTER TABLE dossiers ADD COLUMN completed_at TEXT",
               "ALTER TABLE dossiers ADD COLUMN returned_at TEXT",
               "ALTER TABLE dossiers ADD COLUMN return_method TEXT NOT NULL DEFAULT ''",
               "ALTER TABLE dossiers ADD COLUMN outcome TEXT NOT NULL DEFAULT ''",
               "ALTER TABLE dossiers ADD COLUMN counted_late INTEGER NOT NULL DEFAULT 0",
               "ALTER TABLE dossiers ADD COLUMN decision_reason TEXT NOT NULL DEFAULT ''",
               "ALTER TABLE dossiers ADD COLUMN supplement_late INTEGER NOT NULL DEFAULT 0",
               "ALTER TABLE dossiers ADD COLUMN restarts INTEGER NOT NULL DEFAULT 0",
               "ALTER TABLE dossiers ADD COLUMN delayed_by TEXT NOT NULL DEFAULT ''",
               "ALTER TABLE dossiers ADD COLUMN due_soon_flagged_at TEXT",
               "ALTER TABLE dossiers ADD COLUMN overdue_flagged_at TEXT",
               // The applicant's name folded for search (FoldForSearch: lower case,
               // no diacritics), written by DossierStore; '' for rows written
               // before this column, which worklist search matches by lower(name).
               "ALTER TABLE dossiers ADD COLUMN applicant_name_key TEXT NOT NULL DEFAULT ''",
               // Dossiers accepted before processes existed wait at the first step
               // (the desk's) of their receiving agency, on the default process.
               "UPDATE dossiers SET step = 0, step_agency = agency_code, step_started_at = received_at "
               "WHERE status = 'accepted'",

               "CREATE TABLE dossier_results ("
               " dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
               " position INTEGER NOT NULL,"
               " sha256 TEXT NOT NULL,"
               " file_name TEXT NOT NULL,"
               " size BIGINT NOT NULL,"
               " attached_by TEXT NOT NULL,"
               " attached_at TEXT NOT NULL,"
               " PRIMARY KEY (dossier_id, position))",
               "CREATE TABLE dossier_consultations ("
               " dossier_id BIGINT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
               " number INTEGER NOT NULL,"
               " step INTEGER NOT NULL,"
               " planned INTEGER NOT NULL DEFAULT 0,"
               " agency_code TEXT NOT NULL,"
               " task TEXT NOT NULL DEFAULT '',"
               " requested_by TEXT NOT NULL DEFAULT '',"
               " requested_at TEXT NOT NULL,"
               " due_at TEXT NOT NULL,"
               " replied_at TEXT,"
               " replied_by TEXT NOT NULL DEFAULT '',"
               " reply TEXT NOT NULL DEFAULT '',"
               " PRIMARY KEY (dossier_id, number))",
               // The consultations tab: open requests addressed to a unit.
               "CREATE INDEX dossier_consultations_open ON dossier_consultations(agency_code, dossier_id) "
               "WHERE replied_at IS NULL",

               // Hand-over details for the control slip (Mẫu 05).
               "ALTER TABLE dossier_events ADD COLUMN step INTEGER NOT NULL DEFAULT -1",
               "ALTER TABLE dossier_events ADD COLUMN receiver TEXT NOT NULL DEFAULT ''",
               "ALTER TABLE dossier_events ADD COLUMN step_due_at TEXT",

               // Internal processes (quy trình nội bộ), versioned per procedure.
               "CREATE TABLE process_definitions ("
               " procedure_code TEXT NOT NULL REFERENCES procedures(code),"
               " version INTEGER NOT NULL,"
               " effective_from TEXT NOT NULL,"
               " note TEXT NOT NULL DEFAULT '',"
               " created_by TEXT NOT NULL DEFAULT '',"
               " created_at TEXT NOT NULL,"
               " PRIMARY KEY (procedure_code, version))",
               "CREATE TABLE process_steps ("
               " procedure_code TEXT NOT NULL,"
               " version INTEGER NOT NULL,"
               " position INTEGER NOT NULL,"
               " name TEXT NOT NULL,"
               " role TEXT NOT NULL,"
               " unit TEXT NOT NULL DEFAULT '',"
               " agency_code TEXT REFERENCES agencies(code),"
               " days {REAL} NOT NULL,"
               " PRIMARY KEY (procedure_code, version, position),"
               " FOREIGN KEY (procedure_code, version) REFERENCES process_definitions(procedure_code, version)"
               " ON DELETE CASCADE)",
               "CREATE TABLE process_branches ("
               " procedure_code TEXT NOT NULL,"
               " version INTEGER NOT NULL,"
               " step_position INTEGER NOT NULL,"
               " position INTEGER NOT NULL,"
               " agency_code TEXT NOT NULL REFERENCES agencies(code),"
               " task TEXT NOT NULL DEFAULT '',"
               " days {REAL} NOT NULL,"
               " PRIMARY KEY (procedure_code, version, step_position, position),"
               " FOREIGN KEY (procedure_code, version, step_position)"
               " REFERENCES process_steps(procedure_code, version, position) ON DELETE CASCADE)",

               // Worklists, most urgent first: keyset on (due_at, id) within one
               // assignee, one unit (and role), one receiving agency, or everything.
               "CREATE INDEX dossiers_mine ON dossiers(assignee, due_at, id) "
               "WHERE status IN ('accepted', 'paused', 'appraisal_supplement', 'result_ready', 'rejected') "
               "AND returned_at IS NULL AND assignee IS NOT NULL",
               "CREATE INDEX dossiers_queue ON dossiers(step_agency, step_role, due_at, id) "
               "WHERE status IN ('accepted', 'paused', 'appraisal_supplement', 'result_ready', 'rejected') "
               "AND returned_at IS NULL AND assignee IS NULL",
               "CREATE INDEX dossiers_open_step ON dossiers(step_agency, due_at, id) "
               "WHERE status IN ('accepted', 'paused', 'appraisal_supplement', 'result_ready', 'rejected') "
               "AND returned_at IS NULL",
               "CREATE INDEX dossiers_open_agency ON dossiers(agency_code, due_at, id) "
               "WHERE status IN ('accepted', 'paused', 'appraisal_supplement', 'result_ready', 'rejected') "
               "AND returned_at IS NULL",
               "CREATE INDEX dossiers_open_due ON dossiers(due_at, id) "
               "WHERE status IN ('accepted', 'paused', 'appraisal_supplement', 'result_ready', 'rejected') "
               "AND returned_at IS NULL",
               // Lookups by the unit that holds a dossier, any status, newest first.
               "CREATE INDEX dossiers_step_agency ON dossiers(step_agency, id)",
               // The deadline scan: only accepted dossiers not yet flagged overdue;
               // due_soon_flagged_at rides along so the due-soon range is checked
               // in the index.
               "CREATE INDEX dossiers_deadline_scan ON dossiers(due_at, due_soon_flagged_at) "
               "WHERE status = 'accepted' AND overdue_flagged_at IS NULL",
               // The scan's notices to a unit's leaders.
               "CREATE INDEX users_agency_role ON users(agency_code, role)",
           }},
          // Version 7: notices by dossier. Deleting a dossier cascades to its
          // notices, which without this index scans every notice once per
          // dossier (found by bench/handling.sh cleaning up 1M dossiers).
          {7, "notices_by_dossier", {"CREATE INDEX notices_dossier ON notices(dossier_id)"}},
          // Version 8: open dossiers held by a unit other than the receiving
          // agency (liên thông), in due order: the second half of the agency
          // worklist tab. Without it that half walked every open dossier of
          // the unit to find the few received elsewhere.
          {8,
           "worklist_foreign_step",
           {"CREATE INDEX dossiers_open_foreign_step ON dossiers(step_agency, due_at, id) "
            "WHERE status IN ('accepted', 'paused', 'appraisal_supplement', 'result_ready', 'rejected') "
            "AND returned_at IS NULL AND step_agency <> agency_code"}}};
}

}  // namespace motcua::store
