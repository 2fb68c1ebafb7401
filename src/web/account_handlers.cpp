#include "web/account_handlers.hpp"

#include <cctype>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "domain/accounts/validation.hpp"
#include "web/auth.hpp"
#include "web/catalog_handlers.hpp"
#include "web/error_mapping.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using kainjow::mustache::data;
using nlohmann::json;

constexpr const char* kInvalidForm = "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.";
constexpr const char* kAccountPath = "/tai-khoan";
constexpr const char* kLoginMissing = "Vui lòng nhập số định danh, số điện thoại hoặc thư điện tử.";

Error NotConfigured() {
  return {ErrorCode::kUnavailable, "Chức năng tài khoản tạm thời không sẵn sàng.", "WebContext::accounts is not set",
          {}};
}

std::string DisplayName(const domain::User& user) {
  return user.business_name.empty() ? user.full_name : user.business_name;
}

// AccountService::Login reports throttling as kResourceExhausted (HTTP 429).
bool IsThrottled(const Error& error) { return error.code == ErrorCode::kResourceExhausted; }

// The wait AccountService::Login puts in its message ("… sau 4 giây.",
// "… sau 15 phút."), in seconds, for the Retry-After header.
std::optional<long> RetryAfterSeconds(const std::string& message) {
  auto at = message.rfind("sau ");
  if (at == std::string::npos) return std::nullopt;
  std::size_t i = at + 4;
  long value = 0;
  std::size_t digits = 0;
  for (; i < message.size() && std::isdigit(static_cast<unsigned char>(message[i])) && digits < 6; ++i, ++digits) {
    value = value * 10 + (message[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  std::string_view rest = std::string_view(message).substr(i);
  if (rest.starts_with(" phút")) return value * 60;
  if (rest.starts_with(" giây")) return value;
  return std::nullopt;
}

Response WithRetryAfter(Response response, const Error& error) {
  response.status = 429;
  if (auto wait = RetryAfterSeconds(error.user_message)) {
    response.headers.emplace_back("Retry-After", std::to_string(*wait));
  }
  return response;
}

Response NoStore(Response response) {
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

// --- API helpers ----------------------------------------------------------

Response Problem(const Error& error, const Request& req) {
  if (IsThrottled(error)) {
    Response r = ProblemResponse(error, req.request_id);
    json body = json::parse(r.body, nullptr, false);
    if (!body.is_discarded()) {
      body["status"] = 429;
      body["title"] = "Thử lại quá nhiều lần";
      r.body = body.dump();
    }
    return WithRetryAfter(std::move(r), error);
  }
  Response r = ProblemResponse(error, req.request_id);
  if (r.status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

bool IsJsonContentType(const Request& req) {
  std::string type = req.Header("content-type");
  type = type.substr(0, type.find(';'));
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  type = std::string(Trim(type));
  return type == "application/json" || (type.starts_with("application/") && type.ends_with("+json"));
}

// The request body as a JSON object. Requiring the JSON content type also
// keeps cross-site HTML forms (which cannot send it) away from the API.
Result<json> ParseJsonObject(const Request& req) {
  if (!IsJsonContentType(req)) {
    return Fail(ErrorCode::kInvalidArgument,
                "Nội dung yêu cầu phải ở dạng JSON (Content-Type: application/json).", "not json content type");
  }
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "Nội dung yêu cầu không phải là một đối tượng JSON hợp lệ.",
                "malformed json");
  }
  return body;
}

// A string member of `body`; absent or null is "", another type a problem.
std::string StringMember(const json& body, const std::string& name, std::vector<FieldError>& problems) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_string()) {
    problems.push_back({name, "Giá trị phải là một chuỗi ký tự."});
    return {};
  }
  return it->get<std::string>();
}

Error InvalidFields(std::vector<FieldError> fields) {
  return {ErrorCode::kInvalidArgument, kInvalidForm, "invalid request fields", std::move(fields)};
}

json OrNull(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json UserSummaryJson(const domain::User& user) {
  return {{"id", user.id},
          {"role", domain::RoleKey(user.role)},
          {"full_name", user.full_name},
          {"agency_code", OrNull(user.agency_code)}};
}

json UserJson(const domain::User& user) {
  json j = UserSummaryJson(user);
  j["role_label"] = domain::RoleLabel(user.role);
  j["username"] = OrNull(user.username);
  j["id_number"] = OrNull(user.id_number);
  j["phone"] = OrNull(user.phone);
  j["email"] = OrNull(user.email);
  j["address"] = OrNull(user.address);
  j["business_name"] = OrNull(user.business_name);
  j["tax_code"] = OrNull(user.tax_code);
  j["created_at"] = FormatTimestamp(user.created_at);
  return j;
}

// The caller of a state-changing API request: a bearer token, or the session
// cookie with the session's CSRF token in X-CSRF-Token.
Result<app::Principal> AuthenticateApiWrite(const WebContext& ctx, const Request& req) {
  const std::multimap<std::string, std::string> csrf{{"csrf_token", req.Header("x-csrf-token")}};
  return AuthenticateForm(ctx, req, csrf);
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

// --- page helpers ---------------------------------------------------------

// One input of a form, rendered by templates/form_field.mustache.
struct FieldSpec {
  const char* name;
  const char* label;
  const char* type = "text";
  const char* autocomplete = "";
  const char* inputmode = "";
  const char* hint = "";
  int maxlength = 0;
  bool optional = false;
  bool plain = false;  // identifiers: no spell checking or capitalization
};

constexpr const char* kPasswordHint = "Ít nhất 8 ký tự, gồm cả chữ và số.";

constexpr FieldSpec kFullName{.name = "full_name", .label = "Họ và tên", .autocomplete = "name", .maxlength = 100};
constexpr FieldSpec kIdNumber{.name = "id_number",
                              .label = "Số định danh cá nhân",
                              .autocomplete = "off",
                              .inputmode = "numeric",
                              .hint = "12 chữ số in trên thẻ căn cước hoặc căn cước công dân.",
                              .maxlength = 12,
                              .plain = true};
constexpr FieldSpec kPhone{.name = "phone",
                           .label = "Số điện thoại di động",
                           .type = "tel",
                           .autocomplete = "tel",
                           .inputmode = "numeric",
                           .hint = "Ví dụ 0912345678.",
                           .maxlength = 20,
                           .plain = true};
constexpr FieldSpec kEmail{.name = "email",
                           .label = "Thư điện tử",
                           .type = "email",
                           .autocomplete = "email",
                           .maxlength = 254,
                           .plain = true};
constexpr FieldSpec kAddress{.name = "address",
                             .label = "Địa chỉ liên hệ",
                             .autocomplete = "street-address",
                             .maxlength = 500,
                             .optional = true};
constexpr FieldSpec kNewPassword{.name = "password",
                                 .label = "Mật khẩu",
                                 .type = "password",
                                 .autocomplete = "new-password",
                                 .hint = kPasswordHint,
                                 .maxlength = 128};
constexpr FieldSpec kPasswordConfirm{.name = "password_confirm",
                                     .label = "Nhập lại mật khẩu",
                                     .type = "password",
                                     .autocomplete = "new-password",
                                     .maxlength = 128};
constexpr FieldSpec kBusinessName{
    .name = "business_name", .label = "Tên tổ chức, doanh nghiệp", .autocomplete = "organization", .maxlength = 200};
constexpr FieldSpec kTaxCode{.name = "tax_code",
                             .label = "Mã số thuế",
                             .autocomplete = "off",
                             .hint = "10 chữ số; chi nhánh thêm dấu gạch ngang và 3 chữ số (ví dụ 0312345678-001).",
                             .maxlength = 14,
                             .plain = true};
constexpr FieldSpec kRepresentative{.name = "representative",
                                    .label = "Họ và tên người đại diện theo pháp luật",
                                    .autocomplete = "name",
                                    .maxlength = 100};
constexpr FieldSpec kLogin{.name = "login",
                           .label = "Số định danh, số điện thoại hoặc thư điện tử",
                           .autocomplete = "username",
                           .maxlength = 254,
                           .plain = true};
constexpr FieldSpec kLoginPassword{
    .name = "password", .label = "Mật khẩu", .type = "password", .autocomplete = "current-password", .maxlength = 128};
constexpr FieldSpec kOldPassword{.name = "old_password",
                                 .label = "Mật khẩu hiện tại",
                                 .type = "password",
                                 .autocomplete = "current-password",
                                 .maxlength = 128};
constexpr FieldSpec kChangedPassword{.name = "new_password",
                                     .label = "Mật khẩu mới",
                                     .type = "password",
                                     .autocomplete = "new-password",
                                     .hint = kPasswordHint,
                                     .maxlength = 128};
constexpr FieldSpec kChangedPasswordConfirm{.name = "new_password_confirm",
                                            .label = "Nhập lại mật khẩu mới",
                                            .type = "password",
                                            .autocomplete = "new-password",
                                            .maxlength = 128};

const std::vector<const FieldSpec*> kCitizenForm{&kFullName, &kIdNumber, &kPhone,       &kEmail,
                                                 &kAddress,  &kNewPassword, &kPasswordConfirm};
const std::vector<const FieldSpec*> kBusinessForm{&kBusinessName, &kTaxCode, &kRepresentative, &kPhone,
                                                  &kEmail,        &kAddress, &kNewPassword,    &kPasswordConfirm};
const std::vector<const FieldSpec*> kLoginForm{&kLogin, &kLoginPassword};
const std::vector<const FieldSpec*> kPasswordForm{&kOldPassword, &kChangedPassword, &kChangedPasswordConfirm};

// What a form shows: the values as posted (passwords are never echoed) and
// the problems found.
struct FormState {
  std::multimap<std::string, std::string> values;
  std::string summary;  // heading of the error summary; empty: no errors
  std::vector<FieldError> errors;
};

void SetText(data& d, const std::string& key, const std::string& value) {
  // An empty string would still open {{#key}}; false does not.
  if (value.empty()) {
    d.set(key, false);
  } else {
    d.set(key, value);
  }
}

std::string FieldHtml(const FieldSpec& spec, const FormState& form) {
  const std::string id = spec.name;
  data d;
  d.set("id", id);
  d.set("name", id);
  d.set("label", spec.label);
  d.set("type", spec.type);
  std::string value = std::string(spec.type) == "password" ? "" : FormValue(form.values, id);
  SetText(d, "value", IsValidUtf8(value) ? value : "");
  SetText(d, "autocomplete", spec.autocomplete);
  SetText(d, "inputmode", spec.inputmode);
  SetText(d, "hint", spec.hint);
  SetText(d, "maxlength", spec.maxlength > 0 ? std::to_string(spec.maxlength) : "");
  d.set("optional", spec.optional);
  d.set("required", !spec.optional);
  d.set("plain", spec.plain);
  std::string error;
  for (const auto& e : form.errors) {
    if (e.field == id) {
      error = e.message;
      break;
    }
  }
  SetText(d, "error", error);
  std::string described;
  if (*spec.hint) described = id + "-hint";
  if (!error.empty()) described += (described.empty() ? "" : " ") + id + "-error";
  SetText(d, "describedby", described);
  return RenderFragment("form_field", d);
}

// Every field of `specs` as "field_<name>" (HTML), and the error summary:
// field problems in the order of the form, linked to their inputs, then any
// problem about something the form does not show.
void SetForm(data& d, const std::vector<const FieldSpec*>& specs, const FormState& form) {
  for (const FieldSpec* spec : specs) d.set(std::string("field_") + spec->name, FieldHtml(*spec, form));
  if (form.summary.empty() && form.errors.empty()) {
    d.set("error_summary", std::string());
    return;
  }
  data items{data::type::list};
  std::vector<bool> listed(form.errors.size(), false);
  for (const FieldSpec* spec : specs) {
    for (std::size_t i = 0; i < form.errors.size(); ++i) {
      if (listed[i] || form.errors[i].field != spec->name) continue;
      data item;
      item.set("href", std::string("#") + spec->name);
      item.set("message", form.errors[i].message);
      items.push_back(item);
      listed[i] = true;
    }
  }
  for (std::size_t i = 0; i < form.errors.size(); ++i) {
    if (listed[i]) continue;
    data item;
    item.set("href", false);
    item.set("message", form.errors[i].message);
    items.push_back(item);
  }
  data summary;
  summary.set("title", form.summary.empty() ? std::string(kInvalidForm) : form.summary);
  summary.set("has_items", !form.errors.empty());
  summary.set("items", items);
  d.set("error_summary", RenderFragment("error_summary", summary));
}

// The form's values without its secrets, to show again.
std::multimap<std::string, std::string> Echo(const std::multimap<std::string, std::string>& form) {
  std::multimap<std::string, std::string> out;
  for (const auto& [name, value] : form) {
    if (name.find("password") == std::string::npos && name != "csrf_token") out.emplace(name, value);
  }
  return out;
}

int StatusFor(const Error& error) { return IsThrottled(error) ? 429 : HttpStatusFor(error.code); }

FormState FailedForm(std::multimap<std::string, std::string> values, const Error& error) {
  return {std::move(values), error.user_message.empty() ? kInvalidForm : error.user_message, error.fields};
}

// The problems of a registration found without the service, shown together
// with a password confirmation that does not match (the service would
// otherwise create the account).
std::vector<FieldError> PrecheckRegistration(bool business, const std::multimap<std::string, std::string>& form) {
  std::vector<FieldError> problems;
  auto collect = [&](const auto& result) {
    if (!result) {
      for (const auto& f : result.error().fields) problems.push_back(f);
    }
  };
  if (business) {
    if (Trim(FormValue(form, "business_name")).size() < 2) {
      problems.push_back({"business_name", "Vui lòng nhập tên tổ chức, doanh nghiệp."});
    }
    collect(domain::ValidateTaxCode(FormValue(form, "tax_code")));
    collect(domain::ValidateFullName(FormValue(form, "representative"), "representative"));
  } else {
    collect(domain::ValidateFullName(FormValue(form, "full_name")));
    collect(domain::ValidateIdNumber(FormValue(form, "id_number")));
  }
  collect(domain::ValidatePhone(FormValue(form, "phone")));
  collect(domain::ValidateEmail(FormValue(form, "email")));
  collect(domain::ValidateNewPassword(FormValue(form, "password")));
  return problems;
}

Response RenderRegister(const WebContext& ctx, bool business, const FormState& form, int status) {
  data d;
  d.set("citizen", !business);
  d.set("business", business);
  SetForm(d, business ? kBusinessForm : kCitizenForm, form);
  std::string title = business ? "Đăng ký tài khoản tổ chức, doanh nghiệp" : "Đăng ký tài khoản công dân";
  PageMeta meta{form.summary.empty() ? title : "Lỗi: " + title,
                "Đăng ký tài khoản để nộp hồ sơ thủ tục hành chính trực tuyến.", "register"};
  return NoStore(Response::Html(RenderPage("register", d, meta, ctx.portal_name), status));
}

Response RenderLogin(const WebContext& ctx, const std::string& next, const std::string& notice, const FormState& form,
                     int status) {
  data d;
  SetText(d, "next", IsValidUtf8(next) ? next : "");
  SetText(d, "notice", notice);
  SetForm(d, kLoginForm, form);
  PageMeta meta{form.summary.empty() ? "Đăng nhập" : "Lỗi: Đăng nhập",
                "Đăng nhập bằng số định danh cá nhân, số điện thoại hoặc thư điện tử.", "login"};
  return NoStore(Response::Html(RenderPage("login", d, meta, ctx.portal_name), status));
}

Response RenderAccount(const WebContext& ctx, const app::Principal& who, const std::string& notice,
                       const FormState& form, int status) {
  const domain::User& u = who.user;
  data d;
  SetText(d, "notice", notice);
  d.set("full_name", u.full_name);
  d.set("name_label", u.role == domain::Role::kBusiness ? "Người đại diện theo pháp luật" : "Họ và tên");
  d.set("role_label", domain::RoleLabel(u.role));
  SetText(d, "business_name", u.business_name);
  SetText(d, "tax_code", u.tax_code);
  SetText(d, "username", u.username);
  SetText(d, "agency_code", u.agency_code);
  SetText(d, "id_number", u.id_number.empty() ? "" : MaskIdNumber(u.id_number));
  SetText(d, "phone", u.phone);
  SetText(d, "email", u.email);
  SetText(d, "address", u.address);
  d.set("csrf_token", who.session.csrf_token);
  SetForm(d, kPasswordForm, form);
  PageMeta meta{form.summary.empty() ? "Tài khoản của tôi" : "Lỗi: Tài khoản của tôi", "", "account",
                DisplayName(u), who.session.csrf_token};
  return NoStore(Response::Html(RenderPage("account", d, meta, ctx.portal_name), status));
}

// Login CSRF: the register and login forms have no session (so no CSRF
// token) yet, and SameSite=Lax does not stop a cross-site top-level POST
// from setting the new cookie. Browsers say where a request comes from in
// Sec-Fetch-Site; a form posted from another site is refused.
bool IsCrossSitePost(const Request& req) { return req.Header("sec-fetch-site") == "cross-site"; }

Error CrossSiteForm() {
  return {ErrorCode::kForbidden,
          "Biểu mẫu được gửi từ một trang web khác. Vui lòng mở trang của cổng dịch vụ công và thử lại.",
          "cross-site form post", {}};
}

Response RedirectToLogin(const std::string& next) { return Response::Redirect("/dang-nhap?next=" + next); }

}  // namespace

std::string SafeLocalPath(const std::string& next, const std::string& fallback) {
  if (next.empty() || next.size() > 2000 || next.front() != '/' || next.starts_with("//")) return fallback;
  for (unsigned char c : next) {
    // Browsers read "\" as "/" ("/\evil.example"); control characters could
    // split the Location header; anything else non-ASCII is not ours to send.
    if (c == '\\' || c < 0x21 || c >= 0x7f) return fallback;
  }
  return next;
}

std::string MaskIdNumber(const std::string& id_number) {
  if (id_number.size() <= 6) return std::string(id_number.size(), '*');
  return id_number.substr(0, 4) + std::string(id_number.size() - 6, '*') + id_number.substr(id_number.size() - 2);
}

Handler WithViewer(WebContext& ctx, Handler page) {
  return [&ctx, page = std::move(page)](Request& req) {
    // The header depends on the cookie: shared caches must not mix the two.
    auto anonymous = [&] {
      Response response = page(req);
      response.headers.emplace_back("Vary", "Cookie");
      return response;
    };
    std::optional<std::string> cookie = ctx.accounts ? CookieValue(req, kSessionCookie) : std::nullopt;
    if (!cookie || cookie->empty()) return anonymous();
    auto who = ctx.accounts->Authenticate(*cookie);
    if (!who) return anonymous();  // expired or unknown: the anonymous header
    Response response = [&] {
      ViewerScope scope(DisplayName(who->user), who->session.csrf_token, domain::IsOfficer(who->user.role));
      return page(req);
    }();
    // The page names the user and holds their CSRF token: for their eyes only.
    bool has_policy = false;
    for (const auto& [name, value] : response.headers) has_policy = has_policy || name == "Cache-Control";
    if (!has_policy) response.headers.emplace_back("Cache-Control", "private, no-store");
    response.headers.emplace_back("Vary", "Cookie");
    return response;
  };
}

// --- API --------------------------------------------------------------------

Response AccountHandlers::ApiRegister(Request& req) {
  if (!ctx_.accounts) return Problem(NotConfigured(), req);
  auto body = ParseJsonObject(req);
  if (!body) return Problem(body.error(), req);
  std::vector<FieldError> problems;
  std::string kind = StringMember(*body, "kind", problems);
  if (kind.empty() && problems.empty()) kind = "citizen";
  if (kind != "citizen" && kind != "business") {
    return Problem(
        InvalidFields({{"kind", "Loại tài khoản phải là citizen (công dân) hoặc business (tổ chức, doanh nghiệp)."}}),
        req);
  }
  Result<domain::User> created;
  if (kind == "citizen") {
    app::RegisterCitizenInput in{StringMember(*body, "full_name", problems), StringMember(*body, "id_number", problems),
                                 StringMember(*body, "phone", problems),     StringMember(*body, "email", problems),
                                 StringMember(*body, "address", problems),   StringMember(*body, "password", problems)};
    if (!problems.empty()) return Problem(InvalidFields(std::move(problems)), req);
    created = ctx_.accounts->RegisterCitizen(in, req.request_id);
  } else {
    app::RegisterBusinessInput in{StringMember(*body, "business_name", problems),
                                  StringMember(*body, "tax_code", problems),
                                  StringMember(*body, "representative", problems),
                                  StringMember(*body, "phone", problems),
                                  StringMember(*body, "email", problems),
                                  StringMember(*body, "address", problems),
                                  StringMember(*body, "password", problems)};
    if (!problems.empty()) return Problem(InvalidFields(std::move(problems)), req);
    created = ctx_.accounts->RegisterBusiness(in, req.request_id);
  }
  if (!created) return Problem(created.error(), req);
  json out = {{"id", created->id}, {"role", domain::RoleKey(created->role)}, {"full_name", created->full_name}};
  if (!created->business_name.empty()) out["business_name"] = created->business_name;
  return Response::Json(out.dump(), 201);
}

Response AccountHandlers::ApiLogin(Request& req) {
  if (!ctx_.accounts) return Problem(NotConfigured(), req);
  auto body = ParseJsonObject(req);
  if (!body) return Problem(body.error(), req);
  std::vector<FieldError> problems;
  std::string login = StringMember(*body, "login", problems);
  std::string password = StringMember(*body, "password", problems);
  if (problems.empty()) {
    if (Trim(login).empty()) problems.push_back({"login", kLoginMissing});
    if (password.empty()) problems.push_back({"password", "Vui lòng nhập mật khẩu."});
  }
  if (!problems.empty()) return Problem(InvalidFields(std::move(problems)), req);
  auto result = ctx_.accounts->Login(login, password, "bearer", req.request_id);
  if (!result) return Problem(result.error(), req);
  json out = {{"token", result->token},
              {"expires_at", FormatTimestamp(result->principal.session.expires_at)},
              {"user", UserSummaryJson(result->principal.user)}};
  return NoStore(Response::Json(out.dump()));
}

Response AccountHandlers::ApiLogout(Request& req) {
  auto who = AuthenticateApiWrite(ctx_, req);
  if (!who) return Problem(who.error(), req);
  auto done = ctx_.accounts->Logout(*who, req.request_id);
  if (!done) return Problem(done.error(), req);
  return NoContent();
}

Response AccountHandlers::ApiMe(Request& req) {
  auto who = Authenticate(ctx_, req);
  if (!who) return Problem(who.error(), req);
  return NoStore(Response::Json(UserJson(who->user).dump()));
}

Response AccountHandlers::ApiChangePassword(Request& req) {
  auto who = AuthenticateApiWrite(ctx_, req);
  if (!who) return Problem(who.error(), req);
  auto body = ParseJsonObject(req);
  if (!body) return Problem(body.error(), req);
  std::vector<FieldError> problems;
  std::string old_password = StringMember(*body, "old_password", problems);
  std::string new_password = StringMember(*body, "new_password", problems);
  if (!problems.empty()) return Problem(InvalidFields(std::move(problems)), req);
  auto changed = ctx_.accounts->ChangePassword(*who, old_password, new_password, req.request_id);
  if (!changed) return Problem(changed.error(), req);
  return NoContent();
}

// --- pages ------------------------------------------------------------------

Response AccountHandlers::RegisterPage(Request& req) {
  if (!ctx_.accounts) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  return RenderRegister(ctx_, req.Query("loai") == "doanh-nghiep", {}, 200);
}

Response AccountHandlers::RegisterSubmit(Request& req) {
  if (!ctx_.accounts) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  if (IsCrossSitePost(req)) return ErrorPage(CrossSiteForm(), req, ctx_.portal_name);
  auto form = ParseForm(req);
  if (!form) return RenderRegister(ctx_, false, {{}, "Dữ liệu biểu mẫu không hợp lệ, vui lòng nhập lại.", {}}, 400);
  const bool business = FormValue(*form, "kind") == "business";
  const std::string password = FormValue(*form, "password");
  if (password != FormValue(*form, "password_confirm")) {
    auto problems = PrecheckRegistration(business, *form);
    problems.push_back({"password_confirm", "Mật khẩu nhập lại không khớp."});
    return RenderRegister(ctx_, business, {Echo(*form), kInvalidForm, std::move(problems)}, 400);
  }
  Result<domain::User> created;
  if (business) {
    created = ctx_.accounts->RegisterBusiness(
        {FormValue(*form, "business_name"), FormValue(*form, "tax_code"), FormValue(*form, "representative"),
         FormValue(*form, "phone"), FormValue(*form, "email"), FormValue(*form, "address"), password},
        req.request_id);
  } else {
    created = ctx_.accounts->RegisterCitizen(
        {FormValue(*form, "full_name"), FormValue(*form, "id_number"), FormValue(*form, "phone"),
         FormValue(*form, "email"), FormValue(*form, "address"), password},
        req.request_id);
  }
  if (!created) {
    return RenderRegister(ctx_, business, FailedForm(Echo(*form), created.error()), StatusFor(created.error()));
  }
  // Post/Redirect/Get: the login page confirms the registration.
  return Response::Redirect("/dang-nhap?moi-dang-ky=1");
}

Response AccountHandlers::LoginPage(Request& req) {
  if (!ctx_.accounts) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  const std::string next = SafeLocalPath(req.Query("next"), "");
  if (auto who = Authenticate(ctx_, req); who) {
    return Response::Redirect(next.empty() ? kAccountPath : next);
  }
  std::string notice =
      req.HasQuery("moi-dang-ky") ? "Đăng ký tài khoản thành công. Vui lòng đăng nhập để tiếp tục." : "";
  return RenderLogin(ctx_, next, notice, {}, 200);
}

Response AccountHandlers::LoginSubmit(Request& req) {
  if (!ctx_.accounts) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  if (IsCrossSitePost(req)) return ErrorPage(CrossSiteForm(), req, ctx_.portal_name);
  auto form = ParseForm(req);
  if (!form) return RenderLogin(ctx_, "", "", {{}, "Dữ liệu biểu mẫu không hợp lệ, vui lòng nhập lại.", {}}, 400);
  const std::string login = FormValue(*form, "login");
  const std::string password = FormValue(*form, "password");
  const std::string next = SafeLocalPath(FormValue(*form, "next"), "");
  std::vector<FieldError> problems;
  if (Trim(login).empty()) problems.push_back({"login", kLoginMissing});
  if (password.empty()) problems.push_back({"password", "Vui lòng nhập mật khẩu."});
  if (!problems.empty()) return RenderLogin(ctx_, next, "", {Echo(*form), kInvalidForm, std::move(problems)}, 400);
  auto result = ctx_.accounts->Login(login, password, "cookie", req.request_id);
  if (!result) {
    // One message for a wrong identifier or password: no field is singled out.
    Response page = RenderLogin(ctx_, next, "", FailedForm(Echo(*form), result.error()), StatusFor(result.error()));
    return IsThrottled(result.error()) ? WithRetryAfter(std::move(page), result.error()) : page;
  }
  Response r = Response::Redirect(next.empty() ? kAccountPath : next);
  r.headers.emplace_back("Set-Cookie", SessionCookie(result->token, ctx_.secure_cookies));
  return r;
}

Response AccountHandlers::LogoutSubmit(Request& req) {
  if (!ctx_.accounts) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  auto form = ParseForm(req).value_or(std::multimap<std::string, std::string>{});
  auto who = AuthenticateForm(ctx_, req, form);
  Response r = Response::Redirect("/");
  if (!who) {
    // Already logged out (expired or unknown session): just forget the cookie.
    if (who.error().code != ErrorCode::kUnauthenticated) return ErrorPage(who.error(), req, ctx_.portal_name);
    r.headers.emplace_back("Set-Cookie", ClearedSessionCookie(ctx_.secure_cookies));
    return r;
  }
  if (auto done = ctx_.accounts->Logout(*who, req.request_id); !done) {
    return ErrorPage(done.error(), req, ctx_.portal_name);
  }
  r.headers.emplace_back("Set-Cookie", ClearedSessionCookie(ctx_.secure_cookies));
  return r;
}

Response AccountHandlers::AccountPage(Request& req) {
  if (!ctx_.accounts) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  auto who = Authenticate(ctx_, req);
  if (!who) {
    if (who.error().code == ErrorCode::kUnauthenticated) return RedirectToLogin(kAccountPath);
    return ErrorPage(who.error(), req, ctx_.portal_name);
  }
  std::string notice =
      req.HasQuery("doi-mat-khau") ? "Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc." : "";
  return RenderAccount(ctx_, *who, notice, {}, 200);
}

Response AccountHandlers::ChangePasswordSubmit(Request& req) {
  if (!ctx_.accounts) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  auto form = ParseForm(req).value_or(std::multimap<std::string, std::string>{});
  auto who = AuthenticateForm(ctx_, req, form);
  if (!who) {
    if (who.error().code == ErrorCode::kUnauthenticated) return RedirectToLogin(kAccountPath);
    return ErrorPage(who.error(), req, ctx_.portal_name);
  }
  const std::string old_password = FormValue(form, "old_password");
  const std::string new_password = FormValue(form, "new_password");
  std::vector<FieldError> problems;
  if (old_password.empty()) problems.push_back({"old_password", "Vui lòng nhập mật khẩu hiện tại."});
  if (new_password != FormValue(form, "new_password_confirm")) {
    if (auto valid = domain::ValidateNewPassword(new_password, "new_password"); !valid) {
      for (const auto& f : valid.error().fields) problems.push_back(f);
    }
    problems.push_back({"new_password_confirm", "Mật khẩu nhập lại không khớp."});
  }
  if (!problems.empty()) return RenderAccount(ctx_, *who, "", {{}, kInvalidForm, std::move(problems)}, 400);
  auto changed = ctx_.accounts->ChangePassword(*who, old_password, new_password, req.request_id);
  if (!changed) return RenderAccount(ctx_, *who, "", FailedForm({}, changed.error()), StatusFor(changed.error()));
  return Response::Redirect(std::string(kAccountPath) + "?doi-mat-khau=1");
}

}  // namespace motcua::web
