// RatingService on both engines, through the real stores and the handling
// path: who may rate when, versions within the edit window, signed
// single-use links (forged, tampered, expired, reused), the desk kiosk.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <regex>

#include "app/accounts/account_service.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/dossier_service.hpp"
#include "app/handling/handling_service.hpp"
#include "app/rating/rating_service.hpp"
#include "security/rating_link_signer.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/calendar_store.hpp"
#include "store/catalog_store.hpp"
#include "store/dossier_store.hpp"
#include "store/local_file_store.hpp"
#include "store/process_store.hpp"
#include "store/rating_store.hpp"
#include "store/worklist_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/fake_clock.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using domain::DossierStatus;
using domain::RatingChannel;
using domain::Role;
using testutil::Engine;
using namespace std::chrono_literals;

const std::string kPdf = "%PDF-1.4\n% test document\n";
const std::string kLltp = "2.000488";  // Sở Tư pháp, Phòng Lý lịch tư pháp
const std::string kUnit = "000.01.06.H29";

class RatingServiceContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason, 8);
    if (!db_) GTEST_SKIP() << reason;
    files_dir_ = std::filesystem::temp_directory_path() /
                 ("motcua_rating_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    catalog_store_ = std::make_unique<store::CatalogStore>(db_->db());
    catalog_ = std::make_unique<app::CatalogService>(*catalog_store_, std::chrono::milliseconds(0));
    ASSERT_TRUE(catalog_->Import(testutil::SmallCatalog()));
    calendar_store_ = std::make_unique<store::CalendarStore>(db_->db());
    calendar_ = std::make_unique<app::CalendarService>(*calendar_store_, clock_);
    account_store_ = std::make_unique<store::AccountStore>(db_->db());
    accounts_ = std::make_unique<app::AccountService>(*account_store_, hasher_, tokens_, clock_);
    dossier_store_ = std::make_unique<store::DossierStore>(db_->db());
    file_store_ = std::make_unique<store::LocalFileStore>(files_dir_.string());
    dossiers_ = std::make_unique<app::DossierService>(*dossier_store_, *file_store_, *catalog_, *calendar_,
                                                      *accounts_, clock_);
    process_store_ = std::make_unique<store::ProcessStore>(db_->db());
    worklist_store_ = std::make_unique<store::WorklistStore>(db_->db());
    handling_ = std::make_unique<app::HandlingService>(*dossiers_, *dossier_store_, *process_store_,
                                                       *worklist_store_, *file_store_, *catalog_, *calendar_,
                                                       *accounts_, *account_store_, clock_);
    rating_store_ = std::make_unique<store::RatingStore>(db_->db());
    links_ = std::make_unique<security::SodiumRatingLinkSigner>(
        [this] { return rating_store_->LinkKey(security::SodiumRatingLinkSigner::NewKey); });
    ratings_ = std::make_unique<app::RatingService>(*rating_store_, *dossiers_, *dossier_store_, *links_, tokens_,
                                                    clock_);
    ratings_->SetPublicUrl("https://dichvucong.example.vn/");
    ratings_->Observe(*handling_);
    citizen_ = Register("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
    other_citizen_ = Register("Trần Thị Lan", "079305004321", "0987654321", "lan@example.vn");
    desk_ = Officer("motcua.tuphap", Role::kDeskOfficer, "000.00.06.H29");
    specialist_ = Officer("chuyenvien.lltp", Role::kSpecialist, kUnit);
    leader_ = Officer("lanhdao.tuphap", Role::kLeader, "000.00.06.H29");
    ward_desk_ = Officer("motcua.saigon", Role::kDeskOfficer, "000.20.31.H29");
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
  app::Principal Officer(const std::string& username, Role role, const std::string& agency) {
    auto u = accounts_->AddOfficer({username, "", role, agency, "matkhau123"}, "test");
    EXPECT_TRUE(u) << (u ? "" : u.error().internal_message);
    return Login(username);
  }
  app::Principal Login(const std::string& login) {
    auto r = accounts_->Login(login, "matkhau123", "bearer", "r");
    EXPECT_TRUE(r);
    return r->principal;
  }

  domain::Dossier Submit(bool submit = true) {
    app::NewDossierInput in;
    in.procedure_code = kLltp;
    in.files.push_back({0, "to-khai.pdf", kPdf, "electronic"});
    auto d = dossiers_->CreateOnline(citizen_, in, submit, "r");
    EXPECT_TRUE(d) << (d ? "" : d.error().user_message + " " + d.error().internal_message);
    return d ? *d : domain::Dossier{};
  }
  domain::Dossier Must(const app::Principal& who, const domain::Dossier& d, std::string action,
                       std::string method = {}) {
    app::HandlingInput in;
    in.action = std::move(action);
    in.version = d.version;
    in.method = std::move(method);
    if (in.action == "attach_result") {
      in.file_name = "ket-qua.pdf";
      in.file_bytes = "%PDF-1.7\n% ket qua\n";
    }
    auto r = handling_->Act(who, std::to_string(d.id), in, "r");
    EXPECT_TRUE(r) << in.action << ": " << (r ? "" : r.error().user_message + " / " + r.error().internal_message);
    return r ? *r : d;
  }
  // Submitted online, handled, approved and returned by the desk officer.
  domain::Dossier Returned(const std::string& method = "desk") {
    auto d = Must(desk_, Submit(), "accept");
    d = Must(desk_, d, "forward");
    d = Must(specialist_, d, "attach_result");
    d = Must(specialist_, d, "forward");
    d = Must(leader_, d, "approve");
    return Must(desk_, d, "return_result", method);
  }
  // A desk (paper) dossier stored directly in the given state, owned by the citizen.
  domain::Dossier DeskDossier(DossierStatus status, bool returned) {
    domain::Dossier d;
    d.procedure_code = kLltp;
    d.procedure_name = "Cấp Phiếu lý lịch tư pháp";
    d.agency_code = kUnit;
    d.owner_user_id = citizen_.user.id;
    d.applicant = {"Nguyễn Văn An", "079203001234", "0912345678", "", "Quận 1", ""};
    d.channel = domain::Channel::kDesk;
    d.status = status;
    d.code = "000.01.06.H29-261125-" + std::to_string(9000 + ++sequence_);
    d.received_at = clock_.Now();
    d.created_at = d.updated_at = clock_.Now();
    if (returned) d.handling.returned_at = clock_.Now();
    app::DossierChange c;
    c.dossier = d;
    c.event = {clock_.Now(), "test", "seed", "", DossierStatusKey(status), "", -1, "", std::nullopt};
    c.audit = {clock_.Now(), "test", "dossier.test", d.procedure_code, "", "r"};
    auto stored = dossier_store_->Insert(c);
    EXPECT_TRUE(stored) << (stored ? "" : stored.error().internal_message);
    return stored ? *stored : d;
  }

  static app::RatingDraft Draft(std::string overall, std::string comment = {}) {
    return {{{"overall", std::move(overall)}, {"attitude", "very_satisfied"}}, std::move(comment)};
  }

  std::string LinkIn(const std::vector<app::Notice>& notices) {
    std::regex link("https://dichvucong\\.example\\.vn/danh-gia/([A-Za-z0-9_-]+)");
    for (const auto& n : notices) {
      std::smatch m;
      if (std::regex_search(n.body, m, link)) return m[1];
    }
    return "";
  }

  static inline std::atomic<int> counter_{0};
  int sequence_ = 0;
  std::unique_ptr<testutil::TestDatabase> db_;
  std::filesystem::path files_dir_;
  testutil::FakeClock clock_{"2026-11-25T02:00:00Z"};  // Wednesday 09:00 in Vietnam
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
  std::unique_ptr<app::DossierService> dossiers_;
  std::unique_ptr<store::ProcessStore> process_store_;
  std::unique_ptr<store::WorklistStore> worklist_store_;
  std::unique_ptr<app::HandlingService> handling_;
  std::unique_ptr<store::RatingStore> rating_store_;
  std::unique_ptr<security::SodiumRatingLinkSigner> links_;
  std::unique_ptr<app::RatingService> ratings_;
  app::Principal citizen_, other_citizen_, desk_, specialist_, leader_, ward_desk_;
};

TEST_P(RatingServiceContract, ADeskDossierIsRatedOnlyAfterItsResultIsReturned) {
  auto open = DeskDossier(DossierStatus::kAccepted, false);
  auto refused = ratings_->RateOnline(citizen_, open.code, Draft("satisfied"), "r");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.error().user_message, "Chỉ có thể đánh giá sau khi hồ sơ đã được trả kết quả.");
  auto form = ratings_->OnlineForm(citizen_, open.code, "r");
  ASSERT_TRUE(form);
  EXPECT_FALSE(form->may_rate);

  auto done = DeskDossier(DossierStatus::kReturned, true);
  auto rated = ratings_->RateOnline(citizen_, done.code, Draft("very_satisfied", "  Nhanh gọn  "), "r");
  ASSERT_TRUE(rated) << rated.error().user_message;
  EXPECT_EQ(rated->rating.version, 1);
  EXPECT_EQ(rated->rating.comment, "Nhanh gọn");
  // The desk dossier is not asked about the online service.
  auto online_q = ratings_->RateOnline(citizen_, done.code, {{{"overall", "satisfied"}, {"online_service", "satisfied"}}, ""}, "r");
  ASSERT_FALSE(online_q);
  EXPECT_EQ(online_q.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(RatingServiceContract, AnOnlineDossierMayBeRatedOnceSubmittedButNotAsADraft) {
  auto draft = Submit(false);
  EXPECT_EQ(ratings_->RateOnline(citizen_, std::to_string(draft.id), Draft("satisfied"), "r").error().code,
            ErrorCode::kFailedPrecondition);
  auto submitted = Submit(true);
  auto rated = ratings_->RateOnline(citizen_, std::to_string(submitted.id),
                                    {{{"overall", "satisfied"}, {"online_service", "dissatisfied"}}, ""}, "r");
  ASSERT_TRUE(rated) << rated.error().user_message;
}

TEST_P(RatingServiceContract, OnlyTheOwnerRatesOnlineAndOfficersInScopeReadWithoutTheOfficerOnDuty) {
  auto d = DeskDossier(DossierStatus::kReturned, true);
  EXPECT_EQ(ratings_->RateOnline(other_citizen_, d.code, Draft("satisfied"), "r").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(ratings_->RateOnline(desk_, d.code, Draft("satisfied"), "r").error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(ratings_->RateOnline(citizen_, d.code, Draft("dissatisfied", "Phải đi lại nhiều lần"), "r"));
  auto seen = ratings_->Ratings(desk_, d.code, "r");
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].rating.comment, "Phải đi lại nhiều lần");
  EXPECT_EQ(ratings_->Ratings(ward_desk_, d.code, "r").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ratings_->Ratings(other_citizen_, d.code, "r").error().code, ErrorCode::kNotFound);
}

TEST_P(RatingServiceContract, ARepeatWithinTheWindowIsANewVersionAndAfterItIsRefused) {
  auto d = DeskDossier(DossierStatus::kReturned, true);
  ASSERT_TRUE(ratings_->RateOnline(citizen_, d.code, Draft("dissatisfied"), "r"));
  clock_.Advance(6 * 24h);
  auto second = ratings_->RateOnline(citizen_, d.code, Draft("satisfied"), "r");
  ASSERT_TRUE(second) << second.error().user_message;
  EXPECT_EQ(second->rating.version, 2);
  EXPECT_EQ(second->first_rated_at, *ParseTimestamp("2026-11-25T02:00:00Z"));
  auto all = ratings_->Ratings(citizen_, d.code, "r");
  ASSERT_EQ(all->size(), 1u);  // one rating, its newest version
  EXPECT_EQ((*all)[0].rating.version, 2);

  clock_.Advance(25h);  // seven days and an hour after the first rating
  auto late = ratings_->RateOnline(citizen_, d.code, Draft("very_satisfied"), "r");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(late.error().user_message.find("không thể sửa"), std::string::npos);
  auto form = ratings_->OnlineForm(citizen_, d.code, "r");
  EXPECT_FALSE(form->may_rate);
  EXPECT_TRUE(form->current);
}

TEST_P(RatingServiceContract, InvalidAnswersAreFieldErrors) {
  auto d = DeskDossier(DossierStatus::kReturned, true);
  auto bad = ratings_->RateOnline(citizen_, d.code, {{{"overall", "rat_tot"}, {"speed", "satisfied"}}, ""}, "r");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "overall");
  EXPECT_EQ(bad.error().fields[1].field, "speed");
  auto no_overall = ratings_->RateOnline(citizen_, d.code, {{{"time", "satisfied"}}, ""}, "r");
  ASSERT_FALSE(no_overall);
  EXPECT_EQ(no_overall.error().fields[0].field, "overall");
}

TEST_P(RatingServiceContract, TheReturnNoticeCarriesASingleUseLinkThatNeedsNoLogin) {
  auto d = Returned("online");
  auto notices = dossier_store_->Notices(citizen_.user.id, 50);
  ASSERT_TRUE(notices);
  std::string token = LinkIn(*notices);
  ASSERT_FALSE(token.empty()) << "no rating link in the notices";
  auto form = ratings_->LinkForm(token);
  ASSERT_TRUE(form) << form.error().internal_message;
  EXPECT_EQ(form->dossier_code, d.code);
  EXPECT_TRUE(form->may_rate);
  EXPECT_EQ(form->criteria.size(), 8u);  // an online dossier: the online service too

  auto rated = ratings_->RateByLink(token, Draft("very_satisfied"), "r");
  ASSERT_TRUE(rated) << rated.error().user_message;
  EXPECT_EQ(rated->rating.channel, RatingChannel::kLink);
  auto reused = ratings_->RateByLink(token, Draft("dissatisfied"), "r");
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(reused.error().user_message, "Liên kết đánh giá này đã được sử dụng.");
  EXPECT_EQ(ratings_->LinkForm(token).error().code, ErrorCode::kConflict);
}

TEST_P(RatingServiceContract, ForgedTamperedAndExpiredLinksAreRefused) {
  auto d = DeskDossier(DossierStatus::kReturned, true);
  auto token = ratings_->NewLink(d);
  ASSERT_TRUE(token);
  std::string tampered = *token;
  tampered[5] = tampered[5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(ratings_->RateByLink(tampered, Draft("satisfied"), "r").error().code, ErrorCode::kForbidden);
  // Signed under another key: forged.
  security::SodiumRatingLinkSigner forger([] { return Result<std::string>(security::SodiumRatingLinkSigner::NewKey()); });
  auto forged = forger.Sign(d.id, clock_.Now() + 24h);
  EXPECT_EQ(ratings_->RateByLink(*forged, Draft("satisfied"), "r").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ratings_->LinkForm("not-a-token").error().code, ErrorCode::kForbidden);
  // Thirty days later the link has expired.
  clock_.Advance(31 * 24h);
  auto expired = ratings_->RateByLink(*token, Draft("satisfied"), "r");
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(expired.error().user_message, "Liên kết đánh giá đã hết hạn.");
  EXPECT_FALSE(*rating_store_->Latest(d.id, RatingChannel::kLink));
}

TEST_P(RatingServiceContract, TheKioskOfTheOfficerOnDutyOffersTheDossierJustReturnedAtTheDesk) {
  EXPECT_EQ(ratings_->ActivateKiosk(citizen_, "quay-1", "r").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ratings_->ActivateKiosk(specialist_, "quay-1", "r").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ratings_->ActivateKiosk(desk_, "Quầy 1", "r").error().code, ErrorCode::kInvalidArgument);
  auto device = ratings_->ActivateKiosk(desk_, "quay-1", "r");
  ASSERT_TRUE(device) << device.error().internal_message;
  // Another agency's desk officer cannot take the counter over.
  EXPECT_EQ(ratings_->ActivateKiosk(ward_desk_, "quay-1", "r").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ratings_->Kiosk("quay-1", "some-other-device").error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(ratings_->Kiosk("quay-1", "").error().code, ErrorCode::kUnauthenticated);
  auto idle = ratings_->Kiosk("quay-1", *device);
  ASSERT_TRUE(idle);
  EXPECT_TRUE(idle->on_duty);
  EXPECT_FALSE(idle->pending);

  // Returned online: nothing at the kiosk; returned at the desk: offered.
  Returned("online");
  EXPECT_FALSE(ratings_->Kiosk("quay-1", *device)->pending);
  auto d = Returned("desk");
  auto screen = ratings_->Kiosk("quay-1", *device);
  ASSERT_TRUE(screen->pending);
  EXPECT_EQ(screen->pending->dossier_code, d.code);
  EXPECT_EQ(screen->pending->procedure_name, d.procedure_name);

  const std::string csrf = screen->csrf_token;
  EXPECT_EQ(ratings_->RateAtKiosk("quay-1", *device, "wrong", d.id, Draft("satisfied"), "r").error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(ratings_->RateAtKiosk("quay-1", "stolen", csrf, d.id, Draft("satisfied"), "r").error().code,
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(ratings_->RateAtKiosk("quay-1", *device, csrf, d.id - 1, Draft("satisfied"), "r").error().code,
            ErrorCode::kFailedPrecondition);
  auto rated = ratings_->RateAtKiosk("quay-1", *device, csrf, d.id, Draft("very_satisfied"), "r");
  ASSERT_TRUE(rated) << rated.error().user_message;
  EXPECT_EQ(rated->rating.channel, RatingChannel::kKiosk);
  EXPECT_EQ(rated->counter, "quay-1");
  auto stored = *rating_store_->Latest(d.id, RatingChannel::kKiosk);
  EXPECT_EQ(stored->officer, "motcua.tuphap");
  // One kiosk rating per return: the kiosk is idle again.
  EXPECT_FALSE(ratings_->Kiosk("quay-1", *device)->pending);
  EXPECT_EQ(ratings_->RateAtKiosk("quay-1", *device, csrf, d.id, Draft("dissatisfied"), "r").error().code,
            ErrorCode::kFailedPrecondition);
  // Officers read it without the officer on duty.
  auto read = ratings_->Ratings(leader_, d.code, "r");
  ASSERT_TRUE(read);
  for (const auto& r : *read) EXPECT_TRUE(r.officer.empty());
}

TEST_P(RatingServiceContract, AnOfferLapsesAndMayBeSkipped) {
  auto device = *ratings_->ActivateKiosk(desk_, "quay-2", "r");
  auto d = Returned("desk");
  auto screen = ratings_->Kiosk("quay-2", device);
  ASSERT_TRUE(screen->pending);
  ASSERT_TRUE(ratings_->SkipAtKiosk("quay-2", device, screen->csrf_token, d.id));
  EXPECT_FALSE(ratings_->Kiosk("quay-2", device)->pending);

  auto e = Returned("desk");
  ASSERT_TRUE(ratings_->Kiosk("quay-2", device)->pending);
  clock_.Advance(31min);
  EXPECT_FALSE(ratings_->Kiosk("quay-2", device)->pending);
  EXPECT_EQ(ratings_->RateAtKiosk("quay-2", device, screen->csrf_token, e.id, Draft("satisfied"), "r").error().code,
            ErrorCode::kFailedPrecondition);
  // Re-activation replaces the device: the old cookie no longer works.
  auto again = *ratings_->ActivateKiosk(desk_, "quay-2", "r");
  EXPECT_EQ(ratings_->Kiosk("quay-2", device).error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(ratings_->Kiosk("quay-2", again));
}

INSTANTIATE_TEST_SUITE_P(Engines, RatingServiceContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua
