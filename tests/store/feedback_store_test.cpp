// Feedback (phản ánh, kiến nghị) on both engines: the service over the real
// store: routing, deadlines, notices, scopes, answer, publication without
// personal data, the sender's single rating, upheld complaints reaching the
// dossier's report marks, optimistic concurrency, and the counts reports read.

#include <gtest/gtest.h>

#include <filesystem>

#include <soci/soci.h>

#include "app/accounts/account_service.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/dossier_service.hpp"
#include "app/feedback/feedback_service.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/audit_writer.hpp"
#include "store/calendar_store.hpp"
#include "store/catalog_store.hpp"
#include "store/dossier_store.hpp"
#include "store/feedback_store.hpp"
#include "store/local_file_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/fake_clock.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using domain::FeedbackStatus;
using testutil::Engine;

const std::string kPdf = "%PDF-1.4\n% test document\n";
Timestamp T(const char* iso) { return *ParseTimestamp(iso); }

class FeedbackContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason, 6);
    if (!db_) GTEST_SKIP() << reason;
    files_dir_ = std::filesystem::temp_directory_path() /
                 ("motcua_feedback_files_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
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
    feedback_store_ = std::make_unique<store::FeedbackStore>(db_->db());
    service_ = std::make_unique<app::FeedbackService>(*feedback_store_, *dossier_store_, *catalog_, *calendar_,
                                                      tokens_, clock_);
    citizen_ = Register("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
    lltp_specialist_ = Officer("chuyenvien.lltp", domain::Role::kSpecialist, "000.01.06.H29");
    justice_leader_ = Officer("lanhdao.tuphap", domain::Role::kLeader, "000.00.06.H29");
    justice_desk_ = Officer("motcua.tuphap", domain::Role::kDeskOfficer, "000.00.06.H29");
    ward_desk_ = Officer("motcua.saigon", domain::Role::kDeskOfficer, "000.20.31.H29");
    ward_specialist_ = Officer("chuyenvien.saigon", domain::Role::kSpecialist, "000.20.31.H29");
    tourism_specialist_ = Officer("chuyenvien.dulich", domain::Role::kSpecialist, "000.00.15.H29");
  }
  void TearDown() override {
    std::error_code ec;
    if (!files_dir_.empty()) std::filesystem::remove_all(files_dir_, ec);
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

  static domain::FeedbackInput AboutProcedure(const char* code = "2.000488") {
    domain::FeedbackInput in;
    in.kind = "procedure";
    in.procedure_code = code;
    in.title = "Chậm cấp Phiếu lý lịch tư pháp";
    in.content = "Tôi là Trần Văn Bình, CCCD 079203009999, gọi 0987 654 321 hoặc binh@example.vn.";
    in.sender_name = "Trần Văn Bình";
    in.sender_phone = "0987654321";
    in.consent_to_publish = true;
    return in;
  }

  app::SubmittedFeedback Submit(const domain::FeedbackInput& in, const app::Principal* who = nullptr) {
    auto s = service_->Submit(who, in, "r");
    EXPECT_TRUE(s) << (s ? "" : s.error().user_message + " " + s.error().internal_message);
    return s ? *s : app::SubmittedFeedback{};
  }

  Result<domain::Feedback> Do(const app::Principal& who, const domain::Feedback& f, app::FeedbackAction a) {
    a.version = f.version;
    return service_->Act(who, f.code, a, "r");
  }
  domain::Feedback Answer(const app::Principal& who, const domain::Feedback& f) {
    app::FeedbackAction a;
    a.action = "answer";
    a.answer = "Sở Tư pháp đã trả kết quả cho ông Trần Văn Bình ngày 01/12/2026.";
    auto r = Do(who, f, a);
    EXPECT_TRUE(r) << (r ? "" : r.error().user_message);
    return r ? *r : f;
  }

  // An accepted birth registration of the ward, with its code.
  domain::Dossier AcceptedDossier() {
    app::NewDossierInput in;
    in.procedure_code = "1.001193";
    in.files.push_back({0, "to-khai.pdf", kPdf, "electronic"});
    auto d = dossiers_->CreateOnline(citizen_, in, true, "r");
    EXPECT_TRUE(d) << (d ? "" : d.error().user_message);
    app::DossierAction a;
    a.action = "accept";
    a.version = d->version;
    auto accepted = dossiers_->Act(ward_desk_, std::to_string(d->id), a, "r");
    EXPECT_TRUE(accepted) << (accepted ? "" : accepted.error().user_message);
    return *accepted;
  }

  long long Scalar(const std::string& query) {
    store::Database::Lease sql(db_->db());
    long long n = 0;
    *sql << query, soci::into(n);
    return n;
  }
  long long NoticesOf(const app::Principal& who) {
    return Scalar("SELECT COUNT(*) FROM notices WHERE user_id = " + std::to_string(who.user.id));
  }

  static inline std::atomic<int> counter_{0};
  std::unique_ptr<testutil::TestDatabase> db_;
  std::filesystem::path files_dir_;
  // Wednesday 25/11/2026 09:00 in Vietnam.
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
  std::unique_ptr<app::DossierService> dossiers_;
  std::unique_ptr<store::FeedbackStore> feedback_store_;
  std::unique_ptr<app::FeedbackService> service_;
  app::Principal citizen_, lltp_specialist_, justice_leader_, justice_desk_, ward_desk_, ward_specialist_,
      tourism_specialist_;
};

TEST_P(FeedbackContract, RoutesAProcedureToItsFirstAgencyWithTenWorkingDaysAndTellsItsOfficers) {
  auto s = Submit(AboutProcedure());
  EXPECT_TRUE(domain::IsFeedbackCode(s.feedback.code)) << s.feedback.code;
  EXPECT_EQ(s.feedback.code.substr(0, 12), "PAKN-261125-");
  EXPECT_EQ(s.feedback.agency_code, "000.01.06.H29");
  EXPECT_EQ(s.feedback.status, FeedbackStatus::kReceived);
  EXPECT_EQ(s.feedback.due_at, *calendar_->DueTime(T("2026-11-25T02:00:00Z"), 10, "000.01.06.H29"));
  EXPECT_FALSE(s.token.empty());

  auto stored = feedback_store_->FindByCode(s.feedback.code);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->token_hash, tokens_.HashToken(s.token));  // only the hash is kept
  EXPECT_EQ(stored->sender.phone, "0987654321");
  EXPECT_EQ(stored->version, 1);

  // The unit's specialist is told; the department's leader is above the unit, desk officers are not.
  EXPECT_EQ(NoticesOf(lltp_specialist_), 1);
  EXPECT_EQ(NoticesOf(justice_leader_), 0);
  EXPECT_EQ(NoticesOf(justice_desk_), 0);
  auto audit = store::ReadAudit(db_->db(), s.feedback.code, 5);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "feedback.submit");
  EXPECT_EQ((*audit)[0].actor, "anonymous");
}

TEST_P(FeedbackContract, RoutesADossierToItsReceivingAgencyAndOthersToTheChosenOrRootAgency) {
  domain::Dossier d = AcceptedDossier();
  domain::FeedbackInput in = AboutProcedure();
  in.kind = "dossier";
  in.dossier_code = d.code;
  auto s = Submit(in, &citizen_);
  EXPECT_EQ(s.feedback.agency_code, "000.20.31.H29");
  EXPECT_EQ(s.feedback.dossier_id, d.id);
  EXPECT_EQ(s.feedback.procedure_code, "1.001193");
  EXPECT_EQ(s.feedback.sender.user_id, citizen_.user.id);

  in = AboutProcedure();
  in.kind = "regulation";
  in.agency_code = "000.00.15.H29";
  EXPECT_EQ(Submit(in).feedback.agency_code, "000.00.15.H29");
  in.agency_code = "";
  in.kind = "other";
  EXPECT_EQ(Submit(in).feedback.agency_code, "000.00.00.H29");
}

TEST_P(FeedbackContract, UnknownSubjectsAreFieldErrorsAndWriteNothing) {
  domain::FeedbackInput in = AboutProcedure("9.999999");
  auto bad = service_->Submit(nullptr, in, "r");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().fields.at(0).field, "procedure_code");
  in.kind = "dossier";
  in.dossier_code = "000.20.31.H29-261125-9999";
  EXPECT_EQ(service_->Submit(nullptr, in, "r").error().fields.at(0).field, "dossier_code");
  in.kind = "regulation";
  in.agency_code = "khong-co";
  EXPECT_EQ(service_->Submit(nullptr, in, "r").error().fields.at(0).field, "agency_code");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM feedback"), 0);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_events WHERE action LIKE 'feedback.%'"), 0);
}

TEST_P(FeedbackContract, ADuplicateCodeRollsBackTheAuditRowAndNotices) {
  auto s = Submit(AboutProcedure());
  app::FeedbackChange again;
  again.feedback = s.feedback;
  again.audit = app::AuditEvent{clock_.Now(), "anonymous", "feedback.submit", s.feedback.code, "{}", "r2"};
  again.notify_title = "Phản ánh, kiến nghị mới";
  auto dup = feedback_store_->Insert(again);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'feedback.submit'"), 1);
  EXPECT_EQ(NoticesOf(lltp_specialist_), 1);
}

TEST_P(FeedbackContract, OfficersSeeAndActOnlyWithinTheirScope) {
  auto s = Submit(AboutProcedure());
  // Another agency: as if it did not exist.
  EXPECT_EQ(service_->View(&tourism_specialist_, s.feedback.code, "").error().code, ErrorCode::kNotFound);
  app::FeedbackAction take{"take_up"};
  EXPECT_EQ(Do(tourism_specialist_, s.feedback, take).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service_->ListForOfficer(tourism_specialist_, {})->empty());
  // The department above the unit sees it; its desk officer may look but not act.
  auto seen = service_->View(&justice_desk_, s.feedback.code, "");
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->access, app::FeedbackAccess::kOfficer);
  EXPECT_FALSE(seen->may_act);
  EXPECT_EQ(Do(justice_desk_, s.feedback, take).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->ListForOfficer(justice_leader_, {})->size(), 1u);
  EXPECT_EQ(service_->ListForOfficer(citizen_, {}).error().code, ErrorCode::kForbidden);
  // Not published: the public and other citizens do not see it; the token does.
  EXPECT_EQ(service_->View(nullptr, s.feedback.code, "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->View(&citizen_, s.feedback.code, "sai").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->View(nullptr, s.feedback.code, s.token)->access, app::FeedbackAccess::kSender);

  auto taken = Do(lltp_specialist_, s.feedback, take);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status, FeedbackStatus::kInProgress);
  EXPECT_EQ(taken->assignee, "chuyenvien.lltp");
  // A stale version conflicts.
  EXPECT_EQ(Do(justice_leader_, s.feedback, take).error().code, ErrorCode::kConflict);
}

TEST_P(FeedbackContract, AnswerPublishRedactedAndRateOnceWithTheToken) {
  auto s = Submit(AboutProcedure());
  EXPECT_EQ(service_->Rate(s.feedback.code, s.token, "satisfied", "", "r").error().code,
            ErrorCode::kFailedPrecondition);
  domain::Feedback answered = Answer(lltp_specialist_, s.feedback);
  EXPECT_EQ(answered.status, FeedbackStatus::kAnswered);

  app::FeedbackAction publish{"publish"};
  auto published = Do(justice_leader_, answered, publish);
  ASSERT_TRUE(published) << published.error().user_message;
  EXPECT_EQ(published->published_content,
            "Tôi là [người gửi], CCCD [số giấy tờ], gọi [số điện thoại] hoặc [email].");
  EXPECT_EQ(published->published_answer, "Sở Tư pháp đã trả kết quả cho ông [người gửi] ngày 01/12/2026.");

  app::FeedbackQuery q;
  q.text = "ly lich";  // folded search of the published texts
  auto list = service_->ListPublished(q);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].code, s.feedback.code);
  q.text = "khai sinh";
  EXPECT_TRUE(service_->ListPublished(q)->empty());
  EXPECT_EQ(service_->View(nullptr, s.feedback.code, "")->access, app::FeedbackAccess::kPublic);

  EXPECT_EQ(service_->Rate(s.feedback.code, "sai-token", "satisfied", "", "r").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->Rate(s.feedback.code, s.token, "tam-duoc", "", "r").error().fields.at(0).field, "value");
  auto rated = service_->Rate(s.feedback.code, s.token, "dissatisfied", "Chưa thỏa đáng", "r");
  ASSERT_TRUE(rated) << rated.error().user_message;
  EXPECT_EQ(rated->rating, domain::Satisfaction::kDissatisfied);
  EXPECT_EQ(service_->Rate(s.feedback.code, s.token, "very_satisfied", "", "r").error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(feedback_store_->FindByCode(s.feedback.code)->rating, domain::Satisfaction::kDissatisfied);
}

TEST_P(FeedbackContract, PublishingNeedsTheSendersConsent) {
  domain::FeedbackInput in = AboutProcedure();
  in.consent_to_publish = false;
  auto s = Submit(in);
  domain::Feedback answered = Answer(lltp_specialist_, s.feedback);
  auto refused = Do(lltp_specialist_, answered, {"publish"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(feedback_store_->FindByCode(s.feedback.code)->status, FeedbackStatus::kAnswered);
}

TEST_P(FeedbackContract, AnUpheldComplaintAboutADossierReachesItsReportMarks) {
  domain::Dossier d = AcceptedDossier();
  domain::FeedbackInput in = AboutProcedure();
  in.kind = "dossier";
  in.dossier_code = d.code;
  auto s = Submit(in);
  app::FeedbackAction conclude{"conclude"};
  EXPECT_EQ(Do(ward_specialist_, s.feedback, conclude).error().fields.at(0).field, "upheld");
  conclude.upheld = true;
  auto upheld = Do(ward_specialist_, s.feedback, conclude);
  ASSERT_TRUE(upheld) << upheld.error().user_message << upheld.error().internal_message;
  EXPECT_EQ(Scalar("SELECT complaints_upheld FROM dossiers WHERE id = " + std::to_string(d.id)), 1);
  conclude.upheld = false;
  auto withdrawn = Do(ward_specialist_, *upheld, conclude);
  ASSERT_TRUE(withdrawn);
  EXPECT_EQ(Scalar("SELECT complaints_upheld FROM dossiers WHERE id = " + std::to_string(d.id)), 0);
  // About a procedure there is nothing to conclude.
  auto other = Submit(AboutProcedure());
  EXPECT_EQ(Do(lltp_specialist_, other.feedback, conclude).error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(FeedbackContract, ListsFilterByStatusAndOverdueWithKeysetPages) {
  std::vector<std::string> codes;
  for (int i = 0; i < 5; ++i) codes.push_back(Submit(AboutProcedure()).feedback.code);
  clock_.Set(T("2026-12-20T02:00:00Z"));  // past every deadline
  auto first = feedback_store_->FindByCode(codes[0]);
  Answer(lltp_specialist_, *first);

  app::FeedbackQuery q;
  q.limit = 2;
  auto page1 = service_->ListForOfficer(lltp_specialist_, q);
  ASSERT_EQ(page1->size(), 2u);
  EXPECT_EQ((*page1)[0].code, codes[4]);
  q.after_id = page1->back().id;
  auto page2 = service_->ListForOfficer(lltp_specialist_, q);
  ASSERT_EQ(page2->size(), 2u);
  EXPECT_EQ((*page2)[0].code, codes[2]);

  app::FeedbackQuery overdue;
  overdue.overdue_at = clock_.Now();
  EXPECT_EQ(service_->ListForOfficer(lltp_specialist_, overdue)->size(), 4u);
  app::FeedbackQuery answered;
  answered.status = FeedbackStatus::kAnswered;
  auto a = service_->ListForOfficer(lltp_specialist_, answered);
  ASSERT_EQ(a->size(), 1u);
  EXPECT_EQ((*a)[0].code, codes[0]);
}

TEST_P(FeedbackContract, CountsTheCohortReceivedInThePeriodByAgency) {
  // Received 25/11: answered on time and rated dissatisfied; answered late; still open (overdue);
  // closed; and one at the ward, upheld.
  auto on_time = Submit(AboutProcedure());
  auto late = Submit(AboutProcedure());
  auto open = Submit(AboutProcedure());
  auto closed = Submit(AboutProcedure());
  domain::Dossier d = AcceptedDossier();
  domain::FeedbackInput about_dossier = AboutProcedure();
  about_dossier.kind = "dossier";
  about_dossier.dossier_code = d.code;
  auto ward = Submit(about_dossier);

  clock_.Set(T("2026-11-27T02:00:00Z"));
  Answer(lltp_specialist_, on_time.feedback);
  ASSERT_TRUE(service_->Rate(on_time.feedback.code, on_time.token, "dissatisfied", "", "r"));
  app::FeedbackAction close{"close"};
  close.reason = "duplicate";
  close.note = on_time.feedback.code;
  ASSERT_TRUE(Do(lltp_specialist_, closed.feedback, close));
  app::FeedbackAction conclude{"conclude"};
  conclude.upheld = true;
  ASSERT_TRUE(Do(ward_specialist_, ward.feedback, conclude));
  clock_.Set(T("2026-12-31T02:00:00Z"));
  Answer(lltp_specialist_, late.feedback);
  // Received in December: outside the period.
  Submit(AboutProcedure());

  Timestamp from = T("2026-10-31T17:00:00Z"), to = T("2026-11-30T17:00:00Z");  // November in Vietnam
  auto justice = feedback_store_->Counts({"000.00.06.H29", "000.01.06.H29"}, from, to, clock_.Now());
  ASSERT_TRUE(justice) << justice.error().internal_message;
  app::FeedbackCounts expected{4, 2, 1, 1, 1, 1, 1, 1, 0};
  EXPECT_EQ(*justice, expected);
  auto all = service_->Counts({}, from, to);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->received, 5);
  EXPECT_EQ(all->upheld, 1);
  EXPECT_EQ(all->open_overdue, 2);
  auto tourism = feedback_store_->Counts({"000.00.15.H29"}, from, to, clock_.Now());
  EXPECT_EQ(*tourism, app::FeedbackCounts{});
  // Open items are overdue only once their due time has passed.
  auto before_due = feedback_store_->Counts({"000.01.06.H29"}, from, to, T("2026-11-26T02:00:00Z"));
  EXPECT_EQ(before_due->open_overdue, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, FeedbackContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua
