#pragma once
// Reports and indicators (rules.md §7–§8; issue 6): summaries of any agency
// subtree and period, the Thông tư 01/2018 indices and scores, officers'
// scores, the QĐ 766 groups, trends, per-procedure year-to-date figures and
// the dossiers behind a figure. Every page, API answer and export is built
// from these results, so their numbers are the same.
//
// Aggregate figures are public (transparency, Thông tư 32/2017); officers'
// scores and the dossiers behind a figure are for supervisors, leaders and
// administrators within their agency subtree.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/account_service.hpp"
#include "app/accounts/ports.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/ports/clock.hpp"
#include "app/reports/ports.hpp"
#include "domain/reporting/indicators.hpp"
#include "domain/reporting/period.hpp"

namespace motcua::app {

struct ReportRow {
  std::string key;    // agency or procedure code, or the period key
  std::string label;  // its Vietnamese name
  domain::ReportSummary summary;
};

struct SummaryReport {
  std::string agency;  // "" = the whole province
  std::string agency_name;
  domain::ReportPeriod period;
  Date as_of{};  // the day "in progress" figures are counted on
  domain::ReportSummary total;
  std::vector<ReportRow> rows;  // by the requested grouping; empty for none
};

struct IndicatorsReport {
  std::string agency;
  std::string agency_name;
  domain::ReportPeriod period;
  domain::ReportSummary summary;
  domain::IndicatorReport indices;
  domain::Qd766Report qd766;
  domain::IndicatorWeights weights;
  domain::ScoringRules rules;  // in force on the period's last day
};

struct OfficerReportRow {
  domain::OfficerScoreRow score;
  std::string full_name;
  std::string agency_code;
};
struct OfficersReport {
  std::string agency;
  std::string agency_name;
  domain::ReportPeriod period;
  std::vector<OfficerReportRow> rows;  // best score first
  domain::ScoringRules rules;          // in force on the period's last day
};

// Thông tư 32/2017: figures shown on each procedure's page.
struct ProcedureYearStats {
  domain::ReportPeriod period;
  long long online_received = 0;
  long long online_resolved = 0;
  long long received = 0;
  long long resolved = 0;
  domain::Rate on_time;
  domain::Rate satisfaction;
};

struct TrendPoint {
  domain::ReportPeriod month;
  domain::ReportSummary summary;
};

enum class ReportGrouping { kNone, kAgency, kProcedure, kMonth, kDay };
std::optional<ReportGrouping> ParseReportGrouping(std::string_view key);  // "", "agency", "procedure", "month", "day"

class ReportService {
 public:
  ReportService(ReportRepository& reports, CatalogService& catalog, FeedbackFiguresSource& feedback,
                AccountRepository& users, const Clock& clock);

  // Errors: kNotFound (unknown agency), kInvalidArgument (grouping by day over more than 366 days).
  Result<SummaryReport> Summary(const std::string& agency, const domain::ReportPeriod& period,
                                ReportGrouping grouping);
  Result<IndicatorsReport> Indicators(const std::string& agency, const domain::ReportPeriod& period);
  // Errors: kUnauthenticated, kForbidden (role), kNotFound (agency out of scope).
  Result<OfficersReport> Officers(const Principal* who, const std::string& agency, const domain::ReportPeriod& period);
  Result<std::vector<TrendPoint>> Trend(const std::string& agency);
  Result<ProcedureYearStats> ProcedureYear(const std::string& procedure_code);
  Result<std::vector<DrillRow>> Drill(const Principal* who, const std::string& agency, const std::string& figure,
                                      const std::string& procedure, const domain::ReportPeriod& period,
                                      std::int64_t after_id);

  Result<std::vector<domain::IndicatorWeights>> Weights();
  // System administrators and supervisors; effective from today or later.
  Status SetWeights(const Principal* who, domain::IndicatorWeights weights, const std::string& note,
                    const std::string& request_id);

  // Stored scoring rules, oldest first (the circular's own rules apply before the first).
  Result<std::vector<domain::ScoringRules>> ScoringRulesVersions();
  // System administrators and supervisors; effective from today or later.
  // Errors: kUnauthenticated, kForbidden, kInvalidArgument (past date, incoherent rules).
  Status SetScoringRules(const Principal* who, const domain::ScoringRules& rules, const std::string& note,
                         const std::string& request_id);

  // Whether `who` may see officers' scores and drill-downs for `agency`.
  bool MaySupervise(const Principal* who, const std::string& agency);
  // The direct children of `agency` ("" = the top-level agencies), for drill-down links.
  Result<std::vector<std::pair<std::string, std::string>>> Children(const std::string& agency);
  Date Today() const;

 private:
  Result<std::shared_ptr<const domain::CatalogIndex>> Index();
  Result<domain::ScoringRules> RulesOn(Date day);
  Result<std::string> AgencyName(const domain::CatalogIndex& index, const std::string& agency);
  Result<domain::ReportSummary> SummaryOf(const domain::CatalogIndex& index, const std::string& agency,
                                          const std::string& procedure, const domain::ReportPeriod& period,
                                          const domain::Counters& counters);
  domain::CatalogFigures CatalogOf(const domain::CatalogIndex& index, const std::string& agency);

  ReportRepository& reports_;
  CatalogService& catalog_;
  FeedbackFiguresSource& feedback_;
  AccountRepository& users_;
  const Clock& clock_;
};

// Parses the `period` or `from`/`to` parameters of a report request; the
// current month when both are empty. Errors: kInvalidArgument with a field error.
Result<domain::ReportPeriod> ReportPeriodFrom(const std::string& period, const std::string& from,
                                              const std::string& to, Date today);

}  // namespace motcua::app
