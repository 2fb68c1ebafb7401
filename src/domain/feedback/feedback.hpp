#pragma once
// Feedback and petitions (phản ánh, kiến nghị; rules.md §7–§8, Nghị định
// 20/2008 on receiving and handling feedback on administrative rules): what
// anyone sends about a procedure, a dossier, a regulation or anything else,
// routed to the responsible agency, answered within a deadline in working
// days, published with the sender's consent and without personal data, and
// rated by the sender once. Plain values and pure rules, no I/O.
//
// Lifecycle: received → in progress → answered → published; or, before an
// answer, closed as not in scope or a duplicate, with a reason.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/evaluation/rating.hpp"

namespace motcua::domain {

enum class FeedbackKind {
  kProcedure,   // về thủ tục hành chính
  kDossier,     // về việc giải quyết một hồ sơ
  kRegulation,  // về quy định hành chính
  kOther,       // khác
};
const char* FeedbackKindKey(FeedbackKind k);    // "procedure", "dossier", "regulation", "other"
const char* FeedbackKindLabel(FeedbackKind k);  // Vietnamese
std::optional<FeedbackKind> ParseFeedbackKind(std::string_view key);

enum class FeedbackStatus {
  kReceived,    // đã tiếp nhận
  kInProgress,  // đang xử lý
  kAnswered,    // đã trả lời
  kPublished,   // đã công khai
  kClosed,      // đã đóng (không thuộc phạm vi / trùng lặp)
};
const char* FeedbackStatusKey(FeedbackStatus s);  // "received", "in_progress", "answered", "published", "closed"
const char* FeedbackStatusLabel(FeedbackStatus s);
std::optional<FeedbackStatus> ParseFeedbackStatus(std::string_view key);
// Received or in progress: still waiting for an answer.
bool IsOpen(FeedbackStatus s);

enum class FeedbackCloseReason {
  kNotInScope,  // không thuộc phạm vi xử lý
  kDuplicate,   // trùng lặp
};
const char* FeedbackCloseReasonKey(FeedbackCloseReason r);  // "not_in_scope", "duplicate"
const char* FeedbackCloseReasonLabel(FeedbackCloseReason r);
std::optional<FeedbackCloseReason> ParseFeedbackCloseReason(std::string_view key);

// Who sent it. A sender who is not logged in must leave at least one way
// to be reached (phone or e-mail).
struct FeedbackSender {
  std::string name;   // NFC
  std::string phone;  // 0xxxxxxxxx
  std::string email;  // lower case
  std::optional<std::int64_t> user_id;  // when sent while logged in
};

struct Feedback {
  std::int64_t id = 0;
  std::string code;  // PAKN-YYMMDD-XXXXXX
  FeedbackKind kind = FeedbackKind::kOther;
  std::string procedure_code;  // kProcedure (also kept for kDossier: the dossier's procedure)
  std::string dossier_code;    // kDossier
  std::int64_t dossier_id = 0;  // kDossier, 0 otherwise
  std::string agency_code;     // the responsible agency (routed)
  std::string title;
  std::string content;
  FeedbackSender sender;
  bool consent_to_publish = false;
  FeedbackStatus status = FeedbackStatus::kReceived;
  Timestamp received_at{};
  Timestamp due_at{};  // hạn trả lời
  std::string assignee;  // officer's user name, once taken up
  std::string answer;
  std::string answered_by;
  std::optional<Timestamp> answered_at;  // the first answer: what timeliness counts
  std::optional<bool> upheld;  // complaints about a dossier: có cơ sở (true) or không (false)
  std::optional<FeedbackCloseReason> close_reason;
  std::string close_note;
  std::optional<Timestamp> closed_at;
  // What the public sees once published: redacted, maybe edited by the officer.
  std::string published_title;
  std::string published_content;
  std::string published_answer;
  std::optional<Timestamp> published_at;
  std::optional<Satisfaction> rating;  // the sender's rating of the answer, once
  std::string rating_comment;
  std::optional<Timestamp> rated_at;
  std::string token_hash;  // SHA-256 of the sender's follow-up token
  int version = 1;
  Timestamp updated_at{};
};

// --- submission -------------------------------------------------------------

struct FeedbackInput {
  std::string kind;  // key
  std::string procedure_code;
  std::string dossier_code;
  std::string agency_code;  // chosen by the sender (kRegulation, kOther)
  std::string title;
  std::string content;
  std::string sender_name;
  std::string sender_phone;
  std::string sender_email;
  bool consent_to_publish = false;
};

inline constexpr std::size_t kFeedbackTitleMax = 200;       // characters
inline constexpr std::size_t kFeedbackContentMax = 5000;    // characters
inline constexpr std::size_t kFeedbackAnswerMax = 10000;    // characters

// Checks and normalizes a submission (NFC, trimmed, phone and e-mail
// normalized) into a new Feedback (status received, no code, agency or
// dates yet). `logged_in`: the sender is an account holder, so contacts may
// be empty (the service fills them from the account). Every problem is
// reported at once. Errors: kInvalidArgument with field errors ("kind",
// "procedure_code", "dossier_code", "title", "content", "sender_name",
// "sender_phone", "sender_email").
Result<Feedback> ValidateFeedback(const FeedbackInput& input, bool logged_in);

// --- routing and deadline ---------------------------------------------------

// What routing needs to know about the subject.
struct FeedbackRoutingFacts {
  std::vector<std::string> procedure_agencies;  // implementing agencies, first = primary
  std::string dossier_agency;                   // the dossier's receiving agency
  std::string chosen_agency;                    // picked by the sender
  std::string default_agency;                   // configured root (e.g. the province's people's committee)
};

// The agency responsible: a procedure's first implementing agency; a
// dossier's receiving agency; otherwise the chosen agency, else the default.
std::string RouteFeedback(FeedbackKind kind, const FeedbackRoutingFacts& facts);

// Default answer deadline, in working days from reception (configurable).
inline constexpr double kDefaultFeedbackDays = 10;

enum class FeedbackTimeliness {
  kOpenWithinDeadline,  // chưa trả lời, còn hạn
  kOpenOverdue,         // chưa trả lời, quá hạn
  kAnsweredOnTime,      // trả lời đúng hạn
  kAnsweredLate,        // trả lời quá hạn
  kClosed,              // closed without an answer: not classified
};
const char* FeedbackTimelinessKey(FeedbackTimeliness t);  // "open", "overdue", "on_time", "late", "closed"
const char* FeedbackTimelinessLabel(FeedbackTimeliness t);
// Classifies `f` at `now`: answered at or before the due time is on time.
FeedbackTimeliness ClassifyFeedback(const Feedback& f, Timestamp now);

// --- transitions (each returns the changed value or why not) -----------------

// An officer takes it up (received → in progress). Errors: kFailedPrecondition.
Result<Feedback> TakeUpFeedback(Feedback f, const std::string& officer, Timestamp now);

// Records the answer (received / in progress → answered). An answer may be
// corrected while answered, not yet rated nor published; the first answer
// time stays. Errors: kInvalidArgument (field "answer": empty or too long),
// kFailedPrecondition.
Result<Feedback> AnswerFeedback(Feedback f, std::string_view answer, const std::string& officer, Timestamp now);

// Closes it unanswered as not in scope or a duplicate. Errors:
// kInvalidArgument (fields "reason", "note": a duplicate names the other
// item, not in scope says why), kFailedPrecondition unless open.
Result<Feedback> CloseFeedback(Feedback f, std::string_view reason_key, std::string_view note, Timestamp now);

// Concludes whether a complaint about a dossier is valid (có cơ sở).
// Errors: kFailedPrecondition unless about a dossier and not closed.
Result<Feedback> ConcludeFeedback(Feedback f, bool upheld, Timestamp now);

// Publishes the answer (answered → published) with the redacted texts:
// `title`, `content`, `answer` are the officer's edits (empty: the
// originals), always passed through RedactPersonalData. Errors:
// kFailedPrecondition without consent or unless answered.
Result<Feedback> PublishFeedback(Feedback f, std::string_view title, std::string_view content,
                                 std::string_view answer, Timestamp now);

// The sender rates the answer, once. Errors: kFailedPrecondition unless
// answered or published, or already rated; kInvalidArgument (field
// "comment") for a comment over 2000 characters.
Result<Feedback> RateFeedback(Feedback f, Satisfaction value, std::string_view comment, Timestamp now);

// --- publishing without personal data ---------------------------------------

// Returns `text` with personal data masked: e-mail addresses → "[email]",
// phone numbers (10 digits from 0, or +84/84 and 9 digits; spaces, dots and
// dashes allowed between digits) → "[số điện thoại]", other numbers of 9 to
// 12 digits (ID card numbers, CMND/CCCD) → "[số giấy tờ]", and each of
// `names` (the sender's name) → "[người gửi]". Amounts written with
// thousands dots ("100.000.000") and dates are kept.
std::string RedactPersonalData(std::string_view text, const std::vector<std::string>& names = {});

// --- codes -----------------------------------------------------------------

// "PAKN-" + YYMMDD of `received` (Vietnam) + "-" + `suffix`.
std::string FormatFeedbackCode(Timestamp received, std::string_view suffix);
// Six characters of an unambiguous alphabet (no 0/O, 1/I) taken from `random`
// (any text of random bytes or characters, at least 6 long).
std::string FeedbackCodeSuffix(std::string_view random);
// True for the shape of a code: PAKN-dddddd-XXXXXX.
bool IsFeedbackCode(std::string_view text);

}  // namespace motcua::domain
