#pragma once
// ReportStore: reads the report rollups (see report_rollup.hpp), the QĐ 766
// weights, the Thông tư 01/2018 scoring rules and the dossiers behind a figure, on SQLite or PostgreSQL.
//
// A period of whole months reads month rows only; partial months at its
// edges read day rows. Either way a query touches at most a few thousand
// rows of one agency key, whatever the number of dossiers.

#include "app/reports/ports.hpp"
#include "store/database.hpp"

namespace motcua::store {

class ReportStore final : public app::ReportRepository {
 public:
  explicit ReportStore(Database& db) : db_(db) {}

  Result<std::vector<app::RollupSum>> Sum(const app::RollupSelection& selection) override;
  Result<app::OpenFigures> Open(const std::string& agency, const std::string& procedure, Date today) override;
  Result<std::vector<domain::IndicatorWeights>> Weights() override;
  Status SaveWeights(const domain::IndicatorWeights& weights, const std::string& note,
                     const app::AuditEvent& audit) override;
  Result<std::vector<domain::ScoringRules>> ScoringRulesVersions() override;
  Status SaveScoringRules(const domain::ScoringRules& rules, const std::string& note,
                          const app::AuditEvent& audit) override;
  Result<std::vector<app::DrillRow>> Dossiers(const app::DrillQuery& query) override;

 private:
  Database& db_;
};

}  // namespace motcua::store
