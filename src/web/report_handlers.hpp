#pragma once
// Reports API (/api/v1/reports/...): summary, indicators (Thông tư 01/2018
// and QĐ 766), officers' scores, the dossiers behind a figure, the QĐ 766
// weights. JSON by default; CSV with `Accept: text/csv` or `?format=csv`,
// XLSX with `?format=xlsx`. Thin adapters over app::ReportService.

#include "web/router.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

void AddReportRoutes(Router& router, WebContext& ctx);

// The agency and period of a report request (`agency`, `period` or
// `from`/`to`), shared with the pages. Errors: kInvalidArgument.
struct ReportScope {
  std::string agency;
  domain::ReportPeriod period;
};
Result<ReportScope> ReportScopeFrom(const WebContext& ctx, const std::string& agency, const std::string& period,
                                    const std::string& from, const std::string& to);

}  // namespace motcua::web
