#include "app/handling/handling_service.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/text.hpp"
#include "domain/dossier/dossier_code.hpp"
#include "domain/dossier/file_type.hpp"

namespace motcua::app {

using namespace motcua::domain;

namespace {

bool IsReceptionAction(const std::string& a) {
  return a == "accept" || a == "refuse" || a == "submit" || a == "resubmit" || a == "withdraw";
}

tl::unexpected<Error> Invalid(std::string field, std::string message) {
  Error e{ErrorCode::kInvalidArgument, message, "invalid " + field, {}};
  e.fields.push_back({std::move(field), std::move(message)});
  return Fail(std::move(e));
}

std::string CodeOf(const Dossier& d) { return d.code.empty() ? "#" + std::to_string(d.id) : d.code; }

}  // namespace

HandlingService::HandlingService(DossierService& dossier_service, DossierRepository& dossiers,
                                 ProcessRepository& processes, WorklistRepository& worklists, FileStore& files,
                                 CatalogService& catalog, CalendarService& calendar, AccountService& accounts,
                                 AccountRepository& users, const Clock& clock, HandlingOptions options)
    : dossier_service_(dossier_service),
      dossiers_(dossiers),
      processes_(processes),
      worklists_(worklists),
      files_(files),
      catalog_(catalog),
      calendar_(calendar),
      accounts_(accounts),
      users_(users),
      clock_(clock),
      options_(options) {
  dossier_service_.SetHandlingStart([this](Dossier d, Timestamp now) { return StartHandling(std::move(d), now); });
  dossier_service_.SetAppraisalResubmit([this](const Principal& who, const Dossier& d, const std::string& request_id) {
    HandlingInput in;
    in.action = "resubmit";
    in.version = d.version;
    return Act(who, std::to_string(d.id), in, request_id);
  });
}

std::string HandlingService::Actor(const Principal& who) const {
  const User& u = who.user;
  return !u.username.empty() ? u.username : !u.id_number.empty() ? u.id_number : u.tax_code;
}

HandlingActor HandlingService::ActorOf(const Principal& who) {
  auto index = catalog_.Snapshot();
  std::shared_ptr<const CatalogIndex> snapshot = index ? *index : nullptr;
  User u = who.user;
  return HandlingActor{Actor(who), u.role, [snapshot, u](const std::string& agency) {
                         if (!IsOfficer(u.role)) return false;
                         if (u.role == Role::kSystemAdmin) return true;
                         return snapshot && AgencyInScope(*snapshot, u.agency_code, agency);
                       }};
}

Result<Timestamp> HandlingService::Due(Timestamp from, double days, const std::string& agency) {
  return calendar_.DueTime(from, days, agency);
}

Result<Timestamp> HandlingService::SoonLimit(Timestamp now) { return Due(now, options_.due_soon_days, ""); }

Result<Dossier> HandlingService::Load(const Principal& who, const std::string& id_or_code,
                                      const std::string& request_id) {
  Result<Dossier> d = Fail(ErrorCode::kNotFound, "Không tìm thấy hồ sơ.", "bad id");
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(id_or_code.data(), id_or_code.data() + id_or_code.size(), id);
  if (ec == std::errc() && ptr == id_or_code.data() + id_or_code.size() && id > 0) {
    d = dossiers_.FindById(id);
  } else if (LooksLikeDossierCode(id_or_code)) {
    d = dossiers_.FindByCode(id_or_code);
  }
  if (!d) return d;
  const User& u = who.user;
  bool visible = false;
  if (!IsOfficer(u.role)) {
    visible = d->owner_user_id != 0 && d->owner_user_id == u.id;
  } else {
    // The receiving agency, the unit holding it (liên thông) and consulted
    // agencies all see the dossier.
    auto actor = ActorOf(who);
    visible = actor.covers(d->agency_code) || (!d->handling.step_agency.empty() && actor.covers(d->handling.step_agency));
    for (const auto& c : d->handling.consultations) visible = visible || actor.covers(c.agency_code);
  }
  if (!visible) {
    accounts_.AuditDenied(Actor(who), "dossier " + CodeOf(*d) + " (view)", request_id);
    return Fail(ErrorCode::kNotFound, "Không tìm thấy hồ sơ.", "dossier not visible to caller");
  }
  return d;
}

Result<ProcessDefinition> HandlingService::ProcessOf(const Dossier& d) {
  if (d.handling.process_version > 0) {
    auto versions = processes_.Versions(d.procedure_code);
    if (!versions) return Fail(versions.error());
    for (const auto& v : *versions) {
      if (v.version == d.handling.process_version) return v;
    }
  }
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  const Procedure* p = (*index)->FindProcedure(d.procedure_code);
  if (!p) return Fail(ErrorCode::kNotFound, "Thủ tục của hồ sơ không còn trong danh mục.", "procedure gone");
  return DefaultProcess(*p);
}

Result<ProcessDefinition> HandlingService::CurrentProcess(const std::string& procedure_code) {
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  const Procedure* p = (*index)->FindProcedure(procedure_code);
  if (!p) return Fail(ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.", "unknown procedure");
  auto versions = processes_.Versions(procedure_code);
  if (!versions) return Fail(versions.error());
  if (const ProcessDefinition* v = VersionInForce(*versions, calendar_.Today())) return *v;
  return DefaultProcess(*p);
}

Result<std::vector<ProcessDefinition>> HandlingService::ProcessVersions(const std::string& procedure_code) {
  return processes_.Versions(procedure_code);
}

Result<ProcessDefinition> HandlingService::SaveProcess(const Principal& who, ProcessDefinition def,
                                                       const std::string& request_id) {
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  const Procedure* p = (*index)->FindProcedure(def.procedure_code);
  if (!p) return Fail(ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.", "unknown procedure");
  const User& u = who.user;
  bool allowed = u.role == Role::kSystemAdmin ||
                 (u.role == Role::kAgencyAdmin && AgencyInScope(**index, u.agency_code, p->agency_codes.front()));
  if (!allowed) {
    accounts_.AuditDenied(Actor(who), "process " + p->code, request_id);
    return Fail(ErrorCode::kForbidden, "Chỉ quản trị của cơ quan thực hiện thủ tục được sửa quy trình nội bộ.",
                "not an administrator of the procedure");
  }
  std::vector<FieldError> problems;
  for (std::size_t i = 0; i < def.steps.size(); ++i) {
    auto& s = def.steps[i];
    s.name = ToNfc(Trim(s.name)).value_or("");
    s.unit = ToNfc(Trim(s.unit)).value_or("");
    if (!s.agency_code.empty() && !(*index)->FindAgency(s.agency_code)) {
      problems.push_back({fmt::format("steps[{}].agency_code", i), "Không có cơ quan mã " + s.agency_code + "."});
    }
    for (std::size_t b = 0; b < s.parallel.size(); ++b) {
      if (!s.parallel[b].agency_code.empty() && !(*index)->FindAgency(s.parallel[b].agency_code)) {
        problems.push_back({fmt::format("steps[{}].parallel[{}].agency_code", i, b),
                            "Không có cơ quan mã " + s.parallel[b].agency_code + "."});
      }
    }
  }
  if (def.effective_from < calendar_.Today()) {
    problems.push_back({"effective_from", "Ngày hiệu lực không được trước ngày hôm nay."});
  }
  auto valid = ValidateProcess(def, p->processing_days);
  if (!valid) {
    for (auto& f : valid.error().fields) problems.push_back(f);
  }
  if (!problems.empty()) {
    return Fail(Error{ErrorCode::kInvalidArgument, "Quy trình nội bộ chưa hợp lệ.", "invalid process", problems});
  }
  Timestamp now = clock_.Now();
  def.note = ToNfc(Trim(def.note)).value_or("").substr(0, 1000);
  def.created_by = Actor(who);
  def.created_at = now;
  return processes_.AddVersion(def, AuditEvent{now, Actor(who), "process.save", p->code,
                                               "effective " + FormatIsoDate(def.effective_from), request_id});
}

Result<StepStart> HandlingService::StartOf(const Dossier& d, const ProcessDefinition& p, int step,
                                           const std::string& assignee, const std::string& actor, Timestamp now) {
  const HandlingStep& s = p.steps.at(step);
  StepStart start;
  auto due = Due(now, s.days, StepAgency(s, d.agency_code));
  if (!due) return Fail(due.error());
  start.due_at = *due;
  start.assignee = std::string(Trim(assignee));
  for (const auto& branch : s.parallel) {
    auto branch_due = Due(now, branch.days, branch.agency_code);
    if (!branch_due) return Fail(branch_due.error());
    start.consultations.push_back(
        Consultation{0, step, true, branch.agency_code, branch.task, actor, now, *branch_due, std::nullopt, "", ""});
  }
  return start;
}

Result<Dossier> HandlingService::StartHandling(Dossier d, Timestamp now) {
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  const Procedure* p = (*index)->FindProcedure(d.procedure_code);
  if (!p) return Fail(ErrorCode::kNotFound, "Thủ tục của hồ sơ không còn trong danh mục.", "procedure gone");
  auto versions = processes_.Versions(d.procedure_code);
  if (!versions) return Fail(versions.error());
  const ProcessDefinition* stored = VersionInForce(*versions, ToVietnam(now).date);
  ProcessDefinition process = stored ? *stored : DefaultProcess(*p);
  auto start = StartOf(d, process, 0, d.channel == Channel::kDesk ? d.received_by : "", d.received_by, now);
  if (!start) return Fail(start.error());
  return StartProcess(std::move(d), process, std::move(*start), now);
}

Result<Dossier> HandlingService::Save(const Principal& who, const Dossier& before, const Dossier& after,
                                      const std::string& action, const std::string& note,
                                      const std::string& applicant_title, const std::string& applicant_body,
                                      const std::string& request_id) {
  Timestamp now = clock_.Now();
  Dossier stored = after;
  stored.updated_at = now;
  if (IsOfficer(who.user.role)) NoteHandler(stored, Actor(who));
  std::string receiver = after.handling.assignee;
  if (receiver.empty() && after.handling.step >= 0) receiver = after.handling.step_agency;
  if (action == "return_result") receiver = after.applicant.full_name;
  DossierChange change{stored,
                       before.version,
                       DossierEvent{now, Actor(who), action, DossierStatusKey(before.status),
                                    DossierStatusKey(after.status), note, before.handling.step, receiver,
                                    before.handling.step_due_at},
                       AuditEvent{now, Actor(who), "dossier." + action, CodeOf(after), note, request_id},
                       std::nullopt,
                       {}};
  if (before.owner_user_id && !applicant_title.empty()) {
    change.notice = Notice{before.owner_user_id, before.id, now, applicant_title, applicant_body};
  }
  // The officer who now holds the dossier is told so.
  if (!after.handling.assignee.empty() && after.handling.assignee != before.handling.assignee &&
      after.handling.assignee != Actor(who)) {
    if (auto user = users_.FindUserByLogin(after.handling.assignee)) {
      change.officer_notices.push_back(Notice{user->id, before.id, now, "Hồ sơ mới cần xử lý",
                                              fmt::format("Hồ sơ {} ({}) được chuyển đến bạn. Hạn bước: {}.",
                                                          CodeOf(after), after.procedure_name,
                                                          after.handling.step_due_at
                                                              ? FormatVnDateTime(*after.handling.step_due_at)
                                                              : std::string("-"))});
    }
  }
  return dossiers_.Update(change);
}

Result<Dossier> HandlingService::Act(const Principal& who, const std::string& id_or_code, const HandlingInput& in,
                                     const std::string& request_id) {
  auto action = ParseHandlingAction(in.action);
  if (!action && !IsReceptionAction(in.action)) {
    return Invalid("action", "Thao tác \"" + in.action + "\" không hợp lệ.");
  }
  auto d = Load(who, id_or_code, request_id);
  if (!d) return d;
  bool reception = IsReceptionAction(in.action) ||
                   (in.action == "request_supplement" && d->status == DossierStatus::kSubmitted);
  if (reception && !(in.action == "resubmit" && d->status == DossierStatus::kAppraisalSupplement)) {
    DossierAction a{in.action, in.version, in.items, in.note, in.reason};
    return dossier_service_.Act(who, id_or_code, a, request_id);
  }
  if (in.version != d->version) {
    return Fail(ErrorCode::kConflict, "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại trang và thử lại.",
                fmt::format("stale version {} != {}", in.version, d->version));
  }
  auto process = ProcessOf(*d);
  if (!process) return Fail(process.error());
  Timestamp now = clock_.Now();
  const std::string name = d->procedure_name;

  if (!action) {  // resubmission after a supplement requested during appraisal
    if (who.user.id != d->owner_user_id || IsOfficer(who.user.role)) {
      return Fail(ErrorCode::kForbidden, "Chỉ người nộp hồ sơ được nộp bổ sung.", "not the applicant");
    }
    auto index = catalog_.Snapshot();
    if (!index) return Fail(index.error());
    const Procedure* p = (*index)->FindProcedure(d->procedure_code);
    if (!p) return Fail(ErrorCode::kNotFound, "Thủ tục của hồ sơ không còn trong danh mục.", "procedure gone");
    auto due = Due(now, d->processing_days, d->agency_code);
    if (!due) return Fail(due.error());
    const HandlingStep& step = process->steps.at(d->handling.step);
    auto step_due = Due(now, step.days, d->handling.step_agency);
    if (!step_due) return Fail(step_due.error());
    auto after = ResubmitAfterAppraisal(*d, *p, *due, *step_due, now);
    if (!after) return after;
    return Save(who, *d, *after, "resubmit", "", "Đã nộp bổ sung hồ sơ",
                fmt::format("Hồ sơ {} đã được bổ sung. Thời hạn giải quyết được tính lại từ đầu, hẹn trả kết quả: {}.",
                            CodeOf(*d), FormatVnDateTime(*due)),
                request_id);
  }

  HandlingActor actor = ActorOf(who);
  if (auto ok = CheckHandlingAction(*d, *process, *action, actor); !ok) {
    if (ok.error().code == ErrorCode::kForbidden) {
      accounts_.AuditDenied(Actor(who), fmt::format("dossier {} ({})", CodeOf(*d), in.action), request_id);
    }
    return Fail(ok.error());
  }
  auto check_assignee = [&](const Dossier& at, const std::string& username) -> Status {
    if (Trim(username).empty()) return {};
    auto user = users_.FindUserByLogin(std::string(Trim(username)));
    if (!user || !user->active || !IsOfficer(user->role)) {
      return Invalid("assignee", "Không tìm thấy cán bộ \"" + std::string(Trim(username)) + "\".");
    }
    auto index = catalog_.Snapshot();
    if (!index) return Fail(index.error());
    bool covers = user->role == Role::kSystemAdmin ||
                  AgencyInScope(**index, user->agency_code, at.handling.step_agency);
    return CheckAssignee(at, *process, user->role, covers);
  };
  using A = HandlingAction;
  switch (*action) {
    case A::kAssign: {
      auto after = Assign(*d, in.assignee, now);
      if (!after) return after;
      if (auto ok = check_assignee(*after, in.assignee); !ok) return Fail(ok.error());
      return Save(who, *d, *after, "assign", in.note, "", "", request_id);
    }
    case A::kForward:
    case A::kSendBack: {
      int target = d->handling.step + (*action == A::kForward ? 1 : -1);
      auto start = StartOf(*d, *process, target, in.assignee, Actor(who), now);
      if (!start) return Fail(start.error());
      auto after = *action == A::kForward ? Forward(*d, *process, *start, now)
                                          : SendBack(*d, *process, in.reason, *start, now);
      if (!after) return after;
      if (auto ok = check_assignee(*after, in.assignee); !ok) return Fail(ok.error());
      const HandlingStep& s = process->steps[target];
      return Save(who, *d, *after, HandlingActionKey(*action), *action == A::kSendBack ? in.reason : in.note,
                  "Hồ sơ được chuyển xử lý",
                  fmt::format("Hồ sơ {} đang ở bước \"{}\" ({}).", CodeOf(*d), s.name, s.unit), request_id);
    }
    case A::kRequestSupplement: {
      auto limit = Due(*d->received_at, 3, d->agency_code);
      if (!limit) return Fail(limit.error());
      auto after = RequestAppraisalSupplement(*d, in.items, in.note, now > *limit, now);
      if (!after) return after;
      std::string list;
      for (const auto& item : after->supplement_items) list += "\n- " + item;
      return Save(who, *d, *after, "request_supplement", in.note, "Yêu cầu bổ sung, hoàn thiện hồ sơ",
                  fmt::format("Hồ sơ {} cần bổ sung:{}\nKhi bạn nộp đủ, thời hạn giải quyết được tính lại từ đầu.",
                              CodeOf(*d), list),
                  request_id);
    }
    case A::kConsult: {
      auto index = catalog_.Snapshot();
      if (!index) return Fail(index.error());
      const Agency* agency = (*index)->FindAgency(in.agency_code);
      if (!agency) return Invalid("agency_code", "Không tìm thấy cơ quan được xin ý kiến.");
      if (!std::isfinite(in.days) || in.days <= 0 || in.days > 60) {
        return Invalid("days", "Thời hạn trả lời từ 0,5 đến 60 ngày làm việc.");
      }
      auto due = Due(now, in.days, in.agency_code);
      if (!due) return Fail(due.error());
      auto after = Consult(*d, Consultation{0, 0, false, in.agency_code, in.task, Actor(who), now, *due,
                                            std::nullopt, "", ""});
      if (!after) return after;
      return Save(who, *d, *after, "consult", agency->name + ": " + in.task, "Hồ sơ đang lấy ý kiến phối hợp",
                  fmt::format("Hồ sơ {} đang được lấy ý kiến của {}.", CodeOf(*d), agency->name), request_id);
    }
    case A::kRecordConsultation: {
      auto after = RecordConsultation(*d, in.consultation, in.reply, Actor(who), now);
      if (!after) return after;
      return Save(who, *d, *after, "record_consultation", fmt::format("#{}: {}", in.consultation, in.reply), "", "",
                  request_id);
    }
    case A::kApprove:
    case A::kReject:
      return Decide(who, *d, *process, in, *action, request_id);
    case A::kAttachResult: {
      if (in.file_bytes.empty()) return Invalid("file", "Cần chọn tệp kết quả (PDF).");
      if (static_cast<std::int64_t>(in.file_bytes.size()) > kMaxUploadBytes) {
        return Fail(ErrorCode::kPayloadTooLarge, "Tệp kết quả vượt quá dung lượng tối đa 10 MB.", "too large");
      }
      if (DetectFileType(in.file_bytes) != std::optional<std::string>("application/pdf")) {
        return Invalid("file", "Văn bản kết quả phải là tệp PDF.");
      }
      auto sha = files_.Put(in.file_bytes);  // written before the row that references it
      if (!sha) return Fail(sha.error());
      std::string file_name = ToNfc(Trim(in.file_name)).value_or("ket-qua.pdf");
      for (char& c : file_name) {
        if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
      }
      if (file_name.empty()) file_name = "ket-qua.pdf";
      auto after = AttachResult(*d, ResultDocument{*sha, file_name.substr(0, 200),
                                                   static_cast<std::int64_t>(in.file_bytes.size()), Actor(who), now});
      if (!after) return after;
      return Save(who, *d, *after, "attach_result", file_name + " sha256:" + *sha, "", "", request_id);
    }
    case A::kReturnResult: {
      if (in.method == "online" && !d->owner_user_id) {
        return Invalid("method", "Người nộp không có tài khoản để nhận kết quả trực tuyến.");
      }
      auto after = ReturnResult(*d, in.method, now);
      if (!after) return after;
      const char* how = in.method == "online" ? "trực tuyến: bạn có thể tải kết quả trên Cổng"
                        : in.method == "postal" ? "qua dịch vụ bưu chính"
                                                : "tại Bộ phận Một cửa";
      std::string body = fmt::format("Kết quả hồ sơ {} đã được trả {}.", CodeOf(*d), how);
      if (return_observer_) body += return_observer_->NoticeAddendum(*after);
      auto saved = Save(who, *d, *after, "return_result", in.method, "Đã trả kết quả", body, request_id);
      if (saved && return_observer_) return_observer_->Returned(Actor(who), *saved);
      return saved;
    }
    case A::kApologize: {
      if (!in.new_due_date) return Invalid("new_due_date", "Cần chọn ngày hẹn trả kết quả mới.");
      auto cal = calendar_.Calendar();
      if (!cal) return Fail(cal.error());
      if (!(*cal)->IsWorkingDay(*in.new_due_date)) {
        return Invalid("new_due_date", "Ngày hẹn mới phải là ngày làm việc.");
      }
      auto hours = calendar_.OfficeHours(d->agency_code);
      if (!hours) return Fail(hours.error());
      int end = hours->sessions.empty() ? 17 * 60 : hours->sessions.back().end;
      Timestamp new_due = FromVietnam(*in.new_due_date, end);
      auto after = Apologize(*d, in.reason, new_due, Actor(who), now);
      if (!after) return after;
      return Save(who, *d, *after, "apologize", in.reason, "Thư xin lỗi và hẹn lại ngày trả kết quả",
                  fmt::format("Cơ quan giải quyết xin lỗi vì hồ sơ {} chậm so với hẹn. Lý do: {}. Ngày hẹn mới: {}.",
                              CodeOf(*d), after->handling.apology_reason, FormatVnDateTime(new_due)),
                  request_id);
    }
    case A::kPause: {
      auto after = Pause(*d, in.reason, now);
      if (!after) return after;
      return Save(who, *d, *after, "pause", in.reason, "Tạm dừng giải quyết hồ sơ",
                  fmt::format("Hồ sơ {} tạm dừng giải quyết: {}.", CodeOf(*d), after->handling.pause_reason),
                  request_id);
    }
    case A::kResume: {
      auto cal = calendar_.Calendar();
      if (!cal) return Fail(cal.error());
      // The clock stopped while paused: the due times move by the working
      // days that passed.
      int paused_days = (*cal)->WorkingDaysBetween(ToVietnam(*d->handling.paused_at).date, ToVietnam(now).date);
      Timestamp new_due = *d->due_at;
      std::optional<Timestamp> new_step_due = d->handling.step_due_at;
      if (paused_days > 0) {
        auto moved = Due(*d->due_at, paused_days, d->agency_code);
        if (!moved) return Fail(moved.error());
        new_due = *moved;
        if (new_step_due) {
          auto step_moved = Due(*new_step_due, paused_days, d->handling.step_agency);
          if (!step_moved) return Fail(step_moved.error());
          new_step_due = *step_moved;
        }
      }
      auto after = Resume(*d, new_due, new_step_due, now);
      if (!after) return after;
      return Save(who, *d, *after, "resume", fmt::format("{} ngày làm việc", paused_days), "Tiếp tục giải quyết hồ sơ",
                  fmt::format("Hồ sơ {} được tiếp tục giải quyết. Hẹn trả kết quả: {}.", CodeOf(*d),
                              FormatVnDateTime(new_due)),
                  request_id);
    }
  }
  return Invalid("action", "Thao tác không hợp lệ.");
}

Result<Dossier> HandlingService::Decide(const Principal& who, const Dossier& d, const ProcessDefinition& p,
                                        const HandlingInput& in, HandlingAction action,
                                        const std::string& request_id) {
  Timestamp now = clock_.Now();
  auto start = StartOf(d, p, d.handling.step + 1, in.assignee, Actor(who), now);
  if (!start) return Fail(start.error());
  auto after = action == HandlingAction::kApprove ? Approve(d, p, *start, now) : Reject(d, p, in.reason, *start, now);
  if (!after) return after;
  std::string code = CodeOf(d);
  if (action == HandlingAction::kReject) {
    return Save(who, d, *after, "reject", after->handling.decision_reason, "Từ chối giải quyết hồ sơ",
                fmt::format("Hồ sơ {} không được giải quyết. Lý do: {}.", code, after->handling.decision_reason),
                request_id);
  }
  bool early = after->handling.outcome == "early";
  return Save(who, d, *after, "approve", in.note, early ? "Hồ sơ đã có kết quả trước hạn" : "Hồ sơ đã có kết quả",
              early ? fmt::format("Hồ sơ {} đã có kết quả sớm hơn ngày hẹn {}. Bạn có thể nhận kết quả ngay.", code,
                                  FormatVnDateTime(*d.due_at))
                    : fmt::format("Hồ sơ {} đã có kết quả.", code),
              request_id);
}

Result<std::vector<std::pair<std::string, std::string>>> HandlingService::BulkAssign(
    const Principal& who, const std::vector<std::string>& codes, const std::string& assignee,
    const std::string& request_id) {
  if (codes.empty()) return Invalid("codes", "Cần chọn ít nhất một hồ sơ.");
  if (codes.size() > 200) return Invalid("codes", "Mỗi lần phân công tối đa 200 hồ sơ.");
  std::vector<std::pair<std::string, std::string>> failed;
  for (const auto& code : codes) {
    auto d = Load(who, code, request_id);
    if (!d) {
      failed.emplace_back(code, d.error().user_message);
      continue;
    }
    HandlingInput in;
    in.action = "assign";
    in.version = d->version;
    in.assignee = assignee;
    if (auto done = Act(who, code, in, request_id); !done) failed.emplace_back(code, done.error().user_message);
  }
  return failed;
}

Result<DossierWork> HandlingService::Work(const Principal& who, const std::string& id_or_code,
                                          const std::string& request_id) {
  auto d = Load(who, id_or_code, request_id);
  if (!d) return Fail(d.error());
  DossierWork work;
  auto process = ProcessOf(*d);
  if (!process) return Fail(process.error());
  work.process = std::move(*process);
  if (IsOfficer(who.user.role)) work.actions = AvailableHandlingActions(*d, work.process, ActorOf(who));
  Timestamp now = clock_.Now();
  auto soon = SoonLimit(now);
  if (soon) work.due = ClassifyDue(*d, now, *soon);
  work.dossier = std::move(*d);
  return work;
}

Result<std::vector<User>> HandlingService::Assignees(const DossierWork& work) {
  const Dossier& d = work.dossier;
  if (d.handling.step < 0 || d.handling.step >= static_cast<int>(work.process.steps.size())) {
    return std::vector<User>{};
  }
  Role role = work.process.steps[d.handling.step].role;
  auto users = accounts_.ListUsers(true);
  if (!users) return Fail(users.error());
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  std::vector<User> out;
  for (auto& u : *users) {
    if (u.active && u.role == role && AgencyInScope(**index, u.agency_code, d.handling.step_agency)) {
      out.push_back(std::move(u));
    }
  }
  return out;
}

Result<std::vector<WorklistItem>> HandlingService::Worklist(const Principal& who, WorklistQuery query) {
  const User& u = who.user;
  if (!IsOfficer(u.role)) {
    return Fail(ErrorCode::kForbidden, "Danh sách hồ sơ cần xử lý chỉ dành cho cán bộ.", "not an officer");
  }
  query.username = Actor(who);
  query.agencies.clear();
  if (u.role != Role::kSystemAdmin) {
    auto index = catalog_.Snapshot();
    if (!index) return Fail(index.error());
    query.agencies = AgencySubtree(**index, u.agency_code);
  }
  // A specialist's or desk officer's unit queue holds the steps of their role;
  // leaders and administrators see every unassigned step of their units.
  if (query.tab == WorklistTab::kUnit && (u.role == Role::kSpecialist || u.role == Role::kDeskOfficer)) {
    query.step_role = u.role;
  }
  query.now = clock_.Now();
  auto soon = SoonLimit(query.now);
  if (!soon) return Fail(soon.error());
  query.soon_limit = *soon;
  query.limit = std::clamp(query.limit, 1, 100);
  return worklists_.Worklist(query);
}

Result<WorklistCounts> HandlingService::Counts(const Principal& who) {
  const User& u = who.user;
  if (!IsOfficer(u.role)) return Fail(ErrorCode::kForbidden, "Chỉ dành cho cán bộ.", "not an officer");
  WorklistQuery query;
  query.username = Actor(who);
  if (u.role != Role::kSystemAdmin) {
    auto index = catalog_.Snapshot();
    if (!index) return Fail(index.error());
    query.agencies = AgencySubtree(**index, u.agency_code);
  }
  if (u.role == Role::kSpecialist || u.role == Role::kDeskOfficer) query.step_role = u.role;
  query.now = clock_.Now();
  auto soon = SoonLimit(query.now);
  if (!soon) return Fail(soon.error());
  query.soon_limit = *soon;
  return worklists_.Counts(query, 1000);
}

std::vector<DueStatus> HandlingService::DueOf(const std::vector<WorklistItem>& items) {
  Timestamp now = clock_.Now();
  auto soon = SoonLimit(now);
  std::vector<DueStatus> out;
  out.reserve(items.size());
  Dossier d;
  for (const auto& item : items) {
    d.status = item.status;
    d.due_at = item.due_at;
    out.push_back(soon ? ClassifyDue(d, now, *soon) : DueStatus::kNone);
  }
  return out;
}

Result<DueScanResult> HandlingService::ScanDeadlines(const std::string& request_id) {
  Timestamp now = clock_.Now();
  auto soon = SoonLimit(now);
  if (!soon) return Fail(soon.error());
  return worklists_.FlagDeadlines(now, *soon, "Hồ sơ sắp đến hạn", "Hồ sơ đã quá hạn", request_id);
}

Result<ControlSlip> HandlingService::ControlSlipOf(const Principal& who, const std::string& id_or_code,
                                                   const std::string& request_id) {
  auto d = Load(who, id_or_code, request_id);
  if (!d) return Fail(d.error());
  auto process = ProcessOf(*d);
  if (!process) return Fail(process.error());
  auto events = dossiers_.History(d->id);
  if (!events) return Fail(events.error());
  return ControlSlip{*d, BuildControlSlip(*events, *process)};
}

Result<std::vector<Dossier>> HandlingService::Register(const Principal& who, const std::string& agency_code,
                                                       int year, const std::string& request_id) {
  const User& u = who.user;
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  if (!(*index)->FindAgency(agency_code)) return Invalid("agency", "Không tìm thấy cơ quan.");
  if (year < 2000 || year > 2100) return Invalid("year", "Năm không hợp lệ.");
  if (!IsOfficer(u.role) || (u.role != Role::kSystemAdmin && !AgencyInScope(**index, u.agency_code, agency_code))) {
    accounts_.AuditDenied(Actor(who), "register " + agency_code, request_id);
    return Fail(ErrorCode::kForbidden, "Bạn không có quyền xem sổ theo dõi của cơ quan này.", "out of scope");
  }
  using namespace std::chrono;
  WorklistQuery q;
  q.tab = WorklistTab::kAll;
  q.agencies = {agency_code};
  q.received_from = FromVietnam(Date{std::chrono::year{year}, January, day{1}}, 0);
  q.received_to = FromVietnam(Date{std::chrono::year{year + 1}, January, day{1}}, 0);
  q.now = clock_.Now();
  q.soon_limit = q.now;
  q.limit = 100;
  std::vector<Dossier> out;
  for (int page = 0; page < 500; ++page) {
    auto rows = worklists_.Worklist(q);
    if (!rows) return Fail(rows.error());
    for (const auto& r : *rows) {
      if (!r.received_at) continue;
      auto d = dossiers_.FindById(r.id);
      if (!d) return Fail(d.error());
      out.push_back(std::move(*d));
    }
    if (static_cast<int>(rows->size()) < q.limit) break;
    q.after_id = rows->back().id;
  }
  std::sort(out.begin(), out.end(), [](const Dossier& a, const Dossier& b) { return *a.received_at < *b.received_at; });
  return out;
}

Result<std::string> HandlingService::ResultContent(const Principal& who, const std::string& id_or_code,
                                                   const std::string& sha256, const std::string& request_id) {
  auto d = Load(who, id_or_code, request_id);
  if (!d) return Fail(d.error());
  bool listed = std::any_of(d->handling.results.begin(), d->handling.results.end(),
                            [&](const ResultDocument& r) { return r.sha256 == sha256; });
  if (!listed) return Fail(ErrorCode::kNotFound, "Không tìm thấy văn bản kết quả.", "not a result of the dossier");
  // The applicant downloads the result once it has been returned online.
  if (!IsOfficer(who.user.role) && !(d->handling.returned_at && d->handling.return_method == "online")) {
    return Fail(ErrorCode::kForbidden, "Kết quả chưa được trả trực tuyến.", "result not returned online");
  }
  return files_.Get(sha256);
}

}  // namespace motcua::app
