#pragma once
// Handlers of the working-day calendar (lịch làm việc): the JSON API under
// /api/v1/calendar, the public page /lich-lam-viec and the administrators'
// page /quan-tri/lich-lam-viec. Thin adapters over app::CalendarService, the
// same methods `motcua calendar set|clear|hours` uses, so changes are stored
// and audited the same way (the actor is the administrator's username); when
// WebContext::calendar is not set they answer 503.
//
// Editing (overrides of single dates, office hours) is for system
// administrators and agency administrators (MayEditCalendar); an agency
// administrator sets the office hours of agencies in their subtree only.
// Everyone else gets 403 and the denial is audited. Page posts carry the
// session's CSRF token; API writes use a bearer token, or the session cookie
// with the `X-CSRF-Token` header. Thread-safe: no state.

#include "domain/accounts/user.hpp"
#include "web/http.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

// True for the roles that may edit the working-day calendar.
bool MayEditCalendar(domain::Role role);

class CalendarHandlers {
 public:
  explicit CalendarHandlers(WebContext& ctx) : ctx_(ctx) {}

  // GET /api/v1/calendar/holidays?year=YYYY
  Response ApiHolidays(Request& req);
  // GET /api/v1/calendar/due?from=YYYY-MM-DD&days=N[&agency=CODE&time=HH:MM]
  Response ApiDue(Request& req);
  // PUT /api/v1/calendar/overrides/{date} {"off":bool,"note":"..."}: makes
  // the date a day off (note required) or a working day; 200 with the stored
  // override. 400 bad date or body, 401, 403 not an administrator.
  Response ApiPutOverride(Request& req);
  // DELETE /api/v1/calendar/overrides/{date}: the default policy applies
  // again; 204, or 404 when the date has no override.
  Response ApiDeleteOverride(Request& req);

  // GET /lich-lam-viec[?nam=YYYY]; administrators see a link to edit it.
  Response CalendarPage(Request& req);

  // GET /quan-tri/lich-lam-viec[?nam=YYYY]: the overrides of the year with
  // a remove button each, the form to add one, and the office hours form.
  // 303 to the login page when not logged in; 403 for other roles.
  Response AdminPage(Request& req);
  // POST /quan-tri/lich-lam-viec/ngay (date dd/mm/yyyy, kind nghi|lam-viec,
  // note): 303 back to the page; 400 re-renders it with the errors.
  Response AdminSetDay(Request& req);
  // POST /quan-tri/lich-lam-viec/ngay/xoa (date): 303 back; 404 re-renders.
  Response AdminClearDay(Request& req);
  // POST /quan-tri/lich-lam-viec/gio-lam-viec (agency, hours
  // "07:30-11:30,13:00-17:00", nam): 303 back; 400 re-renders.
  Response AdminSetHours(Request& req);

 private:
  WebContext& ctx_;
};

}  // namespace motcua::web
