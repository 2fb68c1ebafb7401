#pragma once
// RatingStore: satisfaction ratings (one row per version), used rating-link
// nonces, desk kiosks and the rating-link key (server_secrets) on SQLite or
// PostgreSQL. Thread-safe (each call leases its own session).
//
// Insert writes the rating version, the used nonce, the dossier's report
// marks (store::ChangeReportMarks, which also moves the report rollups),
// the kiosk's cleared offer and the audit row in one write transaction.

#include "app/rating/ports.hpp"
#include "store/database.hpp"

namespace motcua::store {

class RatingStore final : public app::RatingRepository {
 public:
  explicit RatingStore(Database& db) : db_(db) {}

  Result<std::optional<app::StoredRating>> Latest(std::int64_t dossier_id, domain::RatingChannel channel) override;
  Result<std::vector<app::StoredRating>> ForDossier(std::int64_t dossier_id) override;
  Status Insert(const app::RatingWrite& write) override;
  Result<bool> LinkNonceUsed(const std::string& nonce) override;
  Status BindKiosk(const app::KioskBinding& binding, const app::AuditEvent& audit) override;
  Result<std::optional<app::KioskBinding>> FindKiosk(const std::string& counter) override;
  Status OfferAtKiosk(const std::string& officer, std::int64_t dossier_id, Timestamp at) override;
  Status ClearKiosk(const std::string& counter, std::int64_t dossier_id) override;
  // The key is kept hex-encoded under the name "rating_link_key".
  Result<std::string> LinkKey(const std::function<std::string()>& generate) override;

 private:
  Database& db_;
};

// The stored text of a rating's answers ("overall:very_satisfied,time:satisfied")
// and back; unknown pairs are skipped.
std::string EncodeAnswers(const std::vector<domain::RatingAnswer>& answers);
std::vector<domain::RatingAnswer> DecodeAnswers(const std::string& text);

}  // namespace motcua::store
