#include "domain/catalog/catalog.hpp"

#include <cmath>

#include <fmt/format.h>

namespace motcua::domain {
namespace {

bool IsValidProcedureCode(const std::string& code) {
  if (code.empty() || code.size() > 32) return false;
  for (char c : code) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool IsKnownRole(const std::string& role) {
  return role == "desk_officer" || role == "specialist" || role == "unit_head" ||
         role == "leader";
}

}  // namespace

Status ValidateCatalog(const Catalog& catalog, const KnownCodes& known) {
  std::vector<FieldError> problems;
  auto problem = [&](std::string path, std::string message) {
    problems.push_back({std::move(path), std::move(message)});
  };

  std::set<std::string> agencies = known.agencies;
  std::set<std::string> seen_agencies;
  for (std::size_t i = 0; i < catalog.agencies.size(); ++i) {
    const Agency& a = catalog.agencies[i];
    std::string path = fmt::format("agencies[{}]", i);
    if (!IsValidAgencyCode(a.code)) {
      problem(path + ".code", fmt::format("Mã cơ quan \"{}\" không đúng định dạng QCVN 102 "
                                          "(ví dụ 000.00.06.H29).", a.code));
    }
    if (!seen_agencies.insert(a.code).second) {
      problem(path + ".code", fmt::format("Mã cơ quan \"{}\" bị trùng.", a.code));
    }
    if (a.name.empty()) problem(path + ".name", "Thiếu tên cơ quan.");
    if (!a.parent_code.empty() && !agencies.count(a.parent_code)) {
      problem(path + ".parent", fmt::format("Cơ quan cấp trên \"{}\" chưa được khai báo trước.",
                                            a.parent_code));
    }
    if (a.parent_code == a.code) problem(path + ".parent", "Cơ quan không thể là cấp trên của chính nó.");
    agencies.insert(a.code);
  }

  std::set<std::string> fields = known.fields;
  std::set<std::string> seen_fields;
  for (std::size_t i = 0; i < catalog.fields.size(); ++i) {
    const Field& f = catalog.fields[i];
    std::string path = fmt::format("fields[{}]", i);
    if (f.code.empty()) problem(path + ".code", "Thiếu mã lĩnh vực.");
    if (!seen_fields.insert(f.code).second) {
      problem(path + ".code", fmt::format("Mã lĩnh vực \"{}\" bị trùng.", f.code));
    }
    if (f.name.empty()) problem(path + ".name", "Thiếu tên lĩnh vực.");
    fields.insert(f.code);
  }

  std::set<std::string> seen_procedures;
  for (std::size_t i = 0; i < catalog.procedures.size(); ++i) {
    const Procedure& p = catalog.procedures[i];
    std::string path = fmt::format("procedures[{}]", i);
    if (!IsValidProcedureCode(p.code)) {
      problem(path + ".code", fmt::format("Mã thủ tục \"{}\" không hợp lệ.", p.code));
    }
    if (!seen_procedures.insert(p.code).second) {
      problem(path + ".code", fmt::format("Mã thủ tục \"{}\" bị trùng.", p.code));
    }
    if (p.name.empty()) problem(path + ".name", "Thiếu tên thủ tục.");
    if (!fields.count(p.field_code)) {
      problem(path + ".field", fmt::format("Lĩnh vực \"{}\" không tồn tại.", p.field_code));
    }
    if (p.agency_codes.empty()) problem(path + ".agencies", "Cần ít nhất một cơ quan thực hiện.");
    for (const auto& code : p.agency_codes) {
      if (!agencies.count(code)) {
        problem(path + ".agencies", fmt::format("Cơ quan \"{}\" không tồn tại.", code));
      }
    }
    if (p.levels.empty()) problem(path + ".levels", "Cần ít nhất một cấp thực hiện.");
    if (!(p.processing_days >= 0) || !std::isfinite(p.processing_days)) {
      problem(path + ".processing_days", "Thời hạn giải quyết phải là số ngày làm việc không âm.");
    }
    if (p.legal_bases.empty()) problem(path + ".legal_bases", "Cần ít nhất một căn cứ pháp lý.");
    for (std::size_t j = 0; j < p.components.size(); ++j) {
      const Component& c = p.components[j];
      std::string cpath = fmt::format("{}.components[{}]", path, j);
      if (c.name.empty()) problem(cpath + ".name", "Thiếu tên thành phần hồ sơ.");
      if (c.originals < 0 || c.certified_copies < 0 || c.photocopies < 0) {
        problem(cpath, "Số lượng bản không được âm.");
      }
    }
    for (std::size_t j = 0; j < p.fees.size(); ++j) {
      if (p.fees[j].amount_vnd < 0) {
        problem(fmt::format("{}.fees[{}].amount", path, j), "Mức phí không được âm.");
      }
    }
    double sum = 0;
    for (std::size_t j = 0; j < p.steps.size(); ++j) {
      const ProcessStep& s = p.steps[j];
      std::string spath = fmt::format("{}.steps[{}]", path, j);
      if (s.name.empty()) problem(spath + ".name", "Thiếu tên bước xử lý.");
      if (!IsKnownRole(s.role)) {
        problem(spath + ".role", fmt::format("Vai trò \"{}\" không hợp lệ.", s.role));
      }
      if (!(s.days >= 0)) problem(spath + ".days", "Thời gian của bước không được âm.");
      if (!s.agency_code.empty() && !agencies.count(s.agency_code)) {
        problem(spath + ".agency", fmt::format("Cơ quan \"{}\" không tồn tại.", s.agency_code));
      }
      sum += s.days;
    }
    // rules.md §2: step allowances sum to the legal processing time.
    if (!p.steps.empty() && std::fabs(sum - p.processing_days) > kStepSumTolerance) {
      problem(path + ".steps",
              fmt::format("Tổng thời gian các bước ({:g} ngày) khác thời hạn giải quyết ({:g} ngày).",
                          sum, p.processing_days));
    }
    if (p.effective_from && p.effective_to && *p.effective_to < *p.effective_from) {
      problem(path + ".effective_to", "Ngày hết hiệu lực trước ngày có hiệu lực.");
    }
    if (p.popularity < 0 || p.popularity > 100) {
      problem(path + ".popularity", "Mức độ phổ biến phải từ 0 đến 100.");
    }
  }

  if (problems.empty()) return {};
  Error error{ErrorCode::kInvalidArgument,
              fmt::format("Danh mục có {} lỗi.", problems.size()),
              fmt::format("catalog validation failed with {} problems", problems.size()),
              std::move(problems)};
  return Fail(std::move(error));
}

}  // namespace motcua::domain
