#pragma once
// Ports of the report use cases: the rollups kept by storage, the weights
// of the QĐ 766 groups, the dossiers behind a figure, and the feedback counts.

#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_event.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "domain/reporting/indicators.hpp"

namespace motcua::app {

enum class RollupGrouping { kNone, kAgency, kProcedure, kOfficer, kMonth, kDay };

struct RollupSelection {
  std::vector<std::string> agencies;  // rollup keys: an agency counts its whole subtree; "" = the province
  std::string procedure;              // "" = all procedures (ignored when grouping by procedure)
  RollupGrouping by = RollupGrouping::kNone;
  Date from{}, to{};                  // inclusive, Vietnam's calendar
};

// One summed counter. `agency` is the selection's agency; `group` the
// procedure or officer code when grouped by them, or the period (yyyymm or
// yyyymmdd) as text when grouped by month or day; else empty.
struct RollupSum {
  std::string agency;
  std::string group;
  std::string metric;
  std::string channel;
  long long value = 0;
};

struct OpenFigures {
  long long before_today = 0;  // in handling, past their due day
  long long from_today = 0;    // in handling, due today or later
  long long paused = 0;
};

// Which dossiers a figure counts, for drill-down.
struct DrillQuery {
  std::vector<std::string> agencies;  // receiving agencies (the whole subtree, listed); none = all
  std::string procedure;
  std::string figure;  // received, received_online, ..., resolved_late, open_overdue, paused, rated_dissatisfied
  Timestamp from{}, to{};  // [from, to)
  Timestamp now{};
  std::int64_t after_id = 0;  // keyset: ids below it (newest first); 0 = from the top
  int limit = 50;
};
struct DrillRow {
  std::int64_t id = 0;
  std::string code;
  std::string procedure_code;
  std::string procedure_name;
  std::string agency_code;
  std::string channel;
  std::string status;
  std::optional<Timestamp> received_at;
  std::optional<Timestamp> due_at;
  std::optional<Timestamp> completed_at;
  std::string outcome;
};

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  // Snapshot counters ("open", "paused") are left out; see Open().
  virtual Result<std::vector<RollupSum>> Sum(const RollupSelection& selection) = 0;
  virtual Result<OpenFigures> Open(const std::string& agency, const std::string& procedure, Date today) = 0;
  virtual Result<std::vector<domain::IndicatorWeights>> Weights() = 0;
  // Errors: kInvalidArgument (not 100, negative, in the past).
  virtual Status SaveWeights(const domain::IndicatorWeights& weights, const std::string& note,
                             const AuditEvent& audit) = 0;
  // Stored Thông tư 01/2018 scoring rules, oldest first (none: the circular's own).
  virtual Result<std::vector<domain::ScoringRules>> ScoringRulesVersions() = 0;
  // Errors: kInvalidArgument (see domain::CheckScoringRules).
  virtual Status SaveScoringRules(const domain::ScoringRules& rules, const std::string& note,
                                  const AuditEvent& audit) = 0;
  // Errors: kInvalidArgument for an unknown figure.
  virtual Result<std::vector<DrillRow>> Dossiers(const DrillQuery& query) = 0;
};

// Feedback figures for index 8 and the QĐ 766 satisfaction group, from the
// feedback module; a source that knows no feedback returns zeros.
class FeedbackFiguresSource {
 public:
  virtual ~FeedbackFiguresSource() = default;
  virtual Result<domain::FeedbackFigures> Figures(const std::vector<std::string>& agencies, Timestamp from,
                                                  Timestamp to) = 0;
};

}  // namespace motcua::app
