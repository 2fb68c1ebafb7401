#pragma once
// Handlers of the public catalog: JSON API under /api/v1 and portal pages.
// Thin adapters over app::CatalogService.

#include "web/http.hpp"
#include "web/response_cache.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

class CatalogHandlers {
 public:
  explicit CatalogHandlers(WebContext& ctx) : ctx_(ctx) {}

  Response ApiListProcedures(Request& req);
  Response ApiGetProcedure(Request& req);
  Response ApiAgencies(Request& req);
  Response ApiFields(Request& req);

  Response HomePage(Request& req);
  Response SearchPage(Request& req);
  Response ProcedurePage(Request& req);
  Response AgenciesPage(Request& req);

 private:
  WebContext& ctx_;
  ResponseCache cache_;
};

// Renders an error as an HTML page with the Vietnamese message.
Response ErrorPage(const Error& error, const Request& req, const std::string& portal_name);

}  // namespace motcua::web
