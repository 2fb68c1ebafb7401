#pragma once
// Handling API: actions on dossiers (/api/v1/dossiers/{id}/actions),
// history, control slip, result downloads, worklists and bulk assignment,
// internal processes (/api/v1/procedures/{code}/process), the register
// (Mẫu 06) as JSON, CSV or XLSX. Thin adapters over app::HandlingService.

#include "web/http.hpp"
#include "web/router.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

class HandlingHandlers {
 public:
  explicit HandlingHandlers(WebContext& ctx) : ctx_(ctx) {}

  Response ApiAct(Request& req);
  Response ApiHistory(Request& req);
  Response ApiControlSlip(Request& req);
  Response ApiResult(Request& req);
  Response ApiWorklist(Request& req);
  Response ApiCounts(Request& req);
  Response ApiBulkAssign(Request& req);
  Response ApiGetProcess(Request& req);
  Response ApiPutProcess(Request& req);
  Response ApiRegister(Request& req);

 private:
  WebContext& ctx_;
};

// Adds the handling routes to the table.
void AddHandlingRoutes(Router& router, WebContext& ctx);

// Parses worklist filters from a query string (shared with the pages).
// Errors: kInvalidArgument with the field at fault.
Result<app::WorklistQuery> WorklistQueryFrom(const Request& req);

}  // namespace motcua::web
