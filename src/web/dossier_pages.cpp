#include "web/dossier_pages.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/calendar/calendar_text.hpp"
#include "app/dossier/dossier_service.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "web/form_errors.hpp"
#include "web/auth.hpp"
#include "web/catalog_handlers.hpp"
#include "web/error_mapping.hpp"
#include "web/format.hpp"
#include "web/handling_pages.hpp"
#include "web/multipart.hpp"
#include "web/rating_handlers.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using kainjow::mustache::data;
using namespace motcua::domain;
using Form = std::multimap<std::string, std::string>;

constexpr const char* kAccept = "application/pdf,image/jpeg,image/png";
constexpr const char* kMaxSize = "Dung lượng tối đa 10 MB; định dạng PDF, JPG hoặc PNG.";

Error NotConfigured() {
  return {ErrorCode::kUnavailable, "Chức năng hồ sơ tạm thời không sẵn sàng.", "WebContext::dossiers is not set", {}};
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

PageMeta Meta(const app::Principal& who, std::string title) {
  return {std::move(title), "", "dossiers", DisplayName(who.user), who.session.csrf_token};
}

std::string When(const std::optional<Timestamp>& t) { return t ? FormatVnDateTime(*t) : std::string(); }

const char* ActionLabel(const std::string& action) {
  static const std::map<std::string, const char*> labels{
      {"create", "Tạo hồ sơ nháp"},
      {"submit", "Nộp hồ sơ trực tuyến"},
      {"attach_file", "Đính kèm tệp"},
      {"accept", "Tiếp nhận hồ sơ"},
      {"request_supplement", "Yêu cầu bổ sung, hoàn thiện hồ sơ"},
      {"refuse", "Từ chối tiếp nhận hồ sơ"},
      {"resubmit", "Nộp bổ sung hồ sơ"},
      {"withdraw", "Rút hồ sơ"},
      {"receive_postal", "Nhận hồ sơ qua dịch vụ bưu chính"},
      {"create_at_desk", "Nhập hồ sơ tại Bộ phận Một cửa"},
  };
  auto it = labels.find(action);
  return it == labels.end() ? "Cập nhật hồ sơ" : it->second;
}

std::optional<std::int64_t> ParseId(const std::string& text) {
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

int ParseInt(const std::string& text, int fallback) {
  std::string_view t = Trim(text);
  int n = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  return ec == std::errc() && ptr == t.data() + t.size() ? n : fallback;
}

// The error summary (templates/error_summary.mustache): field problems
// linked to their inputs through `anchors` (field → element id).
// "Thiếu: <component name>" from the service, moved onto that component's input.
void MapMissingComponents(Error& error, const Procedure* p) {
  if (!p) return;
  for (auto& f : error.fields) {
    if (f.field != "components" || !f.message.starts_with("Thiếu: ")) continue;
    std::string name = f.message.substr(std::string("Thiếu: ").size());
    for (std::size_t i = 0; i < p->components.size(); ++i) {
      if (p->components[i].name == name) {
        f.field = "component_" + std::to_string(i);
        f.message = "Chưa đính kèm: " + name;
        break;
      }
    }
  }
}

struct TextField {
  const char* name;
  const char* label;
  const char* type = "text";
  const char* autocomplete = "";
  const char* hint = "";
  int maxlength = 0;
  bool optional = false;
};

std::string TextFieldHtml(const TextField& spec, const std::string& value, const Error* error) {
  data d;
  d.set("id", std::string(spec.name));
  d.set("name", std::string(spec.name));
  d.set("label", std::string(spec.label));
  d.set("type", std::string(spec.type));
  SetText(d, "value", IsValidUtf8(value) ? value : "");
  SetText(d, "autocomplete", spec.autocomplete);
  d.set("inputmode", false);
  SetText(d, "hint", spec.hint);
  SetText(d, "maxlength", spec.maxlength > 0 ? std::to_string(spec.maxlength) : "");
  d.set("optional", spec.optional);
  d.set("required", !spec.optional);
  d.set("plain", false);
  std::string message = FieldErrorOf(error, spec.name);
  SetText(d, "error", message);
  std::string described;
  if (*spec.hint) described = std::string(spec.name) + "-hint";
  if (!message.empty()) described += (described.empty() ? "" : " ") + std::string(spec.name) + "-error";
  SetText(d, "describedby", described);
  return RenderFragment("form_field", d);
}

const TextField kApplicantFields[] = {
    {.name = "full_name", .label = "Họ và tên người nộp", .autocomplete = "name", .maxlength = 100},
    {.name = "id_number", .label = "Số định danh cá nhân", .autocomplete = "off", .maxlength = 12},
    {.name = "phone", .label = "Số điện thoại", .type = "tel", .autocomplete = "tel", .maxlength = 20},
    {.name = "email", .label = "Thư điện tử", .type = "email", .autocomplete = "email", .maxlength = 254,
     .optional = true},
    {.name = "address", .label = "Địa chỉ liên hệ", .autocomplete = "street-address", .maxlength = 500,
     .optional = true},
};

// One file input per component, for the new-dossier and supplement forms.
data ComponentList(const Procedure& p, const Error* error, const std::vector<DossierFile>* files) {
  data list{data::type::list};
  for (std::size_t i = 0; i < p.components.size(); ++i) {
    const Component& c = p.components[i];
    std::string id = "component_" + std::to_string(i);
    data item;
    item.set("id", id);
    item.set("name", c.name);
    item.set("required", c.required);
    std::string message = FieldErrorOf(error, id);
    SetText(item, "error", message);
    item.set("describedby", id + "-hint" + (message.empty() ? "" : " " + id + "-error"));
    item.set("accept", std::string(kAccept));
    item.set("max_size", std::string(kMaxSize));
    std::string attached;
    if (files) {
      for (const auto& f : *files) {
        if (f.component_index == static_cast<int>(i)) attached = f.file_name.empty() ? "tệp đã nộp" : f.file_name;
      }
    }
    SetText(item, "attached", attached);
    list.push_back(item);
  }
  return list;
}

std::shared_ptr<const CatalogIndex> Catalog(WebContext& ctx) {
  auto index = ctx.catalog.Snapshot();
  return index ? *index : nullptr;
}

// The form fields of a multipart body (parts without a file name).
Form FieldsOf(const std::vector<FormPart>& parts) {
  Form form;
  for (const auto& p : parts) {
    if (p.file_name.empty() && p.name.rfind("component_", 0) != 0) form.emplace(p.name, p.body);
  }
  return form;
}

std::vector<app::UploadedFile> FilesOf(const std::vector<FormPart>& parts) {
  std::vector<app::UploadedFile> files;
  for (const auto& p : parts) {
    if (p.name.rfind("component_", 0) != 0 || p.body.empty()) continue;
    int index = ParseInt(p.name.substr(10), -1);
    if (index < 0) continue;
    files.push_back({index, p.file_name, p.body, "electronic"});
  }
  return files;
}

Response LoginRedirect(const std::string& next) { return Response::Redirect("/dang-nhap?next=" + next); }

data DossierData(const Dossier& d, const CatalogIndex* index) {
  data v;
  v.set("id", std::to_string(d.id));
  v.set("version", std::to_string(d.version));
  SetText(v, "code", d.code);
  v.set("status", std::string(DossierStatusLabel(d.status)));
  v.set("status_key", std::string(DossierStatusKey(d.status)));
  v.set("procedure", d.procedure_name);
  v.set("procedure_code", d.procedure_code);
  const Agency* agency = index ? index->FindAgency(d.agency_code) : nullptr;
  v.set("agency", agency ? agency->name : d.agency_code);
  v.set("applicant_name", d.applicant.full_name);
  SetText(v, "applicant_id", d.applicant.id_number);
  SetText(v, "applicant_phone", d.applicant.phone);
  SetText(v, "applicant_email", d.applicant.email);
  SetText(v, "applicant_address", d.applicant.address);
  SetText(v, "request_note", d.request_note);
  v.set("copies", std::to_string(d.copies));
  v.set("created_at", FormatVnDateTime(d.created_at));
  SetText(v, "submitted_at", When(d.submitted_at));
  SetText(v, "received_at", When(d.received_at));
  SetText(v, "due_at", When(d.due_at));
  SetText(v, "received_by", d.received_by);
  SetText(v, "refusal_reason", d.refusal_reason);
  SetText(v, "supplement_note", d.supplement_note);
  data items{data::type::list};
  for (const auto& item : d.supplement_items) items.push_back(data(item));
  v.set("supplement_items", items);
  v.set("has_supplement_items", !d.supplement_items.empty() && (d.status == DossierStatus::kSupplementRequested ||
                                                                 d.status == DossierStatus::kAppraisalSupplement));
  data files{data::type::list};
  for (const auto& f : d.files) {
    data fd;
    fd.set("component", f.component_name);
    fd.set("file_name", f.file_name.empty() ? std::string("Tệp đính kèm") : f.file_name);
    fd.set("size", std::to_string((f.size + 1023) / 1024) + " KB");
    fd.set("url", "/api/v1/dossiers/" + std::to_string(d.id) + "/files/" + f.sha256);
    files.push_back(fd);
  }
  v.set("files", files);
  v.set("has_files", !d.files.empty());
  std::string form_number, form_name;
  if (d.status == DossierStatus::kAccepted) {
    form_number = "01";
    form_name = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)";
  } else if (d.status == DossierStatus::kSupplementRequested) {
    form_number = "02";
    form_name = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)";
  } else if (d.status == DossierStatus::kRefused) {
    form_number = "03";
    form_name = "Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)";
  }
  if (!form_number.empty()) {
    data form;
    form.set("url", "/api/v1/dossiers/" + std::to_string(d.id) + "/forms/" + form_number + "?format=html");
    form.set("name", form_name);
    v.set("print_form", form);
  } else {
    v.set("print_form", false);
  }
  return v;
}

data HistoryData(const std::vector<app::DossierEvent>& events) {
  data list{data::type::list};
  for (const auto& e : events) {
    data item;
    item.set("at", FormatVnDateTime(e.at));
    item.set("action", std::string(ActionLabel(e.action)));
    SetText(item, "note", e.note);
    list.push_back(item);
  }
  return list;
}

data RowData(const app::DossierSummary& d, const std::string& base) {
  data row;
  row.set("id", std::to_string(d.id));
  row.set("code", d.code.empty() ? std::string("Chưa có mã") : d.code);
  row.set("has_code", !d.code.empty());
  row.set("procedure", d.procedure_name);
  row.set("applicant", d.applicant_name);
  row.set("status", std::string(DossierStatusLabel(d.status)));
  row.set("status_key", std::string(DossierStatusKey(d.status)));
  row.set("created_at", FormatVnDateTime(d.created_at));
  row.set("updated_at", FormatVnDateTime(d.updated_at));
  SetText(row, "submitted_at", When(d.submitted_at));
  SetText(row, "due_at", When(d.due_at));
  row.set("url", base + std::to_string(d.id));
  return row;
}

// Authenticates a page view; on failure the response to send.
struct Viewer {
  std::optional<app::Principal> who;
  std::optional<Response> response;
};

}  // namespace

// --- helpers needing ctx_ ------------------------------------------------------

namespace {

Viewer ViewPage(WebContext& ctx, const Request& req, const std::string& next) {
  if (!ctx.dossiers || !ctx.accounts) return {std::nullopt, ErrorPage(NotConfigured(), req, ctx.portal_name)};
  auto who = Authenticate(ctx, req);
  if (!who) {
    if (who.error().code == ErrorCode::kUnauthenticated) return {std::nullopt, LoginRedirect(next)};
    return {std::nullopt, ErrorPage(who.error(), req, ctx.portal_name)};
  }
  return {*who, std::nullopt};
}

Viewer PostPage(WebContext& ctx, const Request& req, const Form& form, const std::string& next) {
  if (!ctx.dossiers || !ctx.accounts) return {std::nullopt, ErrorPage(NotConfigured(), req, ctx.portal_name)};
  auto who = AuthenticateForm(ctx, req, form);
  if (!who) {
    if (who.error().code == ErrorCode::kUnauthenticated) return {std::nullopt, LoginRedirect(next)};
    return {std::nullopt, ErrorPage(who.error(), req, ctx.portal_name)};
  }
  return {*who, std::nullopt};
}

Error OfficersOnly() {
  return {ErrorCode::kForbidden, "Trang này dành cho cán bộ Bộ phận Một cửa.", "not an officer", {}};
}
Error ApplicantsOnly() {
  return {ErrorCode::kForbidden, "Cán bộ không nộp hồ sơ trực tuyến bằng tài khoản cán bộ.", "officer submits online",
          {}};
}

// The new-dossier form, with the posted values and the problems found.
Response RenderNewForm(WebContext& ctx, const app::Principal& who, const Procedure& p, const Form& values,
                       const Error* error, int status) {
  data d;
  d.set("procedure", p.name);
  d.set("procedure_code", p.code);
  d.set("csrf_token", who.session.csrf_token);
  std::map<std::string, std::string> anchors;
  for (const auto& f : kApplicantFields) {
    d.set(std::string("field_") + f.name, TextFieldHtml(f, FormValue(values, f.name), error));
    anchors[f.name] = f.name;
  }
  d.set("request_note", FormValue(values, "request_note"));
  SetText(d, "request_note_error", FieldErrorOf(error, "request_note"));
  d.set("copies", FormValue(values, "copies").empty() ? std::string("1") : FormValue(values, "copies"));
  SetText(d, "copies_error", FieldErrorOf(error, "copies"));
  anchors["request_note"] = "request_note";
  anchors["copies"] = "copies";
  for (std::size_t i = 0; i < p.components.size(); ++i) {
    anchors["component_" + std::to_string(i)] = "component_" + std::to_string(i);
  }
  anchors["components"] = "components";
  d.set("components", ComponentList(p, error, nullptr));
  d.set("error_summary", error ? SummaryHtml(*error, anchors) : std::string());
  std::string title = "Nộp hồ sơ trực tuyến";
  return NoStore(
      Response::Html(RenderPage("dossier_new", d, Meta(who, error ? "Lỗi: " + title : title), ctx.portal_name), status));
}

Form Prefill(const User& u) {
  return {{"full_name", u.full_name}, {"id_number", u.id_number}, {"phone", u.phone},
          {"email", u.email},         {"address", u.address},     {"copies", "1"}};
}

}  // namespace

Response DossierPages::MyDossiers(Request& req) {
  auto v = ViewPage(ctx_, req, "/ho-so");
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (IsOfficer(who.user.role)) return Response::Redirect("/mot-cua");
  app::DossierFilter filter;
  filter.limit = 50;
  auto list = ctx_.dossiers->List(who, filter);
  if (!list) return ErrorPage(list.error(), req, ctx_.portal_name);
  data d;
  data rows{data::type::list};
  for (const auto& x : *list) rows.push_back(RowData(x, "/ho-so/"));
  d.set("dossiers", rows);
  d.set("has_dossiers", !list->empty());
  data notices{data::type::list};
  if (auto ns = ctx_.dossiers->Notices(who)) {
    std::size_t n = 0;
    for (const auto& x : *ns) {
      if (++n > 10) break;
      data item;
      item.set("at", FormatVnDateTime(x.at));
      item.set("title", x.title);
      item.set("body", x.body);
      SetText(item, "url", x.dossier_id ? "/ho-so/" + std::to_string(x.dossier_id) : "");
      notices.push_back(item);
    }
    d.set("has_notices", !ns->empty());
  } else {
    d.set("has_notices", false);
  }
  d.set("notices", notices);
  return NoStore(Response::Html(RenderPage("dossier_list", d, Meta(who, "Hồ sơ của tôi"), ctx_.portal_name)));
}

Response DossierPages::NewForm(Request& req) {
  std::string code = std::string(Trim(req.Query("thu_tuc")));
  auto v = ViewPage(ctx_, req, "/ho-so/moi%3Fthu_tuc%3D" + UrlEncode(code));
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (IsOfficer(who.user.role)) return ErrorPage(ApplicantsOnly(), req, ctx_.portal_name);
  auto index = Catalog(ctx_);
  const Procedure* p = index && !code.empty() ? index->FindProcedure(code) : nullptr;
  if (!p) return ErrorPage({ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.", "no procedure", {}}, req,
                           ctx_.portal_name);
  return RenderNewForm(ctx_, who, *p, Prefill(who.user), nullptr, 200);
}

Response DossierPages::NewSubmit(Request& req) {
  auto parts = ParseMultipart(req);
  Form form = parts ? FieldsOf(*parts) : ParseForm(req).value_or(Form{});
  std::string code = std::string(Trim(FormValue(form, "procedure_code")));
  auto v = PostPage(ctx_, req, form, "/ho-so/moi%3Fthu_tuc%3D" + UrlEncode(code));
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (IsOfficer(who.user.role)) return ErrorPage(ApplicantsOnly(), req, ctx_.portal_name);
  auto index = Catalog(ctx_);
  const Procedure* p = index && !code.empty() ? index->FindProcedure(code) : nullptr;
  if (!p) return ErrorPage({ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.", "no procedure", {}}, req,
                           ctx_.portal_name);
  if (!parts) {
    Error e{ErrorCode::kInvalidArgument, "Không đọc được các tệp gửi lên, vui lòng chọn lại tệp và gửi lại.",
            "not multipart", {}};
    return RenderNewForm(ctx_, who, *p, form, &e, 400);
  }
  app::NewDossierInput in;
  in.procedure_code = p->code;
  in.applicant = {FormValue(form, "full_name"), FormValue(form, "id_number"), FormValue(form, "phone"),
                  FormValue(form, "email"),     FormValue(form, "address"),   std::string()};
  in.request_note = FormValue(form, "request_note");
  in.copies = ParseInt(FormValue(form, "copies"), -1);
  if (in.copies < 1 || in.copies > 20) {
    Error e{ErrorCode::kInvalidArgument, kInvalidForm, "bad copies", {{"copies", "Số bộ hồ sơ là số từ 1 đến 20."}}};
    return RenderNewForm(ctx_, who, *p, form, &e, 400);
  }
  in.files = FilesOf(*parts);
  const bool submit = FormValue(form, "action") != "luu-nhap";
  auto created = ctx_.dossiers->CreateOnline(who, std::move(in), submit, req.request_id);
  if (!created) {
    Error e = created.error();
    MapMissingComponents(e, p);
    if (e.code != ErrorCode::kInvalidArgument && e.code != ErrorCode::kFailedPrecondition) {
      return ErrorPage(e, req, ctx_.portal_name);
    }
    return RenderNewForm(ctx_, who, *p, form, &e, HttpStatusFor(e.code));
  }
  return Response::Redirect("/ho-so/" + std::to_string(created->id) + (submit ? "?da-nop=1" : "?da-luu=1"));
}

namespace {

// The dossier page of the applicant (desk=false) or of the desk officer.
Response RenderDossier(WebContext& ctx, const Request& req, const app::Principal& who, const std::string& id, bool desk,
                       const std::string& notice, const Error* error, int status) {
  auto d = ctx.dossiers->Get(who, id, req.request_id);
  if (!d) return ErrorPage(d.error(), req, ctx.portal_name);
  auto index = Catalog(ctx);
  data v = DossierData(*d, index.get());
  v.set("csrf_token", who.session.csrf_token);
  SetText(v, "notice", notice);
  auto history = ctx.dossiers->History(who, id, req.request_id);
  v.set("history", history ? HistoryData(*history) : data(data::type::list));
  const Procedure* p = index ? index->FindProcedure(d->procedure_code) : nullptr;
  std::map<std::string, std::string> anchors{{"items", "items"}, {"reason", "reason"}, {"components", "upload"}};
  if (p) {
    for (std::size_t i = 0; i < p->components.size(); ++i) {
      anchors["component_" + std::to_string(i)] = "component_" + std::to_string(i);
    }
  }
  Error mapped = error ? *error : Error{};
  if (error) MapMissingComponents(mapped, p);
  v.set("error_summary", error ? SummaryHtml(mapped, anchors) : std::string());
  std::string title;
  if (desk) {
    bool waiting = d->status == DossierStatus::kSubmitted;
    v.set("can_act", waiting);
    // After a failed action, the officer's text is shown again.
    Form posted = error && req.method == "POST" ? ParseForm(req).value_or(Form{}) : Form{};
    v.set("items_text", FormValue(posted, "items"));
    v.set("note_text", FormValue(posted, "note"));
    v.set("reason_text", FormValue(posted, "reason"));
    SetText(v, "items_error", FieldErrorOf(error ? &mapped : nullptr, "items"));
    SetText(v, "reason_error", FieldErrorOf(error ? &mapped : nullptr, "reason"));
    title = "Hồ sơ tại Bộ phận Một cửa";
  } else {
    bool editable = ApplicantMayEdit(*d);
    v.set("can_upload", editable && p != nullptr);
    v.set("is_draft", d->status == DossierStatus::kDraft);
    if (editable && p) v.set("components", ComponentList(*p, error ? &mapped : nullptr, &d->files));
    bool may_withdraw = d->status == DossierStatus::kDraft || d->status == DossierStatus::kSubmitted ||
                        d->status == DossierStatus::kSupplementRequested;
    v.set("can_withdraw", may_withdraw);
    // Every step with its date and unit, the due date after an apology, the result.
    if (history) AddApplicantHandling(v, ctx, *d, *history);
    v.set("rating_html", RatingSectionHtml(ctx, who, std::to_string(d->id), req.request_id));
    title = "Chi tiết hồ sơ";
  }
  if (error) title = "Lỗi: " + title;
  return NoStore(Response::Html(
      RenderPage(desk ? "dossier_desk_view" : "dossier_view", v, Meta(who, title), ctx.portal_name), status));
}

}  // namespace

Response DossierPages::View(Request& req) {
  const std::string id = req.params["id"];
  auto v = ViewPage(ctx_, req, "/ho-so/" + UrlEncode(id));
  if (v.response) return std::move(*v.response);
  std::string notice;
  if (req.HasQuery("da-nop")) notice = "Đã nộp hồ sơ. Bộ phận Một cửa sẽ kiểm tra và tiếp nhận hồ sơ.";
  if (req.HasQuery("da-luu")) notice = "Đã lưu hồ sơ nháp. Bạn có thể đính kèm thêm tệp và nộp sau.";
  if (req.HasQuery("da-bo-sung")) notice = "Đã nộp bổ sung hồ sơ.";
  if (req.HasQuery("da-rut")) notice = "Đã rút hồ sơ.";
  return RenderDossier(ctx_, req, *v.who, id, false, notice, nullptr, 200);
}

Response DossierPages::Supplement(Request& req) {
  const std::string id = req.params["id"];
  auto parts = ParseMultipart(req);
  Form form = parts ? FieldsOf(*parts) : ParseForm(req).value_or(Form{});
  auto v = PostPage(ctx_, req, form, "/ho-so/" + UrlEncode(id));
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  auto numeric = ParseId(id);
  if (!numeric) return ErrorPage({ErrorCode::kNotFound, "Không tìm thấy hồ sơ.", "bad id", {}}, req, ctx_.portal_name);
  int version = ParseInt(FormValue(form, "version"), -1);
  auto fail = [&](const Error& e) {
    if (e.code == ErrorCode::kNotFound || e.code == ErrorCode::kForbidden) return ErrorPage(e, req, ctx_.portal_name);
    return RenderDossier(ctx_, req, who, id, false, "", &e, HttpStatusFor(e.code));
  };
  if (!parts || version < 0) {
    return fail({ErrorCode::kInvalidArgument, "Không đọc được các tệp gửi lên, vui lòng thử lại.", "bad upload", {}});
  }
  std::optional<Dossier> current;
  for (auto& f : FilesOf(*parts)) {
    auto d = ctx_.dossiers->AttachFile(who, *numeric, version, std::move(f), req.request_id);
    if (!d) return fail(d.error());
    version = d->version;
    current = *d;
  }
  if (!current) {
    auto d = ctx_.dossiers->Get(who, id, req.request_id);
    if (!d) return fail(d.error());
    current = *d;
  }
  app::DossierAction action;
  action.action = current->status == DossierStatus::kDraft ? "submit" : "resubmit";
  action.version = version;
  auto done = ctx_.dossiers->Act(who, id, action, req.request_id);
  if (!done) return fail(done.error());
  return Response::Redirect("/ho-so/" + std::to_string(*numeric) +
                            (action.action == "submit" ? "?da-nop=1" : "?da-bo-sung=1"));
}

Response DossierPages::Withdraw(Request& req) {
  const std::string id = req.params["id"];
  Form form = ParseForm(req).value_or(Form{});
  auto v = PostPage(ctx_, req, form, "/ho-so/" + UrlEncode(id));
  if (v.response) return std::move(*v.response);
  app::DossierAction action;
  action.action = "withdraw";
  action.version = ParseInt(FormValue(form, "version"), -1);
  action.note = FormValue(form, "note");
  auto done = ctx_.dossiers->Act(*v.who, id, action, req.request_id);
  if (!done) {
    if (done.error().code == ErrorCode::kNotFound) return ErrorPage(done.error(), req, ctx_.portal_name);
    return RenderDossier(ctx_, req, *v.who, id, false, "", &done.error(), HttpStatusFor(done.error().code));
  }
  return Response::Redirect("/ho-so/" + std::to_string(done->id) + "?da-rut=1");
}

// --- desk -------------------------------------------------------------------

Response DossierPages::DeskQueue(Request& req) {
  auto v = ViewPage(ctx_, req, "/mot-cua");
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!IsOfficer(who.user.role)) return ErrorPage(OfficersOnly(), req, ctx_.portal_name);
  app::DossierFilter waiting_filter;
  waiting_filter.status = DossierStatus::kSubmitted;
  waiting_filter.limit = 100;
  auto waiting = ctx_.dossiers->List(who, waiting_filter);
  if (!waiting) return ErrorPage(waiting.error(), req, ctx_.portal_name);
  app::DossierFilter recent_filter;
  recent_filter.limit = 50;
  auto recent = ctx_.dossiers->List(who, recent_filter);
  if (!recent) return ErrorPage(recent.error(), req, ctx_.portal_name);
  data d;
  data rows{data::type::list};
  for (const auto& x : *waiting) rows.push_back(RowData(x, "/mot-cua/ho-so/"));
  d.set("waiting", rows);
  d.set("has_waiting", !waiting->empty());
  data handled{data::type::list};
  bool any = false;
  for (const auto& x : *recent) {
    if (x.status == DossierStatus::kSubmitted || x.status == DossierStatus::kDraft) continue;
    handled.push_back(RowData(x, "/mot-cua/ho-so/"));
    any = true;
  }
  d.set("handled", handled);
  d.set("has_handled", any);
  auto index = Catalog(ctx_);
  const Agency* agency = index ? index->FindAgency(who.user.agency_code) : nullptr;
  d.set("agency", agency ? agency->name : who.user.agency_code);
  d.set("can_intake", who.user.role == Role::kDeskOfficer || who.user.role == Role::kAgencyAdmin ||
                          who.user.role == Role::kSystemAdmin);
  return NoStore(Response::Html(RenderPage("dossier_desk", d, Meta(who, "Bộ phận Một cửa"), ctx_.portal_name)));
}

Response DossierPages::DeskView(Request& req) {
  const std::string id = req.params["id"];
  auto v = ViewPage(ctx_, req, "/mot-cua/ho-so/" + UrlEncode(id));
  if (v.response) return std::move(*v.response);
  if (!IsOfficer(v.who->user.role)) return ErrorPage(OfficersOnly(), req, ctx_.portal_name);
  std::string done = req.Query("ket-qua");
  std::string notice;
  if (done == "tiep-nhan") notice = "Đã tiếp nhận hồ sơ. Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01) đã được gửi.";
  if (done == "bo-sung") notice = "Đã gửi yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) cho người nộp.";
  if (done == "tu-choi") notice = "Đã từ chối tiếp nhận hồ sơ (Mẫu 03) và thông báo cho người nộp.";
  if (done == "nhap-moi") {
    notice = "Đã tiếp nhận hồ sơ nộp trực tiếp. In Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) để giao cho "
             "người nộp.";
  }
  if (done == "buu-chinh") {
    notice = "Đã ghi nhận hồ sơ nhận qua dịch vụ bưu chính. Hồ sơ đang chờ kiểm tra: tiếp nhận, yêu cầu bổ sung "
             "hoặc từ chối bên dưới.";
  }
  return RenderDossier(ctx_, req, *v.who, id, true, notice, nullptr, 200);
}

Response DossierPages::DeskAct(Request& req, const char* action_key, const char* done) {
  const std::string id = req.params["id"];
  Form form = ParseForm(req).value_or(Form{});
  auto v = PostPage(ctx_, req, form, "/mot-cua/ho-so/" + UrlEncode(id));
  if (v.response) return std::move(*v.response);
  if (!IsOfficer(v.who->user.role)) return ErrorPage(OfficersOnly(), req, ctx_.portal_name);
  app::DossierAction action;
  action.action = action_key;
  action.version = ParseInt(FormValue(form, "version"), -1);
  action.reason = std::string(Trim(FormValue(form, "reason")));
  action.note = std::string(Trim(FormValue(form, "note")));
  std::string items = FormValue(form, "items");
  std::size_t start = 0;
  while (start <= items.size()) {
    std::size_t end = items.find('\n', start);
    if (end == std::string::npos) end = items.size();
    std::string line = std::string(Trim(std::string_view(items).substr(start, end - start)));
    if (!line.empty()) action.items.push_back(line);
    start = end + 1;
  }
  auto result = ctx_.dossiers->Act(*v.who, id, action, req.request_id);
  if (!result) {
    if (result.error().code == ErrorCode::kNotFound) return ErrorPage(result.error(), req, ctx_.portal_name);
    return RenderDossier(ctx_, req, *v.who, id, true, "", &result.error(), HttpStatusFor(result.error().code));
  }
  return Response::Redirect("/mot-cua/ho-so/" + std::to_string(result->id) + "?ket-qua=" + done);
}

Response DossierPages::DeskAccept(Request& req) { return DeskAct(req, "accept", "tiep-nhan"); }
Response DossierPages::DeskSupplement(Request& req) { return DeskAct(req, "request_supplement", "bo-sung"); }
Response DossierPages::DeskRefuse(Request& req) { return DeskAct(req, "refuse", "tu-choi"); }

// --- desk intake of paper dossiers (tiếp nhận hồ sơ giấy) ----------------------

namespace {

constexpr const char* kIntakePath = "/mot-cua/tiep-nhan-moi";

// The roles DossierService::ReceiveAtDesk accepts; checked first so that
// other callers never see the form.
bool MayIntake(Role role) {
  return role == Role::kDeskOfficer || role == Role::kAgencyAdmin || role == Role::kSystemAdmin;
}

Error IntakeOnly() {
  return {ErrorCode::kForbidden, "Trang này dành cho cán bộ Bộ phận Một cửa tiếp nhận hồ sơ.", "not a desk role", {}};
}

struct CopyKind {
  const char* value;
  const char* label;
};
// Stored as DossierFile::copy_kind.
constexpr CopyKind kCopyKinds[] = {
    {"original", "Bản chính"},
    {"certified_copy", "Bản sao chứng thực"},
    {"photocopy", "Bản photo"},
    {"electronic", "Bản điện tử"},
};

bool IsCopyKind(const std::string& value) {
  for (const auto& k : kCopyKinds) {
    if (value == k.value) return true;
  }
  return false;
}

// The applicant at the desk: only the name is required (ReceiveAtDesk).
const TextField kDeskApplicantFields[] = {
    {.name = "full_name", .label = "Họ và tên người nộp", .autocomplete = "off", .maxlength = 100},
    {.name = "id_number", .label = "Số định danh cá nhân", .autocomplete = "off", .hint = "12 chữ số.", .maxlength = 12,
     .optional = true},
    {.name = "phone", .label = "Số điện thoại", .type = "tel", .autocomplete = "off", .maxlength = 20, .optional = true},
    {.name = "email", .label = "Thư điện tử", .type = "email", .autocomplete = "off", .maxlength = 254,
     .optional = true},
    {.name = "address", .label = "Địa chỉ liên hệ", .autocomplete = "off", .maxlength = 500, .optional = true},
};

bool InScope(const CatalogIndex& index, const app::Principal& who, const std::string& agency) {
  return who.user.role == Role::kSystemAdmin || app::AgencyInScope(index, who.user.agency_code, agency);
}

// The agencies of `p` the officer may receive for.
std::vector<const Agency*> IntakeAgencies(const CatalogIndex& index, const app::Principal& who, const Procedure& p) {
  std::vector<const Agency*> out;
  for (const auto& code : p.agency_codes) {
    const Agency* a = index.FindAgency(code);
    if (a && InScope(index, who, code)) out.push_back(a);
  }
  return out;
}

// Step 1: the procedures received in the officer's scope, grouped by agency.
Response RenderIntakeChoice(WebContext& ctx, const app::Principal& who, const CatalogIndex& index,
                            const std::string& selected, const Error* error, int status) {
  data d;
  d.set("choose", true);
  d.set("fill", false);
  const Agency* own = index.FindAgency(who.user.agency_code);
  d.set("agency", who.user.role == Role::kSystemAdmin ? std::string("mọi cơ quan")
                                                      : own ? own->name : who.user.agency_code);
  data groups{data::type::list};
  bool any = false;
  for (const auto& agency : index.catalog().agencies) {
    if (!InScope(index, who, agency.code)) continue;
    data procedures{data::type::list};
    bool has = false;
    for (const auto& p : index.catalog().procedures) {
      if (std::find(p.agency_codes.begin(), p.agency_codes.end(), agency.code) == p.agency_codes.end()) continue;
      data option;
      option.set("code", p.code);
      option.set("name", p.name);
      option.set("selected", p.code == selected);
      procedures.push_back(option);
      has = true;
    }
    if (!has) continue;
    data group;
    group.set("agency", agency.name);
    group.set("procedures", procedures);
    groups.push_back(group);
    any = true;
  }
  d.set("groups", groups);
  d.set("has_procedures", any);
  SetText(d, "procedure_error", FieldErrorOf(error, "thu_tuc"));
  d.set("error_summary", error ? SummaryHtml(*error, {{"thu_tuc", "thu_tuc"}}) : std::string());
  std::string title = "Tiếp nhận hồ sơ giấy – chọn thủ tục";
  return NoStore(Response::Html(
      RenderPage("dossier_desk_new", d, Meta(who, error ? "Lỗi: " + title : title), ctx.portal_name), status));
}

// Service field names → the inputs of the intake form.
Error ForIntakeForm(Error e, const Procedure& p) {
  for (auto& f : e.fields) {
    if (f.field.rfind("applicant.", 0) == 0) f.field = f.field.substr(10);
    if (f.field == "postal_handover_at") f.field = "postal_date";
  }
  MapMissingComponents(e, &p);
  return e;
}

// Step 2: the form for `p`, with the posted (or prefilled) values.
Response RenderIntakeForm(WebContext& ctx, const app::Principal& who, const CatalogIndex& index, const Procedure& p,
                          const Form& values, const Error* error, const std::string& lookup_notice,
                          const std::string& lookup_error, int status) {
  data d;
  d.set("choose", false);
  d.set("fill", true);
  d.set("procedure", p.name);
  d.set("procedure_code", p.code);
  d.set("processing_days", FormatWorkingDays(p.processing_days));
  d.set("csrf_token", who.session.csrf_token);
  SetText(d, "lookup_notice", lookup_notice);
  SetText(d, "lookup_error", lookup_error);
  d.set("lookup_value", FormValue(values, "so_dinh_danh"));
  std::map<std::string, std::string> anchors;

  auto agencies = IntakeAgencies(index, who, p);
  std::string chosen = FormValue(values, "agency_code");
  if (agencies.size() == 1) {
    data one;
    one.set("agency_code", agencies.front()->code);
    one.set("agency_name", agencies.front()->name);
    d.set("one_agency", one);
    d.set("many_agencies", false);
  } else {
    d.set("one_agency", false);
    data list{data::type::list};
    for (const Agency* a : agencies) {
      data option;
      option.set("code", a->code);
      option.set("name", a->name);
      option.set("selected", a->code == chosen);
      list.push_back(option);
    }
    data many;
    many.set("agencies", list);
    SetText(many, "agency_error", FieldErrorOf(error, "agency_code"));
    d.set("many_agencies", many);
    anchors["agency_code"] = "agency_code";
  }

  std::string channel = FormValue(values, "channel");
  d.set("channel_desk", channel != "buu-chinh");
  d.set("channel_postal", channel == "buu-chinh");
  SetText(d, "channel_error", FieldErrorOf(error, "channel"));
  d.set("postal_date", FormValue(values, "postal_date"));
  d.set("postal_time", FormValue(values, "postal_time"));
  SetText(d, "postal_date_error", FieldErrorOf(error, "postal_date"));
  SetText(d, "postal_time_error", FieldErrorOf(error, "postal_time"));
  anchors["channel"] = "channel-desk";
  anchors["postal_date"] = "postal_date";
  anchors["postal_time"] = "postal_time";

  for (const auto& f : kDeskApplicantFields) {
    d.set(std::string("field_") + f.name, TextFieldHtml(f, FormValue(values, f.name), error));
    anchors[f.name] = f.name;
  }
  d.set("request_note", FormValue(values, "request_note"));
  SetText(d, "request_note_error", FieldErrorOf(error, "request_note"));
  d.set("copies", FormValue(values, "copies").empty() ? std::string("1") : FormValue(values, "copies"));
  SetText(d, "copies_error", FieldErrorOf(error, "copies"));
  anchors["request_note"] = "request_note";
  anchors["copies"] = "copies";
  anchors["components"] = "components";

  data components = ComponentList(p, error, nullptr);
  data list{data::type::list};
  for (std::size_t i = 0; i < p.components.size(); ++i) {
    std::string id = "component_" + std::to_string(i);
    anchors[id] = id;
    std::string kind = FormValue(values, "copy_kind_" + std::to_string(i));
    if (!IsCopyKind(kind)) kind = "original";
    data kinds{data::type::list};
    for (const auto& k : kCopyKinds) {
      data option;
      option.set("value", std::string(k.value));
      option.set("label", std::string(k.label));
      option.set("selected", kind == k.value);
      kinds.push_back(option);
    }
    data item = components.list_value()[i];
    item.set("index", std::to_string(i));
    item.set("kinds", kinds);
    list.push_back(item);
  }
  d.set("components", list);
  d.set("error_summary", error ? SummaryHtml(*error, anchors) : std::string());
  std::string title = "Tiếp nhận hồ sơ giấy";
  return NoStore(Response::Html(
      RenderPage("dossier_desk_new", d, Meta(who, error ? "Lỗi: " + title : title), ctx.portal_name), status));
}

}  // namespace

Response DossierPages::DeskIntakeForm(Request& req) {
  auto v = ViewPage(ctx_, req, kIntakePath);
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!MayIntake(who.user.role)) {
    ctx_.accounts->AuditDenied(who.user.username.empty() ? "user:" + std::to_string(who.user.id) : who.user.username,
                               "desk intake page", req.request_id);
    return ErrorPage(IntakeOnly(), req, ctx_.portal_name);
  }
  auto index = Catalog(ctx_);
  if (!index) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  std::string code = std::string(Trim(req.Query("thu_tuc")));
  if (code.empty() || req.HasQuery("doi")) return RenderIntakeChoice(ctx_, who, *index, code, nullptr, 200);
  const Procedure* p = index->FindProcedure(code);
  if (!p) {
    Error e{ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.", "unknown procedure",
            {{"thu_tuc", "Không tìm thấy thủ tục có mã " + code + "."}}};
    return RenderIntakeChoice(ctx_, who, *index, code, &e, 404);
  }
  if (IntakeAgencies(*index, who, *p).empty()) {
    Error e{ErrorCode::kForbidden, "Thủ tục này không do cơ quan của bạn tiếp nhận.", "procedure out of scope",
            {{"thu_tuc", "Chọn một thủ tục do cơ quan của bạn tiếp nhận."}}};
    return RenderIntakeChoice(ctx_, who, *index, code, &e, 403);
  }
  Form values{{"copies", "1"}, {"channel", "truc-tiep"}};
  std::string notice, lookup_error;
  if (req.HasQuery("so_dinh_danh")) {
    std::string number = std::string(Trim(req.Query("so_dinh_danh")));
    values.emplace("so_dinh_danh", number);
    auto found = ctx_.accounts->FindCitizenByIdNumber(who, number, req.request_id);
    if (found) {
      values.emplace("full_name", found->full_name);
      values.emplace("id_number", found->id_number);
      values.emplace("phone", found->phone);
      values.emplace("email", found->email);
      values.emplace("address", found->address);
      notice = "Đã điền thông tin người nộp từ tài khoản của công dân " + found->full_name + ".";
    } else if (found.error().code == ErrorCode::kInvalidArgument) {
      lookup_error = found.error().fields.empty() ? found.error().user_message : found.error().fields.front().message;
    } else if (found.error().code == ErrorCode::kNotFound) {
      lookup_error = "Không tìm thấy công dân có số định danh này; vui lòng nhập thông tin người nộp.";
      values.emplace("id_number", number);
    } else {
      return ErrorPage(found.error(), req, ctx_.portal_name);
    }
  }
  return RenderIntakeForm(ctx_, who, *index, *p, values, nullptr, notice, lookup_error, 200);
}

Response DossierPages::DeskIntakeSubmit(Request& req) {
  auto parts = ParseMultipart(req);
  Form form = parts ? FieldsOf(*parts) : ParseForm(req).value_or(Form{});
  auto v = PostPage(ctx_, req, form, kIntakePath);
  if (v.response) return std::move(*v.response);
  const app::Principal& who = *v.who;
  if (!MayIntake(who.user.role)) {
    ctx_.accounts->AuditDenied(who.user.username.empty() ? "user:" + std::to_string(who.user.id) : who.user.username,
                               "desk intake", req.request_id);
    return ErrorPage(IntakeOnly(), req, ctx_.portal_name);
  }
  auto index = Catalog(ctx_);
  if (!index) return ErrorPage(NotConfigured(), req, ctx_.portal_name);
  std::string code = std::string(Trim(FormValue(form, "procedure_code")));
  const Procedure* p = code.empty() ? nullptr : index->FindProcedure(code);
  if (!p) {
    Error e{ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.", "unknown procedure",
            {{"thu_tuc", "Chọn thủ tục của hồ sơ."}}};
    return RenderIntakeChoice(ctx_, who, *index, code, &e, 404);
  }
  auto fail = [&](const Error& e, int status) {
    return RenderIntakeForm(ctx_, who, *index, *p, form, &e, "", "", status);
  };
  if (!parts) {
    return fail({ErrorCode::kInvalidArgument, "Không đọc được các tệp gửi lên, vui lòng chọn lại tệp và gửi lại.",
                 "not multipart", {}},
                400);
  }
  app::NewDossierInput in;
  in.procedure_code = p->code;
  in.agency_code = std::string(Trim(FormValue(form, "agency_code")));
  in.applicant = {FormValue(form, "full_name"), FormValue(form, "id_number"), FormValue(form, "phone"),
                  FormValue(form, "email"),     FormValue(form, "address"),   std::string()};
  in.request_note = FormValue(form, "request_note");
  std::vector<FieldError> problems;
  std::string channel = FormValue(form, "channel");
  if (channel == "truc-tiep") {
    in.channel = Channel::kDesk;
  } else if (channel == "buu-chinh") {
    in.channel = Channel::kPostal;
    std::string date_text = std::string(Trim(FormValue(form, "postal_date")));
    std::string time_text = std::string(Trim(FormValue(form, "postal_time")));
    auto date = ParseVnDate(date_text);
    auto minutes = app::ParseClock(time_text);
    if (!date) {
      problems.push_back({"postal_date", date_text.empty()
                                             ? "Cần ghi ngày giao nhận với bưu chính, ví dụ 25/11/2026."
                                             : "Ngày giao nhận phải có dạng ngày/tháng/năm và là một ngày có thật."});
    }
    if (!minutes || *minutes >= 24 * 60) {
      problems.push_back({"postal_time", time_text.empty() ? "Cần ghi giờ giao nhận với bưu chính, ví dụ 09:15."
                                                           : "Giờ giao nhận phải có dạng giờ:phút, ví dụ 09:15."});
    }
    // A handover in the future is refused by ReceiveAtDesk (field postal_handover_at).
    if (date && minutes && *minutes < 24 * 60) in.postal_handover_at = FromVietnam(*date, *minutes);
  } else {
    problems.push_back({"channel", "Chọn hình thức nộp: trực tiếp hoặc qua bưu chính."});
  }
  in.copies = ParseInt(FormValue(form, "copies"), -1);
  if (in.copies < 1 || in.copies > 20) problems.push_back({"copies", "Số bộ hồ sơ là số từ 1 đến 20."});
  in.files = FilesOf(*parts);
  for (auto& f : in.files) {
    std::string kind = FormValue(form, "copy_kind_" + std::to_string(f.component_index));
    if (kind.empty()) kind = "original";
    if (!IsCopyKind(kind)) {
      problems.push_back({"component_" + std::to_string(f.component_index), "Chọn loại bản của giấy tờ."});
    }
    f.copy_kind = kind;
  }
  if (!problems.empty()) return fail({ErrorCode::kInvalidArgument, kInvalidForm, "invalid intake form", problems}, 400);
  auto created = ctx_.dossiers->ReceiveAtDesk(who, std::move(in), req.request_id);
  if (!created) {
    const Error& e = created.error();
    if (e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kFailedPrecondition ||
        e.code == ErrorCode::kPayloadTooLarge || e.code == ErrorCode::kConflict) {
      Error mapped = ForIntakeForm(e, *p);
      if (mapped.user_message.empty()) mapped.user_message = kInvalidForm;
      return fail(mapped, HttpStatusFor(e.code));
    }
    return ErrorPage(e, req, ctx_.portal_name);
  }
  return Response::Redirect("/mot-cua/ho-so/" + std::to_string(created->id) +
                            (created->channel == Channel::kPostal ? "?ket-qua=buu-chinh" : "?ket-qua=nhap-moi"));
}

}  // namespace motcua::web
