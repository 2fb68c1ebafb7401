#pragma once
// Dossier API (/api/v1/dossiers, /api/v1/tracking, /api/v1/notices) and the
// public tracking page (/tra-cuu). Thin adapters over app::DossierService.

#include "web/http.hpp"
#include "web/router.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

class DossierHandlers {
 public:
  explicit DossierHandlers(WebContext& ctx) : ctx_(ctx) {}

  Response ApiCreate(Request& req);
  Response ApiList(Request& req);
  Response ApiGet(Request& req);
  Response ApiAct(Request& req);
  Response ApiAttach(Request& req);
  Response ApiFile(Request& req);
  Response ApiForm(Request& req);
  Response ApiTracking(Request& req);
  Response ApiNotices(Request& req);
  Response TrackingPage(Request& req);

 private:
  WebContext& ctx_;
};

// Adds the dossier routes to the table.
void AddDossierRoutes(Router& router, WebContext& ctx);

}  // namespace motcua::web
