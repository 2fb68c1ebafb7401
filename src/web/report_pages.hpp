#pragma once
// Report pages: the public transparency page (/minh-bach), the supervisors'
// dashboard (/giam-sat/bao-cao) with drill-down to the dossiers behind each
// number (/giam-sat/bao-cao/ho-so) and a printable report
// (/giam-sat/bao-cao/in). Charts are server-side SVG with the numbers in a
// table beside them; no JavaScript needed.

#include "web/router.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

void AddReportPages(Router& router, WebContext& ctx);

}  // namespace motcua::web
