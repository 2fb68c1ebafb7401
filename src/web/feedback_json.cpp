#include "web/feedback_json.hpp"

#include <charconv>

#include "web/auth.hpp"
#include "web/error_mapping.hpp"

namespace motcua::web {

using nlohmann::json;
using namespace motcua::domain;

namespace {
json Time(const std::optional<Timestamp>& t) { return t ? json(FormatTimestamp(*t)) : json(nullptr); }
}  // namespace

json FeedbackJson(const Feedback& f, app::FeedbackAccess access, const CatalogIndex* index, Timestamp now) {
  const Agency* agency = index ? index->FindAgency(f.agency_code) : nullptr;
  json out = {{"code", f.code},
              {"kind", FeedbackKindKey(f.kind)},
              {"kind_label", FeedbackKindLabel(f.kind)},
              {"procedure_code", f.procedure_code.empty() ? json(nullptr) : json(f.procedure_code)},
              {"agency_code", f.agency_code},
              {"agency_name", agency ? agency->name : f.agency_code},
              {"status", FeedbackStatusKey(f.status)},
              {"status_label", FeedbackStatusLabel(f.status)},
              {"received_at", FormatTimestamp(f.received_at)},
              {"answered_at", Time(f.answered_at)}};
  if (access == app::FeedbackAccess::kPublic) {
    out["title"] = f.published_title;
    out["content"] = f.published_content;
    out["answer"] = f.published_answer;
    out["published_at"] = Time(f.published_at);
    return out;
  }
  out["title"] = f.title;
  out["content"] = f.content;
  out["answer"] = f.answer.empty() ? json(nullptr) : json(f.answer);
  out["due_at"] = FormatTimestamp(f.due_at);
  out["due_status"] = FeedbackTimelinessKey(ClassifyFeedback(f, now));
  out["dossier_code"] = f.dossier_code.empty() ? json(nullptr) : json(f.dossier_code);
  out["consent_to_publish"] = f.consent_to_publish;
  out["close_reason"] = f.close_reason ? json(FeedbackCloseReasonKey(*f.close_reason)) : json(nullptr);
  out["close_note"] = f.close_note.empty() ? json(nullptr) : json(f.close_note);
  out["published_at"] = Time(f.published_at);
  out["rating"] = f.rating ? json(SatisfactionKey(*f.rating)) : json(nullptr);
  out["may_rate"] = !f.rating && (f.status == FeedbackStatus::kAnswered || f.status == FeedbackStatus::kPublished);
  if (access == app::FeedbackAccess::kOfficer) {
    out["version"] = f.version;
    out["sender"] = {{"name", f.sender.name}, {"phone", f.sender.phone}, {"email", f.sender.email}};
    out["assignee"] = f.assignee;
    out["answered_by"] = f.answered_by;
    out["upheld"] = f.upheld ? json(*f.upheld) : json(nullptr);
    out["published"] = {{"title", f.published_title}, {"content", f.published_content}, {"answer", f.published_answer}};
    out["rating_comment"] = f.rating_comment;
  }
  return out;
}

std::optional<app::Principal> OptionalBearer(const WebContext& ctx, const Request& req, Error* error) {
  if (req.Header("authorization").empty()) return std::nullopt;
  auto who = Authenticate(ctx, req);
  if (!who) {
    *error = who.error();
    return std::nullopt;
  }
  return *who;
}

Result<app::FeedbackQuery> FeedbackQueryFrom(const Request& req, bool officer) {
  app::FeedbackQuery q;
  q.text = req.Query("q");
  if (q.text.size() > 200) return Fail(BadRequest("Từ khóa tìm kiếm quá dài.", "q"));
  if (officer) {
    if (std::string s = req.Query("status"); !s.empty()) {
      q.status = ParseFeedbackStatus(s);
      if (!q.status) {
        return Fail(BadRequest("Trạng thái phải là received, in_progress, answered, published hoặc closed.", "status"));
      }
    }
  }
  if (std::string s = req.Query("after"); !s.empty()) {
    long long id = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc() || ptr != s.data() + s.size() || id <= 0) {
      return Fail(BadRequest("Con trỏ phân trang không hợp lệ.", "after"));
    }
    q.after_id = id;
  }
  if (std::string s = req.Query("limit"); !s.empty()) {
    int limit = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), limit);
    if (ec != std::errc() || ptr != s.data() + s.size() || limit < 1 || limit > 100) {
      return Fail(BadRequest("limit từ 1 đến 100.", "limit"));
    }
    q.limit = limit;
  }
  return q;
}

}  // namespace motcua::web
