#pragma once
// Feedback and petitions (phản ánh, kiến nghị) over HTTP: the JSON API under
// /api/v1/feedback and the pages /phan-anh-kien-nghi (public form, published
// answers, the sender's follow-up with their token) and /can-bo/phan-anh
// (officers: their agency's items with due status, one form per action).
// Thin adapters over app::FeedbackService; 503 when it is not configured.
//
// Public writes (submission, the sender's rating) need no login. On pages
// they carry the session's CSRF token when the sender is signed in, and are
// refused when a browser marks them `Sec-Fetch-Site: cross-site`. The API
// takes a bearer token when one is sent; a session cookie alone counts as
// anonymous there (no CSRF exposure). Officers' writes need a bearer token,
// or the cookie with the CSRF token (pages: `csrf_token`, scripts:
// `X-CSRF-Token`). Thread-safe: handlers keep no state between requests.

#include "web/http.hpp"
#include "web/router.hpp"
#include "web/web_context.hpp"

namespace motcua::web {

class FeedbackHandlers {
 public:
  explicit FeedbackHandlers(WebContext& ctx) : ctx_(ctx) {}

  // POST /api/v1/feedback → 201 {code, status, agency_code, due_at, token, follow_up_url}; 400 with field errors.
  Response ApiSubmit(Request& req);
  // GET /api/v1/feedback: published items (redacted) for the public; with a
  // bearer token of an officer, the items of their scope
  // (?status=&overdue=true&q=&after=&limit=). → {items, next_after}.
  Response ApiList(Request& req);
  // GET /api/v1/feedback/{code}[?token=]: as the caller may see it; 404 otherwise.
  Response ApiGet(Request& req);
  // POST /api/v1/feedback/{code}/answer {version, answer}
  // POST /api/v1/feedback/{code}/publish {version, title?, content?, answer?}
  // POST /api/v1/feedback/{code}/actions {action: take_up|close|conclude, version, reason?, note?, upheld?}
  Response ApiAnswer(Request& req);
  Response ApiPublish(Request& req);
  Response ApiAct(Request& req);
  // POST /api/v1/feedback/{code}/rating {token, value, comment?} (the sender, once).
  Response ApiRate(Request& req);

  // GET and POST /phan-anh-kien-nghi: the form and the published answers (?q=&after=).
  Response PublicPage(Request& req);
  Response SubmitForm(Request& req);
  // GET /phan-anh-kien-nghi/{code}[?token=]: the published view, or the
  // sender's status and rating form. POST …/danh-gia: the rating.
  Response ViewPage(Request& req);
  Response RateForm(Request& req);
  // GET /can-bo/phan-anh[?status=&qua-han=1]: the officer's list.
  // GET /can-bo/phan-anh/{code}: one item with its forms.
  // POST /can-bo/phan-anh/{code}/{action}: take_up, answer, close, conclude, publish.
  Response OfficerList(Request& req);
  Response OfficerView(Request& req);
  Response OfficerAct(Request& req);

 private:
  Response Act(Request& req, const std::string& fixed_action);
  WebContext& ctx_;
};

// Adds the feedback routes to the table.
void AddFeedbackRoutes(Router& router, WebContext& ctx);

}  // namespace motcua::web
