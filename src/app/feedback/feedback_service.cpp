#include "app/feedback/feedback_service.hpp"

#include <fmt/format.h>

#include "app/dossier/dossier_service.hpp"
#include "core/text.hpp"

namespace motcua::app {
namespace {

using domain::Feedback;
using domain::FeedbackStatus;
using domain::Role;

Error NotFound() {
  return {ErrorCode::kNotFound, "Không tìm thấy phản ánh, kiến nghị.", "feedback not found or not visible", {}};
}

Error FieldProblem(const std::string& field, const std::string& message) {
  return {ErrorCode::kInvalidArgument, "Thông tin phản ánh, kiến nghị chưa hợp lệ.", "invalid " + field,
          {{field, message}}};
}

std::string Actor(const Principal* who) {
  if (!who) return "anonymous";
  return who->user.username.empty() ? "user:" + std::to_string(who->user.id) : who->user.username;
}

std::string Json(const std::string& key, const std::string& value) {
  std::string escaped;
  for (char c : value) {
    if (c == '"' || c == '\\') escaped += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) escaped += c;
  }
  return "{\"" + key + "\":\"" + escaped + "\"}";
}

}  // namespace

FeedbackService::FeedbackService(FeedbackRepository& repository, DossierRepository& dossiers,
                                 CatalogService& catalog, CalendarService& calendar, const TokenService& tokens,
                                 const Clock& clock, FeedbackOptions options)
    : repository_(repository),
      dossiers_(dossiers),
      catalog_(catalog),
      calendar_(calendar),
      tokens_(tokens),
      clock_(clock),
      options_(std::move(options)) {}

bool FeedbackService::MayAnswer(const domain::User& u) {
  return u.role == Role::kSpecialist || u.role == Role::kLeader || u.role == Role::kAgencyAdmin ||
         u.role == Role::kSystemAdmin;
}

bool FeedbackService::InScope(const domain::User& u, const std::string& agency_code) {
  if (u.role == Role::kSystemAdmin || u.role == Role::kSupervisor) return true;
  if (!domain::IsOfficer(u.role) || u.agency_code.empty()) return false;
  auto index = catalog_.Snapshot();
  if (!index) return u.agency_code == agency_code;
  return AgencyInScope(**index, u.agency_code, agency_code);
}

std::optional<std::vector<std::string>> FeedbackService::Scope(const domain::User& u) {
  if (u.role == Role::kSystemAdmin || u.role == Role::kSupervisor) return std::nullopt;
  auto index = catalog_.Snapshot();
  if (!index) return std::vector<std::string>{u.agency_code};
  return AgencySubtree(**index, u.agency_code);
}

Result<SubmittedFeedback> FeedbackService::Submit(const Principal* who, const domain::FeedbackInput& input,
                                                  const std::string& request_id) {
  auto validated = domain::ValidateFeedback(input, who != nullptr);
  if (!validated) return Fail(validated.error());
  Feedback f = std::move(*validated);
  if (who) {
    const domain::User& u = who->user;
    f.sender.user_id = u.id;
    if (f.sender.name.empty()) f.sender.name = u.business_name.empty() ? u.full_name : u.business_name;
    if (f.sender.phone.empty()) f.sender.phone = u.phone;
    if (f.sender.email.empty()) f.sender.email = u.email;
    if (f.sender.name.empty()) f.sender.name = u.username;
  }

  auto index = catalog_.Snapshot();
  if (!index) return Fail(index.error());
  const domain::CatalogIndex& catalog = **index;
  domain::FeedbackRoutingFacts facts;
  facts.default_agency = options_.default_agency;
  if (facts.default_agency.empty() && !catalog.AgencyTree().empty()) {
    facts.default_agency = catalog.AgencyTree()[0].agency->code;
  }
  if (f.kind == domain::FeedbackKind::kProcedure) {
    const domain::Procedure* p = catalog.FindProcedure(f.procedure_code);
    if (!p) return Fail(FieldProblem("procedure_code", "Không tìm thấy thủ tục hành chính có mã này."));
    facts.procedure_agencies = p->agency_codes;
  } else if (f.kind == domain::FeedbackKind::kDossier) {
    auto d = dossiers_.FindByCode(f.dossier_code);
    if (!d) {
      if (d.error().code != ErrorCode::kNotFound) return Fail(d.error());
      return Fail(FieldProblem("dossier_code", "Không tìm thấy hồ sơ có mã này."));
    }
    f.dossier_id = d->id;
    f.procedure_code = d->procedure_code;
    facts.dossier_agency = d->agency_code;
  } else {
    f.procedure_code.clear();
  }
  if (f.kind != domain::FeedbackKind::kDossier) f.dossier_code.clear();
  if (!f.agency_code.empty() && !catalog.FindAgency(f.agency_code)) {
    return Fail(FieldProblem("agency_code", "Không tìm thấy cơ quan đã chọn."));
  }
  facts.chosen_agency = f.agency_code;
  f.agency_code = domain::RouteFeedback(f.kind, facts);
  if (f.agency_code.empty()) return Fail(FieldProblem("agency_code", "Chọn cơ quan tiếp nhận phản ánh, kiến nghị."));

  Timestamp now = clock_.Now();
  f.received_at = now;
  f.updated_at = now;
  auto due = calendar_.DueTime(now, options_.deadline_days, f.agency_code);
  if (!due) return Fail(due.error());
  f.due_at = *due;
  std::string token = tokens_.NewToken();
  f.token_hash = tokens_.HashToken(token);

  const domain::Agency* agency = catalog.FindAgency(f.agency_code);
  FeedbackChange change;
  change.notify_title = "Phản ánh, kiến nghị mới";
  change.notify_body = fmt::format("{} — hạn trả lời {}.", f.title, FormatVnDateTime(f.due_at));
  // A code collision is unlikely (32^6 a day); draw again if it happens.
  for (int attempt = 0;; ++attempt) {
    f.code = domain::FormatFeedbackCode(now, domain::FeedbackCodeSuffix(tokens_.NewToken()));
    change.feedback = f;
    change.audit = AuditEvent{now, Actor(who), "feedback.submit", f.code,
                              Json("agency", agency ? agency->code : f.agency_code), request_id};
    auto stored = repository_.Insert(change);
    if (stored) return SubmittedFeedback{std::move(*stored), token};
    if (stored.error().code != ErrorCode::kConflict || attempt >= 3) return Fail(stored.error());
  }
}

Result<FeedbackView> FeedbackService::View(const Principal* who, const std::string& code, const std::string& token) {
  if (!domain::IsFeedbackCode(code)) return Fail(NotFound());
  auto f = repository_.FindByCode(code);
  if (!f) return Fail(f.error().code == ErrorCode::kNotFound ? NotFound() : f.error());
  if (who && domain::IsOfficer(who->user.role) && InScope(who->user, f->agency_code)) {
    return FeedbackView{*f, FeedbackAccess::kOfficer, MayAnswer(who->user)};
  }
  bool by_token = !token.empty() && tokens_.HashToken(token) == f->token_hash;
  bool by_account = who && f->sender.user_id && *f->sender.user_id == who->user.id;
  if (by_token || by_account) return FeedbackView{*f, FeedbackAccess::kSender, false};
  if (f->status == FeedbackStatus::kPublished) return FeedbackView{*f, FeedbackAccess::kPublic, false};
  return Fail(NotFound());
}

Result<std::vector<Feedback>> FeedbackService::ListPublished(FeedbackQuery query) {
  query.published_only = true;
  query.agencies.reset();
  query.status.reset();
  query.overdue_at.reset();
  query.text = FoldForSearch(query.text);
  return repository_.List(query);
}

Result<std::vector<Feedback>> FeedbackService::ListForOfficer(const Principal& who, FeedbackQuery query) {
  if (!domain::IsOfficer(who.user.role)) {
    return Fail(ErrorCode::kForbidden, "Danh sách này dành cho cán bộ.", "not an officer");
  }
  query.published_only = false;
  query.agencies = Scope(who.user);
  query.text = FoldForSearch(query.text);
  return repository_.List(query);
}

Result<Feedback> FeedbackService::Act(const Principal& who, const std::string& code, const FeedbackAction& action,
                                      const std::string& request_id) {
  if (!domain::IsOfficer(who.user.role)) return Fail(NotFound());
  if (!domain::IsFeedbackCode(code)) return Fail(NotFound());
  auto loaded = repository_.FindByCode(code);
  if (!loaded) return Fail(loaded.error().code == ErrorCode::kNotFound ? NotFound() : loaded.error());
  if (!InScope(who.user, loaded->agency_code)) return Fail(NotFound());
  if (!MayAnswer(who.user)) {
    return Fail(ErrorCode::kForbidden, "Chỉ chuyên viên, lãnh đạo và quản trị cơ quan được xử lý phản ánh, kiến nghị.",
                "role may not act on feedback");
  }
  const Feedback& before = *loaded;
  if (action.version != before.version) {
    return Fail(ErrorCode::kConflict, "Phản ánh, kiến nghị đã được người khác cập nhật. Vui lòng tải lại trang.",
                "stale feedback version");
  }
  Timestamp now = clock_.Now();
  std::string officer = Actor(&who);
  Result<Feedback> after = Fail(ErrorCode::kInvalidArgument, "Thao tác không hợp lệ.", "unknown action");
  after.error().fields.push_back({"action", "Thao tác phải là take_up, answer, close, conclude hoặc publish."});
  std::string detail;
  if (action.action == "take_up") {
    after = domain::TakeUpFeedback(before, officer, now);
  } else if (action.action == "answer") {
    after = domain::AnswerFeedback(before, action.answer, officer, now);
  } else if (action.action == "close") {
    after = domain::CloseFeedback(before, action.reason, action.note, now);
    detail = Json("reason", action.reason);
  } else if (action.action == "conclude") {
    if (!action.upheld) {
      return Fail(FieldProblem("upheld", "Chọn kết luận: phản ánh có cơ sở hay không có cơ sở."));
    }
    after = domain::ConcludeFeedback(before, *action.upheld, now);
    detail = Json("upheld", *action.upheld ? "true" : "false");
  } else if (action.action == "publish") {
    after = domain::PublishFeedback(before, action.title, action.content, action.answer, now);
  }
  if (!after) return Fail(after.error());

  FeedbackChange change;
  change.feedback = *after;
  change.expected_version = before.version;
  change.audit = AuditEvent{now, officer, "feedback." + action.action, code, detail, request_id};
  int was = before.upheld.value_or(false) ? 1 : 0, is = after->upheld.value_or(false) ? 1 : 0;
  change.upheld_delta = is - was;
  if (action.action == "answer" && before.status != FeedbackStatus::kAnswered && before.sender.user_id) {
    change.sender_notice = Notice{*before.sender.user_id, 0, now, "Phản ánh, kiến nghị đã được trả lời",
                                  fmt::format("Phản ánh, kiến nghị {} đã có câu trả lời. Mời bạn xem và đánh giá.", code)};
  }
  return repository_.Update(change);
}

Result<Feedback> FeedbackService::Rate(const std::string& code, const std::string& token, const std::string& value,
                                       const std::string& comment, const std::string& request_id) {
  if (!domain::IsFeedbackCode(code) || token.empty()) return Fail(NotFound());
  auto loaded = repository_.FindByCode(code);
  if (!loaded) return Fail(loaded.error().code == ErrorCode::kNotFound ? NotFound() : loaded.error());
  if (tokens_.HashToken(token) != loaded->token_hash) return Fail(NotFound());
  auto satisfaction = domain::ParseSatisfaction(value);
  if (!satisfaction) {
    return Fail(FieldProblem("value", "Chọn mức độ hài lòng: Rất hài lòng, Hài lòng hoặc Chưa hài lòng."));
  }
  Timestamp now = clock_.Now();
  auto after = domain::RateFeedback(*loaded, *satisfaction, comment, now);
  if (!after) return Fail(after.error());
  FeedbackChange change;
  change.feedback = *after;
  change.expected_version = loaded->version;
  change.audit = AuditEvent{now, "sender", "feedback.rate", code, Json("value", value), request_id};
  auto stored = repository_.Update(change);
  // Two concurrent ratings with the same token: the loser was already rated.
  if (!stored && stored.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kFailedPrecondition, "Bạn đã đánh giá câu trả lời này.", "concurrent rating");
  }
  return stored;
}

Result<FeedbackCounts> FeedbackService::Counts(const std::vector<std::string>& agency_codes, Timestamp from,
                                               Timestamp to) {
  return repository_.Counts(agency_codes, from, to, clock_.Now());
}

}  // namespace motcua::app
