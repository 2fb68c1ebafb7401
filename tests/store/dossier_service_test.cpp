// Dossier submission and reception on both engines: the whole flow, codes
// and due times, optimistic concurrency, gap-free codes under concurrent
// acceptance, files, and who may see and do what.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "app/accounts/account_service.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/dossier_service.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/audit_writer.hpp"
#include "store/calendar_store.hpp"
#include "store/catalog_store.hpp"
#include "store/dossier_store.hpp"
#include "store/local_file_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/fake_clock.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using domain::DossierStatus;
using testutil::Engine;

const std::string kPdf = "%PDF-1.4\n% test document\n";

class DossierServiceContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason, 8);
    if (!db_) GTEST_SKIP() << reason;
    files_dir_ = std::filesystem::temp_directory_path() / ("motcua_files_" + std::to_string(::getpid()) + "_" +
                                                          std::to_string(counter_++));
    catalog_store_ = std::make_unique<store::CatalogStore>(db_->db());
    catalog_ = std::make_unique<app::CatalogService>(*catalog_store_, std::chrono::milliseconds(0));
    ASSERT_TRUE(catalog_->Import(testutil::SmallCatalog()));
    calendar_store_ = std::make_unique<store::CalendarStore>(db_->db());
    calendar_ = std::make_unique<app::CalendarService>(*calendar_store_, clock_);
    account_store_ = std::make_unique<store::AccountStore>(db_->db());
    accounts_ = std::make_unique<app::AccountService>(*account_store_, hasher_, tokens_, clock_);
    dossier_store_ = std::make_unique<store::DossierStore>(db_->db());
    file_store_ = std::make_unique<store::LocalFileStore>(files_dir_.string());
    service_ = std::make_unique<app::DossierService>(*dossier_store_, *file_store_, *catalog_, *calendar_, *accounts_,
                                                     clock_);
    citizen_ = Register("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
    other_citizen_ = Register("Trần Thị Lan", "079305004321", "0987654321", "lan@example.vn");
    desk_ward_ = Officer("motcua.saigon", domain::Role::kDeskOfficer, "000.20.31.H29");
    desk_justice_ = Officer("motcua.tuphap", domain::Role::kDeskOfficer, "000.00.06.H29");
    specialist_ward_ = Officer("chuyenvien.saigon", domain::Role::kSpecialist, "000.20.31.H29");
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(files_dir_, ec);
  }

  app::Principal Register(const char* name, const char* id, const char* phone, const char* email) {
    auto u = accounts_->RegisterCitizen({name, id, phone, email, "", "matkhau123"}, "r");
    EXPECT_TRUE(u) << (u ? "" : u.error().internal_message);
    return Login(id);
  }
  app::Principal Officer(const char* username, domain::Role role, const char* agency) {
    auto u = accounts_->AddOfficer({username, "", role, agency, "matkhau123"}, "test");
    EXPECT_TRUE(u) << (u ? "" : u.error().internal_message);
    return Login(username);
  }
  app::Principal Login(const std::string& login) {
    auto r = accounts_->Login(login, "matkhau123", "bearer", "r");
    EXPECT_TRUE(r);
    return r->principal;
  }

  // An online birth registration with its one required component.
  domain::Dossier SubmitBirthRegistration(const app::Principal& who) {
    app::NewDossierInput in;
    in.procedure_code = "1.001193";
    in.files.push_back({0, "to-khai.pdf", kPdf, "electronic"});
    auto d = service_->CreateOnline(who, in, true, "r");
    EXPECT_TRUE(d) << (d ? "" : d.error().user_message + " " + d.error().internal_message);
    return d ? *d : domain::Dossier{};
  }

  Result<domain::Dossier> Do(const app::Principal& who, const domain::Dossier& d, std::string action,
                             std::vector<std::string> items = {}, std::string reason = "") {
    app::DossierAction a;
    a.action = std::move(action);
    a.version = d.version;
    a.items = std::move(items);
    a.reason = std::move(reason);
    return service_->Act(who, std::to_string(d.id), a, "r");
  }

  static inline std::atomic<int> counter_{0};
  std::unique_ptr<testutil::TestDatabase> db_;
  std::filesystem::path files_dir_;
  // Tuesday 25/11/2026 09:00 in Vietnam.
  testutil::FakeClock clock_{"2026-11-25T02:00:00Z"};
  security::SodiumPasswordHasher hasher_{true};
  security::SodiumTokenService tokens_;
  std::unique_ptr<store::CatalogStore> catalog_store_;
  std::unique_ptr<app::CatalogService> catalog_;
  std::unique_ptr<store::CalendarStore> calendar_store_;
  std::unique_ptr<app::CalendarService> calendar_;
  std::unique_ptr<store::AccountStore> account_store_;
  std::unique_ptr<app::AccountService> accounts_;
  std::unique_ptr<store::DossierStore> dossier_store_;
  std::unique_ptr<store::LocalFileStore> file_store_;
  std::unique_ptr<app::DossierService> service_;
  app::Principal citizen_, other_citizen_, desk_ward_, desk_justice_, specialist_ward_;
};

TEST_P(DossierServiceContract, OnlineSubmissionSupplementAndAcceptanceWithCodeAndDueTime) {
  domain::Dossier d = SubmitBirthRegistration(citizen_);
  EXPECT_EQ(d.status, DossierStatus::kSubmitted);
  EXPECT_EQ(d.applicant.full_name, "Nguyễn Văn An");  // prefilled from the account
  EXPECT_TRUE(d.code.empty());
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_TRUE(file_store_->Exists(d.files[0].sha256));

  auto asked = Do(desk_ward_, d, "request_supplement", {"Tờ khai chưa ký", "Thiếu bản chụp Giấy chứng sinh"});
  ASSERT_TRUE(asked) << asked.error().user_message;
  EXPECT_EQ(asked->status, DossierStatus::kSupplementRequested);

  // The citizen uploads a corrected file and resubmits.
  auto attached = service_->AttachFile(citizen_, d.id, asked->version, {0, "to-khai-da-ky.pdf", kPdf + "signed", "electronic"}, "r");
  ASSERT_TRUE(attached) << attached.error().user_message;
  auto again = Do(citizen_, *attached, "resubmit");
  ASSERT_TRUE(again) << again.error().user_message;

  auto accepted = Do(desk_ward_, *again, "accept");
  ASSERT_TRUE(accepted) << accepted.error().user_message << accepted.error().internal_message;
  EXPECT_EQ(accepted->status, DossierStatus::kAccepted);
  EXPECT_EQ(accepted->code, "000.20.31.H29-261125-0001");
  // 1 working day from Tuesday 25/11/2026: the close of Wednesday 26/11, 17:00 in Vietnam.
  ASSERT_TRUE(accepted->due_at);
  EXPECT_EQ(FormatTimestamp(*accepted->due_at), "2026-11-26T10:00:00.000Z");

  // Tracking by code, history, notices, audit.
  auto tracked = service_->Track(accepted->code);
  ASSERT_TRUE(tracked);
  EXPECT_EQ(tracked->status, DossierStatus::kAccepted);
  auto history = service_->History(citizen_, accepted->code, "r");
  ASSERT_TRUE(history);
  std::vector<std::string> actions;
  for (const auto& e : *history) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"submit", "request_supplement", "attach_file", "resubmit", "accept"}));
  auto notices = service_->Notices(citizen_);
  ASSERT_TRUE(notices);
  ASSERT_GE(notices->size(), 4u);
  EXPECT_EQ(notices->front().title, "Hồ sơ đã được tiếp nhận");
  auto audit = store::ReadAudit(db_->db(), accepted->code, 10);
  ASSERT_TRUE(audit);
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->front().action, "dossier.accept");
}

TEST_P(DossierServiceContract, AStaleVersionFailsCleanlyAndChangesNothing) {
  domain::Dossier d = SubmitBirthRegistration(citizen_);
  auto first = Do(desk_ward_, d, "accept");
  ASSERT_TRUE(first);
  auto second = Do(desk_ward_, d, "refuse", {}, "Trùng hồ sơ");  // still holds version 1
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  auto now = service_->Get(desk_ward_, std::to_string(d.id), "r");
  ASSERT_TRUE(now);
  EXPECT_EQ(now->status, DossierStatus::kAccepted);
  EXPECT_EQ(now->refusal_reason, "");
}

TEST_P(DossierServiceContract, ConcurrentAcceptanceGivesUniqueGapFreeCodesAndOneWinnerPerDossier) {
  constexpr int kDossiers = 12;
  std::vector<domain::Dossier> submitted;
  for (int i = 0; i < kDossiers; ++i) submitted.push_back(SubmitBirthRegistration(citizen_));
  // Two officers race on every dossier at once.
  auto second_desk = Officer("motcua.saigon2", domain::Role::kDeskOfficer, "000.20.31.H29");
  std::atomic<int> successes{0}, conflicts{0}, others{0};
  std::vector<std::string> codes(kDossiers * 2);
  auto worker = [&](const app::Principal& who, int offset) {
    for (int i = 0; i < kDossiers; ++i) {
      auto r = Do(who, submitted[i], "accept");
      if (r) {
        ++successes;
        codes[i * 2 + offset] = r->code;
      } else if (r.error().code == ErrorCode::kConflict || r.error().code == ErrorCode::kFailedPrecondition) {
        ++conflicts;
      } else {
        ++others;
        ADD_FAILURE() << r.error().internal_message;
      }
    }
  };
  std::thread a(worker, std::cref(desk_ward_), 0), b(worker, std::cref(second_desk), 1);
  a.join();
  b.join();
  EXPECT_EQ(successes.load(), kDossiers);
  EXPECT_EQ(conflicts.load(), kDossiers);
  EXPECT_EQ(others.load(), 0);
  std::set<std::string> unique;
  for (const auto& c : codes) {
    if (!c.empty()) unique.insert(c);
  }
  ASSERT_EQ(unique.size(), static_cast<std::size_t>(kDossiers));
  // Gap-free: exactly 0001..00NN for this agency and day.
  int n = 1;
  for (const auto& c : unique) {
    char expected[8];
    std::snprintf(expected, sizeof expected, "%04d", n++);
    EXPECT_EQ(c.substr(c.size() - 4), expected);
  }
}

TEST_P(DossierServiceContract, DeskReceptionAcceptsInOneGoAndPostalCountsFromHandover) {
  app::NewDossierInput in;
  in.procedure_code = "2.000488";  // judicial record, Sở Tư pháp's unit
  in.channel = domain::Channel::kDesk;
  in.applicant = {"Lê Văn Cường", "079201009999", "0901234567", "", "100 Đồng Khởi", ""};
  in.files.push_back({0, "scan.pdf", kPdf, "original"});
  auto desk = service_->ReceiveAtDesk(desk_justice_, in, "r");
  ASSERT_TRUE(desk) << desk.error().user_message << desk.error().internal_message;
  EXPECT_EQ(desk->status, DossierStatus::kAccepted);
  EXPECT_EQ(desk->code, "000.01.06.H29-261125-0001");  // the receiving unit's own sequence
  EXPECT_EQ(desk->files[0].copy_kind, "original");

  // Postal: handed over by the post office on Monday 24/11 at 16:00.
  in.channel = domain::Channel::kPostal;
  in.postal_handover_at = *ParseTimestamp("2026-11-24T09:00:00Z");
  auto postal = service_->ReceiveAtDesk(desk_justice_, in, "r");
  ASSERT_TRUE(postal) << postal.error().user_message;
  EXPECT_EQ(postal->status, DossierStatus::kSubmitted);
  EXPECT_EQ(postal->channel, domain::Channel::kPostal);
  auto accepted = Do(desk_justice_, *postal, "accept");
  ASSERT_TRUE(accepted) << accepted.error().user_message;
  // 10 working days counted from the handover day (Mon 24/11): Mon 08/12, 17:00.
  EXPECT_EQ(FormatTimestamp(*accepted->due_at), "2026-12-08T10:00:00.000Z");

  // A ward officer cannot receive for Sở Tư pháp.
  EXPECT_EQ(service_->ReceiveAtDesk(desk_ward_, in, "r").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(desk->owner_user_id, 0);  // no account with that ID number

  // A citizen with an account: the paper dossier is linked to it and they are told.
  in.channel = domain::Channel::kDesk;
  in.applicant = {"Nguyễn Văn An", "079203001234", "0912345678", "", "", ""};
  auto linked = service_->ReceiveAtDesk(desk_justice_, in, "r");
  ASSERT_TRUE(linked) << linked.error().user_message;
  EXPECT_EQ(linked->owner_user_id, citizen_.user.id);
  auto mine = service_->List(citizen_, {});
  ASSERT_TRUE(mine);
  EXPECT_TRUE(std::any_of(mine->begin(), mine->end(), [&](const app::DossierSummary& d) { return d.id == linked->id; }));
}

TEST_P(DossierServiceContract, PeopleSeeAndActOnlyWithinTheirReach) {
  domain::Dossier d = SubmitBirthRegistration(citizen_);
  // Another citizen and another agency's desk cannot see it at all.
  EXPECT_EQ(service_->Get(other_citizen_, std::to_string(d.id), "r").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->Get(desk_justice_, std::to_string(d.id), "r").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Do(desk_justice_, d, "accept").error().code, ErrorCode::kNotFound);
  // A specialist of the ward sees it but may not receive it.
  EXPECT_TRUE(service_->Get(specialist_ward_, std::to_string(d.id), "r"));
  EXPECT_EQ(Do(specialist_ward_, d, "accept").error().code, ErrorCode::kForbidden);
  // The citizen may not accept their own dossier; the officer may not withdraw it.
  EXPECT_EQ(Do(citizen_, d, "accept").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(Do(desk_ward_, d, "withdraw").error().code, ErrorCode::kForbidden);
  // Lists follow the same scope.
  auto mine = service_->List(citizen_, {});
  auto theirs = service_->List(other_citizen_, {});
  auto ward = service_->List(desk_ward_, {});
  auto justice = service_->List(desk_justice_, {});
  ASSERT_TRUE(mine && theirs && ward && justice);
  EXPECT_EQ(mine->size(), 1u);
  EXPECT_EQ(theirs->size(), 0u);
  EXPECT_EQ(ward->size(), 1u);
  EXPECT_EQ(justice->size(), 0u);
  // Every denial is audited.
  auto audit = store::ReadAudit(db_->db(), "", 200);
  ASSERT_TRUE(audit);
  int denied = 0;
  for (const auto& e : *audit) denied += e.action == "access.denied";
  EXPECT_GE(denied, 6);
}

TEST_P(DossierServiceContract, RejectsFilesByContentAndIncompleteSubmissions) {
  app::NewDossierInput in;
  in.procedure_code = "1.001193";
  in.files.push_back({0, "virus.pdf", "MZ\x90 not a pdf", "electronic"});
  auto bad = service_->CreateOnline(citizen_, in, true, "r");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  in.files.clear();
  auto incomplete = service_->CreateOnline(citizen_, in, true, "r");
  ASSERT_FALSE(incomplete);
  EXPECT_EQ(incomplete.error().fields.at(0).message, "Thiếu: Tờ khai");
  auto draft = service_->CreateOnline(citizen_, in, false, "r");
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->status, DossierStatus::kDraft);
  auto list = service_->List(citizen_, {});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 1u);  // the failed attempts left nothing behind
  // Not offered online: the marital status certificate of the test catalog.
  in.procedure_code = "1.001022";
  EXPECT_EQ(service_->CreateOnline(citizen_, in, false, "r").error().code, ErrorCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(Engines, DossierServiceContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua
