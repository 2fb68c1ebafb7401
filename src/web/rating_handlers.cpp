#include "web/rating_handlers.hpp"

#include <charconv>
#include <map>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "web/auth.hpp"
#include "web/catalog_handlers.hpp"
#include "web/error_mapping.hpp"
#include "web/form_errors.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using kainjow::mustache::data;
using nlohmann::json;
using namespace motcua::domain;
using Form = std::multimap<std::string, std::string>;

Error NotConfigured() {
  return {ErrorCode::kUnavailable, "Chức năng đánh giá tạm thời không sẵn sàng.", "WebContext::ratings is not set", {}};
}

Response NoStore(Response r) {
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

// Links in pages must not leak: the rating link is a capability.
Response Private(Response r) {
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return NoStore(std::move(r));
}

std::optional<std::int64_t> ParseId(const std::string& text) {
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// --- JSON ---

json RatingJson(const app::StoredRating& s, std::chrono::hours window) {
  json answers = json::object();
  for (const auto& a : s.rating.answers) answers[RatingCriterionKey(a.criterion)] = SatisfactionKey(a.value);
  json j = {{"channel", RatingChannelKey(s.rating.channel)},
            {"version", s.rating.version},
            {"answers", answers},
            {"comment", s.rating.comment},
            {"rated_at", FormatTimestamp(s.rating.rated_at)},
            {"first_rated_at", FormatTimestamp(s.first_rated_at)},
            {"editable_until", FormatTimestamp(s.first_rated_at + window)}};
  if (!s.counter.empty()) j["counter"] = s.counter;
  return j;
}

json CriteriaJson(const std::vector<RatingCriterion>& criteria) {
  json out = json::array();
  for (auto c : criteria) {
    out.push_back({{"key", RatingCriterionKey(c)},
                   {"label", RatingCriterionLabel(c)},
                   {"required", c == RatingCriterion::kOverall}});
  }
  return out;
}

// --- Forms ---

// The posted answers: every criterion key present in the form (radio
// groups not chosen are simply absent) and the comment.
app::RatingDraft DraftFromForm(const Form& form) {
  app::RatingDraft draft;
  for (RatingCriterion c : kAllRatingCriteria) {
    auto it = form.find(RatingCriterionKey(c));
    if (it != form.end()) draft.answers.emplace_back(it->first, it->second);
  }
  draft.comment = FormValue(form, "comment");
  return draft;
}

// The values to show in the form: those posted, else the current version's.
std::map<std::string, std::string> Chosen(const app::RatingForm& f, const Form* posted) {
  std::map<std::string, std::string> chosen;
  if (posted) {
    for (RatingCriterion c : kAllRatingCriteria) chosen[RatingCriterionKey(c)] = FormValue(*posted, RatingCriterionKey(c));
    chosen["comment"] = FormValue(*posted, "comment");
  } else if (f.current) {
    for (const auto& a : f.current->rating.answers) chosen[RatingCriterionKey(a.criterion)] = SatisfactionKey(a.value);
    chosen["comment"] = f.current->rating.comment;
  }
  return chosen;
}

// The criteria as radio groups; `only_optional` leaves out the overall one
// (the kiosk asks it with its big buttons).
data CriteriaData(const app::RatingForm& f, const std::map<std::string, std::string>& chosen, const Error* error,
                  const std::string& id_prefix, bool only_optional) {
  data list{data::type::list};
  for (RatingCriterion c : f.criteria) {
    bool required = c == RatingCriterion::kOverall;
    if (only_optional && required) continue;
    std::string key = RatingCriterionKey(c);
    auto it = chosen.find(key);
    std::string value = it == chosen.end() ? "" : it->second;
    data item;
    item.set("key", key);
    item.set("label", std::string(RatingCriterionLabel(c)));
    item.set("required", required);
    std::string problem = FieldErrorOf(error, key);
    if (problem.empty()) {
      item.set("error", false);
    } else {
      item.set("error", problem);
    }
    data options{data::type::list};
    for (Satisfaction s : {Satisfaction::kVerySatisfied, Satisfaction::kSatisfied, Satisfaction::kDissatisfied}) {
      data o;
      o.set("id", id_prefix + key + "-" + SatisfactionKey(s));
      o.set("name", key);
      o.set("value", std::string(SatisfactionKey(s)));
      o.set("label", std::string(SatisfactionLabel(s)));
      o.set("checked", value == SatisfactionKey(s));
      options.push_back(o);
    }
    if (!required) {
      // A radio group cannot be cleared once chosen: "no answer" is a choice.
      data o;
      o.set("id", id_prefix + key + "-none");
      o.set("name", key);
      o.set("value", std::string());
      o.set("label", std::string("Không đánh giá"));
      o.set("checked", value.empty());
      options.push_back(o);
    }
    item.set("options", options);
    list.push_back(item);
  }
  return list;
}

std::map<std::string, std::string> Anchors(const app::RatingForm& f, const std::string& id_prefix) {
  std::map<std::string, std::string> anchors{{"comment", id_prefix + "comment"}};
  for (RatingCriterion c : f.criteria) {
    std::string key = RatingCriterionKey(c);
    anchors[key] = id_prefix + key + "-very_satisfied";
  }
  return anchors;
}

std::string FormHtml(const app::RatingForm& f, const std::string& action, const std::string& csrf_token,
                     const Form* posted, const Error* error, const std::string& submit) {
  const std::string prefix = "rating-";
  auto chosen = Chosen(f, posted);
  data d;
  d.set("action", action);
  if (csrf_token.empty()) {
    d.set("csrf_token", false);
  } else {
    d.set("csrf_token", csrf_token);
  }
  d.set("criteria", CriteriaData(f, chosen, error, prefix, false));
  d.set("comment", chosen["comment"]);
  std::string comment_error = FieldErrorOf(error, "comment");
  if (comment_error.empty()) {
    d.set("comment_error", false);
  } else {
    d.set("comment_error", comment_error);
  }
  d.set("submit", submit);
  d.set("error_summary", error ? SummaryHtml(*error, Anchors(f, prefix)) : std::string());
  return RenderFragment("rating_form", d);
}

data AnswersData(const app::StoredRating& s) {
  data list{data::type::list};
  for (const auto& a : s.rating.answers) {
    data item;
    item.set("label", std::string(RatingCriterionLabel(a.criterion)));
    item.set("value", std::string(SatisfactionLabel(a.value)));
    list.push_back(item);
  }
  return list;
}

PageMeta Meta(const app::Principal* who, std::string title) {
  PageMeta m{std::move(title), "", "dossiers"};
  if (who) {
    m.user_name = who->user.business_name.empty() ? who->user.full_name : who->user.business_name;
    m.csrf_token = who->session.csrf_token;
  }
  return m;
}

// The standalone rating page (owner or link): the form, a thank-you or why not.
Response RatingPage(WebContext& ctx, const app::Principal* who, const app::RatingForm& f, const std::string& action,
                    const Form* posted, const Error* error, bool thanks, int status) {
  data d;
  d.set("dossier_code", f.dossier_code);
  d.set("procedure", f.procedure_name);
  d.set("thanks", thanks);
  if (who) {
    d.set("back", "/ho-so/" + std::to_string(f.dossier_id));
  } else {
    d.set("back", false);
  }
  if (!thanks && f.may_rate) {
    d.set("form_html", FormHtml(f, action, who ? who->session.csrf_token : "", posted, error,
                                f.current ? "Gửi đánh giá đã sửa" : "Gửi đánh giá"));
    d.set("editing", f.current.has_value());
  } else {
    d.set("form_html", std::string());
    d.set("editing", false);
  }
  if (!thanks && !f.may_rate) {
    d.set("reason", f.reason);
  } else {
    d.set("reason", false);
  }
  d.set("answers", f.current && !f.may_rate ? AnswersData(*f.current) : data(data::type::list));
  d.set("has_answers", f.current && !f.may_rate && !thanks);
  std::string title = thanks ? "Cảm ơn Ông/Bà đã đánh giá" : "Đánh giá mức độ hài lòng";
  if (error) title = "Lỗi: " + title;
  return Private(Response::Html(RenderPage("rating_page", d, Meta(who, title), ctx.portal_name), status));
}

// --- Kiosk ---

std::string KioskCookie(const std::string& token, bool secure) {
  // A year: the device stays a kiosk until another officer re-binds the counter.
  return std::string(kKioskCookie) + "=" + token + "; Path=/kiosk; HttpOnly; SameSite=Strict; Max-Age=31536000" +
         (secure ? "; Secure" : "");
}

std::string AgencyName(WebContext& ctx, const std::string& code) {
  auto index = ctx.catalog.Snapshot();
  if (!index) return "";
  const Agency* a = (*index)->FindAgency(code);
  return a ? a->name : "";
}

Response KioskHtml(WebContext& ctx, data d, const std::string& title, int status) {
  d.set("title", title);
  d.set("portal_name", ctx.portal_name);
  Response r = Response::Html(RenderFragment("kiosk", d), status);
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return NoStore(std::move(r));
}

data KioskBase(const std::string& counter) {
  data d;
  d.set("counter", counter);
  for (const char* flag : {"unbound", "idle", "rating", "thanks", "failed", "can_activate", "login", "off_duty"}) {
    d.set(flag, false);
  }
  d.set("refresh", false);
  return d;
}

class RatingHandlers {
 public:
  explicit RatingHandlers(WebContext& ctx) : ctx_(ctx) {}

  Response ApiPost(Request& req) {
    if (!ctx_.ratings) return ProblemResponse(NotConfigured(), req.request_id);
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object()) {
      return ProblemResponse(BadRequest("Nội dung yêu cầu phải là JSON có \"answers\"."), req.request_id);
    }
    auto text = [&](const char* key) {
      auto it = body.find(key);
      return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    app::RatingDraft draft;
    auto answers = body.find("answers");
    if (answers == body.end() || !answers->is_object()) {
      return ProblemResponse(BadRequest("\"answers\" phải là đối tượng {tiêu chí: mức độ hài lòng}.", "answers"),
                             req.request_id);
    }
    for (const auto& [key, value] : answers->items()) {
      if (!value.is_string()) {
        return ProblemResponse(BadRequest("Mức độ hài lòng phải là very_satisfied, satisfied hoặc dissatisfied.", key),
                               req.request_id);
      }
      draft.answers.emplace_back(key, value.get<std::string>());
    }
    if (auto c = body.find("comment"); c != body.end() && !c->is_null()) {
      if (!c->is_string()) return ProblemResponse(BadRequest("\"comment\" phải là chuỗi.", "comment"), req.request_id);
      draft.comment = c->get<std::string>();
    }
    std::string channel = text("channel");
    if (channel.empty()) channel = body.contains("token") ? "link" : "online";
    Result<app::StoredRating> stored = Fail(ErrorCode::kInternal, "", "");
    if (channel == "online") {
      auto who = AuthenticateWrite(ctx_, req);
      if (!who) return ProblemResponse(who.error(), req.request_id);
      stored = ctx_.ratings->RateOnline(*who, req.params["id"], draft, req.request_id);
    } else if (channel == "link") {
      std::string token = text("token");
      if (token.empty()) {
        return ProblemResponse(BadRequest("Cần gửi \"token\" của liên kết đánh giá.", "token"), req.request_id);
      }
      auto form = ctx_.ratings->LinkForm(token);
      if (!form) return ProblemResponse(form.error(), req.request_id);
      const std::string& id = req.params["id"];
      if (id != form->dossier_code && id != std::to_string(form->dossier_id)) {
        return ProblemResponse({ErrorCode::kForbidden, "Liên kết đánh giá không dành cho hồ sơ này.",
                                "link of another dossier", {}},
                               req.request_id);
      }
      stored = ctx_.ratings->RateByLink(token, draft, req.request_id);
    } else if (channel == "kiosk") {
      return ProblemResponse(BadRequest("Đánh giá tại quầy chỉ thực hiện trên kiosk của quầy.", "channel"),
                             req.request_id);
    } else {
      return ProblemResponse(BadRequest("Kênh đánh giá phải là online hoặc link.", "channel"), req.request_id);
    }
    if (!stored) return ProblemResponse(stored.error(), req.request_id);
    return Response::Json(RatingJson(*stored, ctx_.ratings->options().edit_window).dump(), 201);
  }

  Response ApiGet(Request& req) {
    if (!ctx_.ratings) return ProblemResponse(NotConfigured(), req.request_id);
    auto who = Authenticate(ctx_, req);
    if (!who) return ProblemResponse(who.error(), req.request_id);
    auto list = ctx_.ratings->Ratings(*who, req.params["id"], req.request_id);
    if (!list) return ProblemResponse(list.error(), req.request_id);
    json ratings = json::array();
    for (const auto& r : *list) ratings.push_back(RatingJson(r, ctx_.ratings->options().edit_window));
    json body = {{"ratings", ratings}};
    if (!IsOfficer(who->user.role)) {
      auto form = ctx_.ratings->OnlineForm(*who, req.params["id"], req.request_id);
      if (form) {
        body["may_rate"] = form->may_rate;
        if (!form->may_rate) body["reason"] = form->reason;
        body["criteria"] = CriteriaJson(form->criteria);
      }
    }
    return NoStore(Response::Json(body.dump()));
  }

  // GET and POST /ho-so/{id}/danh-gia
  Response OwnerPage(Request& req) {
    const std::string id = req.params["id"];
    const std::string self = "/ho-so/" + UrlEncode(id) + "/danh-gia";
    if (!ctx_.ratings || !ctx_.accounts) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
    std::optional<Form> posted;
    Result<app::Principal> who = Fail(ErrorCode::kUnauthenticated, "", "");
    if (req.method == "POST") {
      posted = ParseForm(req);
      if (!posted) return ErrorPage(BadRequest("Dữ liệu biểu mẫu không hợp lệ."), req, ctx_.portal_name);
      who = AuthenticateForm(ctx_, req, *posted);
    } else {
      who = Authenticate(ctx_, req);
    }
    if (!who) {
      if (who.error().code == ErrorCode::kUnauthenticated) return Response::Redirect("/dang-nhap?next=" + UrlEncode(self));
      return ErrorPage(who.error(), req, ctx_.portal_name);
    }
    auto form = ctx_.ratings->OnlineForm(*who, id, req.request_id);
    if (!form) return ErrorPage(form.error(), req, ctx_.portal_name);
    if (!posted) return RatingPage(ctx_, &*who, *form, self, nullptr, nullptr, req.HasQuery("cam-on"), 200);
    auto stored = ctx_.ratings->RateOnline(*who, id, DraftFromForm(*posted), req.request_id);
    if (!stored) {
      Error e = stored.error();
      if (e.code == ErrorCode::kInvalidArgument && e.user_message.empty()) e.user_message = kInvalidForm;
      return RatingPage(ctx_, &*who, *form, self, &*posted, &e, false, HttpStatusFor(e.code));
    }
    return Response::Redirect(self + "?cam-on=1");
  }

  // GET and POST /danh-gia/{token}
  Response LinkPage(Request& req) {
    if (!ctx_.ratings) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
    const std::string token = req.params["token"];
    const std::string self = "/danh-gia/" + UrlEncode(token);
    if (req.method == "GET" && req.HasQuery("cam-on")) {
      app::RatingForm done;
      return RatingPage(ctx_, nullptr, done, self, nullptr, nullptr, true, 200);
    }
    auto form = ctx_.ratings->LinkForm(token);
    if (!form) return Private(ErrorPage(form.error(), req, ctx_.portal_name));
    if (req.method != "POST") return RatingPage(ctx_, nullptr, *form, self, nullptr, nullptr, false, 200);
    auto posted = ParseForm(req);
    if (!posted) return ErrorPage(BadRequest("Dữ liệu biểu mẫu không hợp lệ."), req, ctx_.portal_name);
    auto stored = ctx_.ratings->RateByLink(token, DraftFromForm(*posted), req.request_id);
    if (!stored) {
      const Error& e = stored.error();
      return RatingPage(ctx_, nullptr, *form, self, &*posted, &e, false, HttpStatusFor(e.code));
    }
    // The link is used up: the thank-you page no longer needs it to be valid.
    return Response::Redirect(self + "?cam-on=1");
  }

  // GET /kiosk/{counter}
  Response KioskPage(Request& req) {
    const std::string counter = req.params["counter"];
    data d = KioskBase(counter);
    if (!ctx_.ratings) return KioskHtml(ctx_, d, "Kiosk đánh giá", 503);
    if (!app::ValidCounterCode(counter)) {
      d.set("failed", true);
      d.set("message", std::string("Mã quầy không hợp lệ."));
      return KioskHtml(ctx_, d, "Kiosk đánh giá", 404);
    }
    auto screen = ctx_.ratings->Kiosk(counter, CookieValue(req, kKioskCookie).value_or(""));
    if (!screen) {
      d.set("unbound", true);
      auto who = ctx_.accounts ? Authenticate(ctx_, req) : Result<app::Principal>(Fail(ErrorCode::kUnauthenticated, "", ""));
      if (who && who->user.role == Role::kDeskOfficer) {
        d.set("can_activate", true);
        d.set("csrf_token", who->session.csrf_token);
        d.set("officer", who->user.full_name.empty() ? who->user.username : who->user.full_name);
      } else {
        d.set("login", true);
        d.set("login_url", "/dang-nhap?next=" + UrlEncode("/kiosk/" + counter));
      }
      return KioskHtml(ctx_, d, "Kích hoạt kiosk đánh giá", 200);
    }
    d.set("agency", AgencyName(ctx_, screen->agency_code));
    d.set("csrf_token", screen->csrf_token);
    if (req.HasQuery("cam-on")) {
      d.set("thanks", true);
      d.set("refresh", "8;url=/kiosk/" + counter);
      return KioskHtml(ctx_, d, "Cảm ơn Ông/Bà đã đánh giá", 200);
    }
    if (!screen->pending) {
      d.set("idle", true);
      d.set("off_duty", !screen->on_duty);
      // Without JavaScript the kiosk looks for the next dossier every few seconds.
      d.set("refresh", std::string("5"));
      return KioskHtml(ctx_, d, "Kiosk đánh giá mức độ hài lòng", 200);
    }
    const app::RatingForm& f = *screen->pending;
    d.set("rating", true);
    // No timed refresh while the citizen answers (WCAG 2.2.1): "Bỏ qua" or
    // the answer itself brings the kiosk back to idle.
    d.set("dossier_id", std::to_string(f.dossier_id));
    d.set("dossier_code", f.dossier_code);
    d.set("procedure", f.procedure_name);
    d.set("criteria", CriteriaData(f, {}, nullptr, "kiosk-", true));
    data overall{data::type::list};
    for (Satisfaction s : {Satisfaction::kVerySatisfied, Satisfaction::kSatisfied, Satisfaction::kDissatisfied}) {
      data b;
      b.set("value", std::string(SatisfactionKey(s)));
      b.set("label", std::string(SatisfactionLabel(s)));
      overall.push_back(b);
    }
    d.set("overall", overall);
    d.set("overall_label", std::string(RatingCriterionLabel(RatingCriterion::kOverall)));
    return KioskHtml(ctx_, d, "Đánh giá hồ sơ " + f.dossier_code, 200);
  }

  // POST /kiosk/{counter}/kich-hoat (csrf_token of the officer's session)
  Response KioskActivate(Request& req) {
    const std::string counter = req.params["counter"];
    data d = KioskBase(counter);
    d.set("failed", true);
    if (!ctx_.ratings || !ctx_.accounts) return KioskHtml(ctx_, d, "Kiosk đánh giá", 503);
    auto form = ParseForm(req);
    auto who = AuthenticateForm(ctx_, req, form.value_or(Form{}));
    if (!who) {
      if (who.error().code == ErrorCode::kUnauthenticated) {
        return Response::Redirect("/dang-nhap?next=" + UrlEncode("/kiosk/" + counter));
      }
      d.set("message", who.error().user_message);
      return KioskHtml(ctx_, d, "Không kích hoạt được kiosk", HttpStatusFor(who.error().code));
    }
    auto device = ctx_.ratings->ActivateKiosk(*who, counter, req.request_id);
    if (!device) {
      d.set("message", device.error().user_message);
      return KioskHtml(ctx_, d, "Không kích hoạt được kiosk", HttpStatusFor(device.error().code));
    }
    // The kiosk is for citizens: the officer's session does not stay on it.
    (void)ctx_.accounts->Logout(*who, req.request_id);
    Response r = Response::Redirect("/kiosk/" + counter);
    r.headers.emplace_back("Set-Cookie", ClearedSessionCookie(ctx_.secure_cookies));
    r.headers.emplace_back("Set-Cookie", KioskCookie(*device, ctx_.secure_cookies));
    return r;
  }

  // POST /kiosk/{counter}/danh-gia and /kiosk/{counter}/bo-qua
  Response KioskRate(Request& req, bool skip) {
    const std::string counter = req.params["counter"];
    data d = KioskBase(counter);
    d.set("failed", true);
    if (!ctx_.ratings) return KioskHtml(ctx_, d, "Kiosk đánh giá", 503);
    auto form = ParseForm(req).value_or(Form{});
    std::string device = CookieValue(req, kKioskCookie).value_or("");
    std::string csrf = FormValue(form, "csrf_token");
    auto id = ParseId(FormValue(form, "dossier"));
    Status done;
    if (skip) {
      done = ctx_.ratings->SkipAtKiosk(counter, device, csrf, id.value_or(0));
    } else {
      auto stored = ctx_.ratings->RateAtKiosk(counter, device, csrf, id.value_or(0), DraftFromForm(form),
                                              req.request_id);
      if (!stored) done = Fail(stored.error());
    }
    if (!done) {
      d.set("message", done.error().user_message);
      data fields{data::type::list};
      for (const auto& f : done.error().fields) fields.push_back(data("message", f.message));
      d.set("fields", fields);
      d.set("refresh", "15;url=/kiosk/" + counter);
      return KioskHtml(ctx_, d, "Chưa ghi nhận được đánh giá", HttpStatusFor(done.error().code));
    }
    return Response::Redirect("/kiosk/" + counter + (skip ? "" : "?cam-on=1"));
  }

 private:
  WebContext& ctx_;
};

}  // namespace

std::string RatingSectionHtml(WebContext& ctx, const app::Principal& who, const std::string& id_or_code,
                              const std::string& request_id) {
  if (!ctx.ratings || IsOfficer(who.user.role)) return "";
  auto form = ctx.ratings->OnlineForm(who, id_or_code, request_id);
  if (!form || (!form->may_rate && !form->current)) return "";
  data d;
  d.set("action", "/ho-so/" + std::to_string(form->dossier_id) + "/danh-gia");
  d.set("editing", form->current.has_value() && form->may_rate);
  d.set("form_html", form->may_rate ? FormHtml(*form, "/ho-so/" + std::to_string(form->dossier_id) + "/danh-gia",
                                               who.session.csrf_token, nullptr, nullptr,
                                               form->current ? "Gửi đánh giá đã sửa" : "Gửi đánh giá")
                                    : std::string());
  d.set("answers", form->current && !form->may_rate ? AnswersData(*form->current) : data(data::type::list));
  d.set("has_answers", form->current && !form->may_rate);
  if (form->current) {
    d.set("rated_at", FormatVnDateTime(form->current->rating.rated_at));
  } else {
    d.set("rated_at", false);
  }
  return RenderFragment("rating_section", d);
}

void AddRatingRoutes(Router& router, WebContext& ctx) {
  auto h = std::make_shared<RatingHandlers>(ctx);
  router.Add("POST", "/api/v1/dossiers/{id}/ratings", [h](Request& req) { return h->ApiPost(req); });
  router.Add("GET", "/api/v1/dossiers/{id}/ratings", [h](Request& req) { return h->ApiGet(req); });
  router.Add("GET", "/ho-so/{id}/danh-gia", [h](Request& req) { return h->OwnerPage(req); });
  router.Add("POST", "/ho-so/{id}/danh-gia", [h](Request& req) { return h->OwnerPage(req); });
  router.Add("GET", "/danh-gia/{token}", [h](Request& req) { return h->LinkPage(req); });
  router.Add("POST", "/danh-gia/{token}", [h](Request& req) { return h->LinkPage(req); });
  router.Add("GET", "/kiosk/{counter}", [h](Request& req) { return h->KioskPage(req); });
  router.Add("POST", "/kiosk/{counter}/kich-hoat", [h](Request& req) { return h->KioskActivate(req); });
  router.Add("POST", "/kiosk/{counter}/danh-gia", [h](Request& req) { return h->KioskRate(req, false); });
  router.Add("POST", "/kiosk/{counter}/bo-qua", [h](Request& req) { return h->KioskRate(req, true); });
}

}  // namespace motcua::web
