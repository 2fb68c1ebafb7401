#include "web/feedback_handlers.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "web/account_handlers.hpp"
#include "web/auth.hpp"
#include "web/error_mapping.hpp"
#include "web/feedback_json.hpp"

namespace motcua::web {
namespace {

using nlohmann::json;
using namespace motcua::domain;

Error Unavailable() {
  return {ErrorCode::kUnavailable, "Chức năng phản ánh, kiến nghị tạm thời không sẵn sàng.",
          "WebContext::feedback is not set", {}};
}

std::string Text(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<json> Body(const Request& req) {
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) return Fail(BadRequest("Nội dung yêu cầu phải là một đối tượng JSON."));
  return body;
}

Result<int> Version(const json& body) {
  auto v = body.find("version");
  if (v == body.end() || !v->is_number_integer()) {
    return Fail(BadRequest("Cần gửi kèm \"version\" của phản ánh, kiến nghị đã xem.", "version"));
  }
  return v->get<int>();
}

}  // namespace

Response FeedbackHandlers::ApiSubmit(Request& req) {
  if (!ctx_.feedback) return ProblemResponse(Unavailable(), req.request_id);
  Error auth_error;
  auto who = OptionalBearer(ctx_, req, &auth_error);
  if (!who && !req.Header("authorization").empty()) return ProblemResponse(auth_error, req.request_id);
  auto body = Body(req);
  if (!body) return ProblemResponse(body.error(), req.request_id);
  FeedbackInput in;
  in.kind = Text(*body, "kind");
  in.procedure_code = Text(*body, "procedure_code");
  in.dossier_code = Text(*body, "dossier_code");
  in.agency_code = Text(*body, "agency_code");
  in.title = Text(*body, "title");
  in.content = Text(*body, "content");
  if (auto sender = body->find("sender"); sender != body->end() && sender->is_object()) {
    in.sender_name = Text(*sender, "name");
    in.sender_phone = Text(*sender, "phone");
    in.sender_email = Text(*sender, "email");
  }
  if (auto consent = body->find("consent_to_publish"); consent != body->end()) {
    if (!consent->is_boolean()) {
      return ProblemResponse(BadRequest("\"consent_to_publish\" phải là true hoặc false.", "consent_to_publish"),
                             req.request_id);
    }
    in.consent_to_publish = consent->get<bool>();
  }
  auto submitted = ctx_.feedback->Submit(who ? &*who : nullptr, in, req.request_id);
  if (!submitted) return ProblemResponse(submitted.error(), req.request_id);
  auto index = ctx_.catalog.Snapshot();
  json out = FeedbackJson(submitted->feedback, app::FeedbackAccess::kSender, index ? index->get() : nullptr,
                          ctx_.feedback->clock().Now());
  out["token"] = submitted->token;
  out["follow_up_url"] = ctx_.public_url + "/phan-anh-kien-nghi/" + submitted->feedback.code + "?token=" +
                         UrlEncode(submitted->token);
  Response r = Response::Json(out.dump(), 201);
  r.headers.emplace_back("Location", "/api/v1/feedback/" + submitted->feedback.code);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response FeedbackHandlers::ApiList(Request& req) {
  if (!ctx_.feedback) return ProblemResponse(Unavailable(), req.request_id);
  Error auth_error;
  auto who = OptionalBearer(ctx_, req, &auth_error);
  if (!who && !req.Header("authorization").empty()) return ProblemResponse(auth_error, req.request_id);
  bool officer = who && IsOfficer(who->user.role);
  auto q = FeedbackQueryFrom(req, officer);
  if (!q) return ProblemResponse(q.error(), req.request_id);
  Timestamp now = ctx_.feedback->clock().Now();
  if (officer) {
    std::string overdue = req.Query("overdue");
    if (overdue == "true" || overdue == "1") {
      q->overdue_at = now;
    } else if (!overdue.empty() && overdue != "false" && overdue != "0") {
      return ProblemResponse(BadRequest("overdue phải là true hoặc false.", "overdue"), req.request_id);
    }
  }
  auto items = officer ? ctx_.feedback->ListForOfficer(*who, *q) : ctx_.feedback->ListPublished(*q);
  if (!items) return ProblemResponse(items.error(), req.request_id);
  auto index = ctx_.catalog.Snapshot();
  json list = json::array();
  for (const auto& f : *items) {
    list.push_back(FeedbackJson(f, officer ? app::FeedbackAccess::kOfficer : app::FeedbackAccess::kPublic,
                                index ? index->get() : nullptr, now));
  }
  json out = {{"items", list}, {"next_after", nullptr}};
  if (static_cast<int>(items->size()) == q->limit) out["next_after"] = std::to_string(items->back().id);
  Response r = Response::Json(out.dump());
  if (who) r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

Response FeedbackHandlers::ApiGet(Request& req) {
  if (!ctx_.feedback) return ProblemResponse(Unavailable(), req.request_id);
  Error auth_error;
  auto who = OptionalBearer(ctx_, req, &auth_error);
  if (!who && !req.Header("authorization").empty()) return ProblemResponse(auth_error, req.request_id);
  auto view = ctx_.feedback->View(who ? &*who : nullptr, req.params["code"], req.Query("token"));
  if (!view) return ProblemResponse(view.error(), req.request_id);
  auto index = ctx_.catalog.Snapshot();
  json out = FeedbackJson(view->feedback, view->access, index ? index->get() : nullptr, ctx_.feedback->clock().Now());
  out["may_act"] = view->may_act;
  Response r = Response::Json(out.dump());
  if (view->access != app::FeedbackAccess::kPublic) r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

Response FeedbackHandlers::Act(Request& req, const std::string& fixed_action) {
  if (!ctx_.feedback) return ProblemResponse(Unavailable(), req.request_id);
  auto who = AuthenticateWrite(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto body = Body(req);
  if (!body) return ProblemResponse(body.error(), req.request_id);
  auto version = Version(*body);
  if (!version) return ProblemResponse(version.error(), req.request_id);
  app::FeedbackAction a;
  a.action = fixed_action.empty() ? Text(*body, "action") : fixed_action;
  if (!fixed_action.empty() || a.action == "answer" || a.action == "publish") a.answer = Text(*body, "answer");
  if (fixed_action.empty() && (a.action == "answer" || a.action == "publish")) {
    return ProblemResponse(BadRequest("Dùng /answer hoặc /publish cho thao tác này.", "action"), req.request_id);
  }
  a.version = *version;
  a.reason = Text(*body, "reason");
  a.note = Text(*body, "note");
  a.title = Text(*body, "title");
  a.content = Text(*body, "content");
  if (auto upheld = body->find("upheld"); upheld != body->end()) {
    if (!upheld->is_boolean()) {
      return ProblemResponse(BadRequest("\"upheld\" phải là true hoặc false.", "upheld"), req.request_id);
    }
    a.upheld = upheld->get<bool>();
  }
  auto done = ctx_.feedback->Act(*who, req.params["code"], a, req.request_id);
  if (!done) return ProblemResponse(done.error(), req.request_id);
  auto index = ctx_.catalog.Snapshot();
  json out = FeedbackJson(*done, app::FeedbackAccess::kOfficer, index ? index->get() : nullptr,
                          ctx_.feedback->clock().Now());
  Response r = Response::Json(out.dump());
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

Response FeedbackHandlers::ApiAnswer(Request& req) { return Act(req, "answer"); }
Response FeedbackHandlers::ApiPublish(Request& req) { return Act(req, "publish"); }
Response FeedbackHandlers::ApiAct(Request& req) { return Act(req, ""); }

Response FeedbackHandlers::ApiRate(Request& req) {
  if (!ctx_.feedback) return ProblemResponse(Unavailable(), req.request_id);
  auto body = Body(req);
  if (!body) return ProblemResponse(body.error(), req.request_id);
  std::string token = Text(*body, "token");
  if (token.empty()) token = req.Query("token");
  auto rated = ctx_.feedback->Rate(req.params["code"], token, Text(*body, "value"), Text(*body, "comment"),
                                   req.request_id);
  if (!rated) return ProblemResponse(rated.error(), req.request_id);
  auto index = ctx_.catalog.Snapshot();
  Response r = Response::Json(
      FeedbackJson(*rated, app::FeedbackAccess::kSender, index ? index->get() : nullptr, ctx_.feedback->clock().Now())
          .dump());
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

void AddFeedbackRoutes(Router& router, WebContext& ctx) {
  auto h = std::make_shared<FeedbackHandlers>(ctx);
  auto bind = [h](Response (FeedbackHandlers::*fn)(Request&)) {
    return [h, fn](Request& req) { return ((*h).*fn)(req); };
  };
  router.Add("POST", "/api/v1/feedback", bind(&FeedbackHandlers::ApiSubmit));
  router.Add("GET", "/api/v1/feedback", bind(&FeedbackHandlers::ApiList));
  router.Add("GET", "/api/v1/feedback/{code}", bind(&FeedbackHandlers::ApiGet));
  router.Add("POST", "/api/v1/feedback/{code}/answer", bind(&FeedbackHandlers::ApiAnswer));
  router.Add("POST", "/api/v1/feedback/{code}/publish", bind(&FeedbackHandlers::ApiPublish));
  router.Add("POST", "/api/v1/feedback/{code}/actions", bind(&FeedbackHandlers::ApiAct));
  router.Add("POST", "/api/v1/feedback/{code}/rating", bind(&FeedbackHandlers::ApiRate));

  router.Add("GET", "/phan-anh-kien-nghi", bind(&FeedbackHandlers::PublicPage));
  router.Add("POST", "/phan-anh-kien-nghi", bind(&FeedbackHandlers::SubmitForm));
  router.Add("GET", "/phan-anh-kien-nghi/{code}", bind(&FeedbackHandlers::ViewPage));
  router.Add("POST", "/phan-anh-kien-nghi/{code}/danh-gia", bind(&FeedbackHandlers::RateForm));
  router.Add("GET", "/can-bo/phan-anh", bind(&FeedbackHandlers::OfficerList));
  router.Add("GET", "/can-bo/phan-anh/{code}", bind(&FeedbackHandlers::OfficerView));
  router.Add("POST", "/can-bo/phan-anh/{code}/{action}", bind(&FeedbackHandlers::OfficerAct));
}

}  // namespace motcua::web
