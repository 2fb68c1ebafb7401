#include "web/routes.hpp"

#include "web/account_handlers.hpp"
#include "web/calendar_handlers.hpp"
#include "web/catalog_handlers.hpp"
#include "web/dossier_handlers.hpp"
#include "web/feedback_handlers.hpp"
#include "web/handling_handlers.hpp"
#include "web/handling_pages.hpp"
#include "web/report_handlers.hpp"
#include "web/report_pages.hpp"
#include "web/rating_handlers.hpp"
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
  auto accounts = std::make_shared<AccountHandlers>(ctx);
  auto bind = [](auto handlers, Response (CatalogHandlers::*fn)(Request&)) {
    return [handlers, fn](Request& req) { return ((*handlers).*fn)(req); };
  };
  auto account = [accounts](Response (AccountHandlers::*fn)(Request&)) {
    return [accounts, fn](Request& req) { return ((*accounts).*fn)(req); };
  };
  // Pages whose handlers don't resolve the user: the header still shows who is signed in.
  auto viewer = [&ctx](Handler page) { return WithViewer(ctx, std::move(page)); };

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
  router->Add("PUT", "/api/v1/calendar/overrides/{date}", [calendar](Request& req) { return calendar->ApiPutOverride(req); });
  router->Add("DELETE", "/api/v1/calendar/overrides/{date}", [calendar](Request& req) { return calendar->ApiDeleteOverride(req); });
  router->Add("POST", "/api/v1/auth/register", account(&AccountHandlers::ApiRegister));
  router->Add("POST", "/api/v1/auth/login", account(&AccountHandlers::ApiLogin));
  router->Add("POST", "/api/v1/auth/logout", account(&AccountHandlers::ApiLogout));
  router->Add("POST", "/api/v1/auth/password", account(&AccountHandlers::ApiChangePassword));
  router->Add("GET", "/api/v1/me", account(&AccountHandlers::ApiMe));

  // Portal pages.
  router->Add("GET", "/", viewer(bind(catalog, &CatalogHandlers::HomePage)));
  router->Add("GET", "/thu-tuc", viewer(bind(catalog, &CatalogHandlers::SearchPage)));
  router->Add("GET", "/thu-tuc/{code}", viewer(bind(catalog, &CatalogHandlers::ProcedurePage)));
  router->Add("GET", "/co-quan", viewer(bind(catalog, &CatalogHandlers::AgenciesPage)));
  router->Add("GET", "/lich-lam-viec", viewer([calendar](Request& req) { return calendar->CalendarPage(req); }));

  // Administration (quản trị): the working-day calendar.
  router->Add("GET", "/quan-tri/lich-lam-viec", viewer([calendar](Request& req) { return calendar->AdminPage(req); }));
  router->Add("POST", "/quan-tri/lich-lam-viec/ngay", viewer([calendar](Request& req) { return calendar->AdminSetDay(req); }));
  router->Add("POST", "/quan-tri/lich-lam-viec/ngay/xoa", viewer([calendar](Request& req) { return calendar->AdminClearDay(req); }));
  router->Add("POST", "/quan-tri/lich-lam-viec/gio-lam-viec", viewer([calendar](Request& req) { return calendar->AdminSetHours(req); }));

  // Account pages (tài khoản).
  router->Add("GET", "/dang-ky", viewer(account(&AccountHandlers::RegisterPage)));
  router->Add("POST", "/dang-ky", viewer(account(&AccountHandlers::RegisterSubmit)));
  router->Add("GET", "/dang-nhap", account(&AccountHandlers::LoginPage));
  router->Add("POST", "/dang-nhap", account(&AccountHandlers::LoginSubmit));
  router->Add("POST", "/dang-xuat", account(&AccountHandlers::LogoutSubmit));
  router->Add("GET", "/tai-khoan", account(&AccountHandlers::AccountPage));
  router->Add("POST", "/tai-khoan/mat-khau", account(&AccountHandlers::ChangePasswordSubmit));

  // Dossiers: API, tracking.
  // Before the dossier routes: its action endpoint covers the reception actions too.
  AddHandlingRoutes(*router, ctx);
  AddHandlingPageRoutes(*router, ctx);
  // Satisfaction ratings (API, pages, desk kiosks).
  AddRatingRoutes(*router, ctx);
  AddDossierRoutes(*router, ctx);
  // Feedback and petitions (phản ánh, kiến nghị): API, public and officers' pages.
  AddFeedbackRoutes(*router, ctx);
  AddReportRoutes(*router, ctx);
  AddReportPages(*router, ctx);
  return router;
}

}  // namespace motcua::web
