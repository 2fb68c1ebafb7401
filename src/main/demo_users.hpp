#pragma once
// The demo accounts `motcua seed demo` creates (listed in the README).

#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/accounts/user.hpp"
#include "store/database.hpp"

namespace motcua::cli {

inline constexpr const char* kDemoPassword = "matkhau123";

struct DemoOfficer {
  std::string username;
  std::string full_name;
  domain::Role role;
  std::string agency;
};

const std::vector<DemoOfficer>& DemoOfficers();

// Creates the demo officers, two citizens and a business; accounts that
// already exist are left alone. Returns how many were created.
Result<int> SeedDemoUsers(store::Database& db);

// Stores the demo internal processes (the interconnected birth registration
// with a parallel step); returns how many were created (0 if present).
Result<int> SeedDemoProcesses(store::Database& db);

}  // namespace motcua::cli
