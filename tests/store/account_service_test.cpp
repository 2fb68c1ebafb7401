// Accounts on both engines: registration, login throttling, sessions, audit.

#include <gtest/gtest.h>

#include "app/accounts/account_service.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/audit_writer.hpp"
#include "store/catalog_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/fake_clock.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using testutil::Engine;

class AccountServiceContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason);
    if (!db_) GTEST_SKIP() << reason;
    store::CatalogStore catalog(db_->db());
    ASSERT_TRUE(catalog.SaveCatalog(testutil::SmallCatalog()));
    store_ = std::make_unique<store::AccountStore>(db_->db());
    service_ = std::make_unique<app::AccountService>(*store_, hasher_, tokens_, clock_);
  }

  app::RegisterCitizenInput Citizen() {
    return {"Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn", "12 Lê Lợi", "matkhau123"};
  }

  std::unique_ptr<testutil::TestDatabase> db_;
  std::unique_ptr<store::AccountStore> store_;
  security::SodiumPasswordHasher hasher_{true};
  security::SodiumTokenService tokens_;
  testutil::FakeClock clock_{"2026-11-25T01:00:00Z"};
  std::unique_ptr<app::AccountService> service_;
};

TEST_P(AccountServiceContract, RegistersACitizenAndLogsInByIdNumberPhoneOrEmail) {
  auto user = service_->RegisterCitizen(Citizen(), "r1");
  ASSERT_TRUE(user) << user.error().internal_message;
  EXPECT_GT(user->id, 0);
  EXPECT_NE(user->password_hash.find("$argon2id$"), std::string::npos);
  for (const char* login : {"079203001234", "0912345678", "+84 912 345 678", "AN@example.vn"}) {
    auto result = service_->Login(login, "matkhau123", "bearer", "r2");
    ASSERT_TRUE(result) << login << ": " << result.error().user_message;
    auto who = service_->Authenticate(result->token);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->user.full_name, "Nguyễn Văn An");
  }
}

TEST_P(AccountServiceContract, ReportsEveryInvalidFieldAndDuplicateRegistrations) {
  app::RegisterCitizenInput bad{"X", "123", "12345", "nope", "", "short"};
  auto result = service_->RegisterCitizen(bad, "r");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().fields.size(), 5u);
  ASSERT_TRUE(service_->RegisterCitizen(Citizen(), "r"));
  auto again = Citizen();
  again.email = "other@example.vn";
  again.phone = "0987000111";  // only the ID number collides
  auto duplicate = service_->RegisterCitizen(again, "r");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  ASSERT_EQ(duplicate.error().fields.size(), 1u) << duplicate.error().internal_message;
  EXPECT_EQ(duplicate.error().fields[0].field, "id_number");
}

TEST_P(AccountServiceContract, SlowsThenLocksRepeatedFailedLoginsAndAuditsThem) {
  ASSERT_TRUE(service_->RegisterCitizen(Citizen(), "r"));
  for (int i = 0; i < domain::kFreeAttempts; ++i) {
    auto r = service_->Login("0912345678", "wrong-pass1", "cookie", "r");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  }
  // Throttled: even the right password must wait.
  auto throttled = service_->Login("0912345678", "matkhau123", "cookie", "r");
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kResourceExhausted);
  EXPECT_NE(throttled.error().user_message.find("giây"), std::string::npos);
  for (int i = domain::kFreeAttempts; i < domain::kLockAfter; ++i) {
    clock_.Advance(std::chrono::minutes(2));
    ASSERT_FALSE(service_->Login("0912345678", "wrong-pass1", "cookie", "r"));
  }
  clock_.Advance(std::chrono::minutes(2));
  auto locked = service_->Login("0912345678", "matkhau123", "cookie", "r");
  ASSERT_FALSE(locked);
  EXPECT_NE(locked.error().user_message.find("tạm khóa"), std::string::npos);
  clock_.Advance(domain::kLockDuration);
  EXPECT_TRUE(service_->Login("0912345678", "matkhau123", "cookie", "r"));
  auto audit = store::ReadAudit(db_->db(), "", 100);
  ASSERT_TRUE(audit);
  int failures = 0, locks = 0;
  for (const auto& e : *audit) {
    failures += e.action == "auth.login_failed";
    locks += e.action == "auth.account_locked";
  }
  EXPECT_EQ(failures, domain::kLockAfter - 1);
  EXPECT_EQ(locks, 1);
}

TEST_P(AccountServiceContract, SessionsExpireAndEndAtLogoutOrPasswordChange) {
  ASSERT_TRUE(service_->RegisterCitizen(Citizen(), "r"));
  auto a = service_->Login("0912345678", "matkhau123", "cookie", "r");
  auto b = service_->Login("0912345678", "matkhau123", "bearer", "r");
  ASSERT_TRUE(a && b);
  auto who = service_->Authenticate(a->token);
  ASSERT_TRUE(who);
  ASSERT_TRUE(service_->Authenticate(b->token));  // now held in the session cache
  ASSERT_TRUE(service_->ChangePassword(*who, "matkhau123", "matkhaumoi456", "r"));
  EXPECT_TRUE(service_->Authenticate(a->token));   // the session that changed it stays
  EXPECT_FALSE(service_->Authenticate(b->token));  // others end at once, cached or not
  // The session that stays knows the new password (not a cached old hash).
  ASSERT_TRUE(service_->ChangePassword(*service_->Authenticate(a->token), "matkhaumoi456", "matkhaumoi457", "r"));
  ASSERT_TRUE(service_->ChangePassword(*service_->Authenticate(a->token), "matkhaumoi457", "matkhaumoi456", "r"));
  EXPECT_FALSE(service_->Login("0912345678", "matkhau123", "cookie", "r"));
  ASSERT_TRUE(service_->Logout(*service_->Authenticate(a->token), "r"));
  EXPECT_FALSE(service_->Authenticate(a->token));
  auto c = service_->Login("0912345678", "matkhaumoi456", "cookie", "r");
  ASSERT_TRUE(c);
  clock_.Advance(app::AccountService::kCookieLifetime + std::chrono::minutes(1));
  EXPECT_FALSE(service_->Authenticate(c->token));
}

TEST_P(AccountServiceContract, TrustsASessionEndedByAnotherProcessForTheCacheTimeOnly) {
  ASSERT_TRUE(service_->RegisterCitizen(Citizen(), "r"));
  auto a = service_->Login("0912345678", "matkhau123", "bearer", "r");
  ASSERT_TRUE(a);
  ASSERT_TRUE(service_->Authenticate(a->token));
  // Another server process (or the CLI) ends the session in storage.
  store::AccountStore other(db_->db());
  ASSERT_TRUE(other.DeleteSession(tokens_.HashToken(a->token), {clock_.Now(), "x", "auth.logout", "", "", "r"}));
  EXPECT_TRUE(service_->Authenticate(a->token)) << "still within the session cache time";
  clock_.Advance(app::AccountService::kDefaultSessionCache);
  EXPECT_FALSE(service_->Authenticate(a->token));
  // Without the cache the end is seen at once.
  app::AccountService uncached(*store_, hasher_, tokens_, clock_, std::chrono::milliseconds(0));
  auto b = uncached.Login("0912345678", "matkhau123", "bearer", "r");
  ASSERT_TRUE(b && uncached.Authenticate(b->token));
  ASSERT_TRUE(other.DeleteSession(tokens_.HashToken(b->token), {clock_.Now(), "x", "auth.logout", "", "", "r"}));
  EXPECT_FALSE(uncached.Authenticate(b->token));
}

TEST_P(AccountServiceContract, CreatesOfficersScopedToAnExistingAgency) {
  app::NewOfficerInput officer{"motcua.tuphap", "Trần Thị Bình", domain::Role::kDeskOfficer, "000.00.06.H29", "matkhau123"};
  auto user = service_->AddOfficer(officer, "cli");
  ASSERT_TRUE(user) << user.error().internal_message;
  auto login = service_->Login("motcua.tuphap", "matkhau123", "bearer", "r");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->principal.user.agency_code, "000.00.06.H29");
  EXPECT_EQ(login->principal.user.role, domain::Role::kDeskOfficer);
  officer.username = "khac";
  officer.agency_code = "000.99.99.H29";
  EXPECT_FALSE(service_->AddOfficer(officer, "cli"));
  auto officers = service_->ListUsers(true);
  ASSERT_TRUE(officers);
  EXPECT_EQ(officers->size(), 1u);
}

TEST_P(AccountServiceContract, RegistersBusinessesByTaxCode) {
  app::RegisterBusinessInput b{"Công ty TNHH Du lịch Sài Gòn Xanh", "0301234567", "Lê Văn Cường", "0987654321",
                               "info@saigonxanh.vn", "", "matkhau123"};
  auto user = service_->RegisterBusiness(b, "r");
  ASSERT_TRUE(user) << user.error().user_message;
  EXPECT_EQ(user->role, domain::Role::kBusiness);
  EXPECT_TRUE(service_->Login("info@saigonxanh.vn", "matkhau123", "cookie", "r"));
  EXPECT_TRUE(service_->Login("0301234567", "matkhau123", "cookie", "r"));  // by tax code
}

INSTANTIATE_TEST_SUITE_P(Engines, AccountServiceContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua
