#include "app/handling/ports.hpp"

namespace motcua::app {

namespace {
struct TabInfo {
  WorklistTab tab;
  const char* key;
};
constexpr TabInfo kTabs[] = {{WorklistTab::kMine, "mine"},         {WorklistTab::kUnit, "unit"},
                             {WorklistTab::kAgency, "agency"},     {WorklistTab::kApproval, "approval"},
                             {WorklistTab::kConsultations, "consultations"}, {WorklistTab::kReception, "reception"},
                             {WorklistTab::kAll, "all"}};
}  // namespace

const char* WorklistTabKey(WorklistTab tab) {
  for (const auto& t : kTabs) {
    if (t.tab == tab) return t.key;
  }
  return "mine";
}

std::optional<WorklistTab> ParseWorklistTab(std::string_view key) {
  for (const auto& t : kTabs) {
    if (key == t.key) return t.tab;
  }
  return std::nullopt;
}

}  // namespace motcua::app
