#pragma once
// Ports of the feedback use cases (phản ánh, kiến nghị): storage of
// feedback items, and the counts reports read (Thông tư 01/2018 index 8,
// QĐ 766 satisfaction group).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_event.hpp"
#include "app/dossier/ports.hpp"
#include "core/error.hpp"
#include "domain/feedback/feedback.hpp"

namespace motcua::app {

// A change to store: the item as it now is, the version storage must still
// have (ignored by Insert), and what to record with it.
struct FeedbackChange {
  domain::Feedback feedback;
  int expected_version = 0;
  AuditEvent audit;
  // Tell the officers of the responsible agency who answer feedback
  // (specialists, leaders, agency administrators): one notice each.
  std::optional<std::string> notify_title;
  std::string notify_body;
  // A notice to the sender's account, if they sent it logged in (dossier_id 0).
  std::optional<Notice> sender_notice;
  // When the conclusion on a complaint about a dossier changes: +1 when
  // found valid (có cơ sở), -1 when a valid finding is withdrawn. Applied to
  // the dossier's report marks in the same transaction (index 7).
  int upheld_delta = 0;
};

struct FeedbackQuery {
  std::optional<std::vector<std::string>> agencies;  // officers: their scope; nullopt: all
  std::optional<domain::FeedbackStatus> status;
  bool published_only = false;       // the public list
  std::optional<Timestamp> overdue_at;  // only open items due before this instant
  std::string text;                  // words of the published title/content/answer (folded)
  std::int64_t after_id = 0;         // keyset: items with a smaller id (newest first)
  int limit = 20;
};

// The feedback of a cohort: items received by the agencies in
// [from, to), and what has become of them.
struct FeedbackCounts {
  std::int64_t received = 0;
  std::int64_t answered = 0;          // answered (published included)
  std::int64_t answered_on_time = 0;  // first answer at or before the due time
  std::int64_t answered_late = 0;
  std::int64_t open_overdue = 0;      // not answered, not closed, due before `now`
  std::int64_t closed = 0;            // closed unanswered (not in scope, duplicate)
  std::int64_t rated = 0;             // the sender rated the answer
  std::int64_t rated_dissatisfied = 0;  // … Chưa hài lòng
  std::int64_t upheld = 0;            // complaints about a dossier found valid
  bool operator==(const FeedbackCounts&) const = default;
};

// Thread-safe. Every write is one transaction with its audit row (and the
// officers' notices, and the dossier's report marks when upheld changes).
class FeedbackRepository {
 public:
  virtual ~FeedbackRepository() = default;

  // Inserts a new item; returns it with id and version 1.
  // Errors: kConflict when the code is taken (the caller draws another).
  virtual Result<domain::Feedback> Insert(const FeedbackChange& change) = 0;

  // Saves `change.feedback` if storage still has `expected_version`; returns
  // it with the next version. Errors: kConflict if someone changed it first;
  // kNotFound.
  virtual Result<domain::Feedback> Update(const FeedbackChange& change) = 0;

  // Errors: kNotFound.
  virtual Result<domain::Feedback> FindByCode(const std::string& code) = 0;

  // Newest first (by id), at most query.limit.
  virtual Result<std::vector<domain::Feedback>> List(const FeedbackQuery& query) = 0;

  // The counts of the items received by any of `agency_codes` (all agencies
  // when empty) in [from, to); open_overdue as of `now`. One indexed query
  // (agency_code, received_at). Errors: kUnavailable, kInternal.
  virtual Result<FeedbackCounts> Counts(const std::vector<std::string>& agency_codes, Timestamp from, Timestamp to,
                                        Timestamp now) = 0;
};

}  // namespace motcua::app
