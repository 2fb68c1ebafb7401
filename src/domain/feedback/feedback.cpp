#include "domain/feedback/feedback.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "domain/accounts/validation.hpp"

namespace motcua::domain {
namespace {

std::size_t CharCount(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// NFC and trimmed; nullopt for invalid UTF-8.
std::optional<std::string> CleanText(std::string_view text) {
  auto nfc = ToNfc(Trim(text));
  if (!nfc) return std::nullopt;
  return std::string(Trim(*nfc));
}

tl::unexpected<Error> Precondition(std::string message) {
  return Fail(ErrorCode::kFailedPrecondition, std::move(message), "feedback transition not allowed");
}

tl::unexpected<Error> Invalid(std::string field, std::string message) {
  Error e{ErrorCode::kInvalidArgument, message, "invalid " + field, {{field, message}}};
  return Fail(std::move(e));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsEmailLocal(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsEmailDomain(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; }

std::string MaskEmails(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t at = text.find('@', i);
    if (at == std::string_view::npos) break;
    std::size_t start = at;
    while (start > i && IsEmailLocal(text[start - 1])) --start;
    std::size_t end = at + 1;
    while (end < text.size() && IsEmailDomain(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    std::string_view domain = text.substr(at + 1, end - at - 1);
    bool is_email = start < at && domain.find('.') != std::string_view::npos && domain.front() != '.';
    if (is_email) {
      out.append(text.substr(i, start - i));
      out += "[email]";
      i = end;
    } else {
      out.append(text.substr(i, at + 1 - i));
      i = at + 1;
    }
  }
  out.append(text.substr(i));
  return out;
}

// A run of digits with single spaces, dots or dashes between digits and an
// optional leading '+'.
std::string MaskNumbers(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    bool plus = text[i] == '+' && i + 1 < text.size() && IsDigit(text[i + 1]);
    bool starts = IsDigit(text[i]) || plus;
    // A number glued to a letter or digit before it is part of a word (e.g. a code).
    auto word = [&](std::size_t k) { return std::isalnum(static_cast<unsigned char>(text[k])) != 0; };
    bool after_word = i > 0 && (word(i - 1) || text[i - 1] == '/' ||
                                ((text[i - 1] == '-' || text[i - 1] == '.') && i > 1 && word(i - 2)));
    if (!starts || after_word) {
      out += text[i++];
      continue;
    }
    std::size_t j = plus ? i + 1 : i;
    std::string digits;
    std::vector<std::size_t> groups{0};
    char separator = 0;
    bool mixed = false;
    std::size_t end = j;
    while (j < text.size()) {
      if (IsDigit(text[j])) {
        digits += text[j];
        ++groups.back();
        end = ++j;
      } else if ((text[j] == ' ' || text[j] == '.' || text[j] == '-') && j + 1 < text.size() && IsDigit(text[j + 1]) &&
                 end == j) {
        if (separator && separator != text[j]) mixed = true;
        separator = text[j];
        groups.push_back(0);
        ++j;
      } else {
        break;
      }
    }
    // Not glued to a following letter, slash or digit (dates, codes such as 1.001193 stay).
    bool glued = end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '/');
    bool amount = !mixed && separator == '.' && !plus && digits[0] != '0' && groups.front() <= 3 && groups.size() > 1 &&
                  std::all_of(groups.begin() + 1, groups.end(), [](std::size_t g) { return g == 3; });
    std::size_t n = digits.size();
    bool phone = (!plus && n == 10 && digits[0] == '0') || (n == 11 && digits.rfind("84", 0) == 0);
    bool id = n >= 9 && n <= 12;
    if (!glued && !amount && (phone || id)) {
      out += phone ? "[số điện thoại]" : "[số giấy tờ]";
    } else {
      out.append(text.substr(i, end - i));
    }
    i = end;
  }
  return out;
}

std::string MaskNames(std::string text, const std::vector<std::string>& names) {
  for (const auto& raw : names) {
    auto name = ToNfc(Trim(raw));
    if (!name || CharCount(*name) < 2) continue;
    std::size_t pos = 0;
    while ((pos = text.find(*name, pos)) != std::string::npos) {
      text.replace(pos, name->size(), "[người gửi]");
      pos += std::string_view("[người gửi]").size();
    }
  }
  return text;
}

const char kCodeAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

}  // namespace

const char* FeedbackKindKey(FeedbackKind k) {
  switch (k) {
    case FeedbackKind::kProcedure: return "procedure";
    case FeedbackKind::kDossier: return "dossier";
    case FeedbackKind::kRegulation: return "regulation";
    case FeedbackKind::kOther: return "other";
  }
  return "other";
}

const char* FeedbackKindLabel(FeedbackKind k) {
  switch (k) {
    case FeedbackKind::kProcedure: return "Thủ tục hành chính";
    case FeedbackKind::kDossier: return "Việc giải quyết hồ sơ";
    case FeedbackKind::kRegulation: return "Quy định hành chính";
    case FeedbackKind::kOther: return "Nội dung khác";
  }
  return "Nội dung khác";
}

std::optional<FeedbackKind> ParseFeedbackKind(std::string_view key) {
  for (auto k : {FeedbackKind::kProcedure, FeedbackKind::kDossier, FeedbackKind::kRegulation, FeedbackKind::kOther}) {
    if (key == FeedbackKindKey(k)) return k;
  }
  return std::nullopt;
}

const char* FeedbackStatusKey(FeedbackStatus s) {
  switch (s) {
    case FeedbackStatus::kReceived: return "received";
    case FeedbackStatus::kInProgress: return "in_progress";
    case FeedbackStatus::kAnswered: return "answered";
    case FeedbackStatus::kPublished: return "published";
    case FeedbackStatus::kClosed: return "closed";
  }
  return "received";
}

const char* FeedbackStatusLabel(FeedbackStatus s) {
  switch (s) {
    case FeedbackStatus::kReceived: return "Đã tiếp nhận";
    case FeedbackStatus::kInProgress: return "Đang xử lý";
    case FeedbackStatus::kAnswered: return "Đã trả lời";
    case FeedbackStatus::kPublished: return "Đã công khai";
    case FeedbackStatus::kClosed: return "Đã đóng";
  }
  return "Đã tiếp nhận";
}

std::optional<FeedbackStatus> ParseFeedbackStatus(std::string_view key) {
  for (auto s : {FeedbackStatus::kReceived, FeedbackStatus::kInProgress, FeedbackStatus::kAnswered,
                 FeedbackStatus::kPublished, FeedbackStatus::kClosed}) {
    if (key == FeedbackStatusKey(s)) return s;
  }
  return std::nullopt;
}

bool IsOpen(FeedbackStatus s) { return s == FeedbackStatus::kReceived || s == FeedbackStatus::kInProgress; }

const char* FeedbackCloseReasonKey(FeedbackCloseReason r) {
  return r == FeedbackCloseReason::kDuplicate ? "duplicate" : "not_in_scope";
}

const char* FeedbackCloseReasonLabel(FeedbackCloseReason r) {
  return r == FeedbackCloseReason::kDuplicate ? "Trùng lặp với phản ánh, kiến nghị khác"
                                              : "Không thuộc phạm vi xử lý";
}

std::optional<FeedbackCloseReason> ParseFeedbackCloseReason(std::string_view key) {
  if (key == "duplicate") return FeedbackCloseReason::kDuplicate;
  if (key == "not_in_scope") return FeedbackCloseReason::kNotInScope;
  return std::nullopt;
}

Result<Feedback> ValidateFeedback(const FeedbackInput& in, bool logged_in) {
  Feedback f;
  std::vector<FieldError> problems;
  auto problem = [&](std::string field, std::string message) { problems.push_back({std::move(field), std::move(message)}); };

  auto kind = ParseFeedbackKind(Trim(in.kind));
  if (!kind) {
    problem("kind", "Chọn loại phản ánh, kiến nghị: thủ tục hành chính, hồ sơ, quy định hành chính hoặc nội dung khác.");
  } else {
    f.kind = *kind;
    f.procedure_code = std::string(Trim(in.procedure_code));
    f.dossier_code = std::string(Trim(in.dossier_code));
    f.agency_code = std::string(Trim(in.agency_code));
    if (f.kind == FeedbackKind::kProcedure && f.procedure_code.empty()) {
      problem("procedure_code", "Nhập mã thủ tục hành chính được phản ánh.");
    }
    if (f.kind == FeedbackKind::kDossier && f.dossier_code.empty()) {
      problem("dossier_code", "Nhập mã hồ sơ được phản ánh (in trên Giấy tiếp nhận).");
    }
    if (f.procedure_code.size() > 40) problem("procedure_code", "Mã thủ tục quá dài.");
    if (f.dossier_code.size() > 40) problem("dossier_code", "Mã hồ sơ quá dài.");
  }

  auto title = CleanText(in.title);
  if (!title) {
    problem("title", "Tiêu đề chứa ký tự không hợp lệ.");
  } else if (CharCount(*title) < 5) {
    problem("title", "Nhập tiêu đề (ít nhất 5 ký tự).");
  } else if (CharCount(*title) > kFeedbackTitleMax) {
    problem("title", "Tiêu đề tối đa 200 ký tự.");
  } else {
    f.title = *title;
  }
  auto content = CleanText(in.content);
  if (!content) {
    problem("content", "Nội dung chứa ký tự không hợp lệ.");
  } else if (CharCount(*content) < 10) {
    problem("content", "Nhập nội dung phản ánh, kiến nghị (ít nhất 10 ký tự).");
  } else if (CharCount(*content) > kFeedbackContentMax) {
    problem("content", "Nội dung tối đa 5.000 ký tự.");
  } else {
    f.content = *content;
  }

  std::string_view name = Trim(in.sender_name), phone = Trim(in.sender_phone), email = Trim(in.sender_email);
  if (!name.empty()) {
    if (auto v = ValidateFullName(name, "sender_name")) f.sender.name = *v;
    else problems.push_back(v.error().fields.empty() ? FieldError{"sender_name", v.error().user_message} : v.error().fields[0]);
  } else if (!logged_in) {
    problem("sender_name", "Nhập họ và tên người gửi.");
  }
  if (!phone.empty()) {
    if (auto v = ValidatePhone(phone, "sender_phone")) f.sender.phone = *v;
    else problems.push_back(v.error().fields.empty() ? FieldError{"sender_phone", v.error().user_message} : v.error().fields[0]);
  }
  if (!email.empty()) {
    if (auto v = ValidateEmail(email, "sender_email")) f.sender.email = *v;
    else problems.push_back(v.error().fields.empty() ? FieldError{"sender_email", v.error().user_message} : v.error().fields[0]);
  }
  if (!logged_in && phone.empty() && email.empty()) {
    problem("sender_phone", "Nhập số điện thoại hoặc thư điện tử để cơ quan liên hệ và trả lời.");
  }
  f.consent_to_publish = in.consent_to_publish;

  if (!problems.empty()) {
    Error e{ErrorCode::kInvalidArgument, "Thông tin phản ánh, kiến nghị chưa hợp lệ.", "invalid feedback", std::move(problems)};
    return Fail(std::move(e));
  }
  return f;
}

std::string RouteFeedback(FeedbackKind kind, const FeedbackRoutingFacts& facts) {
  if (kind == FeedbackKind::kProcedure && !facts.procedure_agencies.empty() && !facts.procedure_agencies[0].empty()) {
    return facts.procedure_agencies[0];
  }
  if (kind == FeedbackKind::kDossier && !facts.dossier_agency.empty()) return facts.dossier_agency;
  if (!facts.chosen_agency.empty()) return facts.chosen_agency;
  return facts.default_agency;
}

const char* FeedbackTimelinessKey(FeedbackTimeliness t) {
  switch (t) {
    case FeedbackTimeliness::kOpenWithinDeadline: return "open";
    case FeedbackTimeliness::kOpenOverdue: return "overdue";
    case FeedbackTimeliness::kAnsweredOnTime: return "on_time";
    case FeedbackTimeliness::kAnsweredLate: return "late";
    case FeedbackTimeliness::kClosed: return "closed";
  }
  return "open";
}

const char* FeedbackTimelinessLabel(FeedbackTimeliness t) {
  switch (t) {
    case FeedbackTimeliness::kOpenWithinDeadline: return "Còn hạn";
    case FeedbackTimeliness::kOpenOverdue: return "Quá hạn";
    case FeedbackTimeliness::kAnsweredOnTime: return "Trả lời đúng hạn";
    case FeedbackTimeliness::kAnsweredLate: return "Trả lời quá hạn";
    case FeedbackTimeliness::kClosed: return "Đã đóng";
  }
  return "Còn hạn";
}

FeedbackTimeliness ClassifyFeedback(const Feedback& f, Timestamp now) {
  if (f.answered_at) {
    return *f.answered_at <= f.due_at ? FeedbackTimeliness::kAnsweredOnTime : FeedbackTimeliness::kAnsweredLate;
  }
  if (f.status == FeedbackStatus::kClosed) return FeedbackTimeliness::kClosed;
  return now > f.due_at ? FeedbackTimeliness::kOpenOverdue : FeedbackTimeliness::kOpenWithinDeadline;
}

Result<Feedback> TakeUpFeedback(Feedback f, const std::string& officer, Timestamp now) {
  if (!IsOpen(f.status)) return Precondition("Phản ánh, kiến nghị này đã được trả lời hoặc đã đóng.");
  f.status = FeedbackStatus::kInProgress;
  f.assignee = officer;
  f.updated_at = now;
  return f;
}

Result<Feedback> AnswerFeedback(Feedback f, std::string_view answer, const std::string& officer, Timestamp now) {
  bool correcting = f.status == FeedbackStatus::kAnswered && !f.rating;
  if (!IsOpen(f.status) && !correcting) {
    return Precondition("Chỉ trả lời được phản ánh, kiến nghị đang chờ trả lời (hoặc sửa câu trả lời chưa được đánh giá, chưa công khai).");
  }
  auto text = CleanText(answer);
  if (!text) return Invalid("answer", "Câu trả lời chứa ký tự không hợp lệ.");
  if (CharCount(*text) < 10) return Invalid("answer", "Nhập câu trả lời (ít nhất 10 ký tự).");
  if (CharCount(*text) > kFeedbackAnswerMax) return Invalid("answer", "Câu trả lời tối đa 10.000 ký tự.");
  f.answer = *text;
  f.answered_by = officer;
  if (!f.answered_at) f.answered_at = now;
  if (f.assignee.empty()) f.assignee = officer;
  f.status = FeedbackStatus::kAnswered;
  f.updated_at = now;
  return f;
}

Result<Feedback> CloseFeedback(Feedback f, std::string_view reason_key, std::string_view note, Timestamp now) {
  if (!IsOpen(f.status)) return Precondition("Chỉ đóng được phản ánh, kiến nghị chưa được trả lời.");
  auto reason = ParseFeedbackCloseReason(Trim(reason_key));
  if (!reason) return Invalid("reason", "Chọn lý do đóng: không thuộc phạm vi xử lý hoặc trùng lặp.");
  auto text = CleanText(note);
  if (!text || text->empty()) {
    return Invalid("note", *reason == FeedbackCloseReason::kDuplicate
                               ? "Ghi mã phản ánh, kiến nghị bị trùng."
                               : "Ghi rõ lý do không thuộc phạm vi xử lý (và cơ quan có thẩm quyền, nếu biết).");
  }
  if (CharCount(*text) > 1000) return Invalid("note", "Ghi chú tối đa 1.000 ký tự.");
  f.status = FeedbackStatus::kClosed;
  f.close_reason = reason;
  f.close_note = *text;
  f.closed_at = now;
  f.updated_at = now;
  return f;
}

Result<Feedback> ConcludeFeedback(Feedback f, bool upheld, Timestamp now) {
  if (f.kind != FeedbackKind::kDossier || f.dossier_id == 0) {
    return Precondition("Chỉ kết luận có cơ sở hay không đối với phản ánh về việc giải quyết một hồ sơ.");
  }
  if (f.status == FeedbackStatus::kClosed) return Precondition("Phản ánh, kiến nghị này đã đóng.");
  f.upheld = upheld;
  f.updated_at = now;
  return f;
}

Result<Feedback> PublishFeedback(Feedback f, std::string_view title, std::string_view content, std::string_view answer,
                                 Timestamp now) {
  if (!f.consent_to_publish) {
    return Precondition("Người gửi không đồng ý công khai nên không thể công khai phản ánh, kiến nghị này.");
  }
  if (f.status != FeedbackStatus::kAnswered) return Precondition("Chỉ công khai được phản ánh, kiến nghị đã trả lời.");
  std::vector<std::string> names;
  if (!f.sender.name.empty()) names.push_back(f.sender.name);
  auto pick = [&](std::string_view edit, const std::string& original, const char* field,
                  std::size_t max) -> Result<std::string> {
    auto text = CleanText(edit);
    if (!text) return Invalid(field, "Nội dung công khai chứa ký tự không hợp lệ.");
    std::string chosen = text->empty() ? original : *text;
    if (CharCount(chosen) > max) return Invalid(field, "Nội dung công khai quá dài.");
    return RedactPersonalData(chosen, names);
  };
  auto t = pick(title, f.title, "title", kFeedbackTitleMax);
  if (!t) return Fail(t.error());
  auto c = pick(content, f.content, "content", kFeedbackContentMax);
  if (!c) return Fail(c.error());
  auto a = pick(answer, f.answer, "answer", kFeedbackAnswerMax);
  if (!a) return Fail(a.error());
  f.published_title = *t;
  f.published_content = *c;
  f.published_answer = *a;
  f.published_at = now;
  f.status = FeedbackStatus::kPublished;
  f.updated_at = now;
  return f;
}

Result<Feedback> RateFeedback(Feedback f, Satisfaction value, std::string_view comment, Timestamp now) {
  if (f.status != FeedbackStatus::kAnswered && f.status != FeedbackStatus::kPublished) {
    return Precondition("Chỉ đánh giá được sau khi cơ quan đã trả lời.");
  }
  if (f.rating) return Precondition("Bạn đã đánh giá câu trả lời này; mỗi phản ánh, kiến nghị chỉ được đánh giá một lần.");
  auto text = CleanText(comment);
  if (!text) return Invalid("comment", "Ý kiến chứa ký tự không hợp lệ.");
  if (CharCount(*text) > 2000) return Invalid("comment", "Ý kiến tối đa 2.000 ký tự.");
  f.rating = value;
  f.rating_comment = *text;
  f.rated_at = now;
  f.updated_at = now;
  return f;
}

std::string RedactPersonalData(std::string_view text, const std::vector<std::string>& names) {
  return MaskNames(MaskNumbers(MaskEmails(text)), names);
}

std::string FormatFeedbackCode(Timestamp received, std::string_view suffix) {
  Date d = ToVietnam(received).date;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02u%02u", static_cast<int>(d.year()) % 100, static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return "PAKN-" + std::string(buf) + "-" + std::string(suffix);
}

std::string FeedbackCodeSuffix(std::string_view random) {
  std::string out;
  for (std::size_t i = 0; i < random.size() && out.size() < 6; ++i) {
    out += kCodeAlphabet[static_cast<unsigned char>(random[i]) % 32];
  }
  while (out.size() < 6) out += 'A';
  return out;
}

bool IsFeedbackCode(std::string_view text) {
  if (text.size() != 18 || text.substr(0, 5) != "PAKN-" || text[11] != '-') return false;
  for (std::size_t i = 5; i < 11; ++i) {
    if (!IsDigit(text[i])) return false;
  }
  for (std::size_t i = 12; i < 18; ++i) {
    if (std::string_view(kCodeAlphabet).find(text[i]) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace motcua::domain
