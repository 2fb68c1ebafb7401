#include "main/demo_users.hpp"

#include <fmt/format.h>

#include "app/accounts/account_service.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"

namespace motcua::cli {

// Demo accounts, documented in the README. Demo only: every password is
// "matkhau123", which a real deployment never uses.
const std::vector<DemoOfficer>& DemoOfficers() {
  static const std::vector<DemoOfficer> officers = {
      {"motcua.tuphap", "Trần Thị Bình", domain::Role::kDeskOfficer, "000.00.06.H29"},
      {"chuyenvien.tuphap", "Lê Minh Châu", domain::Role::kSpecialist, "000.00.06.H29"},
      {"lanhdao.tuphap", "Phạm Quốc Dũng", domain::Role::kLeader, "000.00.06.H29"},
      {"quantri.tuphap", "Võ Thanh Em", domain::Role::kAgencyAdmin, "000.00.06.H29"},
      {"motcua.saigon", "Nguyễn Thu Hà", domain::Role::kDeskOfficer, "000.20.31.H29"},
      {"motcua.dulich", "Đỗ Hoàng Giang", domain::Role::kDeskOfficer, "000.00.13.H29"},
      {"giamsat", "Hồ Thị Kim", domain::Role::kSupervisor, "000.00.00.H29"},
      {"quantri", "Quản trị hệ thống", domain::Role::kSystemAdmin, "000.00.00.H29"},
  };
  return officers;
}

Result<int> SeedDemoUsers(store::Database& db) {
  store::AccountStore store(db);
  security::SodiumPasswordHasher hasher;
  security::SodiumTokenService tokens;
  app::SystemClock clock;
  app::AccountService accounts(store, hasher, tokens, clock);
  int created = 0;
  auto tolerate_existing = [&](auto result) -> Status {
    if (result) {
      ++created;
      return {};
    }
    if (result.error().code == ErrorCode::kConflict) return {};  // already seeded
    return Fail(result.error());
  };
  for (const auto& o : DemoOfficers()) {
    if (auto s = tolerate_existing(accounts.AddOfficer({o.username, o.full_name, o.role, o.agency, kDemoPassword}, "seed"));
        !s) {
      return Fail(s.error());
    }
  }
  app::RegisterCitizenInput an{"Nguyễn Văn An", "079203001234", "0912345678", "an.nguyen@example.vn",
                               "12 Lê Lợi, Phường Sài Gòn, TP. Hồ Chí Minh", kDemoPassword};
  app::RegisterCitizenInput lan{"Trần Thị Lan", "079305004321", "0987654321", "lan.tran@example.vn",
                                "45 Nguyễn Huệ, Phường Sài Gòn, TP. Hồ Chí Minh", kDemoPassword};
  for (const auto& c : {an, lan}) {
    if (auto s = tolerate_existing(accounts.RegisterCitizen(c, "seed")); !s) return Fail(s.error());
  }
  app::RegisterBusinessInput company{"Công ty TNHH Du lịch Sài Gòn Xanh", "0312345678", "Lê Văn Cường", "0901234567",
                                     "info@saigonxanh.example.vn", "100 Đồng Khởi, Phường Sài Gòn", kDemoPassword};
  if (auto s = tolerate_existing(accounts.RegisterBusiness(company, "seed")); !s) return Fail(s.error());
  return created;
}

}  // namespace motcua::cli
