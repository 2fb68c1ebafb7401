#include "web/handling_pages.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/dossier/dossier_service.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "web/form_errors.hpp"
#include "web/account_handlers.hpp"
#include "web/auth.hpp"
#include "web/catalog_handlers.hpp"
#include "web/error_mapping.hpp"
#include "web/format.hpp"
#include "web/handling_handlers.hpp"
#include "web/multipart.hpp"
#include "web/qr_svg.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using kainjow::mustache::data;
using namespace motcua::domain;
using Form = std::multimap<std::string, std::string>;

constexpr const char* kPlace = "Thành phố Hồ Chí Minh";  // as on the forms of web/forms.hpp
constexpr const char* kWorklistPath = "/can-bo/ho-so";
constexpr int kSpareProcessRows = 2;  // empty step rows offered by the editor
constexpr int kMaxProcessRows = 60;

// --- small helpers --------------------------------------------------------------

Error NotConfigured() {
  return {ErrorCode::kUnavailable, "Chức năng xử lý hồ sơ tạm thời không sẵn sàng.",
          "WebContext::handling, dossiers or accounts is not set", {}};
}
Error OfficersOnly() {
  return {ErrorCode::kForbidden, "Trang này dành cho cán bộ xử lý hồ sơ.", "not an officer", {}};
}
Error AdminsOnly() {
  return {ErrorCode::kForbidden, "Trang này dành cho quản trị hệ thống và quản trị cơ quan.", "not an administrator",
          {}};
}
Error BulkOnly() {
  return {ErrorCode::kForbidden, "Chỉ lãnh đạo và quản trị cơ quan được phân công hàng loạt.", "not a manager", {}};
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

std::string DisplayName(const User& u) { return u.business_name.empty() ? u.full_name : u.business_name; }

PageMeta Meta(const app::Principal& who, std::string title, std::string nav = "officer") {
  return {std::move(title), "", std::move(nav), DisplayName(who.user), who.session.csrf_token};
}

std::string When(const std::optional<Timestamp>& t) { return t ? FormatVnDateTime(*t) : std::string(); }
std::string Day(const std::optional<Timestamp>& t) { return t ? FormatVnDate(ToVietnam(*t).date) : std::string(); }

bool IsManager(Role r) { return r == Role::kLeader || r == Role::kAgencyAdmin || r == Role::kSystemAdmin; }
bool IsAdmin(Role r) { return r == Role::kAgencyAdmin || r == Role::kSystemAdmin; }

std::optional<int> ParseInt(std::string_view text) {
  text = Trim(text);
  int n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return n;
}

// "2", "0,5" or "0.5" (Vietnamese decimal comma accepted).
std::optional<double> ParseDecimal(std::string_view text) {
  std::string t(Trim(text));
  std::replace(t.begin(), t.end(), ',', '.');
  double v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line(Trim(std::string_view(text).substr(start, end - start)));
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

std::shared_ptr<const CatalogIndex> Catalog(WebContext& ctx) {
  auto index = ctx.catalog.Snapshot();
  return index ? *index : nullptr;
}

std::string AgencyName(const CatalogIndex* index, const std::string& code) {
  const Agency* a = index && !code.empty() ? index->FindAgency(code) : nullptr;
  return a ? a->name : code;
}

// Officers by user name, for showing names instead of logins.
std::map<std::string, User> OfficersByLogin(WebContext& ctx) {
  std::map<std::string, User> out;
  if (!ctx.accounts) return out;
  if (auto users = ctx.accounts->ListUsers(true)) {
    for (auto& u : *users) {
      if (!u.username.empty()) out.emplace(u.username, std::move(u));
    }
  }
  return out;
}

std::string PersonLabel(const std::map<std::string, User>& officers, const std::string& login) {
  auto it = officers.find(login);
  if (it == officers.end() || it->second.full_name.empty() || it->second.full_name == login) return login;
  return it->second.full_name + " (" + login + ")";
}

// Upper case, as administrative documents print the issuer and the title.
std::string Upper(std::string_view text) {
  std::string out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      out += static_cast<char>(*p);
      ++p;
      --left;
      continue;
    }
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(m));
    p += n;
    left -= n;
  }
  return out;
}

// "ngày 05 tháng 3 năm 2026" (Nghị định 30/2020/NĐ-CP: days below 10 and
// the months 1 and 2 with a leading zero), on Vietnam's clock.
std::string VnLongDate(Date date) {
  unsigned day = static_cast<unsigned>(date.day());
  unsigned month = static_cast<unsigned>(date.month());
  return fmt::format("ngày {:02d} tháng {} năm {}", day, month <= 2 ? fmt::format("{:02d}", month) : std::to_string(month),
                     static_cast<int>(date.year()));
}

// The error summary (templates/error_summary.mustache), field problems
// linked to their inputs through `anchors` (field → element id).

Response LoginRedirect(const std::string& next) { return Response::Redirect("/dang-nhap?next=" + UrlEncode(next)); }

struct Viewer {
  std::optional<app::Principal> who;
  std::optional<Response> response;
};

bool Configured(const WebContext& ctx) { return ctx.handling && ctx.dossiers && ctx.accounts; }

Viewer ViewPage(WebContext& ctx, const Request& req, const std::string& next) {
  if (!Configured(ctx)) return {std::nullopt, ErrorPage(NotConfigured(), req, ctx.portal_name)};
  auto who = Authenticate(ctx, req);
  if (!who) {
    if (who.error().code == ErrorCode::kUnauthenticated) return {std::nullopt, LoginRedirect(next)};
    return {std::nullopt, ErrorPage(who.error(), req, ctx.portal_name)};
  }
  return {*who, std::nullopt};
}

Viewer PostPage(WebContext& ctx, const Request& req, const Form& form, const std::string& next) {
  if (!Configured(ctx)) return {std::nullopt, ErrorPage(NotConfigured(), req, ctx.portal_name)};
  auto who = AuthenticateForm(ctx, req, form);
  if (!who) {
    if (who.error().code == ErrorCode::kUnauthenticated) return {std::nullopt, LoginRedirect(next)};
    return {std::nullopt, ErrorPage(who.error(), req, ctx.portal_name)};
  }
  return {*who, std::nullopt};
}

std::string ActorName(const app::Principal& who) {
  return who.user.username.empty() ? "user:" + std::to_string(who.user.id) : who.user.username;
}

Response Denied(WebContext& ctx, const Request& req, const app::Principal& who, const Error& e, const std::string& what) {
  ctx.accounts->AuditDenied(ActorName(who), what, req.request_id);
  return ErrorPage(e, req, ctx.portal_name);
}

data Option(const std::string& value, const std::string& label, bool selected) {
  data o;
  o.set("value", value);
  o.set("label", label);
  o.set("selected", selected);
  return o;
}

// --- worklist -------------------------------------------------------------------

struct TabSpec {
  app::WorklistTab tab;
  const char* label;
};

constexpr TabSpec kTabs[] = {
    {app::WorklistTab::kMine, "Của tôi"},
    {app::WorklistTab::kUnit, "Hàng chờ đơn vị"},
    {app::WorklistTab::kApproval, "Chờ phê duyệt"},
    {app::WorklistTab::kConsultations, "Phối hợp"},
    {app::WorklistTab::kReception, "Chờ tiếp nhận"},
    {app::WorklistTab::kAgency, "Toàn cơ quan"},
    {app::WorklistTab::kAll, "Tra cứu"},
};

const char* TabLabel(app::WorklistTab tab) {
  for (const auto& t : kTabs) {
    if (t.tab == tab) return t.label;
  }
  return "";
}

// How many rows a tab has (-1: not counted, the search tab).
int CountOf(const app::WorklistCounts& c, app::WorklistTab tab) {
  switch (tab) {
    case app::WorklistTab::kMine: return c.mine;
    case app::WorklistTab::kUnit: return c.unit;
    case app::WorklistTab::kAgency: return c.agency;
    case app::WorklistTab::kApproval: return c.approval;
    case app::WorklistTab::kConsultations: return c.consultations;
    case app::WorklistTab::kReception: return c.reception;
    case app::WorklistTab::kAll: return -1;
  }
  return -1;
}

std::string CountText(int n, int cap) { return n >= cap ? std::to_string(cap) + "+" : std::to_string(n); }

// The filters a worklist URL carries (everything but the cursor).
constexpr const char* kFilterKeys[] = {"tab", "status", "step", "procedure", "due", "channel", "from", "to", "q",
                                       "limit"};

std::string FilterQuery(const Request& req, const std::string& tab) {
  std::string out = "tab=" + UrlEncode(tab);
  for (const char* key : kFilterKeys) {
    if (std::string(key) == "tab") continue;
    std::string v = req.Query(key);
    if (!v.empty()) out += std::string("&") + key + "=" + UrlEncode(v);
  }
  return out;
}

bool MayBulkAssign(Role role, app::WorklistTab tab) {
  return IsManager(role) && tab != app::WorklistTab::kReception && tab != app::WorklistTab::kConsultations &&
         tab != app::WorklistTab::kAll;
}

// Officers a manager may give dossiers to: those working on steps, in the
// manager's scope.
std::vector<User> ScopeOfficers(WebContext& ctx, const app::Principal& who, const CatalogIndex* index) {
  std::vector<User> out;
  auto users = ctx.accounts->ListUsers(true);
  if (!users) return out;
  for (auto& u : *users) {
    if (!u.active || !IsStepRole(u.role)) continue;
    if (who.user.role != Role::kSystemAdmin &&
        !(index && app::AgencyInScope(*index, who.user.agency_code, u.agency_code))) {
      continue;
    }
    out.push_back(std::move(u));
  }
  std::sort(out.begin(), out.end(), [](const User& a, const User& b) { return a.username < b.username; });
  return out;
}

std::string UserOptionLabel(const User& u) {
  std::string label =
      u.full_name.empty() || u.full_name == u.username ? u.username : u.full_name + " (" + u.username + ")";
  return label + " – " + RoleLabel(u.role);
}

struct BulkOutcome {
  int assigned = 0;
  std::vector<std::pair<std::string, std::string>> failed;
};

Response RenderWorklist(WebContext& ctx, const Request& req, const app::Principal& who, const std::string& notice,
                        const BulkOutcome* bulk, const Error* post_error, int status) {
  auto index = Catalog(ctx);
  data v;
  // The page's dates are written ngày/tháng/năm; the shared parser reads ISO.
  Request iso = req;
  for (const char* key : {"from", "to"}) {
    auto range = iso.query.equal_range(key);
    for (auto it = range.first; it != range.second; ++it) {
      if (auto date = ParseVnDate(Trim(it->second))) it->second = FormatIsoDate(*date);
    }
  }
  auto parsed = WorklistQueryFrom(iso);
  const Error* error = post_error;
  std::optional<Error> query_error;
  app::WorklistQuery query;
  if (parsed) {
    query = *parsed;
  } else {
    query_error = parsed.error();
    query_error->user_message = "Bộ lọc chưa hợp lệ, vui lòng kiểm tra lại.";
    for (auto& f : query_error->fields) {
      if (f.field == "from" || f.field == "to") f.message = "Ngày phải có dạng ngày/tháng/năm, ví dụ 01/11/2026.";
    }
    error = &*query_error;
    status = HttpStatusFor(query_error->code);
    query.tab = app::ParseWorklistTab(req.Query("tab")).value_or(app::WorklistTab::kMine);
  }
  const std::string tab_key = app::WorklistTabKey(query.tab);
  v.set("tab", tab_key);
  v.set("tab_label", std::string(TabLabel(query.tab)));
  v.set("csrf_token", who.session.csrf_token);
  SetText(v, "notice", notice);
  v.set("agency", who.user.role == Role::kSystemAdmin ? std::string("Mọi cơ quan")
                                                      : AgencyName(index.get(), who.user.agency_code));

  // Tabs with their counts.
  auto counts = ctx.handling->Counts(who);
  data tabs{data::type::list};
  for (const auto& t : kTabs) {
    data item;
    item.set("label", std::string(t.label));
    item.set("url", std::string(kWorklistPath) + "?tab=" + app::WorklistTabKey(t.tab));
    item.set("current", t.tab == query.tab);
    int n = counts ? CountOf(*counts, t.tab) : -1;
    SetText(item, "count", n >= 0 ? CountText(n, counts->cap) : "");
    tabs.push_back(item);
  }
  v.set("tabs", tabs);
  // The leaders' approval queue, prominently.
  if (IsManager(who.user.role) && query.tab != app::WorklistTab::kApproval && counts) {
    data approval;
    approval.set("count", CountText(counts->approval, counts->cap));
    approval.set("any", counts->approval > 0);
    v.set("approval", approval);
  } else {
    v.set("approval", false);
  }
  v.set("is_admin", IsAdmin(who.user.role));

  // Filters, as given.
  auto keep = [&](const char* key) { v.set(std::string("f_") + key, req.Query(key)); };
  for (const char* key : {"procedure", "from", "to", "q"}) keep(key);
  // Steps are numbered from 1 on the page, from 0 in the query.
  std::string step_value = req.Query("step");
  data step_options{data::type::list};
  for (int i = 0; i < 8; ++i) {
    step_options.push_back(Option(std::to_string(i), "Bước " + std::to_string(i + 1), step_value == std::to_string(i)));
  }
  v.set("step_options", step_options);
  std::string status_value = req.Query("status");
  data statuses{data::type::list};
  for (DossierStatus s : kAllDossierStatuses) {
    if (s == DossierStatus::kDraft) continue;
    statuses.push_back(Option(DossierStatusKey(s), DossierStatusLabel(s), status_value == DossierStatusKey(s)));
  }
  v.set("statuses", statuses);
  std::string due_value = req.Query("due");
  data dues{data::type::list};
  for (DueStatus s : {DueStatus::kOnTime, DueStatus::kDueSoon, DueStatus::kOverdue}) {
    dues.push_back(Option(DueStatusKey(s), DueStatusLabel(s), due_value == DueStatusKey(s)));
  }
  v.set("dues", dues);
  std::string channel_value = req.Query("channel");
  data channels{data::type::list};
  for (Channel c : {Channel::kDesk, Channel::kPostal, Channel::kOnline}) {
    channels.push_back(Option(ChannelKey(c), ChannelLabel(c), channel_value == ChannelKey(c)));
  }
  v.set("channels", channels);
  std::map<std::string, std::string> anchors{{"status", "f-status"}, {"step", "f-step"},   {"procedure", "f-procedure"},
                                             {"due", "f-due"},       {"channel", "f-channel"}, {"from", "f-from"},
                                             {"to", "f-to"},         {"q", "f-q"},         {"dossier", "worklist-table"},
                                             {"assignee", "bulk-assignee"}};
  for (const char* key : {"status", "step", "procedure", "due", "channel", "from", "to", "q"}) {
    SetText(v, std::string("e_") + key, FieldErrorOf(error, key));
  }
  v.set("error_summary", error ? SummaryHtml(*error, anchors) : std::string());

  // The rows.
  std::vector<app::WorklistItem> rows;
  if (parsed) {
    auto list = ctx.handling->Worklist(who, query);
    if (!list) return ErrorPage(list.error(), req, ctx.portal_name);
    rows = std::move(*list);
  }
  const bool bulk_ok = MayBulkAssign(who.user.role, query.tab) && !rows.empty();
  std::map<std::string, std::optional<ProcessDefinition>> processes;  // by procedure code
  auto step_name = [&](const app::WorklistItem& r) -> std::string {
    auto it = processes.find(r.procedure_code);
    if (it == processes.end()) {
      auto p = ctx.handling->CurrentProcess(r.procedure_code);
      it = processes.emplace(r.procedure_code, p ? std::optional<ProcessDefinition>(*p) : std::nullopt).first;
    }
    if (it->second && r.step >= 0 && r.step < static_cast<int>(it->second->steps.size())) {
      return it->second->steps[r.step].name;
    }
    return {};
  };
  data items{data::type::list};
  const std::vector<DueStatus> due_of = ctx.handling->DueOf(rows);
  for (std::size_t n = 0; n < rows.size(); ++n) {
    const app::WorklistItem& r = rows[n];
    data row;
    row.set("id", std::to_string(r.id));
    bool reception = r.status == DossierStatus::kSubmitted;
    row.set("url", (reception ? std::string("/mot-cua/ho-so/") : std::string(kWorklistPath) + "/") + std::to_string(r.id));
    row.set("code", r.code.empty() ? "Số " + std::to_string(r.id) + " (chưa có mã)" : r.code);
    row.set("select_value", r.code.empty() ? std::to_string(r.id) : r.code);
    row.set("procedure", r.procedure_name);
    row.set("procedure_code", r.procedure_code);
    row.set("applicant", r.applicant_name);
    row.set("channel", std::string(ChannelLabel(r.channel)));
    row.set("status", std::string(DossierStatusLabel(r.status)));
    row.set("status_key", std::string(DossierStatusKey(r.status)));
    if (r.step >= 0) {
      std::string name = step_name(r);
      row.set("step", "Bước " + std::to_string(r.step + 1) + (name.empty() ? "" : ": " + name));
      row.set("step_unit", AgencyName(index.get(), r.step_agency));
    } else {
      row.set("step", std::string("Chờ tiếp nhận"));
      row.set("step_unit", false);
    }
    SetText(row, "consultation", r.consultation > 0 ? "Phối hợp số " + std::to_string(r.consultation) : "");
    SetText(row, "assignee", r.assignee);
    row.set("received", Day(r.received_at ? r.received_at : r.submitted_at));
    row.set("due", Day(r.due_at));
    row.set("step_due", When(r.step_due_at));
    DueStatus due = due_of[n];
    row.set("due_key", std::string(DueStatusKey(due)));
    SetText(row, "due_label", DueStatusLabel(due));
    row.set("bulk", bulk_ok);
    items.push_back(row);
  }
  v.set("rows", items);
  v.set("has_rows", !rows.empty());
  v.set("bulk", bulk_ok);
  if (bulk_ok) {
    data officers{data::type::list};
    for (const auto& u : ScopeOfficers(ctx, who, index.get())) {
      officers.push_back(Option(u.username, UserOptionLabel(u), false));
    }
    v.set("officers", officers);
    v.set("bulk_action", std::string(kWorklistPath) + "/phan-cong?" + FilterQuery(req, tab_key) +
                             (req.Query("after").empty() ? "" : "&after=" + UrlEncode(req.Query("after"))));
    SetText(v, "e_assignee", FieldErrorOf(error, "assignee"));
    SetText(v, "e_dossier", FieldErrorOf(error, "dossier"));
  }
  if (bulk) {
    data b;
    b.set("assigned", std::to_string(bulk->assigned));
    data failed{data::type::list};
    for (const auto& [code, why] : bulk->failed) {
      data f;
      f.set("code", code);
      f.set("reason", why);
      failed.push_back(f);
    }
    b.set("failed", failed);
    b.set("failed_count", std::to_string(bulk->failed.size()));
    v.set("bulk_result", b);
  } else {
    v.set("bulk_result", false);
  }

  // Keyset paging, with the cursor ApiWorklist gives.
  if (parsed && static_cast<int>(rows.size()) == query.limit && !rows.empty()) {
    const auto& last = rows.back();
    bool newest_first = query.tab == app::WorklistTab::kAll || query.tab == app::WorklistTab::kReception;
    std::string cursor = newest_first || !last.due_at ? std::to_string(last.id)
                                                      : FormatTimestamp(*last.due_at) + "|" + std::to_string(last.id);
    v.set("next_url", std::string(kWorklistPath) + "?" + FilterQuery(req, tab_key) + "&after=" + UrlEncode(cursor));
  } else {
    v.set("next_url", false);
  }
  SetText(v, "first_url",
          req.Query("after").empty() ? "" : std::string(kWorklistPath) + "?" + FilterQuery(req, tab_key));
  v.set("paging", !req.Query("after").empty() || (parsed && static_cast<int>(rows.size()) == query.limit));
  const bool newest_first = query.tab == app::WorklistTab::kAll || query.tab == app::WorklistTab::kReception;
  v.set("order", std::string(newest_first ? "Hồ sơ mới nhất ở đầu danh sách." : "Hồ sơ gấp nhất ở đầu danh sách."));
  std::string title = std::string("Hồ sơ cần xử lý – ") + TabLabel(query.tab);
  if (error) title = "Lỗi: " + title;
  return NoStore(Response::Html(RenderPage("handling_worklist", v, Meta(who, title), ctx.portal_name), status));
}

// --- the officer's dossier view -----------------------------------------------------

// The label of a history action (reception and handling).
const char* ActionLabelOf(const std::string& action) {
  static const std::map<std::string, const char*> labels{
      {"create", "Tạo hồ sơ nháp"},
      {"submit", "Nộp hồ sơ trực tuyến"},
      {"attach_file", "Đính kèm tệp"},
      {"accept", "Tiếp nhận hồ sơ"},
      {"refuse", "Từ chối tiếp nhận hồ sơ"},
      {"resubmit", "Nộp bổ sung hồ sơ"},
      {"withdraw", "Rút hồ sơ"},
      {"receive_postal", "Nhận hồ sơ qua dịch vụ bưu chính"},
      {"create_at_desk", "Nhập hồ sơ tại Bộ phận Một cửa"},
      {"request_supplement", "Yêu cầu bổ sung, hoàn thiện hồ sơ"},
  };
  auto it = labels.find(action);
  if (it != labels.end()) return it->second;
  if (auto a = ParseHandlingAction(action)) return HandlingActionLabel(*a);
  return "Cập nhật hồ sơ";
}

struct ActionSpec {
  HandlingAction action;
  const char* done;  // the flash after success
  std::vector<const char*> fields;
};

const std::vector<ActionSpec>& ActionSpecs() {
  using A = HandlingAction;
  static const std::vector<ActionSpec> specs{
      {A::kAssign, "Đã phân công cán bộ xử lý hồ sơ.", {"assignee", "note"}},
      {A::kForward, "Đã chuyển hồ sơ sang bước tiếp theo.", {"assignee", "note"}},
      {A::kSendBack, "Đã trả hồ sơ về bước trước.", {"assignee", "reason"}},
      {A::kRequestSupplement,
       "Đã yêu cầu người nộp bổ sung hồ sơ. Khi người nộp bổ sung đủ, thời hạn giải quyết được tính lại từ đầu.",
       {"items", "note"}},
      {A::kConsult, "Đã gửi xin ý kiến cơ quan phối hợp.", {"agency_code", "task", "days"}},
      {A::kRecordConsultation, "Đã ghi nhận ý kiến trả lời của cơ quan phối hợp.", {"consultation", "reply"}},
      {A::kApprove, "Đã phê duyệt. Hồ sơ đã có kết quả.", {"note", "assignee"}},
      {A::kReject, "Đã từ chối giải quyết hồ sơ và thông báo cho người nộp.", {"reason", "assignee"}},
      {A::kAttachResult, "Đã đính kèm văn bản kết quả.", {"file"}},
      {A::kReturnResult, "Đã trả kết quả cho người nộp.", {"method"}},
      {A::kApologize, "Đã lập Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) và thông báo cho người nộp.",
       {"reason", "new_due_date"}},
      {A::kPause, "Đã tạm dừng giải quyết hồ sơ.", {"reason"}},
      {A::kResume, "Đã tiếp tục giải quyết hồ sơ; hạn giải quyết được lùi theo thời gian tạm dừng.", {}},
  };
  return specs;
}

const ActionSpec* SpecOf(const std::string& key) {
  for (const auto& s : ActionSpecs()) {
    if (key == HandlingActionKey(s.action)) return &s;
  }
  return nullptr;
}

// The officers who may be given step `step` of the dossier.
std::vector<User> AssigneesAt(WebContext& ctx, const app::DossierWork& work, int step) {
  if (step < 0 || step >= static_cast<int>(work.process.steps.size())) return {};
  app::DossierWork at = work;
  at.dossier.handling.step = step;
  at.dossier.handling.step_agency = StepAgency(work.process.steps[step], work.dossier.agency_code);
  auto users = ctx.handling->Assignees(at);
  return users ? *users : std::vector<User>{};
}

data AssigneeOptions(const std::vector<User>& users, const std::string& chosen) {
  data list{data::type::list};
  for (const auto& u : users) list.push_back(Option(u.username, UserOptionLabel(u), u.username == chosen));
  return list;
}

struct ViewState {
  std::string notice;
  const Error* error = nullptr;
  std::string action;  // the action that failed
  Form posted;
};

Response RenderView(WebContext& ctx, const Request& req, const app::Principal& who, const std::string& id,
                    const ViewState& state, int status) {
  auto work = ctx.handling->Work(who, id, req.request_id);
  if (!work) return ErrorPage(work.error(), req, ctx.portal_name);
  auto index = Catalog(ctx);
  const Dossier& d = work->dossier;
  const Handling& h = d.handling;
  const ProcessDefinition& p = work->process;
  auto officers = OfficersByLogin(ctx);
  const std::string sid = std::to_string(d.id);

  data v;
  v.set("id", sid);
  v.set("version", std::to_string(d.version));
  v.set("csrf_token", who.session.csrf_token);
  SetText(v, "code", d.code);
  SetText(v, "notice", state.notice);
  v.set("status", std::string(DossierStatusLabel(d.status)));
  v.set("status_key", std::string(DossierStatusKey(d.status)));
  v.set("procedure", d.procedure_name);
  v.set("procedure_code", d.procedure_code);
  v.set("agency", AgencyName(index.get(), d.agency_code));
  v.set("applicant_name", d.applicant.full_name);
  SetText(v, "applicant_id", d.applicant.id_number);
  SetText(v, "applicant_phone", d.applicant.phone);
  SetText(v, "applicant_address", d.applicant.address);
  SetText(v, "request_note", d.request_note);
  v.set("channel", std::string(ChannelLabel(d.channel)));
  SetText(v, "received_at", When(d.received_at));
  SetText(v, "received_by", d.received_by.empty() ? "" : PersonLabel(officers, d.received_by));
  SetText(v, "due_at", When(d.due_at));
  SetText(v, "original_due_at", h.apologized_at ? When(h.original_due_at) : "");
  v.set("due_key", std::string(DueStatusKey(work->due)));
  SetText(v, "due_label", DueStatusLabel(work->due));
  SetText(v, "apology_reason", h.apologized_at ? h.apology_reason : "");
  SetText(v, "pause_reason", h.paused_at ? h.pause_reason : "");
  SetText(v, "paused_at", When(h.paused_at));
  SetText(v, "completed_at", When(h.completed_at));
  SetText(v, "returned_at", When(h.returned_at));
  SetText(v, "decision_reason", h.decision_reason);
  std::string outcome;
  if (h.outcome == "early") outcome = "Trước hạn";
  if (h.outcome == "on_time") outcome = "Đúng hạn";
  if (h.outcome == "late") outcome = "Quá hạn";
  SetText(v, "outcome", outcome);
  SetText(v, "delayed_by", h.delayed_by);
  v.set("supplement_late", h.supplement_late);
  SetText(v, "restarts", h.restarts > 0 ? std::to_string(h.restarts) : "");

  // Where it is now.
  const bool has_step = h.step >= 0 && h.step < static_cast<int>(p.steps.size());
  if (has_step) {
    const HandlingStep& s = p.steps[h.step];
    data cur;
    cur.set("number", std::to_string(h.step + 1));
    cur.set("name", s.name);
    cur.set("unit", s.unit);
    cur.set("agency", AgencyName(index.get(), h.step_agency));
    cur.set("role", std::string(RoleLabel(s.role)));
    SetText(cur, "assignee", h.assignee.empty() ? "" : PersonLabel(officers, h.assignee));
    SetText(cur, "step_due", When(h.step_due_at));
    v.set("current", cur);
  } else {
    v.set("current", false);
  }
  data steps{data::type::list};
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    const HandlingStep& s = p.steps[i];
    data item;
    item.set("number", std::to_string(i + 1));
    item.set("name", s.name);
    item.set("role", std::string(RoleLabel(s.role)));
    item.set("unit", s.unit);
    item.set("agency", AgencyName(index.get(), StepAgency(s, d.agency_code)));
    item.set("days", FormatWorkingDays(s.days));
    bool current = has_step && static_cast<int>(i) == h.step;
    item.set("current", current);
    item.set("done", has_step ? static_cast<int>(i) < h.step : h.completed_at.has_value());
    SetText(item, "step_due", current ? When(h.step_due_at) : "");
    data branches{data::type::list};
    for (const auto& b : s.parallel) {
      data br;
      br.set("agency", AgencyName(index.get(), b.agency_code));
      br.set("task", b.task);
      br.set("days", FormatWorkingDays(b.days));
      branches.push_back(br);
    }
    item.set("parallel", branches);
    item.set("has_parallel", !s.parallel.empty());
    steps.push_back(item);
  }
  v.set("steps", steps);
  v.set("process_version", p.version > 0 ? "phiên bản " + std::to_string(p.version) : std::string("mặc định"));

  // Consultations.
  data consultations{data::type::list};
  for (const auto& c : h.consultations) {
    data item;
    item.set("number", std::to_string(c.number));
    item.set("agency", AgencyName(index.get(), c.agency_code));
    item.set("task", c.task);
    item.set("kind", std::string(c.planned ? "Theo quy trình" : "Xin ý kiến"));
    item.set("due", When(c.due_at));
    SetText(item, "reply", c.reply);
    SetText(item, "replied_at", When(c.replied_at));
    item.set("late", c.replied_at ? *c.replied_at > c.due_at : false);
    consultations.push_back(item);
  }
  v.set("consultations", consultations);
  v.set("has_consultations", !h.consultations.empty());

  // Files and results.
  data files{data::type::list};
  for (const auto& f : d.files) {
    data fd;
    fd.set("component", f.component_name);
    fd.set("file_name", f.file_name.empty() ? std::string("Tệp đính kèm") : f.file_name);
    fd.set("size", std::to_string((f.size + 1023) / 1024) + " KB");
    fd.set("url", "/api/v1/dossiers/" + sid + "/files/" + f.sha256);
    files.push_back(fd);
  }
  v.set("files", files);
  v.set("has_files", !d.files.empty());
  data results{data::type::list};
  for (const auto& r : h.results) {
    data rd;
    rd.set("file_name", r.file_name);
    rd.set("size", std::to_string((r.size + 1023) / 1024) + " KB");
    rd.set("sha256", r.sha256);
    rd.set("attached", When(r.attached_at));
    rd.set("attached_by", PersonLabel(officers, r.attached_by));
    rd.set("url", "/api/v1/dossiers/" + sid + "/results/" + r.sha256);
    results.push_back(rd);
  }
  v.set("results", results);
  v.set("has_results", !h.results.empty());

  // History.
  data history{data::type::list};
  if (auto events = ctx.dossiers->History(who, sid, req.request_id)) {
    for (const auto& e : *events) {
      data item;
      item.set("at", FormatVnDateTime(e.at));
      item.set("actor", PersonLabel(officers, e.actor));
      item.set("action", std::string(ActionLabelOf(e.action)));
      std::string step;
      if (e.step >= 0 && e.step < static_cast<int>(p.steps.size())) step = p.steps[e.step].name;
      SetText(item, "step", step);
      SetText(item, "note", e.note);
      history.push_back(item);
    }
  }
  v.set("history", history);

  // Printable forms.
  v.set("form01", d.status == DossierStatus::kAccepted && !d.code.empty());
  v.set("form04", h.apologized_at.has_value());

  // The actions, one form each.
  const Error* error = state.error;
  const bool failed = error != nullptr;
  auto posted = [&](const std::string& action, const std::string& field) {
    return failed && state.action == action ? FormValue(state.posted, field) : std::string();
  };
  std::map<std::string, std::string> anchors;
  for (auto a : work->actions) {
    const std::string key = HandlingActionKey(a);
    const ActionSpec* spec = SpecOf(key);
    data act;
    act.set("label", std::string(HandlingActionLabel(a)));
    const bool this_failed = failed && state.action == key;
    for (const char* f : spec ? spec->fields : std::vector<const char*>{}) {
      std::string field = f;
      act.set(field + "_value", posted(key, field));
      SetText(act, field + "_error", this_failed ? FieldErrorOf(error, field) : "");
      if (this_failed) anchors[field] = key + "-" + field;
    }
    switch (a) {
      case HandlingAction::kAssign: {
        auto users = AssigneesAt(ctx, *work, h.step);
        act.set("officers", AssigneeOptions(users, posted(key, "assignee")));
        act.set("has_officers", !users.empty());
        break;
      }
      case HandlingAction::kForward:
      case HandlingAction::kSendBack:
      case HandlingAction::kApprove:
      case HandlingAction::kReject: {
        int target = h.step + (a == HandlingAction::kSendBack ? -1 : 1);
        auto users = AssigneesAt(ctx, *work, target);
        act.set("officers", AssigneeOptions(users, posted(key, "assignee")));
        act.set("has_officers", !users.empty());
        if (target >= 0 && target < static_cast<int>(p.steps.size())) {
          act.set("target", p.steps[target].name + " – " + p.steps[target].unit);
        } else {
          act.set("target", false);
        }
        break;
      }
      case HandlingAction::kConsult: {
        data agencies{data::type::list};
        std::string chosen = posted(key, "agency_code");
        if (index) {
          for (const auto& ag : index->catalog().agencies) {
            if (ag.code == d.agency_code) continue;
            agencies.push_back(Option(ag.code, ag.name, ag.code == chosen));
          }
        }
        act.set("agencies", agencies);
        if (!this_failed) act.set("days_value", std::string("3"));
        break;
      }
      case HandlingAction::kRecordConsultation: {
        data open{data::type::list};
        std::string chosen = posted(key, "consultation");
        for (const auto& c : h.consultations) {
          if (c.replied_at) continue;
          std::string n = std::to_string(c.number);
          open.push_back(Option(n, "Số " + n + ": " + AgencyName(index.get(), c.agency_code) + " – " + c.task +
                                       " (hạn " + FormatVnDateTime(c.due_at) + ")",
                                n == chosen));
        }
        act.set("open", open);
        break;
      }
      case HandlingAction::kReturnResult: {
        std::string chosen = posted(key, "method");
        if (chosen.empty()) chosen = d.channel == Channel::kOnline && d.owner_user_id ? "online" : "desk";
        data methods{data::type::list};
        struct M {
          const char* value;
          const char* label;
        };
        for (M m : {M{"desk", "Tại Bộ phận Một cửa"}, M{"postal", "Qua dịch vụ bưu chính"},
                    M{"online", "Trực tuyến (người nộp tải kết quả trên Cổng)"}}) {
          if (std::string(m.value) == "online" && !d.owner_user_id) continue;
          data o = Option(m.value, m.label, chosen == m.value);
          o.set("id", std::string("return_result-method-") + m.value);
          methods.push_back(o);
        }
        act.set("methods", methods);
        if (this_failed) anchors["method"] = "return_result-method-desk";
        break;
      }
      case HandlingAction::kApologize: {
        SetText(act, "current_due", When(d.due_at));
        break;
      }
      default: break;
    }
    v.set("act_" + key, act);
  }
  v.set("has_actions", !work->actions.empty());
  if (error) {
    Error shown = *error;
    if (shown.user_message.empty()) shown.user_message = kInvalidForm;
    v.set("error_summary", SummaryHtml(shown, anchors));
  } else {
    v.set("error_summary", std::string());
  }
  std::string title = "Xử lý hồ sơ " + (d.code.empty() ? "số " + sid : d.code);
  if (error) title = "Lỗi: " + title;
  return NoStore(Response::Html(RenderPage("handling_view", v, Meta(who, title), ctx.portal_name), status));
}

// --- printable forms ------------------------------------------------------------------

// The common part of Mẫu 04 and 05 (templates/form_layout.mustache).
data FormView(const Dossier& d, const CatalogIndex* index, const std::string& number, const std::string& title,
              std::optional<Timestamp> issued) {
  data view;
  view.set("form", number);
  const Agency* agency = index ? index->FindAgency(d.agency_code) : nullptr;
  const Agency* parent = agency && index ? index->FindAgency(agency->parent_code) : nullptr;
  if (parent) view.set("issuer_parent", Upper(parent->short_name.empty() ? parent->name : parent->short_name));
  std::string agency_name = agency ? agency->name : d.agency_code;
  view.set("issuer_name", Upper(agency_name));
  view.set("agency_name", agency_name);
  SetText(view, "code", d.code);
  view.set("place", std::string(kPlace));
  view.set("date_text", issued ? VnLongDate(ToVietnam(*issued).date) : std::string("ngày ... tháng ... năm ..."));
  view.set("title_upper", Upper(title));
  view.set("page_title", "Mẫu số " + number + " – " + title + (d.code.empty() ? "" : " – " + d.code));
  view.set("qr_svg", false);
  view.set("applicant_name", d.applicant.full_name);
  SetText(view, "applicant_address", d.applicant.address);
  SetText(view, "applicant_phone", d.applicant.phone);
  view.set("procedure", d.procedure_name);
  view.set("procedure_code", d.procedure_code);
  SetText(view, "received", When(d.received_at));
  SetText(view, "received_day", Day(d.received_at));
  return view;
}

Response FormPage(const std::string& number, data view) {
  view.set("body", RenderFragment("form_" + number, view));
  Response r = Response::Html(RenderFragment("form_layout", view));
  return NoStore(std::move(r));
}

// --- process editor --------------------------------------------------------------------

bool MayEditProcess(const CatalogIndex& index, const app::Principal& who, const Procedure& p) {
  if (who.user.role == Role::kSystemAdmin) return true;
  return who.user.role == Role::kAgencyAdmin && !p.agency_codes.empty() &&
         app::AgencyInScope(index, who.user.agency_code, p.agency_codes.front());
}

struct StepRow {
  std::string name, role, unit, agency, days, parallel;
  bool Empty() const {
    return Trim(name).empty() && Trim(unit).empty() && Trim(agency).empty() && Trim(days).empty() &&
           Trim(parallel).empty();
  }
};

std::vector<StepRow> RowsOf(const ProcessDefinition& p) {
  std::vector<StepRow> rows;
  for (const auto& s : p.steps) {
    std::string parallel;
    for (const auto& b : s.parallel) {
      parallel += (parallel.empty() ? "" : "\n") + b.agency_code + " | " + b.task + " | " + FormatDecimal(b.days);
    }
    rows.push_back({s.name, RoleKey(s.role), s.unit, s.agency_code, FormatDecimal(s.days), parallel});
  }
  return rows;
}

std::vector<StepRow> RowsOf(const Form& form) {
  std::vector<StepRow> rows;
  int n = std::clamp(ParseInt(FormValue(form, "rows")).value_or(0), 0, kMaxProcessRows);
  for (int i = 0; i < n; ++i) {
    std::string k = std::to_string(i);
    rows.push_back({FormValue(form, "step_name_" + k), FormValue(form, "step_role_" + k),
                    FormValue(form, "step_unit_" + k), FormValue(form, "step_agency_" + k),
                    FormValue(form, "step_days_" + k), FormValue(form, "step_parallel_" + k)});
  }
  return rows;
}

data ProcessSummary(const ProcessDefinition& p, const CatalogIndex* index, const std::string& receiving) {
  data v;
  v.set("version", p.version > 0 ? std::to_string(p.version) : std::string("mặc định (từ danh mục thủ tục)"));
  v.set("stored", p.version > 0);
  v.set("effective_from", p.version > 0 ? FormatVnDate(p.effective_from) : std::string());
  SetText(v, "created_by", p.created_by);
  SetText(v, "note", p.note);
  double total = 0;
  data steps{data::type::list};
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    const auto& s = p.steps[i];
    total += s.days;
    data item;
    item.set("number", std::to_string(i + 1));
    item.set("name", s.name);
    item.set("role", std::string(RoleLabel(s.role)));
    item.set("unit", s.unit);
    item.set("agency", s.agency_code.empty() ? "Cơ quan tiếp nhận" + (receiving.empty() ? "" : " (" + receiving + ")")
                                             : AgencyName(index, s.agency_code));
    item.set("days", FormatDecimal(s.days));
    std::string parallel;
    for (const auto& b : s.parallel) {
      parallel += (parallel.empty() ? "" : "; ") + AgencyName(index, b.agency_code) + ": " + b.task + " (" +
                  FormatWorkingDays(b.days) + ")";
    }
    SetText(item, "parallel", parallel);
    steps.push_back(item);
  }
  v.set("steps", steps);
  v.set("total", FormatWorkingDays(total));
  return v;
}

Response RenderProcessEditor(WebContext& ctx, const Request& req, const app::Principal& who, const CatalogIndex& index,
                             const Procedure& proc, const Form* posted, const Error* error, const std::string& notice,
                             int status) {
  auto current = ctx.handling->CurrentProcess(proc.code);
  if (!current) return ErrorPage(current.error(), req, ctx.portal_name);
  auto versions = ctx.handling->ProcessVersions(proc.code);
  if (!versions) return ErrorPage(versions.error(), req, ctx.portal_name);
  const std::string receiving = proc.agency_codes.empty() ? "" : AgencyName(&index, proc.agency_codes.front());
  data v;
  v.set("code", proc.code);
  v.set("name", proc.name);
  v.set("legal_days", FormatWorkingDays(proc.processing_days));
  v.set("receiving", receiving);
  v.set("csrf_token", who.session.csrf_token);
  SetText(v, "notice", notice);
  v.set("current", ProcessSummary(*current, &index, receiving));
  data list{data::type::list};
  for (auto it = versions->rbegin(); it != versions->rend(); ++it) {
    double total = 0;
    for (const auto& s : it->steps) total += s.days;
    data item;
    item.set("version", std::to_string(it->version));
    item.set("effective_from", FormatVnDate(it->effective_from));
    item.set("created_by", it->created_by);
    item.set("created_at", FormatVnDateTime(it->created_at));
    item.set("steps", std::to_string(it->steps.size()));
    item.set("total", FormatDecimal(total));
    SetText(item, "note", it->note);
    item.set("in_force", it->version == current->version);
    list.push_back(item);
  }
  v.set("versions", list);
  v.set("has_versions", !versions->empty());

  // The editing rows: posted ones after an error, else the current process;
  // always with spare empty rows at the end.
  std::vector<StepRow> rows = posted ? RowsOf(*posted) : RowsOf(*current);
  int trailing = 0;
  for (auto it = rows.rbegin(); it != rows.rend() && it->Empty(); ++it) ++trailing;
  for (; trailing < kSpareProcessRows && static_cast<int>(rows.size()) < kMaxProcessRows; ++trailing) {
    rows.push_back({"", "specialist", "", "", "", ""});
  }
  std::map<std::string, std::string> anchors;
  data row_list{data::type::list};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StepRow& r = rows[i];
    std::string k = std::to_string(i);
    data item;
    item.set("i", k);
    item.set("number", std::to_string(i + 1));
    item.set("name", r.name);
    item.set("unit", r.unit);
    item.set("agency", r.agency);
    item.set("days", r.days);
    item.set("parallel", r.parallel);
    item.set("spare", r.Empty());
    data roles{data::type::list};
    for (Role role : {Role::kDeskOfficer, Role::kSpecialist, Role::kLeader}) {
      roles.push_back(Option(RoleKey(role), RoleLabel(role), r.role == RoleKey(role)));
    }
    item.set("roles", roles);
    bool any_error = false;
    for (const char* f : {"name", "role", "unit", "agency", "days", "parallel"}) {
      std::string field = std::string("step_") + f + "_" + k;
      std::string message = FieldErrorOf(error, field);
      SetText(item, std::string(f) + "_error", message);
      any_error = any_error || !message.empty();
      anchors[field] = field;
    }
    item.set("has_error", any_error);
    row_list.push_back(item);
  }
  v.set("rows", row_list);
  v.set("row_count", std::to_string(rows.size()));
  std::string from = posted ? FormValue(*posted, "effective_from")
                            : (ctx.calendar ? FormatVnDate(ctx.calendar->Today()) : std::string());
  v.set("effective_from", from);
  v.set("note", posted ? FormValue(*posted, "note") : std::string());
  SetText(v, "effective_from_error", FieldErrorOf(error, "effective_from"));
  SetText(v, "note_error", FieldErrorOf(error, "note"));
  SetText(v, "steps_error", FieldErrorOf(error, "steps"));
  SetText(v, "days_error", FieldErrorOf(error, "days"));
  anchors["effective_from"] = "effective_from";
  anchors["note"] = "note";
  anchors["steps"] = "steps";
  anchors["days"] = "process-total";
  data agencies{data::type::list};
  for (const auto& a : index.catalog().agencies) agencies.push_back(Option(a.code, a.name, false));
  v.set("agencies", agencies);
  v.set("error_summary", error ? SummaryHtml(*error, anchors) : std::string());
  std::string title = "Quy trình nội bộ – " + proc.code;
  if (error) title = "Lỗi: " + title;
  return NoStore(Response::Html(RenderPage("handling_process", v, Meta(who, title, "admin"), ctx.portal_name), status));
}

// Service field names ("steps[2].days") → the inputs of the form rows.
void MapProcessFields(Error& e, const std::vector<int>& form_row) {
  for (auto& f : e.fields) {
    if (f.field.rfind("steps[", 0) != 0) continue;
    auto close = f.field.find(']');
    auto index = ParseInt(std::string_view(f.field).substr(6, close - 6));
    if (!index || *index < 0 || *index >= static_cast<int>(form_row.size())) {
      f.field = "steps";
      continue;
    }
    std::string rest = close + 2 <= f.field.size() ? f.field.substr(close + 2) : std::string();
    std::string column = rest.rfind("parallel", 0) == 0 ? "parallel"
                         : rest == "agency_code"        ? "agency"
                         : rest.empty()                 ? "name"
                                                        : rest;
    f.field = "step_" + column + "_" + std::to_string(form_row[*index]);
  }
}

// The register's agencies: the caller's scope.
std::vector<const Agency*> RegisterAgencies(const CatalogIndex& index, const app::Principal& who) {
  std::vector<const Agency*> out;
  for (const auto& a : index.catalog().agencies) {
    if (who.user.role == Role::kSystemAdmin || app::AgencyInScope(index, who.user.agency_code, a.code)) {
      out.push_back(&a);
    }
  }
  return out;
}

const char* ReturnMethodLabel(const std::string& method) {
  if (method == "online") return "trực tuyến trên Cổng";
  if (method == "postal") return "qua dịch vụ bưu chính";
  if (method == "desk") return "tại Bộ phận Một cửa";
  return "";
}

}  // namespace

void AddApplicantHandling(TemplateData& view, WebContext& ctx, const Dossier& d,
                          const std::vector<app::DossierEvent>& events) {
  if (!ctx.handling) return;
  auto process = ctx.handling->ProcessOf(d);
  auto index = Catalog(ctx);
  const Handling& h = d.handling;
  // "Thẩm định hồ sơ – Phòng chuyên môn, UBND Phường Sài Gòn": a step with
  // its unit, never the officer holding it.
  auto step_text = [&](int step) -> std::string {
    if (!process || step < 0 || step >= static_cast<int>(process->steps.size())) return {};
    const HandlingStep& s = process->steps[step];
    return s.name + " – " + s.unit + ", " + AgencyName(index.get(), StepAgency(s, d.agency_code));
  };
  // The notes the applicant is meant to read (reasons given to them);
  // officers' internal notes and file hashes stay on the officers' side.
  static const std::set<std::string> kPublicNotes{"refuse", "request_supplement", "withdraw", "reject",
                                                  "apologize", "pause"};
  data timeline{data::type::list};
  for (const auto& e : events) {
    data item;
    item.set("at", FormatVnDateTime(e.at));
    item.set("action", std::string(ActionLabelOf(e.action)));
    std::string step;
    if (e.action == "forward" || e.action == "approve" || e.action == "reject") step = step_text(e.step + 1);
    if (e.action == "send_back") step = step_text(e.step - 1);
    if (!step.empty()) step = "chuyển đến bước " + step;
    if (e.action == "accept" || e.action == "assign" || e.action == "consult" || e.action == "record_consultation" ||
        e.action == "attach_result" || e.action == "pause" || e.action == "resume") {
      step = step_text(e.action == "accept" ? 0 : e.step);
      if (!step.empty()) step = "bước " + step;
    }
    SetText(item, "step", step);
    std::string note;
    if (kPublicNotes.count(e.action)) note = e.note;
    if (e.action == "return_result") note = std::string("trả ") + ReturnMethodLabel(e.note);
    SetText(item, "note", note);
    timeline.push_back(item);
  }
  view.set("history", timeline);

  const bool has_step = h.step >= 0 && IsInHandling(d.status);
  SetText(view, "handling_step", has_step ? step_text(h.step) : "");
  SetText(view, "original_due_at", h.apologized_at ? When(h.original_due_at) : "");
  if (h.apologized_at) {
    data apology;
    apology.set("reason", h.apology_reason);
    apology.set("new_due", When(d.due_at));
    apology.set("url", "/can-bo/ho-so/" + std::to_string(d.id) + "/mau-04");
    view.set("apology", apology);
  } else {
    view.set("apology", false);
  }
  std::string state;
  if (d.status == DossierStatus::kResultReady) state = "Đã có kết quả";
  if (d.status == DossierStatus::kReturned) state = "Đã trả kết quả";
  if (d.status == DossierStatus::kRejected) state = "Đã có kết quả (từ chối giải quyết)";
  SetText(view, "result_state", state);
  SetText(view, "returned_at", When(h.returned_at));
  SetText(view, "return_method", h.returned_at ? ReturnMethodLabel(h.return_method) : "");
  SetText(view, "decision_reason", d.status == DossierStatus::kRejected ? h.decision_reason : "");
  const bool downloadable = h.returned_at && h.return_method == "online";
  data results{data::type::list};
  if (downloadable) {
    for (const auto& r : h.results) {
      data item;
      item.set("file_name", r.file_name);
      item.set("size", std::to_string((r.size + 1023) / 1024) + " KB");
      item.set("sha256", r.sha256);
      item.set("url", "/api/v1/dossiers/" + std::to_string(d.id) + "/results/" + r.sha256);
      results.push_back(item);
    }
  }
  view.set("results", results);
  view.set("has_results", downloadable && !h.results.empty());
}

// --- handlers ---------------------------------------------------------------------------

Response HandlingPages::Worklist(Request& req) {
  auto v = ViewPage(ctx_, req, req.query.empty() ? kWorklistPath : std::string(kWorklistPath) + "?tab=" + req.Query("tab"));
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!IsOfficer(who.user.role)) return Denied(ctx_, req, who, OfficersOnly(), "worklist page");
  std::string notice;
  if (auto n = ParseInt(req.Query("da-phan-cong")); n && *n > 0) {
    notice = "Đã phân công " + std::to_string(*n) + " hồ sơ.";
  }
  return RenderWorklist(ctx_, req, who, notice, nullptr, nullptr, 200);
}

Response HandlingPages::BulkAssign(Request& req) {
  Form form = ParseForm(req).value_or(Form{});
  auto v = PostPage(ctx_, req, form, kWorklistPath);
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!IsOfficer(who.user.role)) return Denied(ctx_, req, who, OfficersOnly(), "bulk assignment");
  if (!IsManager(who.user.role)) return Denied(ctx_, req, who, BulkOnly(), "bulk assignment");
  std::vector<std::string> codes;
  for (auto [it, end] = form.equal_range("dossier"); it != end; ++it) {
    std::string code(Trim(it->second));
    if (!code.empty()) codes.push_back(code);
  }
  std::string assignee(Trim(FormValue(form, "assignee")));
  std::vector<FieldError> problems;
  if (codes.empty()) problems.push_back({"dossier", "Chọn ít nhất một hồ sơ để phân công."});
  if (assignee.empty()) problems.push_back({"assignee", "Chọn cán bộ được phân công."});
  if (!problems.empty()) {
    Error e{ErrorCode::kInvalidArgument, "Chưa phân công được hồ sơ.", "bulk assign form", problems};
    return RenderWorklist(ctx_, req, who, "", nullptr, &e, 400);
  }
  auto failed = ctx_.handling->BulkAssign(who, codes, assignee, req.request_id);
  if (!failed) {
    Error e = failed.error();
    if (e.fields.empty()) e.fields.push_back({"dossier", e.user_message});
    return RenderWorklist(ctx_, req, who, "", nullptr, &e, HttpStatusFor(e.code));
  }
  int assigned = static_cast<int>(codes.size() - failed->size());
  std::string tab = req.Query("tab", "mine");
  if (failed->empty()) {
    return Response::Redirect(std::string(kWorklistPath) + "?tab=" + UrlEncode(tab) +
                              "&da-phan-cong=" + std::to_string(assigned));
  }
  BulkOutcome outcome{assigned, *failed};
  return RenderWorklist(ctx_, req, who, "", &outcome, nullptr, 200);
}

Response HandlingPages::View(Request& req) {
  const std::string id = req.params["id"];
  auto v = ViewPage(ctx_, req, std::string(kWorklistPath) + "/" + id);
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!IsOfficer(who.user.role)) return Denied(ctx_, req, who, OfficersOnly(), "officer dossier page " + id);
  ViewState state;
  std::string done = req.Query("ket-qua");
  if (const ActionSpec* spec = SpecOf(done)) state.notice = spec->done;
  return RenderView(ctx_, req, who, id, state, 200);
}

Response HandlingPages::Act(Request& req) {
  const std::string id = req.params["id"];
  std::optional<std::vector<FormPart>> parts;
  if (IsMultipart(req)) parts = ParseMultipart(req);
  Form form;
  if (parts) {
    for (const auto& p : *parts) {
      if (p.file_name.empty() && p.name != "file") form.emplace(p.name, p.body);
    }
  } else {
    form = ParseForm(req).value_or(Form{});
  }
  auto v = PostPage(ctx_, req, form, std::string(kWorklistPath) + "/" + id);
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!IsOfficer(who.user.role)) return Denied(ctx_, req, who, OfficersOnly(), "officer action on " + id);

  ViewState state;
  state.action = FormValue(form, "action");
  state.posted = form;
  auto fail = [&](const Error& e) {
    if (e.code == ErrorCode::kNotFound) return ErrorPage(e, req, ctx_.portal_name);
    state.error = &e;
    return RenderView(ctx_, req, who, id, state, HttpStatusFor(e.code));
  };

  app::HandlingInput in;
  in.action = state.action;
  std::vector<FieldError> problems;
  auto version = ParseInt(FormValue(form, "version"));
  in.version = version.value_or(-1);
  if (!version) problems.push_back({"version", "Thiếu phiên bản hồ sơ; vui lòng tải lại trang và thử lại."});
  in.assignee = std::string(Trim(FormValue(form, "assignee")));
  in.reason = std::string(Trim(FormValue(form, "reason")));
  in.note = std::string(Trim(FormValue(form, "note")));
  in.items = Lines(FormValue(form, "items"));
  in.agency_code = std::string(Trim(FormValue(form, "agency_code")));
  in.task = std::string(Trim(FormValue(form, "task")));
  in.reply = std::string(Trim(FormValue(form, "reply")));
  in.method = std::string(Trim(FormValue(form, "method")));
  if (std::string days = FormValue(form, "days"); !Trim(days).empty()) {
    auto parsed = ParseDecimal(days);
    if (!parsed) problems.push_back({"days", "Thời hạn trả lời là số ngày làm việc, ví dụ 3 hoặc 1,5."});
    in.days = parsed.value_or(0);
  }
  if (std::string c = FormValue(form, "consultation"); !Trim(c).empty()) {
    in.consultation = ParseInt(c).value_or(0);
  } else if (in.action == "record_consultation") {
    problems.push_back({"consultation", "Chọn yêu cầu phối hợp được trả lời."});
  }
  if (std::string date = std::string(Trim(FormValue(form, "new_due_date"))); !date.empty()) {
    in.new_due_date = ParseIsoDate(date);
    if (!in.new_due_date) in.new_due_date = ParseVnDate(date);
    if (!in.new_due_date) problems.push_back({"new_due_date", "Ngày hẹn mới phải là một ngày có thật, ví dụ 05/12/2026."});
  }
  if (in.action == "attach_result") {
    if (!parts) {
      problems.push_back({"file", "Không đọc được tệp gửi lên, vui lòng chọn lại tệp và gửi lại."});
    } else {
      for (const auto& p : *parts) {
        if (p.name == "file") {
          in.file_name = p.file_name;
          in.file_bytes = p.body;
        }
      }
    }
  }
  if (!problems.empty()) {
    return fail(Error{ErrorCode::kInvalidArgument, kInvalidForm, "invalid action form", problems});
  }
  auto done = ctx_.handling->Act(who, id, in, req.request_id);
  if (!done) {
    Error e = done.error();
    if (e.code == ErrorCode::kInvalidArgument && e.user_message.empty()) e.user_message = kInvalidForm;
    return fail(e);
  }
  return Response::Redirect(std::string(kWorklistPath) + "/" + std::to_string(done->id) +
                            "?ket-qua=" + UrlEncode(in.action));
}

Response HandlingPages::Form04(Request& req) {
  const std::string id = req.params["id"];
  auto v = ViewPage(ctx_, req, std::string(kWorklistPath) + "/" + id + "/mau-04");
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  // The applicant who owns the dossier sees it too (Work hides others' dossiers).
  auto work = ctx_.handling->Work(who, id, req.request_id);
  if (!work) return ErrorPage(work.error(), req, ctx_.portal_name);
  const Dossier& d = work->dossier;
  const Handling& h = d.handling;
  if (!h.apologized_at) {
    return ErrorPage({ErrorCode::kFailedPrecondition,
                      "Hồ sơ chưa có Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).", "not apologized", {}},
                     req, ctx_.portal_name);
  }
  auto index = Catalog(ctx_);
  data view = FormView(d, index.get(), "04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", h.apologized_at);
  view.set("original_due", When(h.original_due_at));
  view.set("new_due", When(d.due_at));
  view.set("new_due_long", d.due_at ? VnLongDate(ToVietnam(*d.due_at).date) : std::string());
  view.set("reason", h.apology_reason);
  if (!d.code.empty()) {
    auto svg = QrSvg(ctx_.public_url + "/tra-cuu?ma=" + UrlEncode(d.code), "Mã QR tra cứu hồ sơ " + d.code);
    if (svg) view.set("qr_svg", *svg);
  }
  return FormPage("04", view);
}

Response HandlingPages::Form05(Request& req) {
  const std::string id = req.params["id"];
  auto v = ViewPage(ctx_, req, std::string(kWorklistPath) + "/" + id + "/mau-05");
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!IsOfficer(who.user.role)) return Denied(ctx_, req, who, OfficersOnly(), "control slip " + id);
  auto slip = ctx_.handling->ControlSlipOf(who, id, req.request_id);
  if (!slip) return ErrorPage(slip.error(), req, ctx_.portal_name);
  auto index = Catalog(ctx_);
  auto officers = OfficersByLogin(ctx_);
  const Dossier& d = slip->dossier;
  std::optional<Timestamp> issued = slip->rows.empty() ? d.received_at : std::optional<Timestamp>(slip->rows.back().at);
  data view = FormView(d, index.get(), "05", "Phiếu kiểm soát quá trình giải quyết hồ sơ", issued);
  SetText(view, "due", When(d.due_at));
  // Who is who: officers by name, units by name, the applicant as is.
  auto party = [&](const std::string& who_text) {
    if (officers.count(who_text)) return PersonLabel(officers, who_text);
    if (index && index->FindAgency(who_text)) return AgencyName(index.get(), who_text);
    return who_text;
  };
  data rows{data::type::list};
  int n = 0;
  for (const auto& r : slip->rows) {
    data row;
    row.set("n", std::to_string(++n));
    row.set("at", FormatVnDateTime(r.at));
    row.set("step", r.step_name.empty() ? std::string(ActionLabelOf(r.action)) : r.step_name);
    std::string label = ActionLabelOf(r.action);
    SetText(row, "action", r.step_name.empty() || r.step_name == label ? "" : label);
    row.set("giver", party(r.giver));
    row.set("receiver", party(r.receiver));
    row.set("step_due", When(r.step_due_at));
    row.set("result", r.timeliness ? std::string(TimelinessLabel(*r.timeliness)) : std::string());
    rows.push_back(row);
  }
  view.set("rows", rows);
  view.set("has_rows", n > 0);
  return FormPage("05", view);
}

Response HandlingPages::Register(Request& req) {
  auto v = ViewPage(ctx_, req, "/can-bo/so-theo-doi");
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!IsOfficer(who.user.role)) return Denied(ctx_, req, who, OfficersOnly(), "register page");
  auto index = Catalog(ctx_);
  if (!index) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  auto agencies = RegisterAgencies(*index, who);
  std::string agency(Trim(req.Query("agency")));
  if (agency.empty()) agency = !who.user.agency_code.empty() ? who.user.agency_code
                               : agencies.empty()            ? std::string()
                                                             : agencies.front()->code;
  int this_year = ctx_.calendar ? static_cast<int>(ctx_.calendar->Today().year())
                                : static_cast<int>(ToVietnam(std::chrono::time_point_cast<std::chrono::milliseconds>(
                                                               std::chrono::system_clock::now()))
                                                       .date.year());
  std::string year_text(Trim(req.Query("year")));
  int year = year_text.empty() ? this_year : ParseInt(year_text).value_or(0);

  data view;
  view.set("year", std::to_string(year > 0 ? year : this_year));
  data options{data::type::list};
  for (const Agency* a : agencies) options.push_back(Option(a->code, a->name, a->code == agency));
  view.set("agencies", options);
  auto list = ctx_.handling->Register(who, agency, year, req.request_id);
  int status = 200;
  if (!list) {
    const Error& e = list.error();
    status = HttpStatusFor(e.code);
    view.set("error", e.fields.empty() ? e.user_message : e.fields.front().message);
  } else {
    view.set("error", false);
  }
  const Agency* a = index->FindAgency(agency);
  const Agency* parent = a ? index->FindAgency(a->parent_code) : nullptr;
  if (parent) view.set("issuer_parent", Upper(parent->short_name.empty() ? parent->name : parent->short_name));
  view.set("issuer_name", Upper(a ? a->name : agency));
  view.set("agency_name", a ? a->name : agency);
  view.set("page_title", "Mẫu số 06 – Sổ theo dõi hồ sơ năm " + std::to_string(year) +
                             (a ? " – " + a->name : std::string()));
  view.set("csv_url", "/api/v1/registers/" + UrlEncode(agency) + "/" + std::to_string(year) + "?format=csv");
  view.set("xlsx_url", "/api/v1/registers/" + UrlEncode(agency) + "/" + std::to_string(year) + "?format=xlsx");
  data rows{data::type::list};
  std::size_t n = 0;
  if (list) {
    for (const auto& d : *list) {
      data row;
      row.set("n", std::to_string(++n));
      row.set("id", std::to_string(d.id));
      row.set("code", d.code);
      row.set("procedure", d.procedure_name);
      row.set("copies", std::to_string(d.copies));
      row.set("applicant", d.applicant.full_name);
      std::string contact = d.applicant.address;
      if (!d.applicant.phone.empty()) contact += (contact.empty() ? "" : ", ") + d.applicant.phone;
      row.set("contact", contact);
      row.set("channel", std::string(ChannelLabel(d.channel)));
      row.set("received", Day(d.received_at));
      row.set("due", Day(d.due_at));
      row.set("completed", Day(d.handling.completed_at));
      row.set("returned", Day(d.handling.returned_at));
      const std::string& o = d.handling.outcome;
      row.set("outcome", std::string(o == "early" ? "Trước hạn" : o == "late" ? "Quá hạn" : o.empty() ? "" : "Đúng hạn"));
      row.set("status", std::string(DossierStatusLabel(d.status)));
      rows.push_back(row);
    }
  }
  view.set("rows", rows);
  view.set("has_rows", n > 0);
  view.set("count", std::to_string(n));
  return NoStore(Response::Html(RenderFragment("form_06", view), status));
}

Response HandlingPages::ProcessList(Request& req) {
  auto v = ViewPage(ctx_, req, "/quan-tri/quy-trinh");
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!IsAdmin(who.user.role)) return Denied(ctx_, req, who, AdminsOnly(), "process list");
  auto index = Catalog(ctx_);
  if (!index) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  std::string q(Trim(req.Query("q")));
  std::string folded = FoldForSearch(q);
  data v_list{data::type::list};
  int shown = 0, total = 0;
  for (const auto& p : index->catalog().procedures) {
    if (!MayEditProcess(*index, who, p)) continue;
    if (!q.empty() && p.code.find(q) == std::string::npos && FoldForSearch(p.name).find(folded) == std::string::npos) {
      continue;
    }
    ++total;
    if (shown >= 100) continue;
    ++shown;
    data item;
    item.set("code", p.code);
    item.set("name", p.name);
    item.set("agency", p.agency_codes.empty() ? std::string() : AgencyName(index.get(), p.agency_codes.front()));
    item.set("days", FormatWorkingDays(p.processing_days));
    item.set("url", "/quan-tri/quy-trinh/" + UrlEncode(p.code));
    v_list.push_back(item);
  }
  data d;
  d.set("q", q);
  d.set("procedures", v_list);
  d.set("has_procedures", shown > 0);
  d.set("summary", total > shown ? fmt::format("Hiển thị {} trên {} thủ tục; hãy thu hẹp tìm kiếm.", shown, total)
                                 : fmt::format("{} thủ tục.", total));
  return NoStore(
      Response::Html(RenderPage("handling_process_list", d, Meta(who, "Quy trình nội bộ", "admin"), ctx_.portal_name)));
}

Response HandlingPages::ProcessEditor(Request& req) {
  const std::string code = req.params["code"];
  auto v = ViewPage(ctx_, req, "/quan-tri/quy-trinh/" + code);
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!IsAdmin(who.user.role)) return Denied(ctx_, req, who, AdminsOnly(), "process editor " + code);
  auto index = Catalog(ctx_);
  const Procedure* p = index ? index->FindProcedure(code) : nullptr;
  if (!p) return ErrorPage({ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.", "no procedure", {}}, req,
                           ctx_.portal_name);
  if (!MayEditProcess(*index, who, *p)) return Denied(ctx_, req, who, AdminsOnly(), "process editor " + code);
  std::string notice;
  if (auto saved = ParseInt(req.Query("da-luu")); saved && *saved > 0) {
    notice = "Đã lưu quy trình nội bộ phiên bản số " + std::to_string(*saved) + ".";
  }
  return RenderProcessEditor(ctx_, req, who, *index, *p, nullptr, nullptr, notice, 200);
}

Response HandlingPages::ProcessSave(Request& req) {
  const std::string code = req.params["code"];
  Form form = ParseForm(req).value_or(Form{});
  auto v = PostPage(ctx_, req, form, "/quan-tri/quy-trinh/" + code);
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!IsAdmin(who.user.role)) return Denied(ctx_, req, who, AdminsOnly(), "process save " + code);
  auto index = Catalog(ctx_);
  const Procedure* p = index ? index->FindProcedure(code) : nullptr;
  if (!p) return ErrorPage({ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.", "no procedure", {}}, req,
                           ctx_.portal_name);

  std::vector<FieldError> problems;
  ProcessDefinition def;
  def.procedure_code = p->code;
  std::string from(Trim(FormValue(form, "effective_from")));
  auto date = ParseIsoDate(from);
  if (!date) date = ParseVnDate(from);
  if (date) {
    def.effective_from = *date;
  } else {
    problems.push_back({"effective_from", from.empty() ? "Cần chọn ngày hiệu lực."
                                                       : "Ngày hiệu lực phải là một ngày có thật, ví dụ 01/12/2026."});
  }
  def.note = FormValue(form, "note");
  std::vector<int> form_row;  // definition step → form row
  auto rows = RowsOf(form);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StepRow& r = rows[i];
    if (r.Empty()) continue;
    const std::string k = std::to_string(i);
    HandlingStep step;
    step.name = r.name;
    step.unit = r.unit;
    step.agency_code = std::string(Trim(r.agency));
    auto role = ParseRole(r.role);
    if (!role || !IsStepRole(*role)) problems.push_back({"step_role_" + k, "Chọn vai trò thực hiện bước."});
    step.role = role.value_or(Role::kSpecialist);
    auto days = ParseDecimal(r.days);
    if (!days) {
      problems.push_back({"step_days_" + k, Trim(r.days).empty() ? "Cần ghi số ngày làm việc của bước."
                                                                : "Số ngày phải là số, ví dụ 2 hoặc 0,5."});
    }
    step.days = days.value_or(0);
    int line_no = 0;
    for (const auto& line : Lines(r.parallel)) {
      ++line_no;
      std::vector<std::string> cells;
      std::size_t start = 0;
      while (true) {
        std::size_t bar = line.find('|', start);
        cells.emplace_back(Trim(std::string_view(line).substr(start, bar == std::string::npos ? std::string::npos
                                                                                               : bar - start)));
        if (bar == std::string::npos) break;
        start = bar + 1;
      }
      auto branch_days = cells.size() == 3 ? ParseDecimal(cells[2]) : std::nullopt;
      if (cells.size() != 3 || cells[0].empty() || !branch_days) {
        problems.push_back({"step_parallel_" + k,
                            fmt::format("Dòng {}: cần dạng \"mã cơ quan | công việc | số ngày\".", line_no)});
        continue;
      }
      step.parallel.push_back({cells[0], cells[1], *branch_days});
    }
    def.steps.push_back(std::move(step));
    form_row.push_back(static_cast<int>(i));
  }
  int status = 400;
  if (problems.empty()) {
    auto saved = ctx_.handling->SaveProcess(who, def, req.request_id);
    if (saved) {
      return Response::Redirect("/quan-tri/quy-trinh/" + UrlEncode(p->code) + "?da-luu=" +
                                std::to_string(saved->version));
    }
    Error e = saved.error();
    if (e.code == ErrorCode::kForbidden || e.code == ErrorCode::kNotFound) return ErrorPage(e, req, ctx_.portal_name);
    MapProcessFields(e, form_row);
    if (e.fields.empty() && e.code != ErrorCode::kInvalidArgument) return ErrorPage(e, req, ctx_.portal_name);
    return RenderProcessEditor(ctx_, req, who, *index, *p, &form, &e, "", HttpStatusFor(e.code));
  }
  // Every problem at once: the domain's rules too, on what could be read.
  Error e{ErrorCode::kInvalidArgument, "Quy trình nội bộ chưa hợp lệ.", "invalid process form", problems};
  if (date && ctx_.calendar && *date < ctx_.calendar->Today()) {
    e.fields.push_back({"effective_from", "Ngày hiệu lực không được trước ngày hôm nay."});
  }
  if (auto valid = ValidateProcess(def, p->processing_days); !valid) {
    Error rules = valid.error();
    MapProcessFields(rules, form_row);
    for (auto& f : rules.fields) {
      bool known = std::any_of(e.fields.begin(), e.fields.end(), [&](const FieldError& g) { return g.field == f.field; });
      if (!known) e.fields.push_back(std::move(f));
    }
  }
  return RenderProcessEditor(ctx_, req, who, *index, *p, &form, &e, "", status);
}

void AddHandlingPageRoutes(Router& router, WebContext& ctx) {
  auto pages = std::make_shared<HandlingPages>(ctx);
  auto page = [&ctx, pages](Response (HandlingPages::*fn)(Request&)) {
    return WithViewer(ctx, [pages, fn](Request& req) { return ((*pages).*fn)(req); });
  };
  router.Add("GET", "/can-bo/ho-so", page(&HandlingPages::Worklist));
  router.Add("POST", "/can-bo/ho-so/phan-cong", page(&HandlingPages::BulkAssign));
  router.Add("GET", "/can-bo/ho-so/{id}", page(&HandlingPages::View));
  router.Add("POST", "/can-bo/ho-so/{id}/xu-ly", page(&HandlingPages::Act));
  router.Add("GET", "/can-bo/ho-so/{id}/mau-04", page(&HandlingPages::Form04));
  router.Add("GET", "/can-bo/ho-so/{id}/mau-05", page(&HandlingPages::Form05));
  router.Add("GET", "/can-bo/so-theo-doi", page(&HandlingPages::Register));
  router.Add("GET", "/quan-tri/quy-trinh", page(&HandlingPages::ProcessList));
  router.Add("GET", "/quan-tri/quy-trinh/{code}", page(&HandlingPages::ProcessEditor));
  router.Add("POST", "/quan-tri/quy-trinh/{code}", page(&HandlingPages::ProcessSave));
}

}  // namespace motcua::web
