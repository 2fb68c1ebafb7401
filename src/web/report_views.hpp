#pragma once
// Reports as JSON and as tables (CSV, XLSX, the page tables and the
// printable report), all from the same app::ReportService results and the
// same formatting, so a number reads the same everywhere.

#include <nlohmann/json.hpp>

#include "app/reports/report_service.hpp"
#include "interchange/table_export.hpp"

namespace motcua::web {

nlohmann::json RateJson(const domain::Rate& rate);
nlohmann::json SummaryJson(const domain::ReportSummary& s);
nlohmann::json SummaryReportJson(const app::SummaryReport& r);
nlohmann::json IndicatorsJson(const app::IndicatorsReport& r);
nlohmann::json OfficersJson(const app::OfficersReport& r);
// {effective_from, officer_indices, officer_full, officer_partial, agency_bands{excellent, good, fairly_good, average}}
nlohmann::json ScoringRulesJson(const domain::ScoringRules& rules);
// "Chỉ số 1, 2, 3, 4, 7 (tối đa 10 điểm)": what an officer's score is made of.
std::string OfficerScoreBasis(const domain::ScoringRules& rules);
nlohmann::json DrillJson(const std::vector<app::DrillRow>& rows);

// The figures of a summary, one column each: (key, Vietnamese header).
const std::vector<std::pair<std::string, std::string>>& SummaryColumns();
// The text of one figure as shown ("1.234", "93,5%").
std::string SummaryCell(const domain::ReportSummary& s, const std::string& key);

interchange::Table SummaryTable(const app::SummaryReport& r);
interchange::Table IndicatorsTable(const app::IndicatorsReport& r);
interchange::Table OfficersTable(const app::OfficersReport& r);

// Thousands with dots, Vietnamese style: 1234567 → "1.234.567".
std::string FormatCount(long long n);
// The Thông tư 01/2018 index names, 1..9.
const char* IndexLabel(int index);

}  // namespace motcua::web
