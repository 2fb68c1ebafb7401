#pragma once
// Control slip (phiếu kiểm soát quá trình giải quyết hồ sơ, Mẫu 05,
// Thông tư 01/2018): one row per hand-over of the dossier, rendered from
// its history: when, who handed it over, who received it, the due time of
// the step handed over, and whether the hand-over was early, on time or late.

#include <optional>
#include <string>
#include <vector>

#include "app/dossier/ports.hpp"
#include "domain/dossier/handling.hpp"
#include "domain/process/process_definition.hpp"

namespace motcua::app {

struct ControlSlipRow {
  Timestamp at{};
  std::string step_name;  // the step handed over
  std::string giver;
  std::string receiver;
  std::optional<Timestamp> step_due_at;
  std::optional<domain::Timeliness> timeliness;  // none when the step had no due time
  std::string action;  // accept, assign, forward, send_back, approve, reject, return_result
  std::string note;
};

struct ControlSlip {
  domain::Dossier dossier;
  std::vector<ControlSlipRow> rows;
};

// The hand-overs among `events`, in order. Events that are not hand-overs
// (attachments, notes, consultations) are left out.
std::vector<ControlSlipRow> BuildControlSlip(const std::vector<DossierEvent>& events,
                                             const domain::ProcessDefinition& process);

}  // namespace motcua::app
