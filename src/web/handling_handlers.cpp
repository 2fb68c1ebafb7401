#include "web/handling_handlers.hpp"

#include <charconv>
#include <cmath>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "interchange/table_export.hpp"
#include "web/auth.hpp"
#include "web/error_mapping.hpp"
#include "web/handling_json.hpp"
#include "web/multipart.hpp"
#include "web/table_response.hpp"

namespace motcua::web {
namespace {

using nlohmann::json;
using namespace motcua::domain;

Error Unavailable() { return {ErrorCode::kUnavailable, "Chức năng xử lý hồ sơ chưa sẵn sàng.", "no handling", {}}; }

std::string Text(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<int> Int(const std::string& text) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

// Reads an action body: JSON, or multipart with a JSON part "action" and a
// file part "file" (attach_result).
Result<app::HandlingInput> InputFrom(const Request& req) {
  json body;
  app::HandlingInput in;
  if (IsMultipart(req)) {
    auto parts = ParseMultipart(req);
    if (!parts) return Fail(BadRequest("Dữ liệu multipart/form-data không hợp lệ."));
    for (const auto& part : *parts) {
      if (part.name == "action") body = json::parse(part.body, nullptr, false);
      if (part.name == "file") {
        in.file_name = part.file_name;
        in.file_bytes = part.body;
      }
    }
  } else {
    body = json::parse(req.body, nullptr, false);
  }
  if (!body.is_object()) return Fail(BadRequest("Nội dung yêu cầu phải là JSON có trường \"action\"."));
  in.action = Text(body, "action");
  auto version = body.find("version");
  if (version == body.end() || !version->is_number_integer()) {
    return Fail(BadRequest("Cần gửi kèm \"version\" của hồ sơ đã xem.", "version"));
  }
  in.version = version->get<int>();
  if (auto items = body.find("items"); items != body.end()) {
    if (!items->is_array()) return Fail(BadRequest("\"items\" phải là một mảng.", "items"));
    for (const auto& item : *items) {
      if (item.is_string()) in.items.push_back(item.get<std::string>());
    }
  }
  in.assignee = Text(body, "assignee");
  in.reason = Text(body, "reason");
  in.note = Text(body, "note");
  in.agency_code = Text(body, "agency_code");
  in.task = Text(body, "task");
  in.reply = Text(body, "reply");
  in.method = Text(body, "method");
  if (auto days = body.find("days"); days != body.end()) {
    if (!days->is_number()) return Fail(BadRequest("\"days\" phải là số ngày làm việc.", "days"));
    in.days = days->get<double>();
  }
  if (auto c = body.find("consultation"); c != body.end()) {
    if (!c->is_number_integer()) return Fail(BadRequest("\"consultation\" phải là số thứ tự.", "consultation"));
    in.consultation = c->get<int>();
  }
  std::string new_due = Text(body, "new_due_date");
  if (!new_due.empty()) {
    in.new_due_date = ParseIsoDate(new_due);
    if (!in.new_due_date) return Fail(BadRequest("Ngày hẹn mới phải có dạng YYYY-MM-DD.", "new_due_date"));
  }
  return in;
}

json WorkJson(const app::DossierWork& w, const CatalogIndex* index) {
  json actions = json::array();
  for (auto a : w.actions) actions.push_back(HandlingActionKey(a));
  json body = DossierJson(w.dossier, index, &w.process);
  body["due_status"] = DueStatusKey(w.due);
  body["available_actions"] = actions;
  return body;
}

}  // namespace

Result<app::WorklistQuery> WorklistQueryFrom(const Request& req) {
  app::WorklistQuery q;
  std::string tab = req.Query("tab", "mine");
  auto parsed = app::ParseWorklistTab(tab);
  if (!parsed) return Fail(BadRequest("Tab phải là mine, unit, agency, approval, consultations, reception hoặc all.", "tab"));
  q.tab = *parsed;
  if (std::string s = req.Query("status"); !s.empty()) {
    q.status = ParseDossierStatus(s);
    if (!q.status) return Fail(BadRequest("Trạng thái không hợp lệ.", "status"));
  }
  if (std::string s = req.Query("step"); !s.empty()) {
    q.step = Int(s);
    if (!q.step || *q.step < 0) return Fail(BadRequest("Bước phải là số thứ tự từ 0.", "step"));
  }
  q.procedure_code = req.Query("procedure");
  if (std::string s = req.Query("channel"); !s.empty()) {
    q.channel = ParseChannel(s);
    if (!q.channel) return Fail(BadRequest("Kênh phải là desk, postal hoặc online.", "channel"));
  }
  if (std::string s = req.Query("due"); !s.empty()) {
    q.due = ParseDueStatus(s);
    if (!q.due || *q.due == DueStatus::kNone) {
      return Fail(BadRequest("Hạn phải là on_time, due_soon hoặc overdue.", "due"));
    }
  }
  for (const char* key : {"from", "to"}) {
    std::string s = req.Query(key);
    if (s.empty()) continue;
    auto date = ParseIsoDate(s);
    if (!date) return Fail(BadRequest("Ngày phải có dạng YYYY-MM-DD.", key));
    Timestamp at = FromVietnam(std::string(key) == "to" ? Date{std::chrono::sys_days{*date} + std::chrono::days{1}} : *date, 0);
    (std::string(key) == "from" ? q.received_from : q.received_to) = at;
  }
  q.text = req.Query("q");
  if (q.text.size() > 200) return Fail(BadRequest("Từ khóa tìm kiếm quá dài.", "q"));
  // Cursor "after": "<due ISO>|<id>" for urgent-first tabs, "<id>" for newest-first ones.
  if (std::string after = req.Query("after"); !after.empty()) {
    auto bar = after.find('|');
    std::string id_text = bar == std::string::npos ? after : after.substr(bar + 1);
    auto id = Int(id_text);
    if (!id || *id <= 0) return Fail(BadRequest("Con trỏ phân trang không hợp lệ.", "after"));
    q.after_id = *id;
    if (bar != std::string::npos && bar > 0) {
      q.after_due_at = ParseTimestamp(after.substr(0, bar));
      if (!q.after_due_at) return Fail(BadRequest("Con trỏ phân trang không hợp lệ.", "after"));
    }
  }
  if (std::string s = req.Query("limit"); !s.empty()) {
    auto limit = Int(s);
    if (!limit || *limit < 1 || *limit > 100) return Fail(BadRequest("limit từ 1 đến 100.", "limit"));
    q.limit = *limit;
  }
  return q;
}

Response HandlingHandlers::ApiAct(Request& req) {
  if (!ctx_.handling) return ProblemResponse(Unavailable(), req.request_id);
  auto who = AuthenticateWrite(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto in = InputFrom(req);
  if (!in) return ProblemResponse(in.error(), req.request_id);
  auto d = ctx_.handling->Act(*who, req.params["id"], *in, req.request_id);
  if (!d) return ProblemResponse(d.error(), req.request_id);
  auto work = ctx_.handling->Work(*who, std::to_string(d->id), req.request_id);
  if (!work) return ProblemResponse(work.error(), req.request_id);
  auto index = ctx_.catalog.Snapshot();
  return Response::Json(WorkJson(*work, index ? index->get() : nullptr).dump());
}

Response HandlingHandlers::ApiHistory(Request& req) {
  if (!ctx_.handling || !ctx_.dossiers) return ProblemResponse(Unavailable(), req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto work = ctx_.handling->Work(*who, req.params["id"], req.request_id);
  if (!work) return ProblemResponse(work.error(), req.request_id);
  auto slip = ctx_.handling->ControlSlipOf(*who, req.params["id"], req.request_id);
  if (!slip) return ProblemResponse(slip.error(), req.request_id);
  auto events = ctx_.dossiers->History(*who, std::to_string(work->dossier.id), req.request_id);
  // Officers see the whole history; the applicant sees every step with its
  // date and unit, not the officers' user names.
  bool officer = IsOfficer(who->user.role);
  json rows = json::array();
  if (events) {
    for (const auto& e : *events) {
      std::string step_name;
      if (e.step >= 0 && e.step < static_cast<int>(work->process.steps.size())) {
        step_name = work->process.steps[e.step].name;
      }
      json row = {{"at", FormatTimestamp(e.at)},
                  {"action", e.action},
                  {"from_status", e.from_status},
                  {"to_status", e.to_status},
                  {"step", e.step},
                  {"step_name", step_name},
                  {"step_due_at", TimeJson(e.step_due_at)}};
      if (officer) {
        row["actor"] = e.actor;
        row["receiver"] = e.receiver;
        row["note"] = e.note;
      }
      rows.push_back(std::move(row));
    }
  }
  auto index = ctx_.catalog.Snapshot();
  json body = WorkJson(*work, index ? index->get() : nullptr);
  body["history"] = rows;
  if (officer) body["control_slip"] = ControlSlipJson(*slip);
  return Response::Json(body.dump());
}

Response HandlingHandlers::ApiControlSlip(Request& req) {
  if (!ctx_.handling) return ProblemResponse(Unavailable(), req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  if (!IsOfficer(who->user.role)) {
    return ProblemResponse({ErrorCode::kForbidden, "Phiếu kiểm soát dành cho cán bộ.", "not an officer", {}},
                           req.request_id);
  }
  auto slip = ctx_.handling->ControlSlipOf(*who, req.params["id"], req.request_id);
  if (!slip) return ProblemResponse(slip.error(), req.request_id);
  return Response::Json(ControlSlipJson(*slip).dump());
}

Response HandlingHandlers::ApiResult(Request& req) {
  if (!ctx_.handling) return ProblemResponse(Unavailable(), req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto bytes = ctx_.handling->ResultContent(*who, req.params["id"], req.params["sha"], req.request_id);
  if (!bytes) return ProblemResponse(bytes.error(), req.request_id);
  Response r = Response::Text(std::move(*bytes), "application/pdf");
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"ket-qua.pdf\"");
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

Response HandlingHandlers::ApiWorklist(Request& req) {
  if (!ctx_.handling) return ProblemResponse(Unavailable(), req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto q = WorklistQueryFrom(req);
  if (!q) return ProblemResponse(q.error(), req.request_id);
  auto rows = ctx_.handling->Worklist(*who, *q);
  if (!rows) return ProblemResponse(rows.error(), req.request_id);
  auto due = ctx_.handling->DueOf(*rows);
  JsonWriter w;
  w.BeginObject().Field("tab", app::WorklistTabKey(q->tab)).Key("items").BeginArray();
  for (std::size_t i = 0; i < rows->size(); ++i) WriteWorklistItem(w, (*rows)[i], due[i]);
  w.EndArray().Key("next");
  if (static_cast<int>(rows->size()) == q->limit && !rows->empty()) {
    const auto& last = rows->back();
    bool newest_first = q->tab == app::WorklistTab::kAll || q->tab == app::WorklistTab::kReception;
    w.String(newest_first || !last.due_at ? std::to_string(last.id)
                                          : FormatTimestamp(*last.due_at) + "|" + std::to_string(last.id));
  } else {
    w.Null();
  }
  return Response::Json(w.EndObject().Take());
}

Response HandlingHandlers::ApiCounts(Request& req) {
  if (!ctx_.handling) return ProblemResponse(Unavailable(), req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto c = ctx_.handling->Counts(*who);
  if (!c) return ProblemResponse(c.error(), req.request_id);
  json body = {{"mine", c->mine},       {"unit", c->unit},
               {"agency", c->agency},   {"approval", c->approval},
               {"consultations", c->consultations}, {"reception", c->reception},
               {"cap", c->cap}};
  return Response::Json(body.dump());
}

Response HandlingHandlers::ApiBulkAssign(Request& req) {
  if (!ctx_.handling) return ProblemResponse(Unavailable(), req.request_id);
  auto who = AuthenticateWrite(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) return ProblemResponse(BadRequest("Nội dung yêu cầu phải là JSON."), req.request_id);
  std::vector<std::string> codes;
  if (auto list = body.find("dossiers"); list != body.end() && list->is_array()) {
    for (const auto& c : *list) {
      if (c.is_string()) codes.push_back(c.get<std::string>());
      if (c.is_number_integer()) codes.push_back(std::to_string(c.get<long long>()));
    }
  }
  auto failed = ctx_.handling->BulkAssign(*who, codes, Text(body, "assignee"), req.request_id);
  if (!failed) return ProblemResponse(failed.error(), req.request_id);
  json errors = json::array();
  for (const auto& [code, why] : *failed) errors.push_back({{"dossier", code}, {"detail", why}});
  json out = {{"assigned", codes.size() - failed->size()}, {"failed", errors}};
  return Response::Json(out.dump());
}

Response HandlingHandlers::ApiGetProcess(Request& req) {
  if (!ctx_.handling) return ProblemResponse(Unavailable(), req.request_id);
  auto current = ctx_.handling->CurrentProcess(req.params["code"]);
  if (!current) return ProblemResponse(current.error(), req.request_id);
  auto versions = ctx_.handling->ProcessVersions(req.params["code"]);
  if (!versions) return ProblemResponse(versions.error(), req.request_id);
  json all = json::array();
  for (const auto& v : *versions) all.push_back(ProcessJson(v));
  json body = ProcessJson(*current);
  body["versions"] = all;
  return Response::Json(body.dump());
}

Response HandlingHandlers::ApiPutProcess(Request& req) {
  if (!ctx_.handling) return ProblemResponse(Unavailable(), req.request_id);
  auto who = AuthenticateWrite(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto def = ProcessFromJson(json::parse(req.body, nullptr, false));
  if (!def) return ProblemResponse(def.error(), req.request_id);
  def->procedure_code = req.params["code"];
  auto saved = ctx_.handling->SaveProcess(*who, std::move(*def), req.request_id);
  if (!saved) return ProblemResponse(saved.error(), req.request_id);
  return Response::Json(ProcessJson(*saved).dump(), 201);
}

Response HandlingHandlers::ApiRegister(Request& req) {
  if (!ctx_.handling) return ProblemResponse(Unavailable(), req.request_id);
  auto who = Authenticate(ctx_, req);
  if (!who) return ProblemResponse(who.error(), req.request_id);
  auto year = Int(req.params["year"]);
  if (!year) return ProblemResponse(BadRequest("Năm không hợp lệ.", "year"), req.request_id);
  auto rows = ctx_.handling->Register(*who, req.params["agency"], *year, req.request_id);
  if (!rows) return ProblemResponse(rows.error(), req.request_id);
  interchange::Table table;
  table.title = fmt::format("Sổ theo dõi hồ sơ năm {} - {}", *year, req.params["agency"]);
  table.headers = {"STT", "Mã hồ sơ", "Người nộp", "Địa chỉ", "Thủ tục", "Kênh", "Ngày tiếp nhận", "Hẹn trả",
                   "Ngày có kết quả", "Ngày trả", "Kết quả", "Trạng thái"};
  auto vn = [](const std::optional<Timestamp>& t) { return t ? FormatVnDateTime(*t) : std::string(); };
  int n = 0;
  json items = json::array();
  for (const auto& d : *rows) {
    std::string outcome;
    if (auto t = d.handling.outcome; !t.empty()) {
      outcome = t == "early" ? "Trước hạn" : t == "late" ? "Quá hạn" : "Đúng hạn";
    }
    table.rows.push_back({std::to_string(++n), d.code, d.applicant.full_name, d.applicant.address, d.procedure_name,
                          ChannelLabel(d.channel), vn(d.received_at), vn(d.due_at), vn(d.handling.completed_at),
                          vn(d.handling.returned_at), outcome, DossierStatusLabel(d.status)});
    items.push_back({{"number", n},
                     {"code", d.code},
                     {"applicant_name", d.applicant.full_name},
                     {"procedure", d.procedure_name},
                     {"channel", ChannelKey(d.channel)},
                     {"received_at", TimeJson(d.received_at)},
                     {"due_at", TimeJson(d.due_at)},
                     {"completed_at", TimeJson(d.handling.completed_at)},
                     {"returned_at", TimeJson(d.handling.returned_at)},
                     {"outcome", d.handling.outcome},
                     {"status", DossierStatusKey(d.status)}});
  }
  std::string file = fmt::format("so-theo-doi-{}-{}", req.params["agency"], *year);
  return TableResponse(req, table, file, [&] {
    json body = {{"form", "06"}, {"agency", req.params["agency"]}, {"year", *year}, {"items", items}};
    return body.dump();
  });
}

void AddHandlingRoutes(Router& router, WebContext& ctx) {
  auto h = std::make_shared<HandlingHandlers>(ctx);
  auto bind = [h](Response (HandlingHandlers::*fn)(Request&)) {
    return [h, fn](Request& req) { return ((*h).*fn)(req); };
  };
  router.Add("POST", "/api/v1/dossiers/{id}/actions", bind(&HandlingHandlers::ApiAct));
  router.Add("GET", "/api/v1/dossiers/{id}/history", bind(&HandlingHandlers::ApiHistory));
  router.Add("GET", "/api/v1/dossiers/{id}/control-slip", bind(&HandlingHandlers::ApiControlSlip));
  router.Add("GET", "/api/v1/dossiers/{id}/results/{sha}", bind(&HandlingHandlers::ApiResult));
  router.Add("GET", "/api/v1/worklist", bind(&HandlingHandlers::ApiWorklist));
  router.Add("GET", "/api/v1/worklist/counts", bind(&HandlingHandlers::ApiCounts));
  router.Add("POST", "/api/v1/worklist/assign", bind(&HandlingHandlers::ApiBulkAssign));
  router.Add("GET", "/api/v1/procedures/{code}/process", bind(&HandlingHandlers::ApiGetProcess));
  router.Add("PUT", "/api/v1/procedures/{code}/process", bind(&HandlingHandlers::ApiPutProcess));
  router.Add("GET", "/api/v1/registers/{agency}/{year}", bind(&HandlingHandlers::ApiRegister));
}

}  // namespace motcua::web
