#include "domain/dossier/handling.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.hpp"

namespace motcua::domain {

namespace {

struct ActionInfo {
  HandlingAction action;
  const char* key;
  const char* label;
};
constexpr ActionInfo kActions[] = {
    {HandlingAction::kAssign, "assign", "Phân công xử lý"},
    {HandlingAction::kForward, "forward", "Chuyển bước tiếp theo"},
    {HandlingAction::kSendBack, "send_back", "Trả lại bước trước"},
    {HandlingAction::kRequestSupplement, "request_supplement", "Yêu cầu bổ sung hồ sơ"},
    {HandlingAction::kConsult, "consult", "Xin ý kiến cơ quan phối hợp"},
    {HandlingAction::kRecordConsultation, "record_consultation", "Ghi nhận ý kiến phối hợp"},
    {HandlingAction::kApprove, "approve", "Phê duyệt kết quả"},
    {HandlingAction::kReject, "reject", "Từ chối giải quyết"},
    {HandlingAction::kAttachResult, "attach_result", "Đính kèm kết quả"},
    {HandlingAction::kReturnResult, "return_result", "Trả kết quả"},
    {HandlingAction::kApologize, "apologize", "Xin lỗi và hẹn lại ngày trả kết quả"},
    {HandlingAction::kPause, "pause", "Tạm dừng giải quyết"},
    {HandlingAction::kResume, "resume", "Tiếp tục giải quyết"},
};

tl::unexpected<Error> NotNow(const Dossier& d, HandlingAction a, std::string why = {}) {
  std::string message = fmt::format("Không thể thực hiện \"{}\" khi hồ sơ ở trạng thái \"{}\"", HandlingActionLabel(a),
                                    DossierStatusLabel(d.status));
  message += why.empty() ? "." : ": " + why;
  return Fail(ErrorCode::kFailedPrecondition, message,
              fmt::format("{} not allowed in {} step {}", HandlingActionKey(a), DossierStatusKey(d.status),
                          d.handling.step));
}

tl::unexpected<Error> NotYou(HandlingAction a) {
  return Fail(ErrorCode::kForbidden,
              fmt::format("Bạn không có quyền thực hiện \"{}\" ở bước xử lý hiện tại.", HandlingActionLabel(a)),
              fmt::format("{} not allowed for actor", HandlingActionKey(a)));
}

tl::unexpected<Error> Invalid(std::string field, std::string message) {
  Error e{ErrorCode::kInvalidArgument, message, "invalid " + field, {}};
  e.fields.push_back({std::move(field), std::move(message)});
  return Fail(std::move(e));
}

bool IsManager(Role r) { return r == Role::kLeader || r == Role::kAgencyAdmin || r == Role::kSystemAdmin; }

int LastStep(const ProcessDefinition& p) { return static_cast<int>(p.steps.size()) - 1; }

int DecisionStep(const ProcessDefinition& p) {
  for (int i = LastStep(p); i >= 0; --i) {
    if (p.steps[i].role == Role::kLeader) return i;
  }
  return -1;
}

bool HasStep(const Dossier& d, const ProcessDefinition& p) {
  return d.handling.step >= 0 && d.handling.step < static_cast<int>(p.steps.size());
}

// Work on the current step is open: in handling before the decision, or
// decided and not yet returned.
bool StepOpen(const Dossier& d) {
  if (d.status == DossierStatus::kAccepted) return true;
  return (d.status == DossierStatus::kResultReady || d.status == DossierStatus::kRejected) && !d.handling.returned_at;
}

bool Covers(const HandlingActor& a, const std::string& agency) { return a.covers && a.covers(agency); }

bool StepActor(const Dossier& d, const ProcessDefinition& p, const HandlingActor& a) {
  if (!HasStep(d, p) || !Covers(a, d.handling.step_agency)) return false;
  if (IsManager(a.role)) return true;
  const HandlingStep& step = p.steps[d.handling.step];
  return a.role == step.role && (d.handling.assignee.empty() || d.handling.assignee == a.username);
}

bool StaffOf(const Dossier& d, const HandlingActor& a) {
  if (a.role == Role::kSupervisor || !IsOfficer(a.role)) return false;
  return Covers(a, d.handling.step_agency) || Covers(a, d.agency_code);
}

std::vector<Consultation>::iterator OpenConsultation(Dossier& d, int number) {
  return std::find_if(d.handling.consultations.begin(), d.handling.consultations.end(), [&](const Consultation& c) {
    return c.number == number && !c.replied_at;
  });
}

void NoteDelay(Dossier& d, const std::string& agency) {
  if (agency.empty()) return;
  if (("," + d.handling.delayed_by + ",").find("," + agency + ",") != std::string::npos) return;
  if (!d.handling.delayed_by.empty()) d.handling.delayed_by += ",";
  d.handling.delayed_by += agency;
}

void EnterStep(Dossier& d, const ProcessDefinition& p, int step, StepStart start, Timestamp now) {
  // The unit that held the step finished it late: record who caused the delay.
  if (d.handling.step >= 0 && d.handling.step_due_at && now > *d.handling.step_due_at) {
    NoteDelay(d, d.handling.step_agency);
  }
  d.handling.step = step;
  d.handling.step_agency = StepAgency(p.steps[step], d.agency_code);
  d.handling.step_role = p.steps[step].role;
  d.handling.assignee = std::move(start.assignee);
  d.handling.step_started_at = now;
  d.handling.step_due_at = start.due_at;
  int next_number = static_cast<int>(d.handling.consultations.size()) + 1;
  for (auto& c : start.consultations) {
    c.number = next_number++;
    c.step = step;
    c.planned = true;
    d.handling.consultations.push_back(std::move(c));
  }
  d.updated_at = now;
}

void Complete(Dossier& d, Timestamp now) {
  d.handling.completed_at = now;
  Timeliness t = d.due_at ? ClassifyCompletion(now, *d.due_at) : Timeliness::kOnTime;
  d.handling.outcome = TimelinessKey(t);
  // Every late dossier counts, even one rescheduled by an apology.
  d.handling.counted_late = t == Timeliness::kLate || d.handling.apologized_at.has_value();
  if (t == Timeliness::kLate) NoteDelay(d, d.handling.step_agency);
}

std::string Clean(const std::string& text, std::size_t max_bytes = 4000) {
  return ToNfc(Trim(text)).value_or("").substr(0, max_bytes);
}

}  // namespace

const char* HandlingActionKey(HandlingAction action) {
  for (const auto& a : kActions) {
    if (a.action == action) return a.key;
  }
  return "";
}

const char* HandlingActionLabel(HandlingAction action) {
  for (const auto& a : kActions) {
    if (a.action == action) return a.label;
  }
  return "";
}

std::optional<HandlingAction> ParseHandlingAction(std::string_view key) {
  for (const auto& a : kActions) {
    if (key == a.key) return a.action;
  }
  return std::nullopt;
}

Status CheckHandlingAction(const Dossier& d, const ProcessDefinition& p, HandlingAction action,
                           const HandlingActor& actor) {
  using A = HandlingAction;
  const int step = d.handling.step;
  const int decision = DecisionStep(p);
  if (!HasStep(d, p) && action != A::kApologize) return NotNow(d, action);
  switch (action) {
    case A::kAssign:
      if (!StepOpen(d)) return NotNow(d, action);
      if (IsManager(actor.role) && Covers(actor, d.handling.step_agency)) return {};
      // An officer of the step's role may take an unassigned dossier.
      if (actor.role == p.steps[step].role && Covers(actor, d.handling.step_agency) &&
          (d.handling.assignee.empty() || d.handling.assignee == actor.username)) {
        return {};
      }
      return NotYou(action);
    case A::kForward:
      if (!StepOpen(d)) return NotNow(d, action);
      if (step >= LastStep(p)) return NotNow(d, action, "đây là bước trả kết quả");
      if (d.status == DossierStatus::kAccepted && step == decision) {
        return NotNow(d, action, "bước này cần phê duyệt hoặc từ chối giải quyết");
      }
      if (OpenConsultations(d) > 0) return NotNow(d, action, "còn cơ quan phối hợp chưa trả lời");
      return StepActor(d, p, actor) ? Status{} : NotYou(action);
    case A::kSendBack:
      if (d.status != DossierStatus::kAccepted) return NotNow(d, action);
      if (step == 0) return NotNow(d, action, "đây là bước đầu tiên");
      return StepActor(d, p, actor) ? Status{} : NotYou(action);
    case A::kRequestSupplement:
    case A::kConsult:
    case A::kPause:
      if (d.status != DossierStatus::kAccepted) return NotNow(d, action);
      if (action == A::kPause && Covers(actor, d.agency_code) &&
          (actor.role == Role::kDeskOfficer || IsManager(actor.role))) {
        return {};
      }
      return StepActor(d, p, actor) ? Status{} : NotYou(action);
    case A::kResume:
      if (d.status != DossierStatus::kPaused) return NotNow(d, action);
      if (Covers(actor, d.agency_code) && (actor.role == Role::kDeskOfficer || IsManager(actor.role))) return {};
      return StepActor(d, p, actor) ? Status{} : NotYou(action);
    case A::kRecordConsultation: {
      if (d.status != DossierStatus::kAccepted && d.status != DossierStatus::kPaused) return NotNow(d, action);
      bool any_open = false;
      bool consulted = false;
      for (const auto& c : d.handling.consultations) {
        if (c.replied_at) continue;
        any_open = true;
        consulted = consulted || Covers(actor, c.agency_code);
      }
      if (!any_open) return NotNow(d, action, "không có yêu cầu phối hợp nào đang chờ trả lời");
      if (actor.role == Role::kSupervisor) return NotYou(action);
      return consulted || StepActor(d, p, actor) ? Status{} : NotYou(action);
    }
    case A::kApprove:
    case A::kReject:
      if (d.status != DossierStatus::kAccepted) return NotNow(d, action);
      if (step != decision) return NotNow(d, action, "chưa đến bước lãnh đạo phê duyệt");
      if (OpenConsultations(d) > 0) return NotNow(d, action, "còn cơ quan phối hợp chưa trả lời");
      if (action == A::kApprove && d.handling.results.empty()) {
        return NotNow(d, action, "chưa có văn bản kết quả đính kèm");
      }
      if (actor.role == Role::kLeader && Covers(actor, d.handling.step_agency) &&
          (d.handling.assignee.empty() || d.handling.assignee == actor.username ||
           p.steps[step].role == Role::kLeader)) {
        return {};
      }
      return NotYou(action);
    case A::kAttachResult:
      if (d.status != DossierStatus::kAccepted && d.status != DossierStatus::kResultReady) return NotNow(d, action);
      if (d.status == DossierStatus::kAccepted && p.steps[step].role == Role::kDeskOfficer && step == 0) {
        return NotNow(d, action, "hồ sơ chưa được chuyển đến bộ phận giải quyết");
      }
      if (d.handling.returned_at) return NotNow(d, action);
      return StepActor(d, p, actor) ? Status{} : NotYou(action);
    case A::kReturnResult:
      if (d.status != DossierStatus::kResultReady && d.status != DossierStatus::kRejected) return NotNow(d, action);
      if (d.handling.returned_at) return NotNow(d, action, "kết quả đã được trả");
      if (step != LastStep(p)) return NotNow(d, action, "hồ sơ chưa đến bước trả kết quả");
      return StepActor(d, p, actor) ? Status{} : NotYou(action);
    case A::kApologize:
      if (!IsInHandling(d.status)) return NotNow(d, action);
      if (d.handling.apologized_at) return NotNow(d, action, "mỗi hồ sơ chỉ được hẹn lại một lần");
      return StaffOf(d, actor) ? Status{} : NotYou(action);
  }
  return NotNow(d, action);
}

std::vector<HandlingAction> AvailableHandlingActions(const Dossier& d, const ProcessDefinition& p,
                                                     const HandlingActor& actor) {
  std::vector<HandlingAction> out;
  for (HandlingAction a : kAllHandlingActions) {
    if (CheckHandlingAction(d, p, a, actor)) out.push_back(a);
  }
  return out;
}

Status CheckAssignee(const Dossier& d, const ProcessDefinition& p, Role role, bool covers_step_agency) {
  if (!HasStep(d, p)) return Invalid("assignee", "Hồ sơ chưa ở bước xử lý nào.");
  const HandlingStep& step = p.steps[d.handling.step];
  if (role != step.role || !covers_step_agency) {
    return Invalid("assignee", fmt::format("Người được phân công phải là {} của đơn vị \"{}\".",
                                           RoleLabel(step.role), step.unit));
  }
  return {};
}

Dossier StartProcess(Dossier d, const ProcessDefinition& p, StepStart start, Timestamp now) {
  d.handling.process_version = p.version;
  d.handling.step = -1;
  EnterStep(d, p, 0, std::move(start), now);
  return d;
}

Result<Dossier> Assign(Dossier d, std::string assignee, Timestamp now) {
  if (Trim(assignee).empty()) return Invalid("assignee", "Cần chọn cán bộ được phân công.");
  d.handling.assignee = std::string(Trim(assignee));
  d.updated_at = now;
  return d;
}

Result<Dossier> Forward(Dossier d, const ProcessDefinition& p, StepStart next, Timestamp now) {
  EnterStep(d, p, d.handling.step + 1, std::move(next), now);
  return d;
}

Result<Dossier> SendBack(Dossier d, const ProcessDefinition& p, std::string reason, StepStart previous, Timestamp now) {
  if (Clean(reason).empty()) return Invalid("reason", "Cần nêu lý do trả lại.");
  // Sending back is not a late hand-over of the step: the delay is not
  // attributed to the unit that sends it back.
  d.handling.step_due_at.reset();
  EnterStep(d, p, d.handling.step - 1, std::move(previous), now);
  return d;
}

Result<Dossier> RequestAppraisalSupplement(Dossier d, std::vector<std::string> items, std::string note, bool late,
                                           Timestamp now) {
  std::erase_if(items, [](const std::string& s) { return Trim(s).empty(); });
  if (items.empty()) return Invalid("items", "Cần nêu ít nhất một nội dung phải bổ sung.");
  for (auto& item : items) item = Clean(item, 500);
  d.status = DossierStatus::kAppraisalSupplement;
  d.supplement_items = std::move(items);
  d.supplement_note = Clean(note);
  d.handling.supplement_late = d.handling.supplement_late || late;
  d.updated_at = now;
  return d;
}

Result<Dossier> ResubmitAfterAppraisal(Dossier d, const Procedure& procedure, Timestamp new_due_at,
                                       Timestamp step_due_at, Timestamp now) {
  if (d.status != DossierStatus::kAppraisalSupplement) {
    return Fail(ErrorCode::kFailedPrecondition, "Hồ sơ không ở trạng thái chờ bổ sung.", "not appraisal supplement");
  }
  if (auto missing = MissingComponents(d, procedure); !missing.empty()) {
    Error e{ErrorCode::kInvalidArgument, "Hồ sơ còn thiếu thành phần bắt buộc.", "missing components", {}};
    for (const auto& m : missing) e.fields.push_back({"components", "Thiếu: " + m});
    return Fail(std::move(e));
  }
  d.status = DossierStatus::kAccepted;
  d.due_at = new_due_at;  // restarts from zero (rules.md §3), not a pause
  d.handling.step_started_at = now;
  d.handling.step_due_at = step_due_at;
  d.handling.restarts += 1;
  d.handling.due_soon_flagged_at.reset();
  d.handling.overdue_flagged_at.reset();
  d.supplement_items.clear();
  d.updated_at = now;
  return d;
}

Result<Dossier> Consult(Dossier d, Consultation c) {
  if (Trim(c.agency_code).empty()) return Invalid("agency_code", "Cần chọn cơ quan được xin ý kiến.");
  if (c.agency_code == d.handling.step_agency) {
    return Invalid("agency_code", "Cơ quan được xin ý kiến phải khác đơn vị đang xử lý.");
  }
  c.task = Clean(c.task, 1000);
  if (c.task.empty()) return Invalid("task", "Cần nêu nội dung xin ý kiến.");
  if (c.due_at <= c.requested_at) return Invalid("days", "Thời hạn trả lời phải lớn hơn 0.");
  c.number = static_cast<int>(d.handling.consultations.size()) + 1;
  c.step = d.handling.step;
  c.planned = false;
  d.updated_at = c.requested_at;
  d.handling.consultations.push_back(std::move(c));
  return d;
}

Result<Dossier> RecordConsultation(Dossier d, int number, std::string reply, std::string by, Timestamp now) {
  auto it = OpenConsultation(d, number);
  if (it == d.handling.consultations.end()) {
    return Invalid("consultation", "Không có yêu cầu phối hợp số " + std::to_string(number) + " đang chờ trả lời.");
  }
  it->reply = Clean(reply);
  if (it->reply.empty()) return Invalid("reply", "Cần nhập nội dung trả lời.");
  it->replied_at = now;
  it->replied_by = std::move(by);
  if (now > it->due_at) NoteDelay(d, it->agency_code);
  d.updated_at = now;
  return d;
}

Result<Dossier> Approve(Dossier d, const ProcessDefinition& p, StepStart next, Timestamp now) {
  if (d.handling.results.empty()) return Invalid("result", "Cần đính kèm văn bản kết quả trước khi phê duyệt.");
  Complete(d, now);
  d.status = DossierStatus::kResultReady;
  d.decided_at = now;
  EnterStep(d, p, d.handling.step + 1, std::move(next), now);
  return d;
}

Result<Dossier> Reject(Dossier d, const ProcessDefinition& p, std::string reason, StepStart next, Timestamp now) {
  d.handling.decision_reason = Clean(reason);
  if (d.handling.decision_reason.empty()) return Invalid("reason", "Cần nêu rõ lý do từ chối giải quyết.");
  Complete(d, now);
  d.status = DossierStatus::kRejected;
  d.decided_at = now;
  EnterStep(d, p, d.handling.step + 1, std::move(next), now);
  return d;
}

Result<Dossier> AttachResult(Dossier d, ResultDocument doc) {
  if (doc.sha256.size() != 64) return Invalid("file", "Tệp kết quả không hợp lệ.");
  std::erase_if(d.handling.results, [&](const ResultDocument& r) { return r.sha256 == doc.sha256; });
  d.updated_at = doc.attached_at;
  d.handling.results.push_back(std::move(doc));
  return d;
}

Result<Dossier> ReturnResult(Dossier d, std::string method, Timestamp now) {
  if (method != "desk" && method != "postal" && method != "online") {
    return Invalid("method", "Hình thức trả kết quả phải là tại quầy, bưu chính hoặc trực tuyến.");
  }
  if (method == "online" && d.status == DossierStatus::kResultReady && d.handling.results.empty()) {
    return Invalid("method", "Chưa có kết quả điện tử để trả trực tuyến.");
  }
  d.handling.returned_at = now;
  d.handling.return_method = std::move(method);
  if (d.status == DossierStatus::kResultReady) d.status = DossierStatus::kReturned;
  d.handling.assignee.clear();
  d.updated_at = now;
  return d;
}

Result<Dossier> Apologize(Dossier d, std::string reason, Timestamp new_due_at, std::string by, Timestamp now) {
  reason = Clean(reason);
  if (reason.empty()) return Invalid("reason", "Cần nêu lý do chậm trả kết quả.");
  if (!d.due_at || new_due_at <= *d.due_at) {
    return Invalid("new_due_date", "Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại.");
  }
  d.handling.original_due_at = d.due_at;
  d.due_at = new_due_at;
  d.handling.apologized_at = now;
  d.handling.apology_reason = std::move(reason);
  d.handling.apologized_by = std::move(by);
  d.handling.due_soon_flagged_at.reset();
  d.handling.overdue_flagged_at.reset();
  d.updated_at = now;
  return d;
}

Result<Dossier> Pause(Dossier d, std::string reason, Timestamp now) {
  reason = Clean(reason);
  if (reason.empty()) return Invalid("reason", "Cần nêu lý do tạm dừng.");
  d.status = DossierStatus::kPaused;
  d.handling.paused_at = now;
  d.handling.pause_reason = std::move(reason);
  d.updated_at = now;
  return d;
}

Result<Dossier> Resume(Dossier d, Timestamp new_due_at, std::optional<Timestamp> new_step_due_at, Timestamp now) {
  d.status = DossierStatus::kAccepted;
  d.due_at = new_due_at;
  if (new_step_due_at) d.handling.step_due_at = new_step_due_at;
  d.handling.paused_at.reset();
  d.updated_at = now;
  return d;
}

Timeliness ClassifyCompletion(Timestamp done, Timestamp due) {
  if (done > due) return Timeliness::kLate;
  if (ToVietnam(done).date < ToVietnam(due).date) return Timeliness::kEarly;
  return Timeliness::kOnTime;
}

const char* TimelinessKey(Timeliness t) {
  switch (t) {
    case Timeliness::kEarly: return "early";
    case Timeliness::kOnTime: return "on_time";
    case Timeliness::kLate: return "late";
  }
  return "on_time";
}

const char* TimelinessLabel(Timeliness t) {
  switch (t) {
    case Timeliness::kEarly: return "Trước hạn";
    case Timeliness::kOnTime: return "Đúng hạn";
    case Timeliness::kLate: return "Quá hạn";
  }
  return "";
}

DueStatus ClassifyDue(const Dossier& d, Timestamp now, Timestamp soon_limit) {
  if (!IsInHandling(d.status) || !d.due_at) return DueStatus::kNone;
  if (now > *d.due_at) return DueStatus::kOverdue;
  if (*d.due_at <= soon_limit) return DueStatus::kDueSoon;
  return DueStatus::kOnTime;
}

const char* DueStatusKey(DueStatus s) {
  switch (s) {
    case DueStatus::kNone: return "none";
    case DueStatus::kOnTime: return "on_time";
    case DueStatus::kDueSoon: return "due_soon";
    case DueStatus::kOverdue: return "overdue";
  }
  return "none";
}

const char* DueStatusLabel(DueStatus s) {
  switch (s) {
    case DueStatus::kNone: return "";
    case DueStatus::kOnTime: return "Trong hạn";
    case DueStatus::kDueSoon: return "Sắp đến hạn";
    case DueStatus::kOverdue: return "Quá hạn";
  }
  return "";
}

std::optional<DueStatus> ParseDueStatus(std::string_view key) {
  for (DueStatus s : {DueStatus::kNone, DueStatus::kOnTime, DueStatus::kDueSoon, DueStatus::kOverdue}) {
    if (key == DueStatusKey(s)) return s;
  }
  return std::nullopt;
}

int OpenConsultations(const Dossier& d) {
  int n = 0;
  for (const auto& c : d.handling.consultations) n += !c.replied_at && c.step == d.handling.step ? 1 : 0;
  return n;
}

}  // namespace motcua::domain
