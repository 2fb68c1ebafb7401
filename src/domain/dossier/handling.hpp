#pragma once
// Handling (giải quyết) of an accepted dossier through its internal process:
// the officers' actions as pure rules (rules.md §3 "Handling" to "Return").
//
// Each action has a check, answering in this order: kFailedPrecondition
// when the dossier's state does not allow it (a precise Vietnamese message
// naming the state), then kForbidden when the actor may not do it, and a
// transition that applies it. Times that need the working-day calendar (a
// step's due time, a new due time after a restart or a pause) are computed
// by the caller and passed in, so these stay pure.
//
// Who may act on the current step: its assignee; when it is unassigned, any
// officer with the step's role whose scope covers the step's unit; and at
// any time a leader or agency administrator covering the unit. Leaders and
// administrators assign; an officer of the step's role may take an
// unassigned dossier. Consulted agencies record their own replies.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/accounts/user.hpp"
#include "domain/dossier/dossier.hpp"
#include "domain/process/process_definition.hpp"

namespace motcua::domain {

enum class HandlingAction {
  kAssign,              // phân công / phân công lại
  kForward,             // chuyển bước tiếp theo
  kSendBack,            // trả lại bước trước
  kRequestSupplement,   // yêu cầu bổ sung trong khi thẩm định
  kConsult,             // xin ý kiến cơ quan khác
  kRecordConsultation,  // ghi nhận ý kiến trả lời
  kApprove,             // phê duyệt
  kReject,              // từ chối giải quyết
  kAttachResult,        // đính kèm kết quả
  kReturnResult,        // trả kết quả
  kApologize,           // xin lỗi và hẹn lại (Mẫu 04)
  kPause,               // tạm dừng
  kResume,              // tiếp tục
};

inline constexpr HandlingAction kAllHandlingActions[] = {
    HandlingAction::kAssign,       HandlingAction::kForward,      HandlingAction::kSendBack,
    HandlingAction::kRequestSupplement, HandlingAction::kConsult, HandlingAction::kRecordConsultation,
    HandlingAction::kApprove,      HandlingAction::kReject,       HandlingAction::kAttachResult,
    HandlingAction::kReturnResult, HandlingAction::kApologize,    HandlingAction::kPause,
    HandlingAction::kResume};

const char* HandlingActionKey(HandlingAction action);    // "assign", "forward", ...
const char* HandlingActionLabel(HandlingAction action);  // Vietnamese
std::optional<HandlingAction> ParseHandlingAction(std::string_view key);

// The officer acting, as the rules need to see them.
struct HandlingActor {
  std::string username;
  Role role = Role::kCitizen;
  // Whether the actor's agency scope contains `agency_code`.
  std::function<bool(const std::string& agency_code)> covers;
};

// Checks whether `actor` may take `action` on `dossier` now (see above).
// For kRecordConsultation the actor needs to cover the agency of an open
// consultation or be able to act on the step.
Status CheckHandlingAction(const Dossier& dossier, const ProcessDefinition& process, HandlingAction action,
                           const HandlingActor& actor);

// The actions `actor` may take now, in kAllHandlingActions order.
std::vector<HandlingAction> AvailableHandlingActions(const Dossier& dossier, const ProcessDefinition& process,
                                                     const HandlingActor& actor);

// Whether an officer with `role` covering `covers_step_agency` may be given
// the current step. Errors: kInvalidArgument (field "assignee").
Status CheckAssignee(const Dossier& dossier, const ProcessDefinition& process, Role role, bool covers_step_agency);

// The start of a step: its due time and, optionally, who takes it; the
// consultations a parallel step opens (one per branch).
struct StepStart {
  Timestamp due_at{};
  std::string assignee;
  std::vector<Consultation> consultations;
};

// Accepted: enters step 0 of `process` (the desk's step).
Dossier StartProcess(Dossier dossier, const ProcessDefinition& process, StepStart start, Timestamp now);

// The transitions. Each assumes CheckHandlingAction passed and validates its
// own inputs (kInvalidArgument with field errors, messages in Vietnamese).
Result<Dossier> Assign(Dossier dossier, std::string assignee, Timestamp now);
Result<Dossier> Forward(Dossier dossier, const ProcessDefinition& process, StepStart next, Timestamp now);
Result<Dossier> SendBack(Dossier dossier, const ProcessDefinition& process, std::string reason, StepStart previous,
                         Timestamp now);
// `late` when more than 3 working days have passed since reception: allowed,
// but flagged (Nghị định 61/2018 Điều 20).
Result<Dossier> RequestAppraisalSupplement(Dossier dossier, std::vector<std::string> items, std::string note,
                                           bool late, Timestamp now);
// appraisal_supplement → accepted: the deadline restarts from zero
// (`new_due_at` is the full processing time counted from now) and the
// current step starts again with `step_due_at`.
Result<Dossier> ResubmitAfterAppraisal(Dossier dossier, const Procedure& procedure, Timestamp new_due_at,
                                       Timestamp step_due_at, Timestamp now);
Result<Dossier> Consult(Dossier dossier, Consultation consultation);
Result<Dossier> RecordConsultation(Dossier dossier, int number, std::string reply, std::string by, Timestamp now);
// The decision at the last leader step. Approve needs a result document.
// Both move to the next step (the return) with `next`.
Result<Dossier> Approve(Dossier dossier, const ProcessDefinition& process, StepStart next, Timestamp now);
Result<Dossier> Reject(Dossier dossier, const ProcessDefinition& process, std::string reason, StepStart next,
                       Timestamp now);
Result<Dossier> AttachResult(Dossier dossier, ResultDocument document);
// method: "desk", "postal" or "online".
Result<Dossier> ReturnResult(Dossier dossier, std::string method, Timestamp now);
// Mẫu 04: at most once; the new due time must be later than the current one.
Result<Dossier> Apologize(Dossier dossier, std::string reason, Timestamp new_due_at, std::string by, Timestamp now);
Result<Dossier> Pause(Dossier dossier, std::string reason, Timestamp now);
// The due times moved by the paused time, computed by the caller.
Result<Dossier> Resume(Dossier dossier, Timestamp new_due_at, std::optional<Timestamp> new_step_due_at, Timestamp now);

// Timeliness of a result (kết quả trước hạn / đúng hạn / quá hạn): early if
// ready on a day (Vietnam's clock) before the due day, late if after the due
// time, else on time.
enum class Timeliness { kEarly, kOnTime, kLate };
Timeliness ClassifyCompletion(Timestamp done, Timestamp due);
const char* TimelinessKey(Timeliness t);    // "early", "on_time", "late"
const char* TimelinessLabel(Timeliness t);  // "Trước hạn", "Đúng hạn", "Quá hạn"

// Deadline status of an open dossier for worklists and the lateness job.
enum class DueStatus { kNone, kOnTime, kDueSoon, kOverdue };
// kNone when not in handling; kOverdue past `due_at`; kDueSoon when due
// by `soon_limit` (now + the configured working days).
DueStatus ClassifyDue(const Dossier& dossier, Timestamp now, Timestamp soon_limit);
const char* DueStatusKey(DueStatus s);    // "none", "on_time", "due_soon", "overdue"
const char* DueStatusLabel(DueStatus s);  // Vietnamese
std::optional<DueStatus> ParseDueStatus(std::string_view key);

// Open consultations of the current step.
int OpenConsultations(const Dossier& dossier);

}  // namespace motcua::domain
