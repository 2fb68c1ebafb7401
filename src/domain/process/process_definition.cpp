#include "domain/process/process_definition.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/text.hpp"

namespace motcua::domain {

namespace {

constexpr double kEpsilon = 1e-9;

std::string Days(double d) {
  std::string s = fmt::format("{:.3f}", d);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  for (char& c : s) {
    if (c == '.') c = ',';  // Vietnamese decimal comma
  }
  return s;
}

}  // namespace

bool IsStepRole(Role role) {
  return role == Role::kDeskOfficer || role == Role::kSpecialist || role == Role::kLeader;
}

Status ValidateProcess(const ProcessDefinition& def, double legal_days) {
  std::vector<FieldError> problems;
  const auto& steps = def.steps;
  if (steps.size() < 2) {
    problems.push_back({"steps", "Quy trình cần ít nhất hai bước: tiếp nhận và trả kết quả."});
  } else {
    if (steps.front().role != Role::kDeskOfficer) {
      problems.push_back({"steps[0].role", "Bước đầu tiên phải do Bộ phận Một cửa tiếp nhận."});
    }
    if (steps.back().role != Role::kDeskOfficer) {
      problems.push_back({fmt::format("steps[{}].role", steps.size() - 1),
                          "Bước cuối cùng phải do Bộ phận Một cửa trả kết quả."});
    }
    bool has_leader = false;
    for (const auto& s : steps) has_leader = has_leader || s.role == Role::kLeader;
    if (!has_leader) problems.push_back({"steps", "Quy trình cần một bước lãnh đạo phê duyệt, ký kết quả."});
  }
  double total = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& s = steps[i];
    std::string at = fmt::format("steps[{}]", i);
    if (Trim(s.name).empty()) problems.push_back({at + ".name", fmt::format("Bước {} chưa có tên.", i + 1)});
    if (Trim(s.unit).empty()) {
      problems.push_back({at + ".unit", fmt::format("Bước {} chưa có đơn vị thực hiện.", i + 1)});
    }
    if (!IsStepRole(s.role)) {
      problems.push_back({at + ".role", fmt::format("Bước {}: vai trò phải là một cửa, chuyên viên hoặc lãnh đạo.", i + 1)});
    }
    if (!std::isfinite(s.days) || s.days < 0) {
      problems.push_back({at + ".days", fmt::format("Bước {}: thời gian không hợp lệ.", i + 1)});
      continue;
    }
    total += s.days;
    for (std::size_t b = 0; b < s.parallel.size(); ++b) {
      const auto& br = s.parallel[b];
      std::string bat = fmt::format("{}.parallel[{}]", at, b);
      if (Trim(br.agency_code).empty()) {
        problems.push_back({bat + ".agency_code", fmt::format("Bước {}: nhánh song song chưa có cơ quan.", i + 1)});
      }
      if (!std::isfinite(br.days) || br.days <= 0 || br.days > s.days + kEpsilon) {
        problems.push_back({bat + ".days", fmt::format("Bước {}: thời hạn của cơ quan phối hợp phải lớn hơn 0 và "
                                                       "không vượt thời gian của bước ({} ngày).",
                                                       i + 1, Days(s.days))});
      }
    }
  }
  if (total > legal_days + kEpsilon) {
    problems.push_back({"days", fmt::format("Tổng thời gian các bước ({} ngày làm việc) vượt thời hạn giải quyết "
                                            "theo quy định ({} ngày làm việc).",
                                            Days(total), Days(legal_days))});
  }
  if (problems.empty()) return {};
  return Fail(Error{ErrorCode::kInvalidArgument, "Quy trình nội bộ chưa hợp lệ.", "invalid process", problems});
}

ProcessDefinition DefaultProcess(const Procedure& p) {
  ProcessDefinition def;
  def.procedure_code = p.code;
  def.version = 0;
  def.effective_from = Date{std::chrono::year{2000}, std::chrono::January, std::chrono::day{1}};
  for (const auto& s : p.steps) {
    HandlingStep step;
    step.name = s.name;
    // Catalogs name the head of a unit "unit_head": a leader of that unit.
    step.role = s.role == "unit_head" ? Role::kLeader : ParseRole(s.role).value_or(Role::kCitizen);  // invalid: rejected below
    step.unit = s.unit;
    step.agency_code = s.agency_code;
    step.days = s.days;
    def.steps.push_back(std::move(step));
  }
  if (!def.steps.empty() && ValidateProcess(def, p.processing_days)) return def;
  double t = p.processing_days;
  def.steps = {
      {"Tiếp nhận, chuyển hồ sơ", Role::kDeskOfficer, "Bộ phận Một cửa", "", t * 0.1, {}},
      {"Thẩm định hồ sơ, trình kết quả", Role::kSpecialist, "Phòng chuyên môn", "", t * 0.6, {}},
      {"Phê duyệt, ký kết quả", Role::kLeader, "Lãnh đạo cơ quan", "", t * 0.2, {}},
      {"Trả kết quả", Role::kDeskOfficer, "Bộ phận Một cửa", "", t * 0.1, {}},
  };
  return def;
}

const ProcessDefinition* VersionInForce(const std::vector<ProcessDefinition>& versions, Date day) {
  const ProcessDefinition* best = nullptr;
  for (const auto& v : versions) {
    if (v.effective_from > day) continue;
    if (!best || v.version > best->version) best = &v;
  }
  return best;
}

const std::string& StepAgency(const HandlingStep& step, const std::string& receiving_agency) {
  return step.agency_code.empty() ? receiving_agency : step.agency_code;
}

}  // namespace motcua::domain
