#include "web/handling_json.hpp"

#include <cmath>

#include <fmt/format.h>

namespace motcua::web {

using nlohmann::json;
using namespace motcua::domain;

json TimeJson(const std::optional<Timestamp>& t) { return t ? json(FormatTimestamp(*t)) : json(nullptr); }

json HandlingJson(const Dossier& d, const ProcessDefinition* process) {
  const Handling& h = d.handling;
  json results = json::array();
  for (const auto& r : h.results) {
    results.push_back({{"sha256", r.sha256},
                       {"file_name", r.file_name},
                       {"size", r.size},
                       {"attached_by", r.attached_by},
                       {"attached_at", FormatTimestamp(r.attached_at)},
                       {"url", fmt::format("/api/v1/dossiers/{}/results/{}", d.id, r.sha256)}});
  }
  json consultations = json::array();
  for (const auto& c : h.consultations) {
    consultations.push_back({{"number", c.number},
                             {"step", c.step},
                             {"planned", c.planned},
                             {"agency_code", c.agency_code},
                             {"task", c.task},
                             {"requested_by", c.requested_by},
                             {"requested_at", FormatTimestamp(c.requested_at)},
                             {"due_at", FormatTimestamp(c.due_at)},
                             {"replied_at", TimeJson(c.replied_at)},
                             {"replied_by", c.replied_by},
                             {"reply", c.reply}});
  }
  json step_name = nullptr;
  if (process && h.step >= 0 && h.step < static_cast<int>(process->steps.size())) {
    step_name = process->steps[h.step].name;
  }
  return {{"process_version", h.process_version},
          {"step", h.step},
          {"step_name", step_name},
          {"step_agency", h.step_agency},
          {"step_role", RoleKey(h.step_role)},
          {"assignee", h.assignee},
          {"step_started_at", TimeJson(h.step_started_at)},
          {"step_due_at", TimeJson(h.step_due_at)},
          {"paused_at", TimeJson(h.paused_at)},
          {"pause_reason", h.pause_reason},
          {"original_due_at", TimeJson(h.original_due_at)},
          {"apologized_at", TimeJson(h.apologized_at)},
          {"apology_reason", h.apology_reason},
          {"completed_at", TimeJson(h.completed_at)},
          {"returned_at", TimeJson(h.returned_at)},
          {"return_method", h.return_method},
          {"outcome", h.outcome.empty() ? json(nullptr) : json(h.outcome)},
          {"counted_late", h.counted_late},
          {"decision_reason", h.decision_reason},
          {"supplement_late", h.supplement_late},
          {"restarts", h.restarts},
          {"delayed_by", h.delayed_by},
          {"results", results},
          {"consultations", consultations}};
}

namespace {
json AgencyRef(const CatalogIndex* index, const std::string& code) {
  const Agency* a = index ? index->FindAgency(code) : nullptr;
  return {{"code", code}, {"name", a ? a->name : std::string()}};
}
json TimeOrNull(const std::optional<Timestamp>& t) { return TimeJson(t); }
}  // namespace

json DossierJson(const Dossier& d, const CatalogIndex* index, const ProcessDefinition* process) {
  json files = json::array();
  for (const auto& f : d.files) {
    files.push_back({{"component_index", f.component_index},
                     {"component_name", f.component_name},
                     {"sha256", f.sha256},
                     {"file_name", f.file_name},
                     {"content_type", f.content_type},
                     {"size", f.size},
                     {"copy_kind", f.copy_kind},
                     {"url", "/api/v1/dossiers/" + std::to_string(d.id) + "/files/" + f.sha256}});
  }
  return {{"id", d.id},
          {"version", d.version},
          {"code", d.code.empty() ? json(nullptr) : json(d.code)},
          {"status", DossierStatusKey(d.status)},
          {"status_label", DossierStatusLabel(d.status)},
          {"procedure", {{"code", d.procedure_code}, {"name", d.procedure_name}}},
          {"agency", AgencyRef(index, d.agency_code)},
          {"channel", ChannelKey(d.channel)},
          {"applicant",
           {{"full_name", d.applicant.full_name},
            {"id_number", d.applicant.id_number},
            {"phone", d.applicant.phone},
            {"email", d.applicant.email},
            {"address", d.applicant.address},
            {"organization", d.applicant.organization}}},
          {"request_note", d.request_note},
          {"copies", d.copies},
          {"files", files},
          {"processing_days", d.processing_days},
          {"submitted_at", TimeOrNull(d.submitted_at)},
          {"postal_handover_at", TimeOrNull(d.postal_handover_at)},
          {"received_at", TimeOrNull(d.received_at)},
          {"due_at", TimeOrNull(d.due_at)},
          {"decided_at", TimeOrNull(d.decided_at)},
          {"supplement_items", d.supplement_items},
          {"supplement_note", d.supplement_note},
          {"refusal_reason", d.refusal_reason},
          {"received_by", d.received_by},
          {"created_at", FormatTimestamp(d.created_at)},
          {"updated_at", FormatTimestamp(d.updated_at)},
          {"handling", HandlingJson(d, process)}};
}

void WriteDossierSummary(JsonWriter& w, const app::DossierSummary& d, const CatalogIndex* index) {
  const Agency* agency = index ? index->FindAgency(d.agency_code) : nullptr;
  w.BeginObject().Field("id", static_cast<long long>(d.id)).Field("version", d.version);
  w.Key("code").StringOrNull(d.code);
  w.Field("status", DossierStatusKey(d.status)).Field("status_label", DossierStatusLabel(d.status));
  w.Key("procedure").BeginObject().Field("code", d.procedure_code).Field("name", d.procedure_name).EndObject();
  w.Key("agency").BeginObject().Field("code", d.agency_code).Field("name", agency ? agency->name : std::string());
  w.EndObject();
  w.Field("channel", ChannelKey(d.channel));
  w.Key("applicant").BeginObject().Field("full_name", d.applicant_name).EndObject();
  w.Field("submitted_at", d.submitted_at).Field("received_at", d.received_at).Field("due_at", d.due_at);
  w.Field("step_due_at", d.step_due_at);
  w.Key("created_at").String(FormatTimestamp(d.created_at));
  w.Key("updated_at").String(FormatTimestamp(d.updated_at));
  w.Field("url", "/api/v1/dossiers/" + std::to_string(d.id));
  w.EndObject();
}

json ProcessJson(const ProcessDefinition& p) {
  json steps = json::array();
  double total = 0;
  for (const auto& s : p.steps) {
    json parallel = json::array();
    for (const auto& b : s.parallel) parallel.push_back({{"agency_code", b.agency_code}, {"task", b.task}, {"days", b.days}});
    steps.push_back({{"name", s.name},
                     {"role", RoleKey(s.role)},
                     {"unit", s.unit},
                     {"agency_code", s.agency_code},
                     {"days", s.days},
                     {"parallel", parallel}});
    total += s.days;
  }
  return {{"procedure_code", p.procedure_code},
          {"version", p.version},
          {"effective_from", FormatIsoDate(p.effective_from)},
          {"note", p.note},
          {"created_by", p.created_by},
          {"total_days", total},
          {"steps", steps}};
}

Result<ProcessDefinition> ProcessFromJson(const json& body) {
  std::vector<FieldError> problems;
  ProcessDefinition p;
  if (!body.is_object()) {
    return Fail(Error{ErrorCode::kInvalidArgument, "Nội dung phải là một đối tượng JSON.", "not an object", {}});
  }
  auto text = [&](const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto number = [&](const json& j, const char* key, const std::string& path) -> double {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) {
      problems.push_back({path, "Cần một số ngày làm việc."});
      return 0;
    }
    return it->get<double>();
  };
  std::string from = text(body, "effective_from");
  if (auto date = ParseIsoDate(from)) {
    p.effective_from = *date;
  } else {
    problems.push_back({"effective_from", "Ngày hiệu lực phải có dạng YYYY-MM-DD."});
  }
  p.note = text(body, "note");
  auto steps = body.find("steps");
  if (steps == body.end() || !steps->is_array()) {
    problems.push_back({"steps", "Cần danh sách các bước (steps)."});
  } else {
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const json& s = (*steps)[i];
      std::string at = fmt::format("steps[{}]", i);
      if (!s.is_object()) {
        problems.push_back({at, "Mỗi bước phải là một đối tượng."});
        continue;
      }
      HandlingStep step;
      step.name = text(s, "name");
      step.unit = text(s, "unit");
      step.agency_code = text(s, "agency_code");
      auto role = ParseRole(text(s, "role"));
      if (!role) problems.push_back({at + ".role", "Vai trò phải là desk_officer, specialist hoặc leader."});
      step.role = role.value_or(Role::kCitizen);
      step.days = number(s, "days", at + ".days");
      if (auto par = s.find("parallel"); par != s.end() && par->is_array()) {
        for (std::size_t b = 0; b < par->size(); ++b) {
          const json& br = (*par)[b];
          if (!br.is_object()) continue;
          step.parallel.push_back(
              {text(br, "agency_code"), text(br, "task"), number(br, "days", fmt::format("{}.parallel[{}].days", at, b))});
        }
      }
      p.steps.push_back(std::move(step));
    }
  }
  if (!problems.empty()) {
    return Fail(Error{ErrorCode::kInvalidArgument, "Quy trình nội bộ chưa hợp lệ.", "invalid process", problems});
  }
  return p;
}

void WriteWorklistItem(JsonWriter& w, const app::WorklistItem& i, DueStatus due) {
  w.BeginObject().Field("id", static_cast<long long>(i.id)).Field("version", i.version);
  w.Key("code").StringOrNull(i.code);
  w.Key("procedure").BeginObject().Field("code", i.procedure_code).Field("name", i.procedure_name).EndObject();
  w.Field("agency_code", i.agency_code).Field("applicant_name", i.applicant_name);
  w.Field("channel", ChannelKey(i.channel)).Field("status", DossierStatusKey(i.status));
  w.Field("status_label", DossierStatusLabel(i.status)).Field("step", i.step);
  w.Field("step_agency", i.step_agency).Field("assignee", i.assignee);
  w.Field("submitted_at", i.submitted_at).Field("received_at", i.received_at).Field("due_at", i.due_at);
  w.Field("step_due_at", i.step_due_at).Field("due_status", DueStatusKey(due)).Field("consultation", i.consultation);
  w.EndObject();
}

json ControlSlipJson(const app::ControlSlip& slip) {
  json rows = json::array();
  for (const auto& r : slip.rows) {
    rows.push_back({{"at", FormatTimestamp(r.at)},
                    {"step_name", r.step_name},
                    {"giver", r.giver},
                    {"receiver", r.receiver},
                    {"step_due_at", TimeJson(r.step_due_at)},
                    {"timeliness", r.timeliness ? json(TimelinessKey(*r.timeliness)) : json(nullptr)},
                    {"action", r.action},
                    {"note", r.note}});
  }
  return {{"form", "05"},
          {"title", "Phiếu kiểm soát quá trình giải quyết hồ sơ"},
          {"code", slip.dossier.code},
          {"procedure", slip.dossier.procedure_name},
          {"rows", rows}};
}

}  // namespace motcua::web
