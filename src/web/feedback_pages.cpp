// The feedback pages (phản ánh, kiến nghị): public form and published
// answers, the sender's follow-up with the token, and the officers' list
// and item with one form per action. Usable without JavaScript.

#include <map>
#include <string>

#include "core/text.hpp"
#include "web/account_handlers.hpp"
#include "web/auth.hpp"
#include "web/catalog_handlers.hpp"
#include "web/error_mapping.hpp"
#include "web/feedback_handlers.hpp"
#include "web/feedback_json.hpp"
#include "web/form_errors.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using kainjow::mustache::data;
using namespace motcua::domain;
using Form = std::multimap<std::string, std::string>;

constexpr const char* kPublicPath = "/phan-anh-kien-nghi";
constexpr const char* kOfficerPath = "/can-bo/phan-anh";

Error NotConfigured() {
  return {ErrorCode::kUnavailable, "Chức năng phản ánh, kiến nghị tạm thời không sẵn sàng.",
          "WebContext::feedback is not set", {}};
}

Error CrossSite() {
  return {ErrorCode::kForbidden, "Biểu mẫu phải được gửi từ chính Cổng Dịch vụ công.", "cross-site form post", {}};
}

Response NoStore(Response r) {
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

void SetText(data& d, const std::string& key, const std::string& value) {
  if (value.empty()) {
    d.set(key, false);
  } else {
    d.set(key, value);
  }
}

std::string Day(Timestamp t) { return FormatVnDate(ToVietnam(t).date); }
std::string Day(const std::optional<Timestamp>& t) { return t ? Day(*t) : std::string(); }

std::string DisplayName(const User& u) { return u.business_name.empty() ? u.full_name : u.business_name; }

// The signed-in caller of a page (cookie), if any; a bad or expired cookie is anonymous.
std::optional<app::Principal> Viewer(WebContext& ctx, const Request& req) {
  if (!ctx.accounts) return std::nullopt;
  auto cookie = CookieValue(req, kSessionCookie);
  if (!cookie || cookie->empty()) return std::nullopt;
  auto who = ctx.accounts->Authenticate(*cookie);
  if (!who) return std::nullopt;
  return *who;
}

PageMeta Meta(const std::optional<app::Principal>& who, std::string title, std::string nav) {
  PageMeta m{std::move(title), "", std::move(nav)};
  if (who) {
    m.user_name = DisplayName(who->user);
    m.csrf_token = who->session.csrf_token;
  }
  return m;
}

std::string AgencyName(const CatalogIndex* index, const std::string& code) {
  const Agency* a = index && !code.empty() ? index->FindAgency(code) : nullptr;
  return a ? a->name : code;
}

const char* DueClass(FeedbackTimeliness t) {
  switch (t) {
    case FeedbackTimeliness::kOpenOverdue:
    case FeedbackTimeliness::kAnsweredLate: return "overdue";
    case FeedbackTimeliness::kOpenWithinDeadline: return "on_time";
    default: return "done";
  }
}

// Paragraphs of a text, one per line.
data Paragraphs(const std::string& text) {
  data list{data::type::list};
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line(Trim(std::string_view(text).substr(start, end - start)));
    if (!line.empty()) list.push_back(data("text", line));
    start = end + 1;
  }
  return list;
}

data PublishedItem(const Feedback& f, const CatalogIndex* index) {
  data d;
  d.set("code", f.code);
  d.set("title", f.published_title);
  d.set("kind", FeedbackKindLabel(f.kind));
  d.set("agency", AgencyName(index, f.agency_code));
  d.set("received_at", Day(f.received_at));
  d.set("answered_at", Day(f.answered_at));
  d.set("content", Paragraphs(f.published_content));
  d.set("answer", Paragraphs(f.published_answer));
  return d;
}

data AgencyOptions(const CatalogIndex* index, const std::string& selected) {
  data list{data::type::list};
  if (!index) return list;
  for (const auto& a : index->catalog().agencies) {
    data o;
    o.set("code", a.code);
    o.set("name", a.name);
    o.set("selected", a.code == selected);
    list.push_back(o);
  }
  return list;
}

data KindOptions(const std::string& selected) {
  data list{data::type::list};
  for (auto k : {FeedbackKind::kProcedure, FeedbackKind::kDossier, FeedbackKind::kRegulation, FeedbackKind::kOther}) {
    data o;
    o.set("key", FeedbackKindKey(k));
    o.set("label", FeedbackKindLabel(k));
    o.set("checked", selected == FeedbackKindKey(k));
    list.push_back(o);
  }
  return list;
}

const std::map<std::string, std::string> kFormAnchors = {
    {"kind", "fb-kind-procedure"}, {"procedure_code", "fb-procedure"}, {"dossier_code", "fb-dossier"},
    {"agency_code", "fb-agency"},  {"title", "fb-title"},              {"content", "fb-content"},
    {"sender_name", "fb-name"},    {"sender_phone", "fb-phone"},       {"sender_email", "fb-email"}};

Response RenderPublic(WebContext& ctx, const Request& req, const std::optional<app::Principal>& who,
                      const Form& values, const Error* error, int status) {
  auto index = ctx.catalog.Snapshot();
  const CatalogIndex* catalog = index ? index->get() : nullptr;
  data d;
  auto value = [&](const char* name) { return FormValue(values, name); };
  std::string kind = value("kind").empty() ? "procedure" : value("kind");
  d.set("kinds", KindOptions(kind));
  d.set("procedure_code", value("procedure_code"));
  d.set("dossier_code", value("dossier_code"));
  d.set("agencies", AgencyOptions(catalog, value("agency_code")));
  d.set("title", value("title"));
  d.set("content", value("content"));
  d.set("sender_name", value("sender_name"));
  d.set("sender_phone", value("sender_phone"));
  d.set("sender_email", value("sender_email"));
  d.set("consent", value("consent_to_publish") == "1");
  d.set("signed_in", who.has_value());
  if (who) d.set("csrf_token", who->session.csrf_token);
  for (const auto& [field, anchor] : kFormAnchors) {
    std::string message = FieldErrorOf(error, field);
    SetText(d, "error_" + field, message);
  }
  if (error) d.set("error_summary", SummaryHtml(*error, kFormAnchors));

  // The published answers, newest first, with search and keyset pages.
  auto q = FeedbackQueryFrom(req, false);
  app::FeedbackQuery query = q ? *q : app::FeedbackQuery{};
  query.limit = 10;
  d.set("q", req.Query("q"));
  data items{data::type::list};
  if (ctx.feedback) {
    if (auto list = ctx.feedback->ListPublished(query)) {
      for (const auto& f : *list) items.push_back(PublishedItem(f, catalog));
      if (static_cast<int>(list->size()) == query.limit) {
        d.set("next_url", std::string(kPublicPath) + "?q=" + UrlEncode(req.Query("q")) +
                              "&after=" + std::to_string(list->back().id) + "#da-tra-loi");
      }
    }
  }
  d.set("has_items", !items.is_empty_list());
  d.set("items", items);
  Response r = Response::Html(
      RenderPage("feedback_public", d, Meta(who, "Phản ánh, kiến nghị", "feedback"), ctx.portal_name), status);
  r.headers.emplace_back("Vary", "Cookie");
  return who ? NoStore(std::move(r)) : r;
}

// A sender's view (by token or account) or the published view.
Response RenderView(WebContext& ctx, const Request& req, const std::optional<app::Principal>& who,
                    const app::FeedbackView& view, const std::string& token, const Error* error, int status) {
  auto index = ctx.catalog.Snapshot();
  const CatalogIndex* catalog = index ? index->get() : nullptr;
  const Feedback& f = view.feedback;
  Timestamp now = ctx.feedback->clock().Now();
  bool sender = view.access != app::FeedbackAccess::kPublic;
  data d;
  d.set("code", f.code);
  d.set("kind", FeedbackKindLabel(f.kind));
  d.set("agency", AgencyName(catalog, f.agency_code));
  d.set("received_at", Day(f.received_at));
  d.set("sender", sender);
  d.set("new", req.Query("moi") == "1" && sender);
  if (sender) {
    d.set("title", f.title);
    d.set("content", Paragraphs(f.content));
    d.set("status", FeedbackStatusLabel(f.status));
    d.set("status_key", FeedbackStatusKey(f.status));
    d.set("due_at", Day(f.due_at));
    SetText(d, "answer_date", Day(f.answered_at));
    d.set("answer", Paragraphs(f.answer));
    d.set("has_answer", !f.answer.empty());
    if (f.close_reason) {
      d.set("closed", std::string(FeedbackCloseReasonLabel(*f.close_reason)) + ": " + f.close_note);
    }
    d.set("token", token);
    d.set("follow_up_url", ctx.public_url + kPublicPath + "/" + f.code + "?token=" + UrlEncode(token));
    d.set("has_token", !token.empty());
    bool may_rate = !f.rating && !token.empty() &&
                    (f.status == FeedbackStatus::kAnswered || f.status == FeedbackStatus::kPublished);
    d.set("may_rate", may_rate);
    if (f.rating) d.set("rating", SatisfactionLabel(*f.rating));
    data choices{data::type::list};
    for (auto s : {Satisfaction::kVerySatisfied, Satisfaction::kSatisfied, Satisfaction::kDissatisfied}) {
      data c;
      c.set("key", SatisfactionKey(s));
      c.set("label", SatisfactionLabel(s));
      choices.push_back(c);
    }
    d.set("choices", choices);
    if (who) d.set("csrf_token", who->session.csrf_token);
    SetText(d, "error_value", FieldErrorOf(error, "value"));
    if (error) d.set("error_summary", SummaryHtml(*error, {{"value", "rate-very_satisfied"}, {"comment", "rate-comment"}}));
  } else {
    d.set("title", f.published_title);
    d.set("content", Paragraphs(f.published_content));
    d.set("answer", Paragraphs(f.published_answer));
    d.set("has_answer", true);
    SetText(d, "answer_date", Day(f.answered_at));
  }
  (void)now;
  Response r = Response::Html(
      RenderPage("feedback_view", d, Meta(who, "Phản ánh, kiến nghị " + f.code, "feedback"), ctx.portal_name), status);
  r.headers.emplace_back("Vary", "Cookie");
  // The token is in the URL: keep the page out of caches and referrers.
  if (sender || who) r = NoStore(std::move(r));
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return r;
}

}  // namespace

Response FeedbackHandlers::PublicPage(Request& req) {
  if (!ctx_.feedback) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  auto who = Viewer(ctx_, req);
  Form empty;
  if (std::string p = req.Query("thu-tuc"); !p.empty()) empty.emplace("procedure_code", p);
  if (std::string d = req.Query("ho-so"); !d.empty()) {
    empty.emplace("dossier_code", d);
    empty.emplace("kind", "dossier");
  }
  return RenderPublic(ctx_, req, who, empty, nullptr, 200);
}

Response FeedbackHandlers::SubmitForm(Request& req) {
  if (!ctx_.feedback) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  auto form = ParseForm(req);
  if (!form) return ErrorPage(BadRequest("Dữ liệu biểu mẫu không hợp lệ."), req, ctx_.portal_name);
  std::optional<app::Principal> who = Viewer(ctx_, req);
  if (who) {
    // Signed in: the session's CSRF token is required.
    auto checked = AuthenticateForm(ctx_, req, *form);
    if (!checked) return ErrorPage(checked.error(), req, ctx_.portal_name);
  } else if (req.Header("sec-fetch-site") == "cross-site") {
    return ErrorPage(CrossSite(), req, ctx_.portal_name);
  }
  FeedbackInput in;
  in.kind = FormValue(*form, "kind");
  in.procedure_code = FormValue(*form, "procedure_code");
  in.dossier_code = FormValue(*form, "dossier_code");
  in.agency_code = FormValue(*form, "agency_code");
  in.title = FormValue(*form, "title");
  in.content = FormValue(*form, "content");
  in.sender_name = FormValue(*form, "sender_name");
  in.sender_phone = FormValue(*form, "sender_phone");
  in.sender_email = FormValue(*form, "sender_email");
  in.consent_to_publish = FormValue(*form, "consent_to_publish") == "1";
  // Fields of other kinds stay in the form but are not part of this submission.
  if (in.kind != "procedure") in.procedure_code.clear();
  if (in.kind != "dossier") in.dossier_code.clear();
  auto submitted = ctx_.feedback->Submit(who ? &*who : nullptr, in, req.request_id);
  if (!submitted) {
    const Error& e = submitted.error();
    if (e.code != ErrorCode::kInvalidArgument) return ErrorPage(e, req, ctx_.portal_name);
    return RenderPublic(ctx_, req, who, *form, &e, 400);
  }
  return Response::Redirect(std::string(kPublicPath) + "/" + submitted->feedback.code +
                            "?token=" + UrlEncode(submitted->token) + "&moi=1");
}

Response FeedbackHandlers::ViewPage(Request& req) {
  if (!ctx_.feedback) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  auto who = Viewer(ctx_, req);
  std::string token = req.Query("token");
  // Officers use their own page for items of their scope; here they are the public.
  std::optional<app::Principal> as = who && !IsOfficer(who->user.role) ? who : std::nullopt;
  auto view = ctx_.feedback->View(as ? &*as : nullptr, req.params["code"], token);
  if (!view) return ErrorPage(view.error(), req, ctx_.portal_name);
  return RenderView(ctx_, req, who, *view, token, nullptr, 200);
}

Response FeedbackHandlers::RateForm(Request& req) {
  if (!ctx_.feedback) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  auto form = ParseForm(req);
  if (!form) return ErrorPage(BadRequest("Dữ liệu biểu mẫu không hợp lệ."), req, ctx_.portal_name);
  auto who = Viewer(ctx_, req);
  if (who) {
    auto checked = AuthenticateForm(ctx_, req, *form);
    if (!checked) return ErrorPage(checked.error(), req, ctx_.portal_name);
  } else if (req.Header("sec-fetch-site") == "cross-site") {
    return ErrorPage(CrossSite(), req, ctx_.portal_name);
  }
  std::string code = req.params["code"];
  std::string token = FormValue(*form, "token");
  auto rated = ctx_.feedback->Rate(code, token, FormValue(*form, "value"), FormValue(*form, "comment"),
                                   req.request_id);
  if (!rated) {
    const Error& e = rated.error();
    if (e.code == ErrorCode::kNotFound) return ErrorPage(e, req, ctx_.portal_name);
    auto view = ctx_.feedback->View(nullptr, code, token);
    if (!view) return ErrorPage(e, req, ctx_.portal_name);
    return RenderView(ctx_, req, who, *view, token, &e, HttpStatusFor(e.code));
  }
  return Response::Redirect(std::string(kPublicPath) + "/" + code + "?token=" + UrlEncode(token) + "#danh-gia");
}

// --- officers -------------------------------------------------------------------

namespace {

struct Officer {
  std::optional<app::Principal> who;
  std::optional<Response> response;
};

Officer OfficerOf(WebContext& ctx, const Request& req, const std::string& next, const Form* form) {
  if (!ctx.feedback || !ctx.accounts) return {std::nullopt, ErrorPage(NotConfigured(), req, ctx.portal_name)};
  auto who = form ? AuthenticateForm(ctx, req, *form) : Authenticate(ctx, req);
  if (!who) {
    if (who.error().code == ErrorCode::kUnauthenticated) {
      return {std::nullopt, Response::Redirect("/dang-nhap?next=" + UrlEncode(next))};
    }
    return {std::nullopt, ErrorPage(who.error(), req, ctx.portal_name)};
  }
  if (!IsOfficer(who->user.role)) {
    return {std::nullopt, ErrorPage({ErrorCode::kForbidden, "Trang này dành cho cán bộ.", "not an officer", {}}, req,
                                    ctx.portal_name)};
  }
  return {*who, std::nullopt};
}

const std::map<std::string, std::string> kActionAnchors = {
    {"answer", "fb-answer"}, {"reason", "fb-reason-not_in_scope"}, {"note", "fb-note"},
    {"upheld", "fb-upheld-yes"}, {"title", "fb-pub-title"}, {"content", "fb-pub-content"}};

Response RenderOfficerItem(WebContext& ctx, const app::Principal& who, const app::FeedbackView& view,
                           const Form* values, const Error* error, const std::string& done, int status) {
  auto index = ctx.catalog.Snapshot();
  const CatalogIndex* catalog = index ? index->get() : nullptr;
  const Feedback& f = view.feedback;
  Timestamp now = ctx.feedback->clock().Now();
  auto due = ClassifyFeedback(f, now);
  auto value = [&](const char* name, const std::string& fallback) {
    return values && values->count(name) ? FormValue(*values, name) : fallback;
  };
  data d;
  d.set("code", f.code);
  d.set("version", std::to_string(f.version));
  d.set("csrf_token", who.session.csrf_token);
  d.set("kind", FeedbackKindLabel(f.kind));
  SetText(d, "procedure_code", f.procedure_code);
  SetText(d, "dossier_code", f.dossier_code);
  d.set("agency", AgencyName(catalog, f.agency_code));
  d.set("title", f.title);
  d.set("content", Paragraphs(f.content));
  d.set("status", FeedbackStatusLabel(f.status));
  d.set("status_key", FeedbackStatusKey(f.status));
  d.set("received_at", FormatVnDateTime(f.received_at));
  d.set("due_at", FormatVnDateTime(f.due_at));
  d.set("due_label", FeedbackTimelinessLabel(due));
  d.set("due_class", DueClass(due));
  SetText(d, "sender_name", f.sender.name);
  SetText(d, "sender_phone", f.sender.phone);
  SetText(d, "sender_email", f.sender.email);
  d.set("consent", f.consent_to_publish);
  SetText(d, "assignee", f.assignee);
  d.set("answer", value("answer", f.answer));
  d.set("has_answer", !f.answer.empty());
  SetText(d, "answered_at", f.answered_at ? FormatVnDateTime(*f.answered_at) : "");
  if (f.upheld) d.set("upheld_label", *f.upheld ? "Có cơ sở" : "Không có cơ sở");
  if (f.close_reason) d.set("closed", std::string(FeedbackCloseReasonLabel(*f.close_reason)) + ": " + f.close_note);
  if (f.rating) {
    d.set("rating", SatisfactionLabel(*f.rating));
    SetText(d, "rating_comment", f.rating_comment);
  }
  bool act = view.may_act;
  d.set("may_take_up", act && f.status == FeedbackStatus::kReceived);
  d.set("may_answer", act && (IsOpen(f.status) || (f.status == FeedbackStatus::kAnswered && !f.rating)));
  d.set("may_close", act && IsOpen(f.status));
  d.set("may_conclude", act && f.kind == FeedbackKind::kDossier && f.dossier_id != 0 &&
                            f.status != FeedbackStatus::kClosed);
  d.set("may_publish", act && f.status == FeedbackStatus::kAnswered && f.consent_to_publish);
  d.set("no_consent", f.status == FeedbackStatus::kAnswered && !f.consent_to_publish);
  std::vector<std::string> names;
  if (!f.sender.name.empty()) names.push_back(f.sender.name);
  d.set("pub_title", value("title", RedactPersonalData(f.title, names)));
  d.set("pub_content", value("content", RedactPersonalData(f.content, names)));
  d.set("pub_answer", value("pub_answer", RedactPersonalData(f.answer, names)));
  if (f.status == FeedbackStatus::kPublished) {
    d.set("published", true);
    d.set("published_at", Day(f.published_at));
  }
  d.set("note", value("note", ""));
  d.set("reason_duplicate", value("reason", "") == "duplicate");
  for (const auto& [field, anchor] : kActionAnchors) SetText(d, "error_" + field, FieldErrorOf(error, field));
  if (error) d.set("error_summary", SummaryHtml(*error, kActionAnchors));
  SetText(d, "done", done);
  PageMeta meta{"Phản ánh, kiến nghị " + f.code, "", "officer_feedback", DisplayName(who.user),
                who.session.csrf_token};
  return NoStore(Response::Html(RenderPage("feedback_officer_item", d, meta, ctx.portal_name), status));
}

const char* DoneMessage(const std::string& done) {
  if (done == "take_up") return "Đã nhận xử lý phản ánh, kiến nghị.";
  if (done == "answer") return "Đã lưu câu trả lời.";
  if (done == "close") return "Đã đóng phản ánh, kiến nghị.";
  if (done == "conclude") return "Đã ghi kết luận.";
  if (done == "publish") return "Đã công khai câu trả lời.";
  return "";
}

}  // namespace

Response FeedbackHandlers::OfficerList(Request& req) {
  auto o = OfficerOf(ctx_, req, kOfficerPath, nullptr);
  if (o.response) return *o.response;
  const app::Principal& who = *o.who;
  auto q = FeedbackQueryFrom(req, true);
  if (!q) return ErrorPage(q.error(), req, ctx_.portal_name);
  Timestamp now = ctx_.feedback->clock().Now();
  bool overdue = req.Query("qua-han") == "1";
  if (overdue) q->overdue_at = now;
  q->limit = 50;
  auto list = ctx_.feedback->ListForOfficer(who, *q);
  if (!list) return ErrorPage(list.error(), req, ctx_.portal_name);
  auto index = ctx_.catalog.Snapshot();
  const CatalogIndex* catalog = index ? index->get() : nullptr;
  data d;
  data rows{data::type::list};
  for (const auto& f : *list) {
    auto due = ClassifyFeedback(f, now);
    data r;
    r.set("code", f.code);
    r.set("title", f.title);
    r.set("kind", FeedbackKindLabel(f.kind));
    r.set("agency", AgencyName(catalog, f.agency_code));
    r.set("status", FeedbackStatusLabel(f.status));
    r.set("status_key", FeedbackStatusKey(f.status));
    r.set("received_at", Day(f.received_at));
    r.set("due_at", Day(f.due_at));
    r.set("due_label", FeedbackTimelinessLabel(due));
    r.set("due_class", DueClass(due));
    rows.push_back(r);
  }
  d.set("rows", rows);
  d.set("has_rows", !list->empty());
  std::string status = req.Query("status");
  data statuses{data::type::list};
  for (auto s : {FeedbackStatus::kReceived, FeedbackStatus::kInProgress, FeedbackStatus::kAnswered,
                 FeedbackStatus::kPublished, FeedbackStatus::kClosed}) {
    data o;
    o.set("key", FeedbackStatusKey(s));
    o.set("label", FeedbackStatusLabel(s));
    o.set("selected", status == FeedbackStatusKey(s));
    statuses.push_back(o);
  }
  d.set("statuses", statuses);
  d.set("overdue", overdue);
  if (static_cast<int>(list->size()) == q->limit) {
    d.set("next_url", std::string(kOfficerPath) + "?status=" + UrlEncode(status) + (overdue ? "&qua-han=1" : "") +
                          "&after=" + std::to_string(list->back().id));
  }
  PageMeta meta{"Phản ánh, kiến nghị cần xử lý", "", "officer_feedback", DisplayName(who.user),
                who.session.csrf_token};
  return NoStore(Response::Html(RenderPage("feedback_officer_list", d, meta, ctx_.portal_name)));
}

Response FeedbackHandlers::OfficerView(Request& req) {
  std::string code = req.params["code"];
  auto o = OfficerOf(ctx_, req, std::string(kOfficerPath) + "/" + code, nullptr);
  if (o.response) return *o.response;
  auto view = ctx_.feedback->View(&*o.who, code, "");
  if (!view || view->access != app::FeedbackAccess::kOfficer) {
    return ErrorPage(view ? Error{ErrorCode::kNotFound, "Không tìm thấy phản ánh, kiến nghị.", "out of scope", {}}
                          : view.error(),
                     req, ctx_.portal_name);
  }
  return RenderOfficerItem(ctx_, *o.who, *view, nullptr, nullptr, DoneMessage(req.Query("xong")), 200);
}

Response FeedbackHandlers::OfficerAct(Request& req) {
  std::string code = req.params["code"];
  std::string action = req.params["action"];
  auto form = ParseForm(req);
  if (!form) return ErrorPage(BadRequest("Dữ liệu biểu mẫu không hợp lệ."), req, ctx_.portal_name);
  auto o = OfficerOf(ctx_, req, std::string(kOfficerPath) + "/" + code, &*form);
  if (o.response) return *o.response;
  app::FeedbackAction a;
  a.action = action;
  try {
    a.version = std::stoi(FormValue(*form, "version"));
  } catch (...) {
    return ErrorPage(BadRequest("Thiếu phiên bản của phản ánh, kiến nghị.", "version"), req, ctx_.portal_name);
  }
  a.answer = FormValue(*form, action == "publish" ? "pub_answer" : "answer");
  a.reason = FormValue(*form, "reason");
  a.note = FormValue(*form, "note");
  a.title = FormValue(*form, "title");
  a.content = FormValue(*form, "content");
  if (std::string upheld = FormValue(*form, "upheld"); upheld == "1" || upheld == "0") a.upheld = upheld == "1";
  auto done = ctx_.feedback->Act(*o.who, code, a, req.request_id);
  if (!done) {
    const Error& e = done.error();
    if (e.code == ErrorCode::kNotFound || e.code == ErrorCode::kForbidden || e.code == ErrorCode::kUnavailable ||
        e.code == ErrorCode::kInternal) {
      return ErrorPage(e, req, ctx_.portal_name);
    }
    auto view = ctx_.feedback->View(&*o.who, code, "");
    if (!view) return ErrorPage(e, req, ctx_.portal_name);
    // A stale form shows the current item; otherwise keep what was typed.
    bool keep = e.code != ErrorCode::kConflict;
    return RenderOfficerItem(ctx_, *o.who, *view, keep ? &*form : nullptr, &e, "", HttpStatusFor(e.code));
  }
  return Response::Redirect(std::string(kOfficerPath) + "/" + code + "?xong=" + action);
}

}  // namespace motcua::web
