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
#include "domain/catalog/procedure.hpp"

namespace motcua::domain {

enum class DossierStatus {
  kDraft,                // nháp: being prepared online
  kSubmitted,            // chờ tiếp nhận: online or postal, waiting for the desk
  kSupplementRequested,  // yêu cầu bổ sung: Mẫu 02 sent, waiting for the applicant
  kAccepted,             // đã tiếp nhận: code and due time assigned (Mẫu 01)
  kRefused,              // từ chối tiếp nhận (Mẫu 03)
  kWithdrawn,            // công dân rút hồ sơ
};

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

// The applicant withdraws (rút hồ sơ): allowed until a decision is made.
Result<Dossier> Withdraw(Dossier dossier, Timestamp now);

// Whether the applicant may still change the files (draft or supplement).
bool ApplicantMayEdit(const Dossier& dossier);

}  // namespace motcua::domain
