#pragma once
// Agency (cơ quan, đơn vị): a node in the administrative tree of a province.
//
// The tree has any depth (province → departments / communes → units) because
// the hierarchy is reorganised by law (the district level was abolished in
// 2025). Each agency carries its QCVN 102:2016 identifier code, e.g.
// "000.00.06.H29", which also prefixes the dossier codes it issues.

#include <optional>
#include <string>
#include <string_view>

namespace motcua::domain {

// Government level of an agency or a procedure (cấp thực hiện).
enum class GovLevel { kCentral, kProvince, kDistrict, kCommune };

const char* GovLevelKey(GovLevel level);  // "central", "province", "district", "commune"
const char* GovLevelLabel(GovLevel level);  // "Cấp Trung ương", "Cấp Tỉnh", ...
std::optional<GovLevel> ParseGovLevel(std::string_view key);

// What kind of node an agency is in the tree.
enum class AgencyKind { kProvince, kDepartment, kDistrict, kCommune, kUnit };

const char* AgencyKindKey(AgencyKind kind);  // "province", "department", "district", "commune", "unit"
std::optional<AgencyKind> ParseAgencyKind(std::string_view key);

struct Agency {
  std::string code;         // QCVN 102 identifier, unique.
  std::string name;         // Full Vietnamese name.
  std::string short_name;   // Optional, e.g. "Sở Tư pháp".
  std::string parent_code;  // Empty for the root.
  AgencyKind kind = AgencyKind::kUnit;
  GovLevel level = GovLevel::kProvince;
  std::string address;
  std::string phone;
  std::string email;
};

// Returns true if `code` has the QCVN 102 shape "V1V2V3.Z1Z2.Y1Y2.MX1X2":
// three digits, two digits, two digits, then a letter and two digits
// (e.g. "000.00.06.H29"); letters may also appear in the middle groups as
// provinces assign them (e.g. "000.20.31.H29").
bool IsValidAgencyCode(std::string_view code);

}  // namespace motcua::domain
