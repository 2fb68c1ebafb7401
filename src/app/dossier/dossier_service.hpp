#pragma once
// DossierService: submission and reception at the one-stop desk.
//
// Each method authorizes the caller, loads, applies one domain transition,
// and stores the change with its history row, audit row and the applicant's
// notice in one transaction. Files are written to the file store before the
// database row that references them. Thread-safe.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/account_service.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/ports.hpp"
#include "app/ports/clock.hpp"

namespace motcua::app {

struct UploadedFile {
  int component_index = 0;
  std::string file_name;
  std::string bytes;
  std::string copy_kind = "electronic";  // desk: "original", "certified_copy", "photocopy"
};

struct NewDossierInput {
  std::string procedure_code;
  domain::Applicant applicant;  // online: prefilled from the account where empty
  std::string request_note;
  int copies = 1;
  std::vector<UploadedFile> files;
  domain::Channel channel = domain::Channel::kOnline;
  std::optional<Timestamp> postal_handover_at;  // postal channel only
  std::string agency_code;  // receiving agency; default: the procedure's primary agency
};

struct DossierAction {
  std::string action;  // accept, request_supplement, refuse, resubmit, withdraw
  int version = 0;     // the version the caller saw (optimistic concurrency)
  std::vector<std::string> items;  // request_supplement
  std::string note;
  std::string reason;  // refuse
};

class DossierService {
 public:
  DossierService(DossierRepository& dossiers, FileStore& files, CatalogService& catalog, CalendarService& calendar,
                 AccountService& accounts, const Clock& clock);

  // Citizen or business: a draft (files optional), or with submit=true a
  // complete online submission in one go. Errors: kForbidden for officers,
  // kNotFound unknown procedure, kInvalidArgument (fields, files, missing
  // components), kFailedPrecondition if the procedure is not offered online.
  Result<domain::Dossier> CreateOnline(const Principal& who, NewDossierInput input, bool submit,
                                       const std::string& request_id);

  // Applicant: adds or replaces the file of one component while editing.
  Result<domain::Dossier> AttachFile(const Principal& who, std::int64_t id, int expected_version, UploadedFile file,
                                     const std::string& request_id);

  // Desk officer: a paper dossier received at the desk is entered and
  // accepted in one go (channel desk), or a postal dossier is recorded with
  // its handover time and waits for acceptance like an online one.
  Result<domain::Dossier> ReceiveAtDesk(const Principal& officer, NewDossierInput input,
                                        const std::string& request_id);

  // accept / request_supplement / refuse (desk officer of the receiving
  // agency), submit / resubmit / withdraw (the applicant).
  // Errors: kNotFound (unknown or invisible to the caller), kForbidden,
  // kConflict (stale version), kFailedPrecondition (not allowed now),
  // kInvalidArgument.
  Result<domain::Dossier> Act(const Principal& who, const std::string& id_or_code, const DossierAction& action,
                              const std::string& request_id);

  Result<domain::Dossier> Get(const Principal& who, const std::string& id_or_code, const std::string& request_id);
  Result<std::vector<DossierSummary>> List(const Principal& who, DossierFilter filter);
  Result<std::vector<DossierEvent>> History(const Principal& who, const std::string& id_or_code,
                                            const std::string& request_id);
  Result<std::vector<Notice>> Notices(const Principal& who);
  // The bytes of a file of a dossier the caller may see.
  Result<std::string> FileContent(const Principal& who, const std::string& id_or_code, const std::string& sha256,
                                  const std::string& request_id);

  // Public lookup by code (tra cứu): no login, nothing personal.
  // Errors: kInvalidArgument for text that is not a dossier code, kNotFound.
  Result<TrackedDossier> Track(const std::string& code);

  // How an accepted dossier enters its internal process (set by the
  // handling service): called inside acceptance, before storing.
  using HandlingStart = std::function<Result<domain::Dossier>(domain::Dossier, Timestamp)>;
  void SetHandlingStart(HandlingStart start) { handling_start_ = std::move(start); }
  // How a resubmission after a supplement requested during appraisal is
  // handled (the deadline restarts: set by the handling service).
  using AppraisalResubmit =
      std::function<Result<domain::Dossier>(const Principal&, const domain::Dossier&, const std::string&)>;
  void SetAppraisalResubmit(AppraisalResubmit resubmit) { appraisal_resubmit_ = std::move(resubmit); }

 private:
  enum class Need { kView, kReceive, kApplicant };
  Result<domain::Dossier> Load(const Principal& who, const std::string& id_or_code, Need need,
                               const std::string& request_id);
  Status Authorize(const Principal& who, const domain::Dossier& d, Need need, const std::string& request_id);
  Result<domain::DossierFile> StoreFile(const domain::Procedure& p, const UploadedFile& file);
  // Checks copies and the note, then stores the uploads (files before rows);
  // reports `problems` and any new ones together.
  Status FillRequestAndFiles(const domain::Procedure& p, const NewDossierInput& in, std::vector<FieldError> problems,
                             domain::Dossier& d);
  Result<domain::Dossier> Store(const Principal& who, const domain::Dossier& before, domain::Dossier after,
                                const std::string& action, const std::string& note, std::optional<Notice> notice,
                                const std::string& request_id);
  Result<domain::Dossier> AcceptDossier(const Principal& who, const domain::Dossier& before, bool is_new,
                                        const std::string& request_id);
  std::string Actor(const Principal& who) const;

  DossierRepository& dossiers_;
  FileStore& files_;
  CatalogService& catalog_;
  CalendarService& calendar_;
  AccountService& accounts_;
  const Clock& clock_;
  HandlingStart handling_start_;
  AppraisalResubmit appraisal_resubmit_;
};

// True if `agency_code` is `scope_root` or below it in the agency tree.
bool AgencyInScope(const domain::CatalogIndex& index, const std::string& scope_root, const std::string& agency_code);

// The codes of `root` and every agency below it.
std::vector<std::string> AgencySubtree(const domain::CatalogIndex& index, const std::string& root);

}  // namespace motcua::app
