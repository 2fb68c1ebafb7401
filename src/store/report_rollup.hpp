#pragma once
// Report rollups (table report_rollup, migration 9), kept in the same
// transaction as every change that moves a figure: a dossier change, a
// history row, a rating or an upheld complaint. Each dossier's facts
// (domain/reporting/report_facts.hpp) are counted for its agency, every
// ancestor agency and the province (''), at day and month grain, for all
// procedures ('') and for its own; officer facts for all procedures, at
// month grain only (officers are scored by month, quarter and year).
// All functions run inside the caller's open transaction and throw soci
// errors, so a failure rolls the whole change back.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <soci/soci.h>

#include "domain/reporting/report_facts.hpp"
#include "store/database.hpp"

namespace motcua::store {

// The columns of a dossier's report view (table alias d), read into a ReportViewRow.
extern const char* const kReportViewColumns;
struct ReportViewRow {
  static constexpr int kTimes = 7;  // received, due, decided, paused, apologized, completed, returned
  long long id = 0;
  std::string agency, procedure, channel, status, return_method, outcome, decision_reason, handlers, marks;
  std::string times[kTimes];
  soci::indicator time_ind[kTimes] = {};
  int counted_late = 0, complaints = 0;
  long long files = 0, results = 0;
  void Bind(soci::statement& st);  // binds kReportViewColumns in order
  domain::DossierReportView ToView() const;
};

// The report view of one stored dossier; on PostgreSQL with `lock` the row
// is locked until the transaction ends. nullopt when there is no such row.
std::optional<domain::DossierReportView> ReadReportView(soci::session& sql, Dialect dialect, std::int64_t dossier_id,
                                                        bool lock);

// The agencies a fact of `agency` is counted for: itself, its ancestors, and "".
std::vector<std::string> RollupAgencies(soci::session& sql, const std::string& agency);

// Adds rows to report_rollup: an existing row's value grows by the row's
// value (upsert), so batches of one rebuild or change may overlap. Rows are
// buffered and written 256 to a statement, through one prepared
// statement re-executed with new values (one round trip each on
// PostgreSQL). Throws soci errors; call Finish() for the last rows.
class RollupWriter {
 public:
  explicit RollupWriter(soci::session& sql);
  ~RollupWriter();
  RollupWriter(const RollupWriter&) = delete;
  RollupWriter& operator=(const RollupWriter&) = delete;

  void Add(char grain, std::string_view agency, std::string_view procedure, std::string_view officer,
           std::string_view metric, int period, std::string_view channel, long long value);
  // Writes the rows still buffered; returns the rows written since construction.
  std::int64_t Finish();

 private:
  struct Batch;
  void WriteFull();
  soci::session& sql_;
  std::unique_ptr<Batch> batch_;
  std::int64_t written_ = 0;
};

// Rollup rows merged in memory by their full key (grain, agency, procedure,
// officer, metric, period, channel), then added to the table with upserts.
class RollupAccumulator {
 public:
  // Each fact for every agency of `agencies`, both grains, and for `procedure` too (agency facts only).
  void Add(const std::vector<std::string>& agencies, const std::string& procedure,
           const std::vector<domain::Fact>& facts);
  std::size_t size() const { return rows_.size(); }
  // Adds every non-zero row to the table and empties the accumulator; returns the rows written.
  std::int64_t Flush(soci::session& sql);

 private:
  std::unordered_map<std::string, long long> rows_;
};

// Adds `delta` (already merged, see FactDelta) for a dossier of `agency` and `procedure`.
void ApplyRollupDelta(soci::session& sql, const std::vector<std::string>& agencies, const std::string& procedure,
                      const std::vector<domain::Fact>& delta);

// Moves the rollups of one dossier from its facts as `before` (nullopt for
// a new dossier) to its facts as `after`, plus the facts of the history row
// written with the change. A dossier moved to another agency or procedure
// is subtracted there and added here.
void ApplyDossierChange(soci::session& sql, const std::optional<domain::DossierReportView>& before,
                        const domain::DossierReportView& after, const std::vector<domain::Fact>& event_facts);

// Period keys of the two grains: yyyymmdd and yyyymm.
int DayPeriod(Date day);
int MonthPeriod(Date day);

}  // namespace motcua::store
