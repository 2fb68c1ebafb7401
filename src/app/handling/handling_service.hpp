#pragma once
// HandlingService: the officers' work on accepted dossiers (rules.md §3
// "Handling" to "Return"): the internal process of each procedure, the
// handling actions, deadlines and lateness, worklists, and the control slip.
//
// Each action authorizes the caller (agency scope and role, via the domain
// rules of domain/dossier/handling.hpp), loads the dossier, applies one
// transition with due times from the working-day calendar, and stores the
// change with its history row, audit row and notices (the applicant's and
// the officers') in one transaction. A stale `version` fails with kConflict.
// Reception actions (accept, refuse, ...) are passed on to DossierService,
// so callers have one entry point. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "app/accounts/account_service.hpp"
#include "app/accounts/ports.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/dossier_service.hpp"
#include "app/handling/control_slip.hpp"
#include "app/handling/ports.hpp"

namespace motcua::app {

struct HandlingOptions {
  double due_soon_days = 1;  // "due soon" within this many working days
};

// The input of one action; which fields are read depends on `action`.
struct HandlingInput {
  std::string action;  // a domain::HandlingAction key, or a reception action
  int version = 0;     // the version the caller saw
  std::string assignee;  // assign; forward/send_back: optional next holder
  std::string reason;    // send_back, reject, pause, apologize, refuse
  std::vector<std::string> items;  // request_supplement
  std::string note;
  std::string agency_code;  // consult
  std::string task;         // consult
  double days = 0;          // consult: the reply's deadline in working days
  int consultation = 0;     // record_consultation
  std::string reply;        // record_consultation
  std::string file_name;    // attach_result
  std::string file_bytes;   // attach_result (PDF)
  std::string method;       // return_result: desk, postal, online
  std::optional<Date> new_due_date;  // apologize
};

// A dossier with what the caller may do and the process it follows.
struct DossierWork {
  domain::Dossier dossier;
  domain::ProcessDefinition process;
  std::vector<domain::HandlingAction> actions;
  domain::DueStatus due = domain::DueStatus::kNone;
};

// Told when a result is returned (the rating module: a rating link in the
// applicant's notice, the desk kiosk). Optional; set once while wiring.
class ResultReturnObserver {
 public:
  virtual ~ResultReturnObserver() = default;
  // Text appended to the applicant's notice (may be empty), before the change is stored.
  virtual std::string NoticeAddendum(const domain::Dossier& returned) = 0;
  // After the change was stored, with the officer who returned it.
  virtual void Returned(const std::string& officer, const domain::Dossier& returned) = 0;
};

class HandlingService {
 public:
  HandlingService(DossierService& dossier_service, DossierRepository& dossiers, ProcessRepository& processes,
                  WorklistRepository& worklists, FileStore& files, CatalogService& catalog, CalendarService& calendar,
                  AccountService& accounts, AccountRepository& users, const Clock& clock, HandlingOptions options = {});

  // Any action on a dossier (handling or reception). Errors: kNotFound
  // (unknown or not visible), kForbidden, kConflict (stale version),
  // kFailedPrecondition (not allowed in this state), kInvalidArgument.
  Result<domain::Dossier> Act(const Principal& who, const std::string& id_or_code, const HandlingInput& input,
                              const std::string& request_id);

  // Several dossiers assigned at once by a unit head (phân công hàng loạt):
  // each one as its own transaction; returns the codes that failed with why.
  Result<std::vector<std::pair<std::string, std::string>>> BulkAssign(const Principal& who,
                                                                      const std::vector<std::string>& codes,
                                                                      const std::string& assignee,
                                                                      const std::string& request_id);

  // The dossier (visible to the caller) with its process and the actions
  // the caller may take now.
  Result<DossierWork> Work(const Principal& who, const std::string& id_or_code, const std::string& request_id);

  // The officers who may be given the current step of `work` (role and unit).
  Result<std::vector<domain::User>> Assignees(const DossierWork& work);

  // The version of the process `dossier` follows (the one it started on).
  Result<domain::ProcessDefinition> ProcessOf(const domain::Dossier& dossier);
  // The version in force today for a procedure (the default if none stored), and all stored versions.
  Result<domain::ProcessDefinition> CurrentProcess(const std::string& procedure_code);
  Result<std::vector<domain::ProcessDefinition>> ProcessVersions(const std::string& procedure_code);
  // Administrators (system, or agency administrators of the procedure's
  // primary agency): validates against the legal time and stores a new
  // version effective from `definition.effective_from` (today or later).
  // Errors: kForbidden, kNotFound (procedure), kInvalidArgument.
  Result<domain::ProcessDefinition> SaveProcess(const Principal& who, domain::ProcessDefinition definition,
                                                const std::string& request_id);

  // The caller's worklist: scope and tab rules applied to `query`.
  Result<std::vector<WorklistItem>> Worklist(const Principal& who, WorklistQuery query);
  Result<WorklistCounts> Counts(const Principal& who);
  // The due status of each worklist row now (the due-soon limit is worked
  // out once for all of them), in the same order.
  std::vector<domain::DueStatus> DueOf(const std::vector<WorklistItem>& items);

  // The lateness job: flags due-soon and overdue dossiers and notifies the
  // responsible officers (also `motcua jobs run-once`).
  Result<DueScanResult> ScanDeadlines(const std::string& request_id);

  // Mẫu 05 of a dossier the caller may see.
  Result<ControlSlip> ControlSlipOf(const Principal& who, const std::string& id_or_code,
                                    const std::string& request_id);

  // Mẫu 06: dossiers received by `agency_code` (in the caller's scope) in `year`, oldest first.
  Result<std::vector<domain::Dossier>> Register(const Principal& who, const std::string& agency_code, int year,
                                                const std::string& request_id);

  // A result document of a dossier the caller may see; applicants only once returned online.
  Result<std::string> ResultContent(const Principal& who, const std::string& id_or_code, const std::string& sha256,
                                    const std::string& request_id);

  // Start of handling at acceptance: the process in force on the reception
  // day and step 0 with its due time (used by DossierService).
  Result<domain::Dossier> StartHandling(domain::Dossier accepted, Timestamp now);

  // Not owned; must outlive the service.
  void SetResultReturnObserver(ResultReturnObserver* observer) { return_observer_ = observer; }

 private:
  Result<domain::Dossier> Load(const Principal& who, const std::string& id_or_code, const std::string& request_id);
  domain::HandlingActor ActorOf(const Principal& who);
  Result<domain::StepStart> StartOf(const domain::Dossier& d, const domain::ProcessDefinition& p, int step,
                                    const std::string& assignee, const std::string& actor, Timestamp now);
  Result<Timestamp> Due(Timestamp from, double days, const std::string& agency);
  Result<Timestamp> SoonLimit(Timestamp now);
  Result<domain::Dossier> Save(const Principal& who, const domain::Dossier& before, const domain::Dossier& after,
                               const std::string& action, const std::string& note, const std::string& applicant_title,
                               const std::string& applicant_body, const std::string& request_id);
  Result<domain::Dossier> Decide(const Principal& who, const domain::Dossier& d, const domain::ProcessDefinition& p,
                                 const HandlingInput& in, domain::HandlingAction action, const std::string& request_id);
  std::string Actor(const Principal& who) const;

  DossierService& dossier_service_;
  DossierRepository& dossiers_;
  ProcessRepository& processes_;
  WorklistRepository& worklists_;
  FileStore& files_;
  CatalogService& catalog_;
  CalendarService& calendar_;
  AccountService& accounts_;
  AccountRepository& users_;
  const Clock& clock_;
  HandlingOptions options_;
  ResultReturnObserver* return_observer_ = nullptr;
};

}  // namespace motcua::app
