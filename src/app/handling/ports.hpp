#pragma once
// Ports of dossier handling: the versioned internal processes and the
// officers' worklists, and the set-based deadline scan of the lateness job.
// Dossier changes themselves go through DossierRepository (app/dossier),
// which stores domain::Dossier::handling with the rest of the dossier.

#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_event.hpp"
#include "app/dossier/ports.hpp"
#include "core/error.hpp"
#include "domain/dossier/handling.hpp"
#include "domain/process/process_definition.hpp"

namespace motcua::app {

// Thread-safe.
class ProcessRepository {
 public:
  virtual ~ProcessRepository() = default;
  // Every stored version of the procedure's process, oldest first (empty:
  // the default process applies).
  virtual Result<std::vector<domain::ProcessDefinition>> Versions(const std::string& procedure_code) = 0;
  // Stores `definition` as the next version (the highest stored + 1, which
  // is returned) with `audit`, in one transaction.
  virtual Result<domain::ProcessDefinition> AddVersion(domain::ProcessDefinition definition,
                                                       const AuditEvent& audit) = 0;
};

// Worklist tabs (danh sách hồ sơ cần xử lý).
enum class WorklistTab {
  kMine,           // assigned to me (hộp thư của tôi)
  kUnit,           // waiting, unassigned, at a step of my units (hàng chờ của đơn vị)
  kAgency,         // everything open in my scope (toàn cơ quan, lãnh đạo)
  kApproval,       // at a leader step of my units, waiting for a decision (chờ phê duyệt)
  kConsultations,  // open consultations asked of my units (phối hợp)
  kReception,      // submitted online / by post, waiting for the desk (chờ tiếp nhận)
  kAll,            // any status in my scope, newest first (tra cứu)
};
const char* WorklistTabKey(WorklistTab tab);  // "mine", "unit", "agency", "approval", "consultations", "reception", "all"
std::optional<WorklistTab> ParseWorklistTab(std::string_view key);

struct WorklistQuery {
  WorklistTab tab = WorklistTab::kMine;
  std::string username;                    // kMine: the assignee
  std::vector<std::string> agencies;       // the caller's scope (every agency code in it); empty = all (sysadmin)
  std::optional<domain::DossierStatus> status;
  std::optional<int> step;
  std::optional<domain::Role> step_role;   // kUnit: steps of the caller's role
  std::string procedure_code;
  std::optional<domain::Channel> channel;
  std::optional<domain::DueStatus> due;    // needs `now` and `soon_limit`
  Timestamp now{};
  Timestamp soon_limit{};
  std::optional<Timestamp> received_from;  // received_at range (created_at for kReception/kAll)
  std::optional<Timestamp> received_to;
  std::string text;                        // a dossier code, an ID number, or part of the applicant's name
  // Keyset: rows after (after_due_at, after_id) in the tab's order. Open
  // tabs are ordered most urgent first (due_at, id); kAll and kReception
  // newest first (id descending, after_id only).
  std::optional<Timestamp> after_due_at;
  std::int64_t after_id = 0;
  int limit = 20;
};

// One row of a worklist: only what the list shows.
struct WorklistItem {
  std::int64_t id = 0;
  int version = 0;
  std::string code;
  std::string procedure_code;
  std::string procedure_name;
  std::string agency_code;
  std::string applicant_name;
  domain::Channel channel = domain::Channel::kOnline;
  domain::DossierStatus status = domain::DossierStatus::kAccepted;
  int step = -1;
  std::string step_agency;
  std::string assignee;
  std::optional<Timestamp> submitted_at;
  std::optional<Timestamp> received_at;
  std::optional<Timestamp> due_at;
  std::optional<Timestamp> step_due_at;
  Timestamp created_at{};
  int consultation = 0;  // kConsultations: the consultation's number
};

// How many rows each tab has, counted up to `cap` (shown as "cap+").
struct WorklistCounts {
  int mine = 0, unit = 0, agency = 0, approval = 0, consultations = 0, reception = 0;
  int cap = 1000;
};

// What the lateness scan found and flagged.
struct DueScanResult {
  int due_soon = 0;  // newly flagged due soon
  int overdue = 0;   // newly flagged overdue
  int notices = 0;   // notices written to officers
};

// Thread-safe.
class WorklistRepository {
 public:
  virtual ~WorklistRepository() = default;
  // Errors: kInvalidArgument for a malformed query; storage errors.
  virtual Result<std::vector<WorklistItem>> Worklist(const WorklistQuery& query) = 0;
  // Counts of every tab for `query`'s caller (its username, agencies,
  // approval steps) and filters ignored, each up to `cap`.
  virtual Result<WorklistCounts> Counts(const WorklistQuery& query, int cap) = 0;
  // In one transaction: flags every dossier in handling (accepted) whose
  // due time is before `now` and not yet flagged overdue, and every one due
  // by `soon_limit` and not yet flagged due soon; writes a notice to the
  // assignee (if any) and to every leader of the step's unit, with the
  // titles given, and one audit row "dossier.deadline_scan" with the counts.
  virtual Result<DueScanResult> FlagDeadlines(Timestamp now, Timestamp soon_limit, const std::string& due_soon_title,
                                              const std::string& overdue_title, const std::string& request_id) = 0;
};

}  // namespace motcua::app
