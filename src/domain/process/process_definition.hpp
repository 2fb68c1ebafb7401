#pragma once
// Internal process (quy trình nội bộ) of a procedure: the ordered steps a
// dossier goes through after acceptance (rules.md §3 "Handling"), kept as
// data and versioned with effective dates. A dossier keeps the version it
// started on, so editing a process never changes dossiers already in
// progress.
//
// A step is done by one role in one unit (an agency of the tree: the
// receiving agency when `agency_code` is empty, a department below it, or
// another agency for one-stop interconnected handling, một cửa liên thông).
// A step with `parallel` branches sends the dossier to several agencies at
// once, each with its own sub-deadline; the step ends when every branch has
// answered. Plain values, no I/O.

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/accounts/user.hpp"
#include "domain/catalog/procedure.hpp"

namespace motcua::domain {

// One agency's part of a parallel step (or of an ad hoc consultation).
struct ParallelBranch {
  std::string agency_code;
  std::string task;  // what that agency does, e.g. "Đăng ký thường trú"
  double days = 0;   // its sub-deadline in working days
};

struct HandlingStep {
  std::string name;
  Role role = Role::kSpecialist;  // desk officer, specialist or leader
  std::string unit;               // display name of the unit, e.g. "Phòng Hộ tịch"
  std::string agency_code;        // empty: the receiving agency
  double days = 0;                // time allowance in working days (0.5 = half a day)
  std::vector<ParallelBranch> parallel;
};

struct ProcessDefinition {
  std::string procedure_code;
  int version = 0;  // 0: derived from the catalog, never stored
  Date effective_from{};
  std::vector<HandlingStep> steps;
  std::string note;
  std::string created_by;
  Timestamp created_at{};
};

// Checks a definition against the procedure's legal processing time:
// at least two steps, the first and the last done by the one-stop desk
// (reception and return of the result), at least one leader step (the
// decision), names and units present, non-negative allowances, parallel
// branches with an agency and a sub-deadline within their step, and the sum
// of the allowances not above `legal_days`. Errors: kInvalidArgument with
// one field error per problem ("steps[i].name", "days", ...).
Status ValidateProcess(const ProcessDefinition& definition, double legal_days);

// The process of a procedure that has none stored: its catalog steps when
// they form a valid process, otherwise a standard one (desk, specialist,
// leader, desk) sharing the processing time in the ratio 1:6:2:1.
ProcessDefinition DefaultProcess(const Procedure& procedure);

// The version in force on `day`: the highest version whose effective date is
// not after `day`; nullptr if none is (the default process applies).
const ProcessDefinition* VersionInForce(const std::vector<ProcessDefinition>& versions, Date day);

// The agency that performs `step` of a dossier received by `receiving_agency`.
const std::string& StepAgency(const HandlingStep& step, const std::string& receiving_agency);

// Roles that may be given to a step.
bool IsStepRole(Role role);

}  // namespace motcua::domain
