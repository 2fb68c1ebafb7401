#pragma once
// Ports of the dossier use cases: dossier storage and the file store.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_event.hpp"
#include "core/error.hpp"
#include "domain/dossier/dossier.hpp"

namespace motcua::app {

// An in-app notice for an applicant (thông báo), written with the change.
struct Notice {
  std::int64_t user_id = 0;
  std::int64_t dossier_id = 0;
  Timestamp at{};
  std::string title;
  std::string body;
};

// One row of a dossier's append-only history.
// Hand-overs between steps also say which step was closed, who received
// the dossier, and the due time of the closed step: the control slip
// (Mẫu 05) is rendered from these rows.
struct DossierEvent {
  Timestamp at{};
  std::string actor;
  std::string action;
  std::string from_status;
  std::string to_status;
  std::string note;
  int step = -1;                           // the step acted on (before the change)
  std::string receiver;                    // who or which unit now holds it
  std::optional<Timestamp> step_due_at;    // due time of the step acted on
};

// A change to store: the dossier as it now is, the version it must still
// have in storage, and what to record with it.
struct DossierChange {
  domain::Dossier dossier;
  int expected_version = 0;
  DossierEvent event;
  AuditEvent audit;
  std::optional<Notice> notice;
  std::vector<Notice> officer_notices;  // e.g. to the officer a dossier was assigned to
};

struct DossierFilter {
  std::optional<std::int64_t> owner_user_id;       // citizens: their own
  std::optional<std::vector<std::string>> agencies;  // officers: their scope
  std::optional<domain::DossierStatus> status;
  std::string procedure_code;
  std::string code;
  std::string applicant_id_number;
  std::optional<Timestamp> created_from;
  std::optional<Timestamp> created_to;
  std::int64_t after_id = 0;  // keyset: dossiers with a smaller id (newest first)
  int limit = 20;
};

// One row of a dossier list (danh sách hồ sơ): what a list shows and links
// to. Contact details, files and handling are read with the whole dossier.
struct DossierSummary {
  std::int64_t id = 0;
  int version = 0;
  std::string code;  // empty before acceptance
  domain::DossierStatus status = domain::DossierStatus::kDraft;
  std::string procedure_code;
  std::string procedure_name;
  std::string agency_code;
  domain::Channel channel = domain::Channel::kOnline;
  std::string applicant_name;
  std::optional<Timestamp> submitted_at;
  std::optional<Timestamp> received_at;
  std::optional<Timestamp> due_at;
  std::optional<Timestamp> step_due_at;
  Timestamp created_at{};
  Timestamp updated_at{};
};

// What anyone may see of a dossier by its code (tra cứu hồ sơ): no
// applicant, files or officers.
struct TrackedDossier {
  std::string code;
  domain::DossierStatus status = domain::DossierStatus::kDraft;
  std::string procedure_code;
  std::string procedure_name;
  std::string agency_code;
  std::optional<Timestamp> received_at;
  std::optional<Timestamp> due_at;
  Timestamp updated_at{};
};

// Thread-safe. Every write is one transaction with its history row, audit
// row and notice.
class DossierRepository {
 public:
  virtual ~DossierRepository() = default;

  // Inserts a new dossier (files included); returns it with id and version 1.
  virtual Result<domain::Dossier> Insert(const DossierChange& change) = 0;

  // Saves `change.dossier` if storage still has `expected_version`; returns
  // it with the next version. Errors: kConflict if someone changed it first.
  virtual Result<domain::Dossier> Update(const DossierChange& change) = 0;

  // Like Update, and also assigns the dossier code: takes the next number
  // of the receiving agency's daily sequence (gap-free: rolled back with the
  // transaction) and passes it to `format_code`. Errors: kConflict; those of
  // `format_code`.
  virtual Result<domain::Dossier> UpdateAndAssignCode(
      const DossierChange& change, const std::string& day_key,
      const std::function<Result<std::string>(int sequence)>& format_code) = 0;

  // Errors: kNotFound.
  virtual Result<domain::Dossier> FindById(std::int64_t id) = 0;
  virtual Result<domain::Dossier> FindByCode(const std::string& code) = 0;

  // Newest first, at most filter.limit.
  virtual Result<std::vector<DossierSummary>> List(const DossierFilter& filter) = 0;

  // The public facts of the dossier with `code`. Errors: kNotFound.
  virtual Result<TrackedDossier> Track(const std::string& code) = 0;

  virtual Result<std::vector<DossierEvent>> History(std::int64_t dossier_id) = 0;
  virtual Result<std::vector<Notice>> Notices(std::int64_t user_id, int limit) = 0;
};

// Content-addressed file storage. Put writes durably before returning, so
// a database row may reference the hash only after Put succeeded.
class FileStore {
 public:
  virtual ~FileStore() = default;
  // Returns the lowercase hex SHA-256 of `bytes`. Errors: kUnavailable.
  virtual Result<std::string> Put(std::string_view bytes) = 0;
  // Errors: kNotFound.
  virtual Result<std::string> Get(const std::string& sha256) = 0;
  virtual bool Exists(const std::string& sha256) = 0;
};

}  // namespace motcua::app
