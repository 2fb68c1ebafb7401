#pragma once
// WorklistStore: the officers' worklists (danh sách hồ sơ cần xử lý), their
// counts, and the set-based deadline scan of the lateness job, on SQLite or
// PostgreSQL. Thread-safe (each call leases its own session).
//
// A page is one query of bound parameters over partial indexes of open
// dossiers (migrations_handling.cpp): open tabs read (due_at, id) in index
// order from the keyset on, so a page costs about `limit` rows however many
// dossiers exist. Counts read at most `cap` rows per tab.
//
// Tabs (every condition below also takes the query's filters):
//   mine           open, assignee = username
//   unit           open, unassigned, step_agency in scope [, step_role]
//   agency         open, receiving agency or step_agency in scope
//   approval       accepted at a leader step, step_agency in scope
//   consultations  open, with an unanswered consultation asked of the scope
//                  (one row per dossier; `consultation` is the lowest number)
//   reception      submitted, receiving agency in scope, newest first
//   all            any status, receiving agency or step_agency in scope, newest first
// where "open" is in handling (accepted, paused, appraisal supplement) or
// decided (result ready, rejected) and not yet returned, and an empty scope
// means every agency. `text` matches an exact code or ID number when it is
// one word with a digit, otherwise a part of the applicant's name, without
// regard to case or diacritics.

#include "app/handling/ports.hpp"
#include "store/database.hpp"

namespace motcua::store {

class WorklistStore final : public app::WorklistRepository {
 public:
  explicit WorklistStore(Database& db) : db_(db) {}

  // Errors: kInvalidArgument for kMine without a username, a due filter
  // without `now`, an open tab's after_id without after_due_at, or a text
  // over 100 bytes; storage errors.
  Result<std::vector<app::WorklistItem>> Worklist(const app::WorklistQuery& query) override;

  // The engine's plan of the page query of `query` (EXPLAIN QUERY PLAN on
  // SQLite, EXPLAIN on PostgreSQL), one line per row: for tests and the
  // benchmark. Errors: those of Worklist.
  Result<std::string> Explain(const app::WorklistQuery& query);

  // One query for the six counts; `cap` is clamped to 1..100000.
  Result<app::WorklistCounts> Counts(const app::WorklistQuery& query, int cap) override;

  // A few INSERT ... SELECT / UPDATE statements in one transaction (a
  // data-modifying WITH on PostgreSQL, so the rows flagged and the rows
  // notified are the same under concurrent changes). Flags do not bump the
  // dossier's version (see DossierStore). Notices go to the assignee and to
  // the active leaders whose agency is the step's unit, each once; the body
  // names the dossier code and procedure.
  Result<app::DueScanResult> FlagDeadlines(Timestamp now, Timestamp soon_limit, const std::string& due_soon_title,
                                           const std::string& overdue_title, const std::string& request_id) override;

 private:
  Database& db_;
};

}  // namespace motcua::store
