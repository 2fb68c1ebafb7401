#pragma once
// FeedbackService: the use cases of feedback and petitions (phản ánh, kiến
// nghị): anyone submits; the item is routed to the responsible agency with
// a deadline in working days; officers of that agency take it up, answer,
// close it unanswered with a reason, conclude whether a complaint about a
// dossier is valid, and publish the answer (with the sender's consent,
// personal data removed); the sender follows it and rates the answer once
// with a secret token (stored hashed) that needs no login.
//
// Access: the public sees published items only, redacted; the sender (by
// token, or by account if sent logged in) sees their item; officers see the
// items of their agency subtree (supervisors and system administrators
// all); specialists, leaders and agency administrators of the subtree act
// (system administrators too). An item outside the caller's reach is
// kNotFound, never kForbidden, so codes cannot be probed. Every change is
// one transaction with its audit row. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "app/accounts/account_service.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/ports.hpp"
#include "app/feedback/ports.hpp"
#include "app/ports/clock.hpp"

namespace motcua::app {

struct FeedbackOptions {
  double deadline_days = domain::kDefaultFeedbackDays;  // hạn trả lời, working days
  // Where feedback goes when no agency is chosen; empty: the root of the
  // agency tree (the province's people's committee).
  std::string default_agency;
};

struct SubmittedFeedback {
  domain::Feedback feedback;
  std::string token;  // shown once to the sender: follow-up and rating without login
};

// An officer's action on an item.
struct FeedbackAction {
  std::string action;  // take_up, answer, close, conclude, publish
  int version = 0;     // the version the officer saw (optimistic concurrency)
  std::string answer;  // answer
  std::string reason;  // close: not_in_scope | duplicate
  std::string note;    // close
  std::optional<bool> upheld;  // conclude
  // publish: the officer's edits of the published texts (empty: the originals)
  std::string title;
  std::string content;
};

enum class FeedbackAccess { kPublic, kSender, kOfficer };

struct FeedbackView {
  domain::Feedback feedback;
  FeedbackAccess access = FeedbackAccess::kPublic;
  bool may_act = false;  // the caller may answer / publish it
};

class FeedbackService {
 public:
  FeedbackService(FeedbackRepository& repository, DossierRepository& dossiers, CatalogService& catalog,
                  CalendarService& calendar, const TokenService& tokens, const Clock& clock,
                  FeedbackOptions options = {});

  // Anyone (`who` null when not logged in). Validates, routes, sets the
  // deadline, stores with a fresh code and token, and tells the agency's
  // officers. Errors: kInvalidArgument with field errors (also for an
  // unknown procedure, dossier or agency); storage errors.
  Result<SubmittedFeedback> Submit(const Principal* who, const domain::FeedbackInput& input,
                                   const std::string& request_id);

  // One item as the caller may see it: officers in scope, the sender (token
  // or account), else the public if published. Errors: kNotFound.
  Result<FeedbackView> View(const Principal* who, const std::string& code, const std::string& token);

  // The public list: published items, newest first, searchable.
  Result<std::vector<domain::Feedback>> ListPublished(FeedbackQuery query);

  // Officers: the items of their scope with the query's filters.
  // Errors: kForbidden for citizens and businesses.
  Result<std::vector<domain::Feedback>> ListForOfficer(const Principal& who, FeedbackQuery query);

  // An officer acts. Errors: kNotFound (unknown or out of scope),
  // kForbidden (desk officers, supervisors), kInvalidArgument,
  // kFailedPrecondition (not allowed now), kConflict (stale version).
  Result<domain::Feedback> Act(const Principal& who, const std::string& code, const FeedbackAction& action,
                               const std::string& request_id);

  // The sender rates the answer once, with the follow-up token.
  // Errors: kNotFound (unknown code or wrong token), kFailedPrecondition
  // (not answered yet or already rated), kInvalidArgument ("value", "comment").
  Result<domain::Feedback> Rate(const std::string& code, const std::string& token, const std::string& value,
                                const std::string& comment, const std::string& request_id);

  // FeedbackRepository::Counts as of the clock's now.
  Result<FeedbackCounts> Counts(const std::vector<std::string>& agency_codes, Timestamp from, Timestamp to);

  // Whether `who` may act on items (role), and whether an agency is in their scope.
  static bool MayAnswer(const domain::User& u);
  bool InScope(const domain::User& u, const std::string& agency_code);

  const Clock& clock() const { return clock_; }

 private:
  std::optional<std::vector<std::string>> Scope(const domain::User& u);

  FeedbackRepository& repository_;
  DossierRepository& dossiers_;
  CatalogService& catalog_;
  CalendarService& calendar_;
  const TokenService& tokens_;
  const Clock& clock_;
  FeedbackOptions options_;
};

}  // namespace motcua::app
