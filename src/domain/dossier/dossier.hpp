#pragma once
// Dossier (hồ sơ): what an applicant submits for one procedure, from draft
// through reception at the one-stop desk (Nghị định 61/2018 Điều 15–19,
// carried into Nghị định 118/2025; rules.md §3).
//
// A plain value type with an append-only history kept by the store; the
// transition functions below are the rules of who may move it where. Each
// returns the changed dossier or kFailedPrecondition when the move is not
// allowed from the current status.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/accounts/user.hpp"
#include "domain/catalog/procedure.hpp"

namespace motcua::domain {

enum class DossierStatus {
  kDraft,                // nháp: being prepared online
  kSubmitted,            // chờ tiếp nhận: online or postal, waiting for the desk
  kSupplementRequested,  // yêu cầu bổ sung: Mẫu 02 sent, waiting for the applicant
  kAccepted,             // đã tiếp nhận, đang giải quyết: code and due time (Mẫu 01), in its process
  kRefused,              // từ chối tiếp nhận (Mẫu 03)
  kWithdrawn,            // công dân rút hồ sơ
  kPaused,               // tạm dừng (e.g. waiting for fee payment); the clock stops
  kAppraisalSupplement,  // yêu cầu bổ sung trong khi thẩm định; the clock restarts on resubmission
  kResultReady,          // đã có kết quả: approved, waiting to be returned
  kRejected,             // từ chối giải quyết after appraisal (a result too, returned like one)
  kReturned,             // đã trả kết quả
};

// Every status, in lifecycle order (for exhaustive tests and filters).
inline constexpr DossierStatus kAllDossierStatuses[] = {
    DossierStatus::kDraft,    DossierStatus::kSubmitted,  DossierStatus::kSupplementRequested,
    DossierStatus::kAccepted, DossierStatus::kRefused,    DossierStatus::kWithdrawn,
    DossierStatus::kPaused,   DossierStatus::kAppraisalSupplement, DossierStatus::kResultReady,
    DossierStatus::kRejected, DossierStatus::kReturned};

// Accepted and not yet decided: the deadline is running (or paused).
bool IsInHandling(DossierStatus status);

const char* DossierStatusKey(DossierStatus status);    // "draft", "submitted", ...
const char* DossierStatusLabel(DossierStatus status);  // Vietnamese
std::optional<DossierStatus> ParseDossierStatus(std::string_view key);

struct Applicant {
  std::string full_name;
  std::string id_number;
  std::string phone;
  std::string email;
  std::string address;
  std::string organization;  // business name when a business applies
};

// One stored file for one required component (thành phần hồ sơ).
struct DossierFile {
  int component_index = 0;  // index into the procedure's components
  std::string component_name;
  std::string sha256;        // content address in the file store
  std::string file_name;     // as uploaded, for display
  std::string content_type;  // detected from the bytes
  std::int64_t size = 0;
  std::string copy_kind;  // "electronic", "original", "certified_copy", "photocopy"
};

// A result document (kết quả giải quyết) attached by an officer: a PDF in
// the file store, kept with its hash for later signing and verification.
struct ResultDocument {
  std::string sha256;
  std::string file_name;
  std::int64_t size = 0;
  std::string attached_by;
  Timestamp attached_at{};
};

// A request for another agency's opinion or part of the work (xin ý kiến,
// phối hợp; also a branch of a parallel liên thông step), with its own deadline.
struct Consultation {
  int number = 0;  // 1, 2, ... within the dossier
  int step = 0;    // the step it belongs to
  bool planned = false;  // from a parallel step of the process (else ad hoc)
  std::string agency_code;
  std::string task;
  std::string requested_by;
  Timestamp requested_at{};
  Timestamp due_at{};
  std::optional<Timestamp> replied_at;
  std::string replied_by;
  std::string reply;
};

// Where a dossier is in its internal process, and how its deadline went.
struct Handling {
  int process_version = 0;
  int step = -1;             // index into the process steps; -1 before acceptance
  std::string step_agency;   // the unit that holds it now
  Role step_role = Role::kDeskOfficer;  // the role the current step needs (for worklists)
  std::string assignee;      // officer username; empty: waiting in the unit's queue
  std::optional<Timestamp> step_started_at;
  std::optional<Timestamp> step_due_at;
  std::optional<Timestamp> paused_at;
  std::string pause_reason;
  std::optional<Timestamp> original_due_at;  // the due time before the apology
  std::optional<Timestamp> apologized_at;    // Mẫu 04, at most once
  std::string apology_reason;
  std::string apologized_by;
  std::optional<Timestamp> completed_at;     // result ready (approved or rejected)
  std::optional<Timestamp> returned_at;
  std::string return_method;                 // desk, postal, online
  std::string outcome;                       // early, on_time, late (against the due time)
  bool counted_late = false;                 // late, or rescheduled by an apology
  std::string decision_reason;               // rejection after appraisal
  bool supplement_late = false;              // requested more than 3 working days after receipt
  int restarts = 0;                          // deadline restarts after supplements
  std::string delayed_by;                    // agencies that finished their part late, comma-separated
  std::optional<Timestamp> due_soon_flagged_at;
  std::optional<Timestamp> overdue_flagged_at;
  std::vector<ResultDocument> results;
  std::vector<Consultation> consultations;
  // Officers who acted on it (received, handled, signed, returned): the
  // officers whose scores it counts for (Thông tư 01/2018 Điều 13).
  std::vector<std::string> handlers;
};

struct Dossier {
  std::int64_t id = 0;
  int version = 0;  // optimistic concurrency: bumped by every change
  std::string code;  // mã hồ sơ, empty until accepted
  std::string procedure_code;
  std::string procedure_name;
  std::string agency_code;  // receiving agency
  std::int64_t owner_user_id = 0;  // 0 when the applicant has no account
  Applicant applicant;
  Channel channel = Channel::kOnline;
  DossierStatus status = DossierStatus::kDraft;
  std::string request_note;  // nội dung yêu cầu
  int copies = 1;            // số bộ hồ sơ
  std::vector<DossierFile> files;
  double processing_days = 0;
  std::optional<Timestamp> submitted_at;
  std::optional<Timestamp> postal_handover_at;
  std::optional<Timestamp> received_at;
  std::optional<Timestamp> due_at;
  std::optional<Timestamp> decided_at;  // refused or withdrawn
  std::vector<std::string> supplement_items;  // everything missing, at once
  std::string supplement_note;
  std::string refusal_reason;
  std::string received_by;  // officer username
  Handling handling;
  Timestamp created_at{};
  Timestamp updated_at{};
};

// The components of `procedure` that are required and have no file yet.
std::vector<std::string> MissingComponents(const Dossier& dossier, const Procedure& procedure);

// draft → submitted. Every required component must have a file (kInvalidArgument
// listing the missing ones).
Result<Dossier> Submit(Dossier dossier, const Procedure& procedure, Timestamp now);

// Checks that the desk may accept: submitted (online/postal), or a desk
// dossier being received in one go (draft with channel desk).
Status CheckAcceptable(const Dossier& dossier);

// Records acceptance; the store assigns the code in the same transaction.
Dossier Accept(Dossier dossier, Timestamp received_at, Timestamp due_at, double processing_days,
               const std::string& officer);

// submitted → supplement_requested with every missing or wrong item listed at
// once (Nghị định 61/2018 Điều 19.1.b). Errors: kInvalidArgument if `items` is empty.
Result<Dossier> RequestSupplement(Dossier dossier, std::vector<std::string> items, std::string note,
                                  const std::string& officer, Timestamp now);

// supplement_requested → submitted, after the applicant uploaded the items.
Result<Dossier> Resubmit(Dossier dossier, const Procedure& procedure, Timestamp now);

// submitted → refused with reasons (Mẫu 03). Errors: kInvalidArgument without a reason.
Result<Dossier> Refuse(Dossier dossier, std::string reason, const std::string& officer, Timestamp now);

// The applicant withdraws (rút hồ sơ): allowed until a decision is made
// (draft, submitted, supplement requested, in handling, paused).
Result<Dossier> Withdraw(Dossier dossier, Timestamp now);

// Records that `officer` acted on the dossier (once per officer).
void NoteHandler(Dossier& dossier, const std::string& officer);

// Whether the applicant may still change the files (draft or supplement).
bool ApplicantMayEdit(const Dossier& dossier);

}  // namespace motcua::domain
