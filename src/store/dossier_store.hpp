#pragma once
// DossierStore: dossiers, their files, their handling (the step in the
// internal process, result documents, consultations), history, code
// sequences and notices on SQLite or PostgreSQL. Thread-safe.
//
// A change writes the whole dossier value in one transaction with its
// history row, audit row, the applicant's notice and the officers' notices.
// One exception: the deadline flags (due_soon_flagged_at,
// overdue_flagged_at) set by the lateness scan without a version bump are
// kept by a change that does not set them and does not move the due time,
// so a change computed before the scan neither conflicts nor erases them.

#include <chrono>

#include "app/dossier/ports.hpp"
#include "core/ttl_cache.hpp"
#include "store/database.hpp"

namespace motcua::store {

class Sql;  // store/sql.hpp

class DossierStore final : public app::DossierRepository {
 public:
  // `tracking_cache`: how long a public tracking answer is served from
  // memory (0: never). A change saved through this store is seen at once;
  // one made by another process within that time.
  explicit DossierStore(Database& db, std::chrono::milliseconds tracking_cache = kDefaultTrackingCache)
      : db_(db), tracking_(tracking_cache, 50000) {}

  static constexpr std::chrono::milliseconds kDefaultTrackingCache{2000};

  Result<domain::Dossier> Insert(const app::DossierChange& change) override;
  Result<domain::Dossier> Update(const app::DossierChange& change) override;
  Result<domain::Dossier> UpdateAndAssignCode(
      const app::DossierChange& change, const std::string& day_key,
      const std::function<Result<std::string>(int sequence)>& format_code) override;
  Result<domain::Dossier> FindById(std::int64_t id) override;
  Result<domain::Dossier> FindByCode(const std::string& code) override;
  Result<std::vector<app::DossierSummary>> List(const app::DossierFilter& filter) override;
  Result<app::TrackedDossier> Track(const std::string& code) override;
  Result<std::vector<app::DossierEvent>> History(std::int64_t dossier_id) override;
  Result<std::vector<app::Notice>> Notices(std::int64_t user_id, int limit) override;

 private:
  Result<domain::Dossier> Save(const app::DossierChange& change, const std::string* day_key,
                               const std::function<Result<std::string>(int)>* format_code);
  // The dossiers `q` selects (every column of kColumns), each with its
  // files, result documents and consultations.
  Result<std::vector<domain::Dossier>> Select(Sql& q);
  Database& db_;
  TtlCache<std::string, app::TrackedDossier> tracking_;  // by dossier code
};

}  // namespace motcua::store
