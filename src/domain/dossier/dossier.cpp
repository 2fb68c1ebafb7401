#include "domain/dossier/dossier.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace motcua::domain {

namespace {

struct StatusInfo {
  DossierStatus status;
  const char* key;
  const char* label;
};
constexpr StatusInfo kStatuses[] = {
    {DossierStatus::kDraft, "draft", "Hồ sơ nháp"},
    {DossierStatus::kSubmitted, "submitted", "Chờ tiếp nhận"},
    {DossierStatus::kSupplementRequested, "supplement_requested", "Yêu cầu bổ sung hồ sơ"},
    {DossierStatus::kAccepted, "accepted", "Đã tiếp nhận, đang giải quyết"},
    {DossierStatus::kRefused, "refused", "Từ chối tiếp nhận"},
    {DossierStatus::kWithdrawn, "withdrawn", "Đã rút hồ sơ"},
    {DossierStatus::kPaused, "paused", "Tạm dừng giải quyết"},
    {DossierStatus::kAppraisalSupplement, "appraisal_supplement", "Chờ bổ sung hồ sơ (đang giải quyết)"},
    {DossierStatus::kResultReady, "result_ready", "Đã có kết quả"},
    {DossierStatus::kRejected, "rejected", "Từ chối giải quyết"},
    {DossierStatus::kReturned, "returned", "Đã trả kết quả"},
};

tl::unexpected<Error> NotNow(const Dossier& d, const char* what) {
  return Fail(ErrorCode::kFailedPrecondition,
              std::string("Không thể ") + what + " khi hồ sơ đang ở trạng thái \"" + DossierStatusLabel(d.status) + "\".",
              std::string("transition not allowed from ") + DossierStatusKey(d.status));
}

}  // namespace

const char* DossierStatusKey(DossierStatus status) {
  for (const auto& s : kStatuses) {
    if (s.status == status) return s.key;
  }
  return "draft";
}

const char* DossierStatusLabel(DossierStatus status) {
  for (const auto& s : kStatuses) {
    if (s.status == status) return s.label;
  }
  return "";
}

std::optional<DossierStatus> ParseDossierStatus(std::string_view key) {
  for (const auto& s : kStatuses) {
    if (key == s.key) return s.status;
  }
  return std::nullopt;
}

std::vector<std::string> MissingComponents(const Dossier& dossier, const Procedure& procedure) {
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < procedure.components.size(); ++i) {
    if (!procedure.components[i].required) continue;
    bool present = std::any_of(dossier.files.begin(), dossier.files.end(),
                               [&](const DossierFile& f) { return f.component_index == static_cast<int>(i); });
    if (!present) missing.push_back(procedure.components[i].name);
  }
  return missing;
}

static Status CheckComplete(const Dossier& dossier, const Procedure& procedure) {
  auto missing = MissingComponents(dossier, procedure);
  if (missing.empty()) return {};
  Error e{ErrorCode::kInvalidArgument, "Hồ sơ còn thiếu thành phần bắt buộc.", "missing components", {}};
  for (const auto& name : missing) e.fields.push_back({"components", "Thiếu: " + name});
  return Fail(std::move(e));
}

Result<Dossier> Submit(Dossier d, const Procedure& procedure, Timestamp now) {
  if (d.status != DossierStatus::kDraft) return NotNow(d, "nộp hồ sơ");
  if (auto complete = CheckComplete(d, procedure); !complete) return Fail(complete.error());
  d.status = DossierStatus::kSubmitted;
  d.submitted_at = now;
  d.updated_at = now;
  return d;
}

Status CheckAcceptable(const Dossier& d) {
  bool ok = d.status == DossierStatus::kSubmitted || (d.status == DossierStatus::kDraft && d.channel == Channel::kDesk);
  if (!ok) return NotNow(d, "tiếp nhận hồ sơ");
  return {};
}

Dossier Accept(Dossier d, Timestamp received_at, Timestamp due_at, double processing_days, const std::string& officer) {
  d.status = DossierStatus::kAccepted;
  if (!d.submitted_at) d.submitted_at = received_at;
  d.received_at = received_at;
  d.due_at = due_at;
  d.processing_days = processing_days;
  d.received_by = officer;
  NoteHandler(d, officer);
  d.supplement_items.clear();
  d.updated_at = received_at;
  return d;
}

Result<Dossier> RequestSupplement(Dossier d, std::vector<std::string> items, std::string note,
                                  const std::string& officer, Timestamp now) {
  if (d.status != DossierStatus::kSubmitted) return NotNow(d, "yêu cầu bổ sung");
  items.erase(std::remove_if(items.begin(), items.end(), [](const std::string& s) { return Trim(s).empty(); }),
              items.end());
  if (items.empty()) {
    Error e{ErrorCode::kInvalidArgument, "Cần nêu đầy đủ các nội dung phải bổ sung, hoàn thiện.", "no items", {}};
    e.fields.push_back({"items", "Cần nêu ít nhất một nội dung phải bổ sung."});
    return Fail(std::move(e));
  }
  d.status = DossierStatus::kSupplementRequested;
  d.supplement_items = std::move(items);
  d.supplement_note = std::move(note);
  d.received_by = officer;
  d.updated_at = now;
  return d;
}

Result<Dossier> Resubmit(Dossier d, const Procedure& procedure, Timestamp now) {
  if (d.status != DossierStatus::kSupplementRequested) return NotNow(d, "nộp lại hồ sơ");
  if (auto complete = CheckComplete(d, procedure); !complete) return Fail(complete.error());
  d.status = DossierStatus::kSubmitted;
  d.submitted_at = now;
  d.updated_at = now;
  return d;
}

Result<Dossier> Refuse(Dossier d, std::string reason, const std::string& officer, Timestamp now) {
  if (d.status != DossierStatus::kSubmitted) return NotNow(d, "từ chối tiếp nhận");
  if (Trim(reason).empty()) {
    Error e{ErrorCode::kInvalidArgument, "Cần nêu rõ lý do từ chối.", "no reason", {}};
    e.fields.push_back({"reason", "Cần nêu rõ lý do từ chối."});
    return Fail(std::move(e));
  }
  d.status = DossierStatus::kRefused;
  d.refusal_reason = std::move(reason);
  d.received_by = officer;
  d.decided_at = now;
  d.updated_at = now;
  return d;
}

void NoteHandler(Dossier& d, const std::string& officer) {
  if (officer.empty()) return;
  auto& h = d.handling.handlers;
  if (std::find(h.begin(), h.end(), officer) == h.end()) h.push_back(officer);
}

bool IsInHandling(DossierStatus s) {
  return s == DossierStatus::kAccepted || s == DossierStatus::kPaused || s == DossierStatus::kAppraisalSupplement;
}

Result<Dossier> Withdraw(Dossier d, Timestamp now) {
  bool ok = d.status == DossierStatus::kDraft || d.status == DossierStatus::kSubmitted ||
            d.status == DossierStatus::kSupplementRequested || IsInHandling(d.status);
  if (!ok) return NotNow(d, "rút hồ sơ");
  d.status = DossierStatus::kWithdrawn;
  d.decided_at = now;
  d.updated_at = now;
  return d;
}

bool ApplicantMayEdit(const Dossier& d) {
  return d.status == DossierStatus::kDraft || d.status == DossierStatus::kSupplementRequested ||
         d.status == DossierStatus::kAppraisalSupplement;
}

}  // namespace motcua::domain
