#include "main/demo_users.hpp"

#include <fmt/format.h>

#include "app/accounts/account_service.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/process_store.hpp"

namespace motcua::cli {

// Demo accounts, documented in the README. Demo only: every password is
// "matkhau123", which a real deployment never uses.
const std::vector<DemoOfficer>& DemoOfficers() {
  static const std::vector<DemoOfficer> officers = {
      {"motcua.tuphap", "Trần Thị Bình", domain::Role::kDeskOfficer, "000.00.06.H29"},
      {"chuyenvien.tuphap", "Lê Minh Châu", domain::Role::kSpecialist, "000.00.06.H29"},
      {"lanhdao.tuphap", "Phạm Quốc Dũng", domain::Role::kLeader, "000.00.06.H29"},
      {"quantri.tuphap", "Võ Thanh Em", domain::Role::kAgencyAdmin, "000.00.06.H29"},
      {"truongphong.lltp", "Đặng Văn Hải", domain::Role::kLeader, "000.02.06.H29"},
      {"chuyenvien.lltp", "Bùi Thị Hoa", domain::Role::kSpecialist, "000.02.06.H29"},
      {"motcua.saigon", "Nguyễn Thu Hà", domain::Role::kDeskOfficer, "000.20.31.H29"},
      {"chuyenvien.saigon", "Trương Văn Khoa", domain::Role::kSpecialist, "000.20.31.H29"},
      {"lanhdao.saigon", "Mai Thị Lan", domain::Role::kLeader, "000.20.31.H29"},
      {"chuyenvien.congan", "Lý Văn Minh", domain::Role::kSpecialist, "000.00.14.H29"},
      {"chuyenvien.bhxh", "Tô Thị Ngọc", domain::Role::kSpecialist, "000.00.15.H29"},
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

// The interconnected birth registration (một cửa liên thông, Nghị định
// 63/2024): after the ward registers the birth, the police (permanent
// residence) and social insurance (health insurance card) work in parallel,
// each with its own sub-deadline, before the ward's leader signs.
Result<int> SeedDemoProcesses(store::Database& db) {
  using domain::Role;
  store::ProcessStore store(db);
  domain::ProcessDefinition p;
  p.procedure_code = "2.002621";
  p.effective_from = Date{std::chrono::year{2020}, std::chrono::January, std::chrono::day{1}};
  p.note = "Quy trình liên thông mẫu";
  p.created_by = "seed";
  p.steps = {
      {"Tiếp nhận hồ sơ liên thông, kiểm tra tính đầy đủ", Role::kDeskOfficer, "Bộ phận Một cửa", "", 0.5, {}},
      {"Đăng ký khai sinh, chuyển dữ liệu liên thông", Role::kSpecialist, "Công chức Tư pháp - Hộ tịch", "", 1, {}},
      {"Liên thông đăng ký thường trú và cấp thẻ bảo hiểm y tế", Role::kSpecialist, "Công chức Tư pháp - Hộ tịch", "",
       2.5,
       {{"000.00.14.H29", "Đăng ký thường trú cho trẻ", 2}, {"000.00.15.H29", "Cấp thẻ bảo hiểm y tế cho trẻ", 1}}},
      {"Ký kết quả", Role::kLeader, "Lãnh đạo Ủy ban nhân dân cấp xã", "", 0.5, {}},
      {"Trả kết quả liên thông", Role::kDeskOfficer, "Bộ phận Một cửa", "", 0.5, {}},
  };
  if (auto valid = domain::ValidateProcess(p, 5); !valid) return Fail(valid.error());
  auto existing = store.Versions(p.procedure_code);
  if (!existing) return Fail(existing.error());
  if (!existing->empty()) return 0;
  auto saved = store.AddVersion(p, app::AuditEvent{std::chrono::time_point_cast<std::chrono::milliseconds>(
                                                       std::chrono::system_clock::now()),
                                                   "seed", "process.save", p.procedure_code, "demo", "seed"});
  if (!saved) return Fail(saved.error());
  return 1;
}

}  // namespace motcua::cli
