#pragma once
// Handlers of the public working-day calendar (lịch làm việc): the JSON API
// under /api/v1/calendar and the page /lich-lam-viec. Thin adapters over
// app::CalendarService; when WebContext::calendar is not set they answer 503.
//
// Editing the calendar needs an administrator's login, which does not exist
// yet: for now overrides and office hours are entered with `motcua calendar`.

#include "web/http.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

class CalendarHandlers {
 public:
  explicit CalendarHandlers(WebContext& ctx) : ctx_(ctx) {}

  // GET /api/v1/calendar/holidays?year=YYYY
  Response ApiHolidays(Request& req);
  // GET /api/v1/calendar/due?from=YYYY-MM-DD&days=N[&agency=CODE&time=HH:MM]
  Response ApiDue(Request& req);
  // GET /lich-lam-viec[?nam=YYYY]
  Response CalendarPage(Request& req);

 private:
  WebContext& ctx_;
};

}  // namespace motcua::web
