#pragma once
// Bulk generation of realistic dossiers (hồ sơ) for benchmarks and demos,
// and the few raw statements the dossier benchmark measures against.
//
// SeedDossiers writes `count` dossiers spread over the most recent working
// days before `last_day`, as if they had arrived one by one: online, postal
// and desk dossiers of the given procedures and receiving agencies, mostly
// accepted (with a code, reception time, due time and the receiving desk
// officer) and some still waiting for the desk (submitted, no code). Each
// gets its component files and its history rows. Codes follow the real
// format (domain/dossier/dossier_code.hpp) and take their numbers from
// dossier_sequences in the same transaction, so the sequences stay
// consistent, later seeds continue them, and a live server keeps numbering
// after them.
//
// The rows are a pure function of the options (the catalog, the calendar,
// `last_day`, `seed`): the same options give the same dossiers, in the same
// id order, on SQLite and PostgreSQL. Rows go in with multi-row INSERTs of
// bound parameters, history and files with INSERT ... SELECT on the server,
// in transactions of about `rows_per_transaction` dossiers.
//
// Accepted dossiers also get a place in their internal process (see
// DossierSeedOptions::officers): step, step_agency, step_role, assignee,
// step_started_at, step_due_at, and every row its applicant_name_key
// (FoldForSearch of the name), as DossierStore writes them.
//
// Not thread-safe with itself (one seed at a time); safe beside a running
// server, which only ever numbers today's dossiers (seeded days end before
// today by default).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/calendar/working_calendar.hpp"
#include "store/database.hpp"

namespace motcua::store {

// One step of the process a seeded dossier follows (the procedure's process
// in force for version 0: domain::DefaultProcess).
struct SeedStep {
  std::string role;         // domain::RoleKey: desk_officer, specialist, leader
  std::string agency_code;  // '' = the receiving agency
  double days = 0;          // working days of the step
};

// One procedure the seed may use, with what a dossier of it carries.
struct SeedProcedure {
  std::string code;
  std::string name;
  double processing_days = 0;  // working days, for the due time
  bool online = false;         // accepts online submission
  bool postal = false;         // accepts postal submission
  int weight = 1;              // relative frequency (e.g. popularity + 5)
  // Components that get a file (index into the procedure's components, name).
  std::vector<std::pair<int, std::string>> files;
  // The steps of its process; empty: accepted dossiers wait at step 0 (the
  // receiving desk's step), as after migration 6.
  std::vector<SeedStep> steps;
};

// An officer account the seed creates (if absent) and assigns dossiers to.
struct SeedOfficer {
  std::string username;
  std::string full_name;
  std::string role;         // domain::RoleKey
  std::string agency_code;  // the officer's agency (scope root)
};

// A receiving agency and its share of the dossiers.
struct SeedAgency {
  std::string code;
  double share = 1;                 // relative share of all dossiers
  std::string desk_officer;         // username recorded as received_by
  std::vector<int> procedures;      // indices into DossierSeedOptions::procedures
};

struct DossierSeedOptions {
  std::int64_t count = 0;
  std::vector<SeedProcedure> procedures;
  std::vector<SeedAgency> agencies;
  Date last_day{};  // newest reception day; the seed goes back from it
  int days = 0;     // working days to spread over; 0: max(20, ceil(count / 4000))
  // The stored sample file every seeded file row points at (content address).
  std::string file_sha256;
  std::int64_t file_size = 0;
  std::uint64_t seed = 20251125;
  // Handling state of accepted dossiers. Each is at one step of its
  // procedure's `steps` (about 25/45/20/10 % over a 4-step process), with
  // step_agency, step_role and step_started_at of that step, and assigned to
  // one of `officers` with that agency and role (unassigned: 40 % at the
  // first step, 15 % later, and whenever no officer fits). Due times are
  // spread around `due_reference` (a time near the benchmark, e.g. the
  // start of the day after last_day) rather than derived from the age of
  // the dossier, so that a large backlog is mostly on time: about 3 % are
  // past due, 4 % due one to two days after it (due soon on the day of
  // the benchmark) and the rest 3 to 41 days after it;
  // step_due_at is the step's share of the processing time before due_at.
  std::vector<SeedOfficer> officers;
  // Stored as every seeded officer's password hash (a precomputed one: the
  // accounts are for benchmarks). Required when `officers` is not empty.
  std::string officer_password_hash;
  // Zero: the start of the day after last_day (Vietnam time).
  Timestamp due_reference{};
  int rows_per_statement = 400;
  int rows_per_transaction = 50000;
  // Called after each committed transaction with (written, count).
  std::function<void(std::int64_t, std::int64_t)> progress;
};

struct DossierSeedSummary {
  std::int64_t dossiers = 0;
  std::int64_t accepted = 0;
  std::int64_t submitted = 0;
  std::int64_t files = 0;
  std::int64_t events = 0;
  std::int64_t officers_created = 0;
  std::int64_t assigned = 0;  // accepted dossiers with an assignee
  int days = 0;
  Date first_day{};
  Date last_day{};
};

// Writes the dossiers; `calendar` decides working days and due times.
// Errors: kInvalidArgument for empty or inconsistent options (no agencies,
// an agency without procedures, a bad index, no working days);
// kFailedPrecondition if an agency's daily sequence would pass 9999 (seed
// over more days); storage errors (kUnavailable, kInternal). Transactions
// committed before an error stay.
Result<DossierSeedSummary> SeedDossiers(Database& db, const domain::WorkingCalendar& calendar,
                                        const DossierSeedOptions& options);

// --- benchmark helpers ---------------------------------------------------------

// The minimum row a durable online submission stores: one dossiers row with
// every column a real submission fills, in its own committed transaction.
// Rows are marked with kRawInsertNote so that DeleteRawInserts can remove
// them. Errors: storage errors (kConflict for an unknown procedure or agency).
inline constexpr const char* kRawInsertNote = "motcua bench raw-insert";
struct RawDossierRow {
  std::string procedure_code;
  std::string procedure_name;
  std::string agency_code;
  std::string applicant_name;
  std::string applicant_id_number;
  std::string applicant_phone;
  std::string created_at;  // FormatTimestamp
};
Status InsertRawDossier(Database& db, const RawDossierRow& row);

// Deletes the rows InsertRawDossier wrote; returns how many.
Result<std::int64_t> DeleteRawInserts(Database& db);

// How many dossiers the database holds (`seed dossiers --if-empty`).
Result<std::int64_t> CountDossiers(Database& db);

// What is stored for dossiers with id > after_id.
struct StoredDossiers {
  std::int64_t dossiers = 0;
  std::int64_t file_rows = 0;
  std::int64_t max_id = 0;  // over the whole table
  std::vector<std::pair<std::string, std::int64_t>> files;  // (sha256, size) of those file rows
};
Result<StoredDossiers> CountStoredDossiers(Database& db, std::int64_t after_id);

// Up to `limit` dossier codes spread over the whole table (every k-th coded
// dossier by id), for lookups. Errors: storage errors.
Result<std::vector<std::string>> SampleDossierCodes(Database& db, int limit);

// The query plan of an officer's worklist page (the statement
// DossierStore::List runs for `agencies`, `status` when not empty, newest
// first, `limit` rows, keyset `after_id` when > 0), and the time of running
// it `runs` times:
// EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.
struct WorklistPlan {
  std::string sql;
  std::vector<std::string> plan;
  std::vector<double> run_ms;  // one per run, in order
};
Result<WorklistPlan> ExplainWorklist(Database& db, const std::vector<std::string>& agencies,
                                     const std::string& status, std::int64_t after_id, int limit, int runs);

}  // namespace motcua::store
