#include "web/dossier_handlers.hpp"

#include <charconv>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "domain/dossier/file_type.hpp"
#include "web/account_handlers.hpp"
#include "web/auth.hpp"
#include "web/catalog_handlers.hpp"
#include "web/dossier_pages.hpp"
#include "web/error_mapping.hpp"
#include "web/forms.hpp"
#include "web/handling_json.hpp"
#include "web/multipart.hpp"
#include "web/templates.hpp"

namespace motcua::web {
namespace {

using nlohmann::json;
using namespace motcua::domain;

std::string ReadString(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Component files arrive as parts named "component_<index>" (one per component).
Result<std::vector<app::UploadedFile>> FilesFromParts(const std::vector<FormPart>& parts, const std::string& copy_kind) {
  std::vector<app::UploadedFile> files;
  for (const auto& part : parts) {
    if (part.name.rfind("component_", 0) != 0) continue;
    std::string index_text = part.name.substr(10);
    int index = -1;
    auto [ptr, ec] = std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
    if (ec != std::errc() || ptr != index_text.data() + index_text.size() || index < 0) {
      return Fail(BadRequest("Tên phần tệp phải có dạng component_<số thứ tự>.", part.name));
    }
    if (part.body.empty() && part.file_name.empty()) continue;  // an empty file input
    files.push_back({index, part.file_name, part.body, copy_kind});
  }
  return files;
}

const CatalogIndex* IndexOf(WebContext& ctx, std::shared_ptr<const CatalogIndex>& holder) {
  auto index = ctx.catalog.Snapshot();
  if (index) holder = *index;
  return holder.get();
}

}  // namespace

Response DossierHandlers::ApiCreate(Request& req) {
  if (!ctx_.dossiers) return ProblemResponse({ErrorCode::kUnavailable, "Chức năng hồ sơ chưa sẵn sàng.", "", {}}, req.request_id);
  auto who = AuthenticateWrite(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  json meta;
  std::vector<FormPart> parts;
  if (IsMultipart(req)) {
    auto parsed = ParseMultipart(req);
    if (!parsed) return ProblemResponse(BadRequest("Dữ liệu multipart/form-data không hợp lệ."), req.request_id);
    parts = std::move(*parsed);
    for (const auto& part : parts) {
      if (part.name == "dossier") meta = json::parse(part.body, nullptr, false);
    }
  } else {
    meta = json::parse(req.body, nullptr, false);
  }
  if (!meta.is_object()) {
    return ProblemResponse(BadRequest("Thiếu phần \"dossier\" dạng JSON mô tả hồ sơ.", "dossier"), req.request_id);
  }
  app::NewDossierInput in;
  in.procedure_code = ReadString(meta, "procedure_code");
  if (in.procedure_code.empty()) return ProblemResponse(BadRequest("Thiếu mã thủ tục.", "procedure_code"), req.request_id);
  if (auto a = meta.find("applicant"); a != meta.end() && a->is_object()) {
    in.applicant = {ReadString(*a, "full_name"), ReadString(*a, "id_number"), ReadString(*a, "phone"),
                    ReadString(*a, "email"),     ReadString(*a, "address"),   ReadString(*a, "organization")};
  }
  in.request_note = ReadString(meta, "request_note");
  if (auto c = meta.find("copies"); c != meta.end()) {
    if (!c->is_number_integer()) return ProblemResponse(BadRequest("Số bộ hồ sơ phải là số nguyên.", "copies"), req.request_id);
    in.copies = c->get<int>();
  }
  std::string channel = ReadString(meta, "channel");
  bool officer = IsOfficer(who->user.role);
  auto files = FilesFromParts(parts, officer ? (ReadString(meta, "copy_kind").empty() ? "original" : ReadString(meta, "copy_kind"))
                                             : "electronic");
  if (!files) return ProblemResponse(files.error(), req.request_id);
  in.files = std::move(*files);
  Result<Dossier> created = Fail(ErrorCode::kInternal, "", "");
  if (officer) {
    in.channel = channel == "postal" ? Channel::kPostal : Channel::kDesk;
    if (!channel.empty() && channel != "desk" && channel != "postal") {
      return ProblemResponse(BadRequest("Kênh tiếp nhận phải là desk hoặc postal.", "channel"), req.request_id);
    }
    in.agency_code = ReadString(meta, "agency_code");
    if (std::string handover = ReadString(meta, "postal_handover_at"); !handover.empty()) {
      in.postal_handover_at = ParseTimestamp(handover);
      if (!in.postal_handover_at) {
        return ProblemResponse(BadRequest("Thời điểm giao nhận phải theo ISO 8601.", "postal_handover_at"), req.request_id);
      }
    }
    created = ctx_.dossiers->ReceiveAtDesk(*who, std::move(in), req.request_id);
  } else {
    bool submit = meta.value("submit", true);
    created = ctx_.dossiers->CreateOnline(*who, std::move(in), submit, req.request_id);
  }
  if (!created) return ProblemResponse(created.error(), req.request_id);
  std::shared_ptr<const CatalogIndex> holder;
  Response r = Response::Json(DossierJson(*created, IndexOf(ctx_, holder)).dump(), 201);
  r.headers.emplace_back("Location", "/api/v1/dossiers/" + std::to_string(created->id));
  return r;
}

Response DossierHandlers::ApiList(Request& req) {
  if (!ctx_.dossiers) return ProblemResponse({ErrorCode::kUnavailable, "Chức năng hồ sơ chưa sẵn sàng.", "", {}}, req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  app::DossierFilter filter;
  if (std::string s = req.Query("status"); !s.empty()) {
    filter.status = ParseDossierStatus(s);
    if (!filter.status) return ProblemResponse(BadRequest("Trạng thái hồ sơ không hợp lệ.", "status"), req.request_id);
  }
  filter.procedure_code = req.Query("procedure");
  filter.code = req.Query("code");
  filter.applicant_id_number = req.Query("applicant_id");
  for (const char* key : {"from", "to"}) {
    if (std::string v = req.Query(key); !v.empty()) {
      auto date = ParseIsoDate(v);
      if (!date) return ProblemResponse(BadRequest("Ngày phải có dạng YYYY-MM-DD.", key), req.request_id);
      Timestamp t = FromVietnam(*date, 0);
      if (std::string(key) == "from") {
        filter.created_from = t;
      } else {
        filter.created_to = t + std::chrono::hours(24);
      }
    }
  }
  auto number = [&](const char* key, long long fallback, long long min, long long max) -> Result<long long> {
    if (!req.HasQuery(key)) return fallback;
    std::string v = req.Query(key);
    long long n = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || ptr != v.data() + v.size() || n < min || n > max) {
      return Fail(BadRequest(std::string("Tham số ") + key + " không hợp lệ.", key));
    }
    return n;
  };
  auto after = number("after", 0, 1, 1LL << 62);
  auto limit = number("limit", 20, 1, 100);
  if (!after) return ProblemResponse(after.error(), req.request_id);
  if (!limit) return ProblemResponse(limit.error(), req.request_id);
  filter.after_id = *after;
  filter.limit = static_cast<int>(*limit);
  auto list = ctx_.dossiers->List(*who, filter);
  if (!list) return ProblemResponse(list.error(), req.request_id);
  std::shared_ptr<const CatalogIndex> holder;
  const CatalogIndex* index = IndexOf(ctx_, holder);
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& d : *list) WriteDossierSummary(w, d, index);
  w.EndArray().Key("next_after");
  if (list->size() == static_cast<std::size_t>(filter.limit)) {
    w.Int(list->back().id);
  } else {
    w.Null();
  }
  return Response::Json(w.EndObject().Take());
}

Response DossierHandlers::ApiGet(Request& req) {
  if (!ctx_.dossiers) return ProblemResponse({ErrorCode::kUnavailable, "Chức năng hồ sơ chưa sẵn sàng.", "", {}}, req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto d = ctx_.dossiers->Get(*who, req.params["id"], req.request_id);
  if (!d) return ProblemResponse(d.error(), req.request_id);
  std::shared_ptr<const CatalogIndex> holder;
  json body = DossierJson(*d, IndexOf(ctx_, holder));
  if (auto history = ctx_.dossiers->History(*who, req.params["id"], req.request_id)) {
    json events = json::array();
    for (const auto& e : *history) {
      events.push_back({{"at", FormatTimestamp(e.at)}, {"actor", e.actor}, {"action", e.action},
                        {"from_status", e.from_status}, {"to_status", e.to_status}, {"note", e.note}});
    }
    body["history"] = events;
  }
  return Response::Json(body.dump());
}

Response DossierHandlers::ApiAct(Request& req) {
  if (!ctx_.dossiers) return ProblemResponse({ErrorCode::kUnavailable, "Chức năng hồ sơ chưa sẵn sàng.", "", {}}, req.request_id);
  auto who = AuthenticateWrite(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) return ProblemResponse(BadRequest("Nội dung yêu cầu phải là JSON."), req.request_id);
  app::DossierAction action;
  action.action = ReadString(body, "action");
  auto version = body.find("version");
  if (version == body.end() || !version->is_number_integer()) {
    return ProblemResponse(BadRequest("Cần gửi kèm \"version\" của hồ sơ đã xem.", "version"), req.request_id);
  }
  action.version = version->get<int>();
  if (auto items = body.find("items"); items != body.end()) {
    if (!items->is_array()) return ProblemResponse(BadRequest("\"items\" phải là một mảng.", "items"), req.request_id);
    for (const auto& item : *items) {
      if (item.is_string()) action.items.push_back(item.get<std::string>());
    }
  }
  action.note = ReadString(body, "note");
  action.reason = ReadString(body, "reason");
  auto d = ctx_.dossiers->Act(*who, req.params["id"], action, req.request_id);
  if (!d) return ProblemResponse(d.error(), req.request_id);
  std::shared_ptr<const CatalogIndex> holder;
  return Response::Json(DossierJson(*d, IndexOf(ctx_, holder)).dump());
}

Response DossierHandlers::ApiAttach(Request& req) {
  if (!ctx_.dossiers) return ProblemResponse({ErrorCode::kUnavailable, "Chức năng hồ sơ chưa sẵn sàng.", "", {}}, req.request_id);
  auto who = AuthenticateWrite(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto parts = ParseMultipart(req);
  if (!parts) return ProblemResponse(BadRequest("Dữ liệu multipart/form-data không hợp lệ."), req.request_id);
  int version = -1;
  for (const auto& p : *parts) {
    if (p.name == "version") std::from_chars(p.body.data(), p.body.data() + p.body.size(), version);
  }
  if (version < 0) return ProblemResponse(BadRequest("Cần gửi kèm \"version\" của hồ sơ.", "version"), req.request_id);
  auto files = FilesFromParts(*parts, "electronic");
  if (!files) return ProblemResponse(files.error(), req.request_id);
  if (files->empty()) return ProblemResponse(BadRequest("Chưa chọn tệp.", "component"), req.request_id);
  std::int64_t id = 0;
  const std::string& text = req.params["id"];
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return ProblemResponse({ErrorCode::kNotFound, "Không tìm thấy hồ sơ.", "", {}}, req.request_id);
  }
  Result<Dossier> d = Fail(ErrorCode::kInternal, "", "");
  for (auto& f : *files) {
    d = ctx_.dossiers->AttachFile(*who, id, version, std::move(f), req.request_id);
    if (!d) return ProblemResponse(d.error(), req.request_id);
    version = d->version;
  }
  std::shared_ptr<const CatalogIndex> holder;
  return Response::Json(DossierJson(*d, IndexOf(ctx_, holder)).dump());
}

Response DossierHandlers::ApiFile(Request& req) {
  if (!ctx_.dossiers) return ProblemResponse({ErrorCode::kUnavailable, "Chức năng hồ sơ chưa sẵn sàng.", "", {}}, req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto bytes = ctx_.dossiers->FileContent(*who, req.params["id"], req.params["sha"], req.request_id);
  if (!bytes) return ProblemResponse(bytes.error(), req.request_id);
  std::string type = DetectFileType(*bytes).value_or("application/octet-stream");
  Response r = Response::Text(std::move(*bytes), type);
  r.headers.emplace_back("Cache-Control", "private, max-age=3600");
  r.headers.emplace_back("Content-Disposition", "inline");
  return r;
}

Response DossierHandlers::ApiForm(Request& req) {
  if (!ctx_.dossiers) return ProblemResponse({ErrorCode::kUnavailable, "Chức năng hồ sơ chưa sẵn sàng.", "", {}}, req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto d = ctx_.dossiers->Get(*who, req.params["id"], req.request_id);
  if (!d) return ProblemResponse(d.error(), req.request_id);
  std::shared_ptr<const CatalogIndex> holder;
  const CatalogIndex* index = IndexOf(ctx_, holder);
  FormContext fc;
  fc.dossier = &*d;
  fc.procedure = index ? index->FindProcedure(d->procedure_code) : nullptr;
  fc.agency = index ? index->FindAgency(d->agency_code) : nullptr;
  fc.parent_agency = fc.agency && index ? index->FindAgency(fc.agency->parent_code) : nullptr;
  // Forms 02 and 03 come before a code exists: their QR opens the dossier
  // page for its owner instead of the public lookup.
  fc.tracking_url = ctx_.public_url + (d->code.empty() ? "/ho-so/" + std::to_string(d->id)
                                                       : "/tra-cuu?ma=" + UrlEncode(d->code));
  fc.officer_name = d->received_by;
  if (req.Query("format") == "html" || req.WantsHtml()) {
    auto html = FormHtml(req.params["number"], fc);
    if (!html) return ProblemResponse(html.error(), req.request_id);
    return Response::Html(std::move(*html));
  }
  auto body = FormJson(req.params["number"], fc);
  if (!body) return ProblemResponse(body.error(), req.request_id);
  return Response::Json(body->dump());
}

Response DossierHandlers::ApiTracking(Request& req) {
  if (!ctx_.dossiers) return ProblemResponse({ErrorCode::kUnavailable, "Chức năng hồ sơ chưa sẵn sàng.", "", {}}, req.request_id);
  auto d = ctx_.dossiers->Track(req.params["code"]);
  if (!d) return ProblemResponse(d.error(), req.request_id);
  std::shared_ptr<const CatalogIndex> holder;
  const CatalogIndex* index = IndexOf(ctx_, holder);
  const Agency* agency = index ? index->FindAgency(d->agency_code) : nullptr;
  // Public: nothing personal (no applicant, no files, no officer).
  JsonWriter w;
  w.BeginObject().Field("code", d->code).Field("status", DossierStatusKey(d->status));
  w.Field("status_label", DossierStatusLabel(d->status));
  w.Key("procedure").BeginObject().Field("code", d->procedure_code).Field("name", d->procedure_name).EndObject();
  w.Key("agency").BeginObject().Field("code", d->agency_code).Field("name", agency ? agency->name : std::string());
  w.EndObject();
  w.Field("received_at", d->received_at).Field("due_at", d->due_at);
  w.Key("updated_at").String(FormatTimestamp(d->updated_at));
  return Response::Json(w.EndObject().Take());
}

Response DossierHandlers::ApiNotices(Request& req) {
  if (!ctx_.dossiers) return ProblemResponse({ErrorCode::kUnavailable, "Chức năng hồ sơ chưa sẵn sàng.", "", {}}, req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto notices = ctx_.dossiers->Notices(*who);
  if (!notices) return ProblemResponse(notices.error(), req.request_id);
  json items = json::array();
  for (const auto& n : *notices) {
    items.push_back({{"at", FormatTimestamp(n.at)}, {"title", n.title}, {"body", n.body},
                     {"dossier_id", n.dossier_id ? json(n.dossier_id) : json(nullptr)}});
  }
  return Response::Json(json{{"items", items}}.dump());
}

Response DossierHandlers::TrackingPage(Request& req) {
  using kainjow::mustache::data;
  data d;
  std::string code = std::string(Trim(req.Query("ma")));
  d.set("code", code);
  if (!code.empty() && ctx_.dossiers) {
    auto found = ctx_.dossiers->Track(code);
    if (found) {
      std::shared_ptr<const CatalogIndex> holder;
      const CatalogIndex* index = IndexOf(ctx_, holder);
      const Agency* agency = index ? index->FindAgency(found->agency_code) : nullptr;
      data r;
      r.set("code", found->code);
      r.set("status", DossierStatusLabel(found->status));
      r.set("status_key", DossierStatusKey(found->status));
      r.set("procedure", found->procedure_name);
      r.set("agency", agency ? agency->name : found->agency_code);
      if (found->received_at) r.set("received_at", FormatVnDateTime(*found->received_at));
      if (found->due_at) r.set("due_at", FormatVnDateTime(*found->due_at));
      r.set("updated_at", FormatVnDateTime(found->updated_at));
      d.set("result", r);
    } else {
      d.set("error", found.error().code == ErrorCode::kNotFound ? std::string("Không tìm thấy hồ sơ có mã này.")
                                                                : found.error().user_message);
    }
  }
  return Response::Html(RenderPage("tracking", d, {"Tra cứu hồ sơ", "Tra cứu tình trạng giải quyết hồ sơ.", "tracking"},
                                   ctx_.portal_name));
}

void AddDossierRoutes(Router& router, WebContext& ctx) {
  auto h = std::make_shared<DossierHandlers>(ctx);
  auto bind = [h](Response (DossierHandlers::*fn)(Request&)) {
    return [h, fn](Request& req) { return ((*h).*fn)(req); };
  };
  router.Add("POST", "/api/v1/dossiers", bind(&DossierHandlers::ApiCreate));
  router.Add("GET", "/api/v1/dossiers", bind(&DossierHandlers::ApiList));
  router.Add("GET", "/api/v1/dossiers/{id}", bind(&DossierHandlers::ApiGet));
  router.Add("POST", "/api/v1/dossiers/{id}/actions", bind(&DossierHandlers::ApiAct));
  router.Add("POST", "/api/v1/dossiers/{id}/files", bind(&DossierHandlers::ApiAttach));
  router.Add("GET", "/api/v1/dossiers/{id}/files/{sha}", bind(&DossierHandlers::ApiFile));
  router.Add("GET", "/api/v1/dossiers/{id}/forms/{number}", bind(&DossierHandlers::ApiForm));
  router.Add("GET", "/api/v1/tracking/{code}", bind(&DossierHandlers::ApiTracking));
  router.Add("GET", "/api/v1/notices", bind(&DossierHandlers::ApiNotices));
  router.Add("GET", "/tra-cuu", WithViewer(ctx, bind(&DossierHandlers::TrackingPage)));
  auto pages = std::make_shared<DossierPages>(ctx);
  auto page = [&ctx, pages](Response (DossierPages::*fn)(Request&)) {
    return WithViewer(ctx, [pages, fn](Request& req) { return ((*pages).*fn)(req); });
  };
  router.Add("GET", "/ho-so", page(&DossierPages::MyDossiers));
  router.Add("GET", "/ho-so/moi", page(&DossierPages::NewForm));
  router.Add("POST", "/ho-so/moi", page(&DossierPages::NewSubmit));
  router.Add("GET", "/ho-so/{id}", page(&DossierPages::View));
  router.Add("POST", "/ho-so/{id}/bo-sung", page(&DossierPages::Supplement));
  router.Add("POST", "/ho-so/{id}/rut", page(&DossierPages::Withdraw));
  router.Add("GET", "/mot-cua", page(&DossierPages::DeskQueue));
  router.Add("GET", "/mot-cua/tiep-nhan-moi", page(&DossierPages::DeskIntakeForm));
  router.Add("POST", "/mot-cua/tiep-nhan-moi", page(&DossierPages::DeskIntakeSubmit));
  router.Add("GET", "/mot-cua/ho-so/{id}", page(&DossierPages::DeskView));
  router.Add("POST", "/mot-cua/ho-so/{id}/tiep-nhan", page(&DossierPages::DeskAccept));
  router.Add("POST", "/mot-cua/ho-so/{id}/bo-sung", page(&DossierPages::DeskSupplement));
  router.Add("POST", "/mot-cua/ho-so/{id}/tu-choi", page(&DossierPages::DeskRefuse));
}

}  // namespace motcua::web
