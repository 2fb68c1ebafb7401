#include "web/calendar_handlers.hpp"

#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/calendar/calendar_text.hpp"
#include "app/dossier/dossier_service.hpp"
#include "core/text.hpp"
#include "web/auth.hpp"
#include "web/catalog_handlers.hpp"
#include "web/error_mapping.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using kainjow::mustache::data;
using json = nlohmann::ordered_json;

Error NotConfigured() {
  return Error{ErrorCode::kUnavailable,
               "Lịch làm việc tạm thời không sẵn sàng.",
               "WebContext::calendar is not set",
               {}};
}

// A year as four digits; the service checks the range.
Result<int> ParseYear(const std::string& name, const std::string& text) {
  int year = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.size() != 4 || ec != std::errc() || ptr != text.data() + text.size()) {
    return Fail(InvalidParameter(name, "Năm phải là số có 4 chữ số, ví dụ 2025."));
  }
  return year;
}

const char* WeekdayName(Date date) {
  static const char* const kNames[] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                       "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
  return kNames[std::chrono::weekday{std::chrono::sys_days{date}}.c_encoding()];
}

const char* KindLabel(domain::DayOff::Kind kind) {
  switch (kind) {
    case domain::DayOff::Kind::kHoliday: return "Ngày lễ";
    case domain::DayOff::Kind::kCompensatory: return "Nghỉ bù";
    case domain::DayOff::Kind::kOverride: return "Theo quyết định";
  }
  return "";
}

// "2025-02-05T17:00:00+07:00": the instant on Vietnam's clock.
std::string FormatVietnamTime(Timestamp t) {
  const VietnamClock local = ToVietnam(t);
  return fmt::format("{}T{}:00+07:00", FormatIsoDate(local.date), app::FormatClock(local.minutes));
}

std::string YearUrl(int year) { return "/lich-lam-viec?nam=" + std::to_string(year); }
std::string AdminUrl(int year) { return "/quan-tri/lich-lam-viec?nam=" + std::to_string(year); }

constexpr const char* kAdminPath = "/quan-tri/lich-lam-viec";
constexpr const char* kInvalidForm = "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.";

Error EditorsOnly() {
  return {ErrorCode::kForbidden,
          "Chỉ quản trị hệ thống hoặc quản trị cơ quan được chỉnh sửa lịch làm việc.",
          "calendar edit by a role that may not", {}};
}

Error FieldProblem(const std::string& field, const std::string& message) {
  return {ErrorCode::kInvalidArgument, kInvalidForm, "invalid " + field, {{field, message}}};
}

// Who made a change, for the audit trail: the officer's username.
std::string ActorOf(const app::Principal& who) {
  return who.user.username.empty() ? "user:" + std::to_string(who.user.id) : who.user.username;
}

// The date of an override in a path or a form: the page accepts dd/mm/yyyy
// (and the ISO form its own buttons send), the API only YYYY-MM-DD.
constexpr const char* kBadVnDate =
    "Ngày phải có dạng ngày/tháng/năm, ví dụ 02/01/2026, và là một ngày có thật.";
constexpr const char* kBadIsoDate = "Ngày phải có dạng YYYY-MM-DD và là một ngày có thật.";

std::string FieldErrorOf(const Error* error, const std::string& field) {
  if (!error) return {};
  for (const auto& f : error->fields) {
    if (f.field == field) return f.message;
  }
  return {};
}

void SetText(data& d, const std::string& key, const std::string& value) {
  if (value.empty()) {
    d.set(key, false);
  } else {
    d.set(key, value);
  }
}

// The error summary (templates/error_summary.mustache) linking each problem
// to its input.
std::string SummaryHtml(const Error& error) {
  static const std::map<std::string, std::string> kAnchors{
      {"date", "date"}, {"kind", "kind-off"}, {"note", "note"}, {"agency", "agency"}, {"hours", "hours"}};
  data items{data::type::list};
  for (const auto& f : error.fields) {
    data item;
    auto it = kAnchors.find(f.field);
    if (it != kAnchors.end()) {
      item.set("href", "#" + it->second);
    } else {
      item.set("href", false);
    }
    item.set("message", f.message);
    items.push_back(item);
  }
  data summary;
  summary.set("title", error.user_message.empty() ? std::string(kInvalidForm) : error.user_message);
  summary.set("has_items", !error.fields.empty());
  summary.set("items", items);
  return RenderFragment("error_summary", summary);
}

Response NoStore(Response r) {
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

std::string HoursText(const domain::OfficeHours& hours) {
  std::string out;
  for (const auto& session : hours.sessions) {
    if (!out.empty()) out += ", ";
    out += app::FormatClock(session.start) + "–" + app::FormatClock(session.end);
  }
  return out;
}

// The agencies whose office hours `who` may set: every agency for a system
// administrator, the subtree of their agency for an agency administrator.
std::vector<const domain::Agency*> HoursScope(const domain::CatalogIndex& index, const app::Principal& who) {
  std::vector<const domain::Agency*> out;
  for (const auto& a : index.catalog().agencies) {
    if (who.user.role == domain::Role::kSystemAdmin ||
        app::AgencyInScope(index, who.user.agency_code, a.code)) {
      out.push_back(&a);
    }
  }
  return out;
}

// The values typed into the admin page's forms, kept on a re-render.
struct AdminForm {
  std::string date;
  std::string kind = "nghi";
  std::string note;
  std::string agency;
  std::string hours;
};

}  // namespace

bool MayEditCalendar(domain::Role role) {
  return role == domain::Role::kSystemAdmin || role == domain::Role::kAgencyAdmin;
}

Response CalendarHandlers::ApiHolidays(Request& req) {
  if (!ctx_.calendar) return ProblemResponse(NotConfigured(), req.request_id);
  if (!req.HasQuery("year")) {
    return ProblemResponse(InvalidParameter("year", "Thiếu tham số year (năm, ví dụ 2025)."),
                           req.request_id);
  }
  auto year = ParseYear("year", req.Query("year"));
  if (!year) return ProblemResponse(year.error(), req.request_id);
  auto days_off = ctx_.calendar->DaysOff(*year);
  if (!days_off) return ProblemResponse(days_off.error(), req.request_id);
  json items = json::array();
  for (const auto& day : *days_off) {
    items.push_back({{"date", FormatIsoDate(day.date)},
                     {"name", day.name},
                     {"kind", domain::DayOffKindKey(day.kind)}});
  }
  return Response::Json(json{{"year", *year}, {"items", items}}.dump());
}

Response CalendarHandlers::ApiDue(Request& req) {
  if (!ctx_.calendar) return ProblemResponse(NotConfigured(), req.request_id);
  if (!req.HasQuery("from")) {
    return ProblemResponse(
        InvalidParameter("from", "Thiếu tham số from (ngày tiếp nhận, dạng YYYY-MM-DD)."),
        req.request_id);
  }
  auto from = ParseIsoDate(req.Query("from"));
  if (!from) {
    return ProblemResponse(
        InvalidParameter("from", "Ngày tiếp nhận phải có dạng YYYY-MM-DD và là một ngày có thật."),
        req.request_id);
  }
  if (!req.HasQuery("days")) {
    return ProblemResponse(InvalidParameter("days", "Thiếu tham số days (số ngày làm việc)."),
                           req.request_id);
  }
  std::string days_text = req.Query("days");
  auto days = app::ParseWorkingDays(days_text);
  if (!days) {
    return ProblemResponse(
        InvalidParameter("days", days_text.starts_with("-")
                                     ? "Số ngày làm việc không được âm."
                                     : "Số ngày làm việc phải là số không âm, ví dụ 3 hoặc 0.5."),
        req.request_id);
  }
  int minutes = 0;
  if (req.HasQuery("time")) {
    auto clock = app::ParseClock(req.Query("time"));
    if (!clock) {
      return ProblemResponse(
          InvalidParameter("time", "Giờ tiếp nhận phải có dạng HH:MM, ví dụ 09:15."),
          req.request_id);
    }
    minutes = *clock;
  }
  std::string agency = req.Query("agency");
  if (!agency.empty()) {
    // An unknown code would silently count on the default hours.
    auto index = ctx_.catalog.Snapshot();
    if (!index) return ProblemResponse(index.error(), req.request_id);
    if (!(*index)->FindAgency(agency)) {
      return ProblemResponse(InvalidParameter("agency", "Cơ quan không tồn tại."), req.request_id);
    }
  }
  auto due = ctx_.calendar->DueLocalTime(domain::LocalDateTime{*from, minutes}, *days, agency);
  if (!due) return ProblemResponse(due.error(), req.request_id);
  json body = {{"from", FormatIsoDate(*from)}};
  // 3 stays 3 in JSON, 0.5 stays 0.5.
  if (*days == static_cast<double>(static_cast<long long>(*days))) {
    body["days"] = static_cast<long long>(*days);
  } else {
    body["days"] = *days;
  }
  if (req.HasQuery("time")) body["time"] = app::FormatClock(minutes);
  if (!agency.empty()) body["agency"] = agency;
  body["due_date"] = FormatIsoDate(due->date);
  body["due_time"] = FormatVietnamTime(FromVietnam(due->date, due->minutes));
  return Response::Json(body.dump());
}

Response CalendarHandlers::CalendarPage(Request& req) {
  if (!ctx_.calendar) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  int year = static_cast<int>(ctx_.calendar->Today().year());
  if (req.HasQuery("nam")) {
    auto parsed = ParseYear("nam", req.Query("nam"));
    if (!parsed) return ErrorPage(parsed.error(), req, ctx_.portal_name);
    year = *parsed;
  }
  auto days_off = ctx_.calendar->DaysOff(year);
  if (!days_off) return ErrorPage(days_off.error(), req, ctx_.portal_name);
  auto overrides = ctx_.calendar->Overrides(year);
  if (!overrides) return ErrorPage(overrides.error(), req, ctx_.portal_name);

  data d;
  d.set("year", std::to_string(year));
  bool can_edit = false;
  if (ctx_.accounts && RequestToken(req)) {
    auto who = Authenticate(ctx_, req);
    can_edit = who && MayEditCalendar(who->user.role);
  }
  d.set("can_edit", can_edit);
  data rows{data::type::list};
  for (const auto& day : *days_off) {
    data row;
    row.set("iso", FormatIsoDate(day.date));
    row.set("date", FormatVnDate(day.date));
    row.set("weekday", WeekdayName(day.date));
    row.set("name", day.name);
    row.set("kind", domain::DayOffKindKey(day.kind));
    row.set("kind_label", KindLabel(day.kind));
    rows.push_back(row);
  }
  d.set("days_off", rows);
  d.set("has_days_off", !days_off->empty());
  d.set("count", std::to_string(days_off->size()));
  data working{data::type::list};
  bool has_working = false;
  for (const auto& stored : *overrides) {
    if (stored.entry.off) continue;
    data row;
    row.set("iso", FormatIsoDate(stored.entry.date));
    row.set("date", FormatVnDate(stored.entry.date));
    row.set("weekday", WeekdayName(stored.entry.date));
    row.set("note", stored.entry.note);
    working.push_back(row);
    has_working = true;
  }
  d.set("has_working_days", has_working);
  d.set("working_days", working);
  std::string hours;
  for (const auto& session : domain::OfficeHours::Default().sessions) {
    if (!hours.empty()) hours += " và ";
    hours += app::FormatClock(session.start) + "–" + app::FormatClock(session.end);
  }
  d.set("office_hours", hours);
  if (year > app::CalendarService::kMinYear) {
    d.set("prev_url", YearUrl(year - 1));
    d.set("prev_year", std::to_string(year - 1));
  }
  if (year < app::CalendarService::kMaxYear) {
    d.set("next_url", YearUrl(year + 1));
    d.set("next_year", std::to_string(year + 1));
  }
  std::string title = fmt::format("Lịch nghỉ lễ, tết năm {}", year);
  return Response::Html(
      RenderPage("calendar", d,
                 {title,
                  fmt::format("Các ngày nghỉ lễ, tết, nghỉ bù năm {} dùng để tính hạn "
                              "giải quyết hồ sơ.",
                              year),
                  "calendar"},
                 ctx_.portal_name));
}

// --- editing: API ----------------------------------------------------------

namespace {

// API writes: a bearer token, or the session cookie with the CSRF token in
// the X-CSRF-Token header; then the role.
Result<app::Principal> AuthorizeApiEdit(const WebContext& ctx, const Request& req) {
  auto who = Authenticate(ctx, req);
  if (!who) return who;
  if (who->session.kind == "cookie") {
    who = AuthenticateForm(ctx, req, {{"csrf_token", req.Header("x-csrf-token")}});
    if (!who) return who;
  }
  if (!MayEditCalendar(who->user.role)) {
    ctx.accounts->AuditDenied(ActorOf(*who), "calendar edit", req.request_id);
    return Fail(EditorsOnly());
  }
  return who;
}

}  // namespace

Response CalendarHandlers::ApiPutOverride(Request& req) {
  if (!ctx_.calendar) return ProblemResponse(NotConfigured(), req.request_id);
  auto who = AuthorizeApiEdit(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto date = ParseIsoDate(req.params["date"]);
  if (!date) return ProblemResponse(InvalidParameter("date", kBadIsoDate), req.request_id);
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) {
    return ProblemResponse(InvalidParameter("body", "Nội dung yêu cầu phải là JSON, ví dụ {\"off\":true,\"note\":\"...\"}."),
                           req.request_id);
  }
  auto off = body.find("off");
  if (off == body.end() || !off->is_boolean()) {
    return ProblemResponse(
        InvalidParameter("off", "Cần \"off\": true (ngày nghỉ) hoặc false (ngày làm việc)."), req.request_id);
  }
  std::string note;
  if (auto n = body.find("note"); n != body.end() && !n->is_null()) {
    if (!n->is_string()) {
      return ProblemResponse(InvalidParameter("note", "Ghi chú phải là chuỗi ký tự."), req.request_id);
    }
    note = n->get<std::string>();
  }
  if (auto saved = ctx_.calendar->SetDay(*date, off->get<bool>(), note, ActorOf(*who), req.request_id); !saved) {
    return ProblemResponse(saved.error(), req.request_id);
  }
  auto stored = ctx_.calendar->Overrides(static_cast<int>(date->year()));
  if (!stored) return ProblemResponse(stored.error(), req.request_id);
  for (const auto& o : *stored) {
    if (o.entry.date != *date) continue;
    return Response::Json(json{{"date", FormatIsoDate(o.entry.date)},
                               {"off", o.entry.off},
                               {"note", o.entry.note},
                               {"updated_by", o.updated_by},
                               {"updated_at", FormatTimestamp(o.updated_at)}}
                              .dump());
  }
  return ProblemResponse({ErrorCode::kInternal, "Đã lưu nhưng chưa đọc lại được ngày vừa lưu.",
                          "override missing after save", {}},
                         req.request_id);
}

Response CalendarHandlers::ApiDeleteOverride(Request& req) {
  if (!ctx_.calendar) return ProblemResponse(NotConfigured(), req.request_id);
  auto who = AuthorizeApiEdit(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto date = ParseIsoDate(req.params["date"]);
  if (!date) return ProblemResponse(InvalidParameter("date", kBadIsoDate), req.request_id);
  auto cleared = ctx_.calendar->ClearDay(*date, ActorOf(*who), req.request_id);
  if (!cleared) {
    Error e = cleared.error();
    if (e.code == ErrorCode::kNotFound) e.user_message = "Ngày " + FormatVnDate(*date) + " chưa được điều chỉnh.";
    return ProblemResponse(e, req.request_id);
  }
  Response r = Response::Text("", "text/plain; charset=utf-8", 204);
  return r;
}

// --- editing: the administrators' page ----------------------------------------

namespace {

// The caller of an admin page, or the response to send instead: 303 to the
// login page, 403 (audited) for other roles, the CSRF refusal for posts.
struct Editor {
  std::optional<app::Principal> who;
  std::optional<Response> response;
};

Editor ResolveEditor(WebContext& ctx, const Request& req, const std::multimap<std::string, std::string>* form) {
  if (!ctx.calendar || !ctx.accounts) return {std::nullopt, ErrorPage(NotConfigured(), req, ctx.portal_name)};
  auto who = form ? AuthenticateForm(ctx, req, *form) : Authenticate(ctx, req);
  if (!who) {
    if (who.error().code == ErrorCode::kUnauthenticated) {
      return {std::nullopt, Response::Redirect(std::string("/dang-nhap?next=") + kAdminPath)};
    }
    return {std::nullopt, ErrorPage(who.error(), req, ctx.portal_name)};
  }
  if (!MayEditCalendar(who->user.role)) {
    ctx.accounts->AuditDenied(ActorOf(*who), "calendar edit page", req.request_id);
    return {std::nullopt, ErrorPage(EditorsOnly(), req, ctx.portal_name)};
  }
  return {*who, std::nullopt};
}

int YearOrToday(WebContext& ctx, const std::string& text) {
  int year = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.size() == 4 && ec == std::errc() && ptr == text.data() + text.size() &&
      year >= app::CalendarService::kMinYear && year <= app::CalendarService::kMaxYear) {
    return year;
  }
  return static_cast<int>(ctx.calendar->Today().year());
}

Response RenderAdmin(WebContext& ctx, const Request& req, const app::Principal& who, int year,
                     const AdminForm& form, const Error* error, const std::string& notice, int status) {
  auto overrides = ctx.calendar->Overrides(year);
  if (!overrides) return ErrorPage(overrides.error(), req, ctx.portal_name);
  auto index = ctx.catalog.Snapshot();
  if (!index) return ErrorPage(index.error(), req, ctx.portal_name);

  data d;
  d.set("year", std::to_string(year));
  d.set("csrf_token", who.session.csrf_token);
  SetText(d, "notice", notice);
  d.set("error_summary", error ? SummaryHtml(*error) : std::string());
  if (year > app::CalendarService::kMinYear) {
    d.set("prev_url", AdminUrl(year - 1));
    d.set("prev_year", std::to_string(year - 1));
  }
  if (year < app::CalendarService::kMaxYear) {
    d.set("next_url", AdminUrl(year + 1));
    d.set("next_year", std::to_string(year + 1));
  }

  // The add form.
  d.set("date", form.date);
  SetText(d, "date_error", FieldErrorOf(error, "date"));
  d.set("kind_off", form.kind != "lam-viec");
  d.set("kind_working", form.kind == "lam-viec");
  SetText(d, "kind_error", FieldErrorOf(error, "kind"));
  d.set("note", form.note);
  SetText(d, "note_error", FieldErrorOf(error, "note"));

  data rows{data::type::list};
  for (const auto& o : *overrides) {
    data row;
    row.set("iso", FormatIsoDate(o.entry.date));
    row.set("date", FormatVnDate(o.entry.date));
    row.set("weekday", WeekdayName(o.entry.date));
    row.set("kind_label", std::string(o.entry.off ? "Ngày nghỉ" : "Ngày làm việc"));
    row.set("note", o.entry.note);
    row.set("updated_by", o.updated_by);
    row.set("updated_at", FormatVnDateTime(o.updated_at));
    rows.push_back(row);
  }
  d.set("overrides", rows);
  d.set("has_overrides", !overrides->empty());

  // Office hours of the agencies in the administrator's scope.
  d.set("default_hours", HoursText(domain::OfficeHours::Default()));
  d.set("scoped", who.user.role != domain::Role::kSystemAdmin);
  const std::string default_text = app::FormatOfficeHours(domain::OfficeHours::Default());
  std::string selected = form.agency.empty() ? who.user.agency_code : form.agency;
  std::string selected_hours;
  data agencies{data::type::list};
  data custom{data::type::list};
  bool has_custom = false;
  for (const domain::Agency* a : HoursScope(**index, who)) {
    auto hours = ctx.calendar->OfficeHours(a->code);
    if (!hours) return ErrorPage(hours.error(), req, ctx.portal_name);
    data option;
    option.set("code", a->code);
    option.set("name", a->name);
    option.set("hours", HoursText(*hours));
    option.set("selected", a->code == selected);
    agencies.push_back(option);
    if (a->code == selected || selected_hours.empty()) selected_hours = app::FormatOfficeHours(*hours);
    if (app::FormatOfficeHours(*hours) != default_text) {
      data row;
      row.set("code", a->code);
      row.set("name", a->name);
      row.set("hours", HoursText(*hours));
      custom.push_back(row);
      has_custom = true;
    }
  }
  d.set("agencies", agencies);
  d.set("custom_hours", custom);
  d.set("has_custom_hours", has_custom);
  d.set("hours", form.hours.empty() ? selected_hours : form.hours);
  SetText(d, "agency_error", FieldErrorOf(error, "agency"));
  SetText(d, "hours_error", FieldErrorOf(error, "hours"));

  std::string title = fmt::format("Quản trị lịch làm việc năm {}", year);
  PageMeta meta{error ? "Lỗi: " + title : title, "", "calendar", who.user.full_name.empty() ? who.user.username : who.user.full_name,
                who.session.csrf_token};
  return NoStore(Response::Html(RenderPage("calendar_admin", d, meta, ctx.portal_name), status));
}

}  // namespace

Response CalendarHandlers::AdminPage(Request& req) {
  auto editor = ResolveEditor(ctx_, req, nullptr);
  if (editor.response) return std::move(*editor.response);
  int year = static_cast<int>(ctx_.calendar->Today().year());
  if (req.HasQuery("nam")) {
    auto parsed = ParseYear("nam", req.Query("nam"));
    if (!parsed) return ErrorPage(parsed.error(), req, ctx_.portal_name);
    if (*parsed < app::CalendarService::kMinYear || *parsed > app::CalendarService::kMaxYear) {
      return ErrorPage(InvalidParameter("nam", fmt::format("Năm phải từ {} đến {}.", app::CalendarService::kMinYear,
                                                           app::CalendarService::kMaxYear)),
                       req, ctx_.portal_name);
    }
    year = *parsed;
  }
  std::string notice;
  std::string done = req.Query("ket-qua");
  auto day = ParseIsoDate(req.Query("ngay"));
  std::string day_text = day ? " " + FormatVnDate(*day) : std::string();
  if (done == "da-luu") notice = "Đã lưu ngày" + day_text + ". Hạn giải quyết hồ sơ được tính lại theo lịch mới.";
  if (done == "da-xoa") notice = "Đã xóa điều chỉnh ngày" + day_text + "; lịch mặc định được áp dụng lại.";
  if (done == "da-luu-gio") notice = "Đã lưu giờ làm việc của cơ quan.";
  AdminForm form;
  form.agency = req.Query("co-quan");
  return RenderAdmin(ctx_, req, *editor.who, year, form, nullptr, notice, 200);
}

Response CalendarHandlers::AdminSetDay(Request& req) {
  auto posted = ParseForm(req).value_or(std::multimap<std::string, std::string>{});
  auto editor = ResolveEditor(ctx_, req, &posted);
  if (editor.response) return std::move(*editor.response);
  AdminForm form;
  form.date = std::string(Trim(FormValue(posted, "date")));
  form.kind = FormValue(posted, "kind");
  form.note = FormValue(posted, "note");
  auto date = ParseVnDate(form.date);
  int year = date && date->year() >= std::chrono::year{app::CalendarService::kMinYear} &&
                     date->year() <= std::chrono::year{app::CalendarService::kMaxYear}
                 ? static_cast<int>(date->year())
                 : YearOrToday(ctx_, "");
  Error problems{ErrorCode::kInvalidArgument, kInvalidForm, "invalid calendar form", {}};
  if (!date) {
    problems.fields.push_back({"date", form.date.empty() ? "Cần nhập ngày, ví dụ 02/01/2026." : kBadVnDate});
  }
  if (form.kind != "nghi" && form.kind != "lam-viec") {
    problems.fields.push_back({"kind", "Chọn ngày nghỉ hoặc ngày làm việc."});
  }
  if (form.kind == "nghi" && Trim(form.note).empty()) {
    // The service says the same; checked here too so that every problem shows at once.
    problems.fields.push_back({"note", "Phải ghi tên hoặc lý do của ngày nghỉ."});
  }
  if (!problems.fields.empty()) {
    return RenderAdmin(ctx_, req, *editor.who, year, form, &problems, "", 400);
  }
  auto saved = ctx_.calendar->SetDay(*date, form.kind == "nghi", form.note, ActorOf(*editor.who), req.request_id);
  if (!saved) {
    Error e = saved.error();
    if (e.code != ErrorCode::kInvalidArgument) return ErrorPage(e, req, ctx_.portal_name);
    e.user_message = kInvalidForm;
    return RenderAdmin(ctx_, req, *editor.who, year, form, &e, "", 400);
  }
  return Response::Redirect(AdminUrl(year) + "&ket-qua=da-luu&ngay=" + FormatIsoDate(*date));
}

Response CalendarHandlers::AdminClearDay(Request& req) {
  auto posted = ParseForm(req).value_or(std::multimap<std::string, std::string>{});
  auto editor = ResolveEditor(ctx_, req, &posted);
  if (editor.response) return std::move(*editor.response);
  auto date = ParseVnDate(FormValue(posted, "date"));
  if (!date) {
    Error e{ErrorCode::kInvalidArgument, kBadVnDate, "bad date to clear", {}};
    return RenderAdmin(ctx_, req, *editor.who, YearOrToday(ctx_, ""), AdminForm{}, &e, "", 400);
  }
  int year = YearOrToday(ctx_, fmt::format("{:04d}", static_cast<int>(date->year())));
  auto cleared = ctx_.calendar->ClearDay(*date, ActorOf(*editor.who), req.request_id);
  if (!cleared) {
    Error e = cleared.error();
    if (e.code == ErrorCode::kNotFound) {
      e.user_message = "Ngày " + FormatVnDate(*date) + " chưa được điều chỉnh hoặc vừa được người khác xóa.";
    } else if (e.code != ErrorCode::kInvalidArgument) {
      return ErrorPage(e, req, ctx_.portal_name);
    }
    e.fields.clear();
    return RenderAdmin(ctx_, req, *editor.who, year, AdminForm{}, &e, "", HttpStatusFor(e.code));
  }
  return Response::Redirect(AdminUrl(year) + "&ket-qua=da-xoa&ngay=" + FormatIsoDate(*date));
}

Response CalendarHandlers::AdminSetHours(Request& req) {
  auto posted = ParseForm(req).value_or(std::multimap<std::string, std::string>{});
  auto editor = ResolveEditor(ctx_, req, &posted);
  if (editor.response) return std::move(*editor.response);
  const app::Principal& who = *editor.who;
  int year = YearOrToday(ctx_, FormValue(posted, "nam"));
  AdminForm form;
  form.agency = std::string(Trim(FormValue(posted, "agency")));
  form.hours = FormValue(posted, "hours");
  auto index = ctx_.catalog.Snapshot();
  if (!index) return ErrorPage(index.error(), req, ctx_.portal_name);
  if (!(*index)->FindAgency(form.agency)) {
    Error e = FieldProblem("agency", "Chọn một cơ quan trong danh sách.");
    return RenderAdmin(ctx_, req, who, year, form, &e, "", 400);
  }
  if (who.user.role != domain::Role::kSystemAdmin &&
      !app::AgencyInScope(**index, who.user.agency_code, form.agency)) {
    ctx_.accounts->AuditDenied(ActorOf(who), "office hours of " + form.agency, req.request_id);
    return ErrorPage({ErrorCode::kForbidden, "Bạn chỉ đặt giờ làm việc cho cơ quan mình và các đơn vị trực thuộc.",
                      "office hours out of scope", {}},
                     req, ctx_.portal_name);
  }
  auto hours = app::ParseOfficeHours(form.hours);
  if (!hours) {
    Error e = hours.error();
    e.user_message = kInvalidForm;
    if (e.fields.empty()) e.fields.push_back({"hours", hours.error().user_message});
    return RenderAdmin(ctx_, req, who, year, form, &e, "", 400);
  }
  auto saved = ctx_.calendar->SetOfficeHours(form.agency, *hours, ActorOf(who), req.request_id);
  if (!saved) {
    Error e = saved.error();
    if (e.code != ErrorCode::kInvalidArgument && e.code != ErrorCode::kNotFound) {
      return ErrorPage(e, req, ctx_.portal_name);
    }
    return RenderAdmin(ctx_, req, who, year, form, &e, "", HttpStatusFor(e.code));
  }
  return Response::Redirect(AdminUrl(year) + "&ket-qua=da-luu-gio&co-quan=" + UrlEncode(form.agency));
}

}  // namespace motcua::web
