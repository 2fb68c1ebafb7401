#include "domain/accounts/user.hpp"

namespace motcua::domain {

namespace {
struct RoleInfo {
  Role role;
  const char* key;
  const char* label;
};
constexpr RoleInfo kRoles[] = {
    {Role::kCitizen, "citizen", "Công dân"},
    {Role::kBusiness, "business", "Tổ chức, doanh nghiệp"},
    {Role::kDeskOfficer, "desk_officer", "Cán bộ Bộ phận Một cửa"},
    {Role::kSpecialist, "specialist", "Chuyên viên"},
    {Role::kLeader, "leader", "Lãnh đạo"},
    {Role::kAgencyAdmin, "agency_admin", "Quản trị cơ quan"},
    {Role::kSupervisor, "supervisor", "Giám sát"},
    {Role::kSystemAdmin, "system_admin", "Quản trị hệ thống"},
};
}  // namespace

const char* RoleKey(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r.key;
  }
  return "citizen";
}

const char* RoleLabel(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r.label;
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view key) {
  for (const auto& r : kRoles) {
    if (key == r.key) return r.role;
  }
  return std::nullopt;
}

bool IsOfficer(Role role) { return role != Role::kCitizen && role != Role::kBusiness; }

}  // namespace motcua::domain
