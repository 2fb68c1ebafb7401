#pragma once
// User (tài khoản): a citizen, a business, or an officer of an agency.
//
// Officers act within an agency subtree (their `agency_code` and every unit
// below it); citizens and businesses act only on their own dossiers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace motcua::domain {

enum class Role {
  kCitizen,       // công dân
  kBusiness,      // tổ chức, doanh nghiệp
  kDeskOfficer,   // cán bộ Bộ phận Một cửa
  kSpecialist,    // chuyên viên
  kLeader,        // lãnh đạo
  kAgencyAdmin,   // quản trị cơ quan
  kSupervisor,    // giám sát (Văn phòng UBND)
  kSystemAdmin,   // quản trị hệ thống
};

const char* RoleKey(Role role);    // "citizen", "business", "desk_officer", ...
const char* RoleLabel(Role role);  // Vietnamese
std::optional<Role> ParseRole(std::string_view key);
bool IsOfficer(Role role);

struct User {
  std::int64_t id = 0;
  Role role = Role::kCitizen;
  std::string username;   // officers; citizens log in by ID number, phone or e-mail
  std::string full_name;  // NFC
  std::string id_number;  // số định danh cá nhân (CCCD), 12 digits
  std::string phone;      // normalized 0xxxxxxxxx
  std::string email;      // lower case
  std::string address;
  std::string tax_code;       // businesses: mã số thuế
  std::string business_name;  // businesses
  std::string agency_code;    // officers: root of their scope
  std::string password_hash;  // Argon2id (libsodium encoded string)
  int failed_logins = 0;
  std::optional<Timestamp> last_failed_at;
  std::optional<Timestamp> locked_until;
  bool active = true;
  Timestamp created_at{};
};

}  // namespace motcua::domain
