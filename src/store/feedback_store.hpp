#pragma once
// FeedbackStore: feedback and petitions (phản ánh, kiến nghị) on SQLite or
// PostgreSQL. Each change is one write transaction with its audit row, the
// notices to the agency's officers and to the sender, and, when the
// conclusion on a complaint about a dossier changes, the dossier's report
// marks (store::ChangeReportMarks). Thread-safe.

#include "app/feedback/ports.hpp"
#include "store/database.hpp"

namespace motcua::store {

class FeedbackStore final : public app::FeedbackRepository {
 public:
  explicit FeedbackStore(Database& db) : db_(db) {}

  Result<domain::Feedback> Insert(const app::FeedbackChange& change) override;
  Result<domain::Feedback> Update(const app::FeedbackChange& change) override;
  Result<domain::Feedback> FindByCode(const std::string& code) override;
  Result<std::vector<domain::Feedback>> List(const app::FeedbackQuery& query) override;
  Result<app::FeedbackCounts> Counts(const std::vector<std::string>& agency_codes, Timestamp from, Timestamp to,
                                     Timestamp now) override;

 private:
  Database& db_;
};

}  // namespace motcua::store
