#include "web/routes.hpp"

#include "web/calendar_handlers.hpp"
#include "web/catalog_handlers.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

std::string ContentTypeFor(const std::string& path) {
  auto ends = [&](const char* ext) {
    std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  return "application/octet-stream";
}

Response StaticFile(Request& req) {
  const auto& files = EmbeddedFiles();
  auto it = files.find("static/" + req.params["file"]);
  if (it == files.end()) {
    return Response::Text("Không tìm thấy tệp.", "text/plain; charset=utf-8", 404);
  }
  Response r = Response::Text(std::string(it->second), ContentTypeFor(it->first));
  r.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return r;
}

}  // namespace

std::unique_ptr<Router> BuildRoutes(WebContext& ctx) {
  auto router = std::make_unique<Router>();
  // Handlers are owned by the router's closures.
  auto catalog = std::make_shared<CatalogHandlers>(ctx);
  auto calendar = std::make_shared<CalendarHandlers>(ctx);
  auto bind = [](auto handlers, Response (CatalogHandlers::*fn)(Request&)) {
    return [handlers, fn](Request& req) { return ((*handlers).*fn)(req); };
  };

  // Operations.
  router->Add("GET", "/healthz", [](Request&) { return Response::Json(R"({"status":"ok"})"); });
  router->Add("GET", "/metrics", [&ctx](Request&) {
    return Response::Text(ctx.metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  router->Add("GET", "/static/{file}", StaticFile);

  // JSON API.
  router->Add("GET", "/api/v1/procedures", bind(catalog, &CatalogHandlers::ApiListProcedures));
  router->Add("GET", "/api/v1/procedures/{code}", bind(catalog, &CatalogHandlers::ApiGetProcedure));
  router->Add("GET", "/api/v1/agencies", bind(catalog, &CatalogHandlers::ApiAgencies));
  router->Add("GET", "/api/v1/fields", bind(catalog, &CatalogHandlers::ApiFields));
  router->Add("GET", "/api/v1/calendar/holidays", [calendar](Request& req) { return calendar->ApiHolidays(req); });
  router->Add("GET", "/api/v1/calendar/due", [calendar](Request& req) { return calendar->ApiDue(req); });

  // Portal pages.
  router->Add("GET", "/", bind(catalog, &CatalogHandlers::HomePage));
  router->Add("GET", "/thu-tuc", bind(catalog, &CatalogHandlers::SearchPage));
  router->Add("GET", "/thu-tuc/{code}", bind(catalog, &CatalogHandlers::ProcedurePage));
  router->Add("GET", "/co-quan", bind(catalog, &CatalogHandlers::AgenciesPage));
  router->Add("GET", "/lich-lam-viec", [calendar](Request& req) { return calendar->CalendarPage(req); });
  return router;
}

}  // namespace motcua::web
