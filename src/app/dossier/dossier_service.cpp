#include "app/dossier/dossier_service.hpp"

#include <charconv>

#include <fmt/format.h>

#include "core/text.hpp"
#include "domain/accounts/validation.hpp"
#include "domain/dossier/dossier_code.hpp"
#include "domain/dossier/file_type.hpp"

namespace motcua::app {

using namespace motcua::domain;

bool AgencyInScope(const CatalogIndex& index, const std::string& scope_root, const std::string& agency_code) {
  std::string current = agency_code;
  for (int depth = 0; depth < 64 && !current.empty(); ++depth) {
    if (current == scope_root) return true;
    const Agency* a = index.FindAgency(current);
    if (!a) return false;
    current = a->parent_code;
  }
  return false;
}

std::vector<std::string> AgencySubtree(const CatalogIndex& index, const std::string& root) {
  std::vector<std::string> out;
  for (const auto& a : index.catalog().agencies) {
    if (AgencyInScope(index, root, a.code)) out.push_back(a.code);
  }
  return out;
}

namespace {

bool MayReceive(Role role) {
  return role == Role::kDeskOfficer || role == Role::kAgencyAdmin || role == Role::kSystemAdmin;
}

std::string Describe(const Dossier& d) { return d.code.empty() ? "#" + std::to_string(d.id) : d.code; }

}  // namespace

DossierService::DossierService(DossierRepository& dossiers, FileStore& files, CatalogService& catalog,
                               CalendarService& calendar, AccountService& accounts, const Clock& clock)
    : dossiers_(dossiers), files_(files), catalog_(catalog), calendar_(calendar), accounts_(accounts), clock_(clock) {}

std::string DossierService::Actor(const Principal& who) const {
  const User& u = who.user;
  return !u.username.empty() ? u.username : !u.id_number.empty() ? u.id_number : u.tax_code;
}

Status DossierService::Authorize(const Principal& who, const Dossier& d, Need need, const std::string& request_id) {
  const User& u = who.user;
  bool visible = false;
  bool allowed = false;
  if (!IsOfficer(u.role)) {
    visible = d.owner_user_id != 0 && d.owner_user_id == u.id;
    allowed = visible && need != Need::kReceive;
  } else {
    auto index = catalog_.Snapshot();
    if (!index) return Fail(index.error());
    visible = u.role == Role::kSystemAdmin || AgencyInScope(**index, u.agency_code, d.agency_code);
    allowed = visible && (need == Need::kView || (need == Need::kReceive && MayReceive(u.role)));
  }
  if (allowed) return {};
  accounts_.AuditDenied(Actor(who), fmt::format("dossier {} ({})", Describe(d), need == Need::kView ? "view" : "act"),
                        request_id);
  // What the caller may not see does not exist for them.
  if (!visible) return Fail(ErrorCode::kNotFound, "Không tìm thấy hồ sơ.", "dossier not visible to caller");
  return Fail(ErrorCode::kForbidden, "Bạn không có quyền thực hiện thao tác này với hồ sơ.", "action not allowed");
}

Result<Dossier> DossierService::Load(const Principal& who, const std::string& id_or_code, Need need,
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
  if (auto ok = Authorize(who, *d, need, request_id); !ok) return Fail(ok.error());
  return d;
}

Result<DossierFile> DossierService::StoreFile(const Procedure& p, const UploadedFile& file) {
  auto problem = [&](std::string message) {
    Error e{ErrorCode::kInvalidArgument, message, "bad upload", {}};
    e.fields.push_back({fmt::format("component_{}", file.component_index), std::move(message)});
    return Fail(std::move(e));
  };
  if (file.component_index < 0 || file.component_index >= static_cast<int>(p.components.size())) {
    return problem("Thành phần hồ sơ không thuộc thủ tục này.");
  }
  const std::string& component = p.components[file.component_index].name;
  if (file.bytes.empty()) return problem("Tệp đính kèm cho \"" + component + "\" bị rỗng.");
  if (static_cast<std::int64_t>(file.bytes.size()) > kMaxUploadBytes) {
    Error e{ErrorCode::kPayloadTooLarge,
            fmt::format("Tệp cho \"{}\" vượt quá dung lượng tối đa {} MB.", component, kMaxUploadBytes >> 20),
            "file too large", {}};
    return Fail(std::move(e));
  }
  auto type = DetectFileType(file.bytes);
  if (!type) return problem("Tệp cho \"" + component + "\" phải là PDF, JPEG hoặc PNG.");
  static const char* kKinds[] = {"electronic", "original", "certified_copy", "photocopy"};
  bool kind_ok = false;
  for (const char* k : kKinds) kind_ok = kind_ok || file.copy_kind == k;
  if (!kind_ok) return problem("Loại bản giấy tờ không hợp lệ.");
  // Written before the row that references it: a crash leaves at worst an
  // unreferenced file, never a dossier pointing at nothing.
  auto sha = files_.Put(file.bytes);
  if (!sha) return Fail(sha.error());
  DossierFile f;
  f.component_index = file.component_index;
  f.component_name = component;
  f.sha256 = *sha;
  std::string name = ToNfc(file.file_name).value_or("tep");
  for (char& c : name) {
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
  }
  f.file_name = name.substr(0, 200);
  f.content_type = *type;
  f.size = static_cast<std::int64_t>(file.bytes.size());
  f.copy_kind = file.copy_kind;
  return f;
}

Status DossierService::FillRequestAndFiles(const Procedure& p, const NewDossierInput& in,
                                           std::vector<FieldError> problems, Dossier& d) {
  if (in.copies < 1 || in.copies > 20) problems.push_back({"copies", "Số bộ hồ sơ từ 1 đến 20."});
  d.copies = in.copies;
  d.request_note = ToNfc(Trim(in.request_note)).value_or("").substr(0, 4000);
  if (!problems.empty()) {
    return Fail(Error{ErrorCode::kInvalidArgument, "Thông tin hồ sơ chưa hợp lệ.", "invalid dossier", problems});
  }
  for (const auto& upload : in.files) {
    auto f = StoreFile(p, upload);
    if (!f) return Fail(f.error());
    // One file per component: a later upload replaces an earlier one.
    std::erase_if(d.files, [&](const DossierFile& x) { return x.component_index == f->component_index; });
    d.files.push_back(*f);
  }
  return {};
}

Result<Dossier> DossierService::Store(const Principal& who, const Dossier& before, Dossier after,
                                      const std::string& action, const std::string& note, std::optional<Notice> notice,
                                      const std::string& request_id) {
  Timestamp now = clock_.Now();
  after.updated_at = now;
  if (IsOfficer(who.user.role)) NoteHandler(after, Actor(who));
  DossierChange change{after, before.version,
                       DossierEvent{now, Actor(who), action, DossierStatusKey(before.status),
                                    DossierStatusKey(after.status), note},
                       AuditEvent{now, Actor(who), "dossier." + action, Describe(after), note, request_id}, notice};
  return dossiers_.Update(change);
}

Result<Dossier> DossierService::CreateOnline(const Principal& who, NewDossierInput in, bool submit,
                                             const std::string& request_id) {
  const User& u = who.user;
  if (IsOfficer(u.role)) {
    return Fail(ErrorCode::kForbidden, "Cán bộ tiếp nhận hồ sơ tại Bộ phận Một cửa, không nộp trực tuyến.",
                "officer submitting online");
  }
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  const Procedure* p = (*index)->FindProcedure(in.procedure_code);
  if (!p) return Fail(ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.", "unknown procedure");
  if (p->online_level == OnlineLevel::kNone ||
      std::find(p->submission_channels.begin(), p->submission_channels.end(), Channel::kOnline) ==
          p->submission_channels.end()) {
    return Fail(ErrorCode::kFailedPrecondition, "Thủ tục này chưa cho phép nộp hồ sơ trực tuyến.", "not online");
  }
  Timestamp now = clock_.Now();
  Dossier d;
  d.procedure_code = p->code;
  d.procedure_name = p->name;
  d.agency_code = p->agency_codes.front();
  d.owner_user_id = u.id;
  d.channel = Channel::kOnline;
  // Prefilled from the account (Thông tư 32/2017 Điều 9: don't ask again).
  d.applicant = in.applicant;
  if (d.applicant.full_name.empty()) d.applicant.full_name = u.full_name;
  if (d.applicant.id_number.empty()) d.applicant.id_number = u.id_number;
  if (d.applicant.phone.empty()) d.applicant.phone = u.phone;
  if (d.applicant.email.empty()) d.applicant.email = u.email;
  if (d.applicant.address.empty()) d.applicant.address = u.address;
  if (d.applicant.organization.empty()) d.applicant.organization = u.business_name;
  std::vector<FieldError> problems;
  if (auto name = ValidateFullName(d.applicant.full_name, "applicant.full_name")) {
    d.applicant.full_name = *name;
  } else {
    for (auto& f : name.error().fields) problems.push_back(f);
  }
  if (auto phone = ValidatePhone(d.applicant.phone, "applicant.phone")) {
    d.applicant.phone = *phone;
  } else {
    for (auto& f : phone.error().fields) problems.push_back(f);
  }
  if (auto filled = FillRequestAndFiles(*p, in, std::move(problems), d); !filled) return Fail(filled.error());
  d.created_at = d.updated_at = now;
  std::string action = "create";
  if (submit) {
    auto submitted = domain::Submit(d, *p, now);
    if (!submitted) return Fail(submitted.error());
    d = std::move(*submitted);
    action = "submit";
  }
  Notice notice{u.id, 0, now, submit ? "Đã nộp hồ sơ trực tuyến" : "Đã lưu hồ sơ nháp",
                submit ? "Hồ sơ \"" + p->name + "\" đã được gửi đến " + d.agency_code +
                             " và đang chờ cán bộ Bộ phận Một cửa tiếp nhận."
                       : "Hồ sơ \"" + p->name + "\" đã được lưu. Bạn có thể bổ sung tệp và nộp sau."};
  DossierChange change{d, 0, DossierEvent{now, Actor(who), action, "", DossierStatusKey(d.status), ""},
                       AuditEvent{now, Actor(who), "dossier." + action, p->code, "", request_id}, notice};
  return dossiers_.Insert(change);
}

Result<Dossier> DossierService::AttachFile(const Principal& who, std::int64_t id, int expected_version,
                                           UploadedFile file, const std::string& request_id) {
  auto d = Load(who, std::to_string(id), Need::kApplicant, request_id);
  if (!d) return d;
  if (!ApplicantMayEdit(*d)) {
    return Fail(ErrorCode::kFailedPrecondition, "Hồ sơ không còn ở trạng thái được sửa đổi.", "not editable");
  }
  if (expected_version != d->version) {
    return Fail(ErrorCode::kConflict, "Hồ sơ vừa được cập nhật ở nơi khác, vui lòng tải lại.", "stale version");
  }
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  const Procedure* p = (*index)->FindProcedure(d->procedure_code);
  if (!p) return Fail(ErrorCode::kNotFound, "Thủ tục của hồ sơ không còn trong danh mục.", "procedure gone");
  auto f = StoreFile(*p, file);
  if (!f) return Fail(f.error());
  Dossier after = *d;
  std::erase_if(after.files, [&](const DossierFile& x) { return x.component_index == f->component_index; });
  after.files.push_back(*f);
  return Store(who, *d, after, "attach_file", f->component_name, std::nullopt, request_id);
}

Result<Dossier> DossierService::ReceiveAtDesk(const Principal& officer, NewDossierInput in,
                                              const std::string& request_id) {
  const User& u = officer.user;
  if (!IsOfficer(u.role) || !MayReceive(u.role)) {
    accounts_.AuditDenied(Actor(officer), "desk reception", request_id);
    return Fail(ErrorCode::kForbidden, "Chỉ cán bộ Bộ phận Một cửa được tiếp nhận hồ sơ.", "not a desk officer");
  }
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  const Procedure* p = (*index)->FindProcedure(in.procedure_code);
  if (!p) return Fail(ErrorCode::kNotFound, "Không tìm thấy thủ tục hành chính.", "unknown procedure");
  std::string agency = in.agency_code.empty() ? p->agency_codes.front() : in.agency_code;
  if (std::find(p->agency_codes.begin(), p->agency_codes.end(), agency) == p->agency_codes.end()) {
    return Fail(ErrorCode::kInvalidArgument, "Cơ quan tiếp nhận không thực hiện thủ tục này.", "agency not for procedure");
  }
  if (u.role != Role::kSystemAdmin && !AgencyInScope(**index, u.agency_code, agency)) {
    accounts_.AuditDenied(Actor(officer), "desk reception for " + agency, request_id);
    return Fail(ErrorCode::kForbidden, "Bạn chỉ tiếp nhận hồ sơ của cơ quan mình.", "agency out of scope");
  }
  if (in.channel == Channel::kOnline) {
    return Fail(ErrorCode::kInvalidArgument, "Kênh tiếp nhận tại quầy là trực tiếp hoặc bưu chính.", "online at desk");
  }
  Timestamp now = clock_.Now();
  if (in.channel == Channel::kPostal && (!in.postal_handover_at || *in.postal_handover_at > now)) {
    Error e{ErrorCode::kInvalidArgument, "Cần ghi thời điểm ký biên bản giao nhận với bưu chính.", "no handover", {}};
    e.fields.push_back({"postal_handover_at", "Thời điểm giao nhận không hợp lệ."});
    return Fail(std::move(e));
  }
  std::vector<FieldError> problems;
  Dossier d;
  d.procedure_code = p->code;
  d.procedure_name = p->name;
  d.agency_code = agency;
  d.channel = in.channel;
  d.postal_handover_at = in.postal_handover_at;
  d.applicant = in.applicant;
  auto check = [&](auto result, std::string& target) {
    if (result) {
      target = *result;
    } else {
      for (auto& f : result.error().fields) problems.push_back(f);
    }
  };
  check(ValidateFullName(d.applicant.full_name, "applicant.full_name"), d.applicant.full_name);
  if (!d.applicant.id_number.empty()) check(ValidateIdNumber(d.applicant.id_number, "applicant.id_number"), d.applicant.id_number);
  if (!d.applicant.phone.empty()) check(ValidatePhone(d.applicant.phone, "applicant.phone"), d.applicant.phone);
  if (!d.applicant.email.empty()) check(ValidateEmail(d.applicant.email, "applicant.email"), d.applicant.email);
  d.applicant.address = ToNfc(Trim(d.applicant.address)).value_or("");
  if (auto filled = FillRequestAndFiles(*p, in, std::move(problems), d); !filled) return Fail(filled.error());
  // A paper dossier of a citizen with an account is linked to it, so they
  // follow it online and get its notices (the lookup is audited).
  if (!d.applicant.id_number.empty()) {
    if (auto owner = accounts_.FindCitizenByIdNumber(officer, d.applicant.id_number, request_id)) {
      d.owner_user_id = owner->id;
    }
  }
  d.created_at = d.updated_at = now;
  if (d.channel == Channel::kPostal) {
    d.status = DossierStatus::kSubmitted;
    d.submitted_at = d.postal_handover_at;
    DossierChange change{d, 0, DossierEvent{now, Actor(officer), "receive_postal", "", "submitted", ""},
                         AuditEvent{now, Actor(officer), "dossier.receive_postal", p->code, "", request_id},
                         std::nullopt};
    return dossiers_.Insert(change);
  }
  // Desk: complete paper dossiers are accepted on the spot (scanned files
  // may follow). Insert as a desk draft, then accept with a code.
  if (auto missing = MissingComponents(d, *p); !missing.empty() && !in.files.empty()) {
    Error e{ErrorCode::kInvalidArgument, "Hồ sơ còn thiếu thành phần bắt buộc.", "missing components", {}};
    for (const auto& m : missing) e.fields.push_back({"components", "Thiếu: " + m});
    return Fail(std::move(e));
  }
  DossierChange change{d, 0, DossierEvent{now, Actor(officer), "create_at_desk", "", "draft", ""},
                       AuditEvent{now, Actor(officer), "dossier.create_at_desk", p->code, "", request_id},
                       std::nullopt};
  auto inserted = dossiers_.Insert(change);
  if (!inserted) return inserted;
  return AcceptDossier(officer, *inserted, true, request_id);
}

Result<Dossier> DossierService::AcceptDossier(const Principal& who, const Dossier& before, bool,
                                              const std::string& request_id) {
  if (auto ok = CheckAcceptable(before); !ok) return Fail(ok.error());
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  const Procedure* p = (*index)->FindProcedure(before.procedure_code);
  if (!p) return Fail(ErrorCode::kNotFound, "Thủ tục của hồ sơ không còn trong danh mục.", "procedure gone");
  if (before.channel != Channel::kDesk) {
    if (auto missing = MissingComponents(before, *p); !missing.empty()) {
      Error e{ErrorCode::kFailedPrecondition,
              "Hồ sơ còn thiếu thành phần bắt buộc: hãy yêu cầu bổ sung thay vì tiếp nhận.", "incomplete", {}};
      for (const auto& m : missing) e.fields.push_back({"components", "Thiếu: " + m});
      return Fail(std::move(e));
    }
  }
  Timestamp now = clock_.Now();
  // The clock starts at valid reception; for postal dossiers at the signing
  // of the handover record (rules.md §3, "Clock").
  Timestamp clock_start = before.channel == Channel::kPostal && before.postal_handover_at ? *before.postal_handover_at : now;
  auto due = calendar_.DueTime(clock_start, p->processing_days, before.agency_code);
  if (!due) return Fail(due.error());
  Dossier after = domain::Accept(before, now, *due, p->processing_days, Actor(who));
  after.updated_at = now;
  if (handling_start_) {
    auto started = handling_start_(after, now);
    if (!started) return Fail(started.error());
    after = std::move(*started);
  }
  Date reception_day = ToVietnam(now).date;
  std::string agency = before.agency_code;
  std::optional<Notice> notice;
  if (before.owner_user_id) {
    notice = Notice{before.owner_user_id, before.id, now, "Hồ sơ đã được tiếp nhận",
                    "Hồ sơ \"" + before.procedure_name + "\" đã được tiếp nhận. Hẹn trả kết quả: " +
                        FormatVnDateTime(*due) + "."};
  }
  DossierChange change{after, before.version,
                       DossierEvent{now, Actor(who), "accept", DossierStatusKey(before.status), "accepted", "", -1,
                                    after.handling.assignee.empty() ? after.handling.step_agency
                                                                    : after.handling.assignee,
                                    std::nullopt},
                       AuditEvent{now, Actor(who), "dossier.accept", "#" + std::to_string(before.id), "", request_id},
                       notice};
  return dossiers_.UpdateAndAssignCode(change, DossierDayKey(reception_day), [&](int sequence) {
    return FormatDossierCode(agency, reception_day, sequence);
  });
}

Result<Dossier> DossierService::Act(const Principal& who, const std::string& id_or_code, const DossierAction& a,
                                    const std::string& request_id) {
  bool desk = a.action == "accept" || a.action == "request_supplement" || a.action == "refuse";
  bool applicant = a.action == "submit" || a.action == "resubmit" || a.action == "withdraw";
  if (!desk && !applicant) {
    Error e{ErrorCode::kInvalidArgument, "Thao tác không hợp lệ.", "unknown action " + a.action, {}};
    e.fields.push_back({"action", "Thao tác phải là accept, request_supplement, refuse, submit, resubmit hoặc withdraw."});
    return Fail(std::move(e));
  }
  auto d = Load(who, id_or_code, desk ? Need::kReceive : Need::kApplicant, request_id);
  if (!d) return d;
  if (a.version != d->version) {
    return Fail(ErrorCode::kConflict, "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại trang và thử lại.",
                fmt::format("stale version {} != {}", a.version, d->version));
  }
  if (a.action == "resubmit" && d->status == DossierStatus::kAppraisalSupplement && appraisal_resubmit_) {
    return appraisal_resubmit_(who, *d, request_id);
  }
  Timestamp now = clock_.Now();
  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  const Procedure* p = (*index)->FindProcedure(d->procedure_code);
  if (!p) return Fail(ErrorCode::kNotFound, "Thủ tục của hồ sơ không còn trong danh mục.", "procedure gone");
  auto notify = [&](std::string title, std::string body) -> std::optional<Notice> {
    if (!d->owner_user_id) return std::nullopt;
    return Notice{d->owner_user_id, d->id, now, std::move(title), std::move(body)};
  };
  if (a.action == "accept") return AcceptDossier(who, *d, false, request_id);
  if (a.action == "request_supplement") {
    auto after = domain::RequestSupplement(*d, a.items, ToNfc(a.note).value_or(""), Actor(who), now);
    if (!after) return after;
    std::string list;
    for (const auto& item : after->supplement_items) list += "\n- " + item;
    return Store(who, *d, *after, "request_supplement", a.note,
                 notify("Yêu cầu bổ sung, hoàn thiện hồ sơ",
                        "Hồ sơ \"" + d->procedure_name + "\" cần bổ sung:" + list),
                 request_id);
  }
  if (a.action == "refuse") {
    auto after = domain::Refuse(*d, ToNfc(a.reason).value_or(""), Actor(who), now);
    if (!after) return after;
    return Store(who, *d, *after, "refuse", a.reason,
                 notify("Từ chối tiếp nhận hồ sơ", "Hồ sơ \"" + d->procedure_name + "\" bị từ chối: " + a.reason),
                 request_id);
  }
  if (a.action == "submit") {
    auto after = domain::Submit(*d, *p, now);
    if (!after) return after;
    return Store(who, *d, *after, "submit", "",
                 notify("Đã nộp hồ sơ trực tuyến", "Hồ sơ \"" + d->procedure_name + "\" đang chờ tiếp nhận."),
                 request_id);
  }
  if (a.action == "resubmit") {
    auto after = domain::Resubmit(*d, *p, now);
    if (!after) return after;
    return Store(who, *d, *after, "resubmit", "",
                 notify("Đã nộp bổ sung hồ sơ", "Hồ sơ \"" + d->procedure_name + "\" đã được nộp lại."), request_id);
  }
  auto after = domain::Withdraw(*d, now);
  if (!after) return after;
  return Store(who, *d, *after, "withdraw", a.note,
               notify("Đã rút hồ sơ", "Hồ sơ \"" + d->procedure_name + "\" đã được rút theo yêu cầu của bạn."),
               request_id);
}

Result<Dossier> DossierService::Get(const Principal& who, const std::string& id_or_code, const std::string& request_id) {
  return Load(who, id_or_code, Need::kView, request_id);
}

Result<std::vector<DossierSummary>> DossierService::List(const Principal& who, DossierFilter filter) {
  filter.limit = std::clamp(filter.limit, 1, 100);
  if (!IsOfficer(who.user.role)) {
    filter.owner_user_id = who.user.id;
    filter.agencies.reset();
  } else if (who.user.role != Role::kSystemAdmin) {
    auto index = catalog_.Snapshot();
    if (!index) return Fail(index.error());
    filter.agencies = AgencySubtree(**index, who.user.agency_code);
    filter.owner_user_id.reset();
  } else {
    filter.owner_user_id.reset();
    filter.agencies.reset();
  }
  return dossiers_.List(filter);
}

Result<std::vector<DossierEvent>> DossierService::History(const Principal& who, const std::string& id_or_code,
                                                          const std::string& request_id) {
  auto d = Load(who, id_or_code, Need::kView, request_id);
  if (!d) return Fail(d.error());
  return dossiers_.History(d->id);
}

Result<std::vector<Notice>> DossierService::Notices(const Principal& who) { return dossiers_.Notices(who.user.id, 50); }

Result<std::string> DossierService::FileContent(const Principal& who, const std::string& id_or_code,
                                                const std::string& sha256, const std::string& request_id) {
  auto d = Load(who, id_or_code, Need::kView, request_id);
  if (!d) return Fail(d.error());
  bool listed = std::any_of(d->files.begin(), d->files.end(), [&](const DossierFile& f) { return f.sha256 == sha256; });
  if (!listed) return Fail(ErrorCode::kNotFound, "Không tìm thấy tệp.", "file not in dossier");
  return files_.Get(sha256);
}

Result<TrackedDossier> DossierService::Track(const std::string& code) {
  std::string c(Trim(code));
  if (!LooksLikeDossierCode(c)) {
    Error e{ErrorCode::kInvalidArgument, "Mã hồ sơ không đúng định dạng (ví dụ 000.00.06.H29-251125-0001).",
            "bad code", {}};
    e.fields.push_back({"code", e.user_message});
    return Fail(std::move(e));
  }
  return dossiers_.Track(c);
}

}  // namespace motcua::app
