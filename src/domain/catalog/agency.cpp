#include "domain/catalog/agency.hpp"

#include <cctype>

namespace motcua::domain {

const char* GovLevelKey(GovLevel level) {
  switch (level) {
    case GovLevel::kCentral: return "central";
    case GovLevel::kProvince: return "province";
    case GovLevel::kDistrict: return "district";
    case GovLevel::kCommune: return "commune";
  }
  return "province";
}

const char* GovLevelLabel(GovLevel level) {
  switch (level) {
    case GovLevel::kCentral: return "Cấp Trung ương";
    case GovLevel::kProvince: return "Cấp Tỉnh";
    case GovLevel::kDistrict: return "Cấp Huyện";
    case GovLevel::kCommune: return "Cấp Xã";
  }
  return "";
}

std::optional<GovLevel> ParseGovLevel(std::string_view key) {
  if (key == "central") return GovLevel::kCentral;
  if (key == "province") return GovLevel::kProvince;
  if (key == "district") return GovLevel::kDistrict;
  if (key == "commune") return GovLevel::kCommune;
  return std::nullopt;
}

const char* AgencyKindKey(AgencyKind kind) {
  switch (kind) {
    case AgencyKind::kProvince: return "province";
    case AgencyKind::kDepartment: return "department";
    case AgencyKind::kDistrict: return "district";
    case AgencyKind::kCommune: return "commune";
    case AgencyKind::kUnit: return "unit";
  }
  return "unit";
}

std::optional<AgencyKind> ParseAgencyKind(std::string_view key) {
  if (key == "province") return AgencyKind::kProvince;
  if (key == "department") return AgencyKind::kDepartment;
  if (key == "district") return AgencyKind::kDistrict;
  if (key == "commune") return AgencyKind::kCommune;
  if (key == "unit") return AgencyKind::kUnit;
  return std::nullopt;
}

bool IsValidAgencyCode(std::string_view code) {
  // Groups of 3, 2, 2 alphanumerics then a letter + 2 digits, dot separated.
  if (code.size() != 13) return false;
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i : {3u, 6u, 9u}) {
    if (code[i] != '.') return false;
  }
  for (std::size_t i = 0; i < 9; ++i) {
    if (i == 3 || i == 6) continue;
    if (!alnum(code[i])) return false;
  }
  return std::isupper(static_cast<unsigned char>(code[10])) &&
         std::isdigit(static_cast<unsigned char>(code[11])) &&
         std::isdigit(static_cast<unsigned char>(code[12]));
}

}  // namespace motcua::domain
