#include "app/handling/control_slip.hpp"

namespace motcua::app {

std::vector<ControlSlipRow> BuildControlSlip(const std::vector<DossierEvent>& events,
                                             const domain::ProcessDefinition& process) {
  static const char* kHandOvers[] = {"accept", "assign", "forward", "send_back", "approve", "reject", "return_result"};
  std::vector<ControlSlipRow> rows;
  for (const auto& e : events) {
    bool hand_over = false;
    for (const char* h : kHandOvers) hand_over = hand_over || e.action == h;
    if (!hand_over) continue;
    ControlSlipRow row;
    row.at = e.at;
    row.giver = e.actor;
    row.receiver = e.receiver;
    row.action = e.action;
    row.note = e.note;
    row.step_due_at = e.step_due_at;
    if (e.step >= 0 && e.step < static_cast<int>(process.steps.size())) row.step_name = process.steps[e.step].name;
    if (e.action == "accept") row.step_name = "Tiếp nhận hồ sơ";
    if (e.step_due_at) row.timeliness = domain::ClassifyCompletion(e.at, *e.step_due_at);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace motcua::app
