// Dossier handling on both engines, through the real stores: the whole path
// from online submission to the returned result with a supplement restart
// and an apology; liên thông parallel steps and consultations; pause and
// resume; process versions; the deadline scan; concurrency; who may act.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "app/accounts/account_service.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/dossier_service.hpp"
#include "app/handling/handling_service.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/calendar_store.hpp"
#include "store/catalog_store.hpp"
#include "store/dossier_store.hpp"
#include "store/local_file_store.hpp"
#include "store/process_store.hpp"
#include "store/worklist_store.hpp"
#include "testutil/catalog_builder.hpp"
#include "testutil/fake_clock.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using domain::DossierStatus;
using domain::Role;
using testutil::Engine;
using namespace std::chrono_literals;

const std::string kPdf = "%PDF-1.4\n% test document\n";
const std::string kResultPdf = "%PDF-1.7\n% Phieu ly lich tu phap so 123\n";
const std::string kLltp = "2.000488";            // 10 working days at 000.01.06.H29
const std::string kUnit = "000.01.06.H29";
const std::string kTourism = "000.00.15.H29";

Timestamp T(const char* iso) { return *ParseTimestamp(iso); }

class HandlingServiceContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason, 8);
    if (!db_) GTEST_SKIP() << reason;
    files_dir_ = std::filesystem::temp_directory_path() /
                 ("motcua_handling_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
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
    citizen_ = Register("Nguyễn Văn An", "079203001234", "0912345678", "an@example.vn");
    desk_ = Officer("motcua.tuphap", Role::kDeskOfficer, "000.00.06.H29");
    specialist_ = Officer("chuyenvien.lltp", Role::kSpecialist, kUnit);
    other_specialist_ = Officer("chuyenvien.khac", Role::kSpecialist, kUnit);
    leader_ = Officer("lanhdao.tuphap", Role::kLeader, "000.00.06.H29");
    tourism_ = Officer("chuyenvien.dulich", Role::kSpecialist, kTourism);
    admin_ = Officer("quantri", Role::kSystemAdmin, "000.00.00.H29");
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

  domain::Dossier Submit(const std::string& procedure = kLltp) {
    app::NewDossierInput in;
    in.procedure_code = procedure;
    in.files.push_back({0, "to-khai.pdf", kPdf, "electronic"});
    auto d = dossiers_->CreateOnline(citizen_, in, true, "r");
    EXPECT_TRUE(d) << (d ? "" : d.error().user_message + " " + d.error().internal_message);
    return d ? *d : domain::Dossier{};
  }

  Result<domain::Dossier> Do(const app::Principal& who, const domain::Dossier& d, app::HandlingInput in) {
    in.version = d.version;
    return handling_->Act(who, std::to_string(d.id), in, "r");
  }
  domain::Dossier Must(const app::Principal& who, const domain::Dossier& d, app::HandlingInput in) {
    auto r = Do(who, d, std::move(in));
    EXPECT_TRUE(r) << (r ? "" : r.error().user_message + " / " + r.error().internal_message);
    return r ? *r : d;
  }
  static app::HandlingInput A(std::string action) {
    app::HandlingInput in;
    in.action = std::move(action);
    return in;
  }
  domain::Dossier Accepted() { return Must(desk_, Submit(), A("accept")); }

  std::vector<app::Notice> NoticesOf(const app::Principal& who) {
    auto n = dossier_store_->Notices(who.user.id, 100);
    EXPECT_TRUE(n);
    return n ? *n : std::vector<app::Notice>{};
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
  std::unique_ptr<store::ProcessStore> process_store_;
  std::unique_ptr<store::WorklistStore> worklist_store_;
  std::unique_ptr<app::HandlingService> handling_;
  app::Principal citizen_, desk_, specialist_, other_specialist_, leader_, tourism_, admin_;
};

TEST_P(HandlingServiceContract, AcceptanceStartsTheProcessAtTheDeskStepWithItsDueTime) {
  auto d = Accepted();
  EXPECT_EQ(d.status, DossierStatus::kAccepted);
  EXPECT_EQ(d.handling.step, 0);
  EXPECT_EQ(d.handling.process_version, 0);  // the default process: desk 1, specialist 6, leader 2, desk 1
  EXPECT_EQ(d.handling.step_agency, kUnit);
  ASSERT_TRUE(d.handling.step_due_at);
  // One working day after Wednesday → the close of Thursday (17:00).
  EXPECT_EQ(*d.handling.step_due_at, T("2026-11-26T10:00:00Z"));
  // Ten working days: 09/12 17:00.
  EXPECT_EQ(*d.due_at, T("2026-12-09T10:00:00Z"));
}

TEST_P(HandlingServiceContract, FullPathWithSupplementRestartConsultationApologyAndOnlineReturn) {
  auto d = Accepted();
  // The desk forwards to the specialists' unit; the unit head assigns one.
  clock_.Advance(1h);
  auto fwd = A("forward");
  d = Must(desk_, d, fwd);
  EXPECT_EQ(d.handling.step, 1);
  EXPECT_TRUE(d.handling.assignee.empty());
  auto assign = A("assign");
  assign.assignee = "motcua.tuphap";  // a desk officer cannot take a specialist step
  auto wrong = Do(leader_, d, assign);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidArgument);
  assign.assignee = "chuyenvien.lltp";
  d = Must(leader_, d, assign);
  EXPECT_EQ(d.handling.assignee, "chuyenvien.lltp");
  bool told = false;
  for (const auto& n : NoticesOf(specialist_)) told = told || n.title == "Hồ sơ mới cần xử lý";
  EXPECT_TRUE(told);
  // Another specialist may not act on it.
  auto other = Do(other_specialist_, d, A("forward"));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kForbidden);

  // Four working days after reception: a supplement is still allowed, but flagged.
  clock_.Set(T("2026-12-01T03:00:00Z"));
  auto supplement = A("request_supplement");
  supplement.items = {"Bản sao Căn cước"};
  d = Must(specialist_, d, supplement);
  EXPECT_EQ(d.status, DossierStatus::kAppraisalSupplement);
  EXPECT_TRUE(d.handling.supplement_late);
  // The citizen uploads and resubmits: the deadline restarts from zero.
  clock_.Set(T("2026-12-02T02:00:00Z"));  // Wednesday 09:00
  auto attached = dossiers_->AttachFile(citizen_, d.id, d.version, {0, "to-khai-moi.pdf", kPdf + "v2", "electronic"}, "r");
  ASSERT_TRUE(attached) << attached.error().user_message;
  d = Must(citizen_, *attached, A("resubmit"));
  EXPECT_EQ(d.status, DossierStatus::kAccepted);
  EXPECT_EQ(d.handling.restarts, 1);
  EXPECT_EQ(*d.due_at, T("2026-12-16T10:00:00Z"));  // ten working days from 02/12
  EXPECT_EQ(d.handling.step, 1);

  // A consultation with the tourism department, answered by its officer.
  auto consult = A("consult");
  consult.agency_code = kTourism;
  consult.task = "Xác minh thông tin hướng dẫn viên";
  consult.days = 2;
  d = Must(specialist_, d, consult);
  ASSERT_EQ(d.handling.consultations.size(), 1u);
  auto blocked = Do(specialist_, d, A("forward"));
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, ErrorCode::kFailedPrecondition);
  app::WorklistQuery q;
  q.tab = app::WorklistTab::kConsultations;
  auto theirs = handling_->Worklist(tourism_, q);
  ASSERT_TRUE(theirs) << theirs.error().internal_message;
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_EQ((*theirs)[0].id, d.id);
  auto reply = A("record_consultation");
  reply.consultation = 1;
  reply.reply = "Thông tin chính xác.";
  d = Must(tourism_, d, reply);
  EXPECT_TRUE(d.handling.consultations[0].replied_at);

  // The result is attached (only PDFs), forwarded to the leader.
  auto bad = A("attach_result");
  bad.file_bytes = "not a pdf";
  EXPECT_EQ(Do(specialist_, d, bad).error().code, ErrorCode::kInvalidArgument);
  auto result = A("attach_result");
  result.file_name = "phieu-lltp.pdf";
  result.file_bytes = kResultPdf;
  d = Must(specialist_, d, result);
  ASSERT_EQ(d.handling.results.size(), 1u);
  EXPECT_EQ(d.handling.results[0].sha256.size(), 64u);
  d = Must(specialist_, d, A("forward"));
  EXPECT_EQ(d.handling.step, 2);
  EXPECT_EQ(d.handling.step_agency, kUnit);

  // It will be late: one apology with a new date, only once.
  clock_.Set(T("2026-12-14T02:00:00Z"));
  auto apology = A("apologize");
  apology.reason = "Cần xác minh thêm tại địa phương";
  apology.new_due_date = Date{std::chrono::year{2026}, std::chrono::December, std::chrono::day{18}};
  d = Must(leader_, d, apology);
  EXPECT_EQ(*d.handling.original_due_at, T("2026-12-16T10:00:00Z"));
  EXPECT_EQ(*d.due_at, T("2026-12-18T10:00:00Z"));  // 17:00 that day
  auto twice = Do(leader_, d, apology);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);

  // The specialist cannot approve; the leader approves before the new date.
  EXPECT_EQ(Do(specialist_, d, A("approve")).error().code, ErrorCode::kForbidden);
  clock_.Set(T("2026-12-17T02:00:00Z"));
  d = Must(leader_, d, A("approve"));
  EXPECT_EQ(d.status, DossierStatus::kResultReady);
  EXPECT_EQ(d.handling.outcome, "early");
  EXPECT_TRUE(d.handling.counted_late);  // after an apology it still counts as late
  EXPECT_EQ(d.handling.step, 3);
  // Before the online return the citizen cannot download the result.
  auto early_download = handling_->ResultContent(citizen_, d.code, d.handling.results[0].sha256, "r");
  EXPECT_FALSE(early_download);
  auto ret = A("return_result");
  ret.method = "online";
  d = Must(desk_, d, ret);
  EXPECT_EQ(d.status, DossierStatus::kReturned);
  auto download = handling_->ResultContent(citizen_, d.code, d.handling.results[0].sha256, "r");
  ASSERT_TRUE(download);
  EXPECT_EQ(*download, kResultPdf);

  // The tracking lookup shows the returned status.
  auto tracked = dossiers_->Track(d.code);
  ASSERT_TRUE(tracked);
  EXPECT_EQ(tracked->status, DossierStatus::kReturned);

  // The control slip has one row per hand-over, with timeliness.
  auto slip = handling_->ControlSlipOf(leader_, d.code, "r");
  ASSERT_TRUE(slip);
  std::vector<std::string> actions;
  for (const auto& row : slip->rows) actions.push_back(row.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"accept", "forward", "assign", "forward", "approve", "return_result"}));
  ASSERT_TRUE(slip->rows[1].timeliness);
  EXPECT_EQ(*slip->rows[1].timeliness, domain::Timeliness::kEarly);  // desk forwarded the day before its due day
  EXPECT_EQ(slip->rows[5].receiver, "Nguyễn Văn An");

  // The citizen was told at every step, including the early result.
  std::vector<std::string> titles;
  for (const auto& n : NoticesOf(citizen_)) titles.push_back(n.title);
  auto has = [&](const std::string& t) { return std::find(titles.begin(), titles.end(), t) != titles.end(); };
  EXPECT_TRUE(has("Yêu cầu bổ sung, hoàn thiện hồ sơ"));
  EXPECT_TRUE(has("Thư xin lỗi và hẹn lại ngày trả kết quả"));
  EXPECT_TRUE(has("Hồ sơ đã có kết quả trước hạn"));
  EXPECT_TRUE(has("Đã trả kết quả"));
}

TEST_P(HandlingServiceContract, StaleActionsConflictAndOnlyOneOfTwoOfficersWins) {
  auto d = Accepted();
  auto first = Do(desk_, d, A("forward"));
  ASSERT_TRUE(first);
  auto stale = Do(desk_, d, A("pause"));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  // Two officers take the same unassigned dossier at the same moment.
  std::atomic<int> ok{0}, conflict{0};
  auto take = [&](const app::Principal& who) {
    auto in = A("assign");
    in.assignee = who.user.username;
    auto r = Do(who, *first, in);
    if (r) ++ok;
    if (!r && r.error().code == ErrorCode::kConflict) ++conflict;
  };
  std::thread a(take, specialist_), b(take, other_specialist_);
  a.join();
  b.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), 1);
  auto history = dossier_store_->History(d.id);
  ASSERT_TRUE(history);
  int assigns = 0;
  for (const auto& e : *history) assigns += e.action == "assign";
  EXPECT_EQ(assigns, 1);
}

TEST_P(HandlingServiceContract, PauseStopsTheClockAndResumeMovesTheDueTimes) {
  auto d = Must(desk_, Accepted(), A("forward"));
  auto due = *d.due_at;
  auto step_due = *d.handling.step_due_at;
  auto pause = A("pause");
  pause.reason = "Chờ nộp phí";
  d = Must(specialist_, d, pause);
  EXPECT_EQ(d.status, DossierStatus::kPaused);
  EXPECT_EQ(Do(specialist_, d, A("forward")).error().code, ErrorCode::kFailedPrecondition);
  clock_.Set(T("2026-11-27T10:00:00Z"));  // two working days later (Wed → Fri)
  d = Must(desk_, d, A("resume"));
  EXPECT_EQ(d.status, DossierStatus::kAccepted);
  EXPECT_EQ(*d.due_at, due + std::chrono::days(2));             // 09/12 → 11/12
  EXPECT_EQ(step_due, T("2026-12-03T10:00:00Z"));
  EXPECT_EQ(*d.handling.step_due_at, T("2026-12-07T10:00:00Z"));  // Thu 03/12 + 2 working days = Mon 07/12
}

TEST_P(HandlingServiceContract, ParallelInterconnectedStepWithSubDeadlinesAndDelayAttribution) {
  domain::ProcessDefinition def;
  def.procedure_code = kLltp;
  def.effective_from = Date{std::chrono::year{2026}, std::chrono::November, std::chrono::day{25}};
  def.steps = {{"Tiếp nhận", Role::kDeskOfficer, "Bộ phận Một cửa", "", 1, {}},
               {"Phối hợp liên thông", Role::kSpecialist, "Phòng Lý lịch", "", 5,
                {{kTourism, "Xác nhận của Sở Du lịch", 2}, {"000.20.31.H29", "Xác nhận cư trú", 3}}},
               {"Ký", Role::kLeader, "Lãnh đạo Sở", "000.00.06.H29", 2, {}},
               {"Trả kết quả", Role::kDeskOfficer, "Bộ phận Một cửa", "", 1, {}}};
  auto saved = handling_->SaveProcess(admin_, def, "r");
  ASSERT_TRUE(saved) << saved.error().user_message;
  EXPECT_EQ(saved->version, 1);
  auto ward = Officer("chuyenvien.saigon", Role::kSpecialist, "000.20.31.H29");
  auto d = Must(desk_, Accepted(), A("forward"));
  EXPECT_EQ(d.handling.process_version, 1);
  ASSERT_EQ(d.handling.consultations.size(), 2u);
  EXPECT_TRUE(d.handling.consultations[0].planned);
  EXPECT_EQ(d.handling.consultations[0].due_at, T("2026-11-27T10:00:00Z"));  // two working days
  // Each consulted agency sees the dossier through its part.
  auto work = handling_->Work(ward, d.code, "r");
  ASSERT_TRUE(work);
  auto reply = A("record_consultation");
  reply.consultation = 2;
  reply.reply = "Đã xác nhận cư trú.";
  d = Must(ward, d, reply);
  EXPECT_EQ(Do(specialist_, d, A("forward")).error().code, ErrorCode::kFailedPrecondition);
  clock_.Set(T("2026-11-30T03:00:00Z"));  // tourism answers a working day late
  reply.consultation = 1;
  reply.reply = "Đồng ý.";
  d = Must(tourism_, d, reply);
  EXPECT_EQ(d.handling.delayed_by, kTourism);
  d = Must(specialist_, d, A("forward"));
  EXPECT_EQ(d.handling.step_agency, "000.00.06.H29");
  // Consulted agencies keep seeing the dossier they took part in.
  EXPECT_TRUE(handling_->Work(Officer("x.dulich", Role::kLeader, kTourism), d.code, "r"));
}

TEST_P(HandlingServiceContract, ProcessVersionsAreValidatedAndDossiersKeepTheirVersion) {
  auto admin_only = handling_->SaveProcess(desk_, domain::ProcessDefinition{kLltp}, "r");
  ASSERT_FALSE(admin_only);
  EXPECT_EQ(admin_only.error().code, ErrorCode::kForbidden);
  domain::ProcessDefinition def;
  def.procedure_code = kLltp;
  def.effective_from = Date{std::chrono::year{2026}, std::chrono::November, std::chrono::day{25}};
  def.steps = {{"Tiếp nhận", Role::kDeskOfficer, "Một cửa", "", 1, {}},
               {"Thẩm định", Role::kSpecialist, "Phòng Lý lịch", "", 8, {}},
               {"Ký", Role::kLeader, "Lãnh đạo", "", 2, {}},
               {"Trả", Role::kDeskOfficer, "Một cửa", "", 1, {}}};
  auto too_long = handling_->SaveProcess(admin_, def, "r");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::kInvalidArgument);
  def.steps[1].days = 6;
  ASSERT_TRUE(handling_->SaveProcess(admin_, def, "r"));
  auto first = Accepted();
  EXPECT_EQ(first.handling.process_version, 1);
  def.steps.insert(def.steps.begin() + 2, {"Trưởng phòng duyệt", Role::kLeader, "Trưởng phòng", "", 0, {}});
  auto v2 = handling_->SaveProcess(admin_, def, "r");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->version, 2);
  auto second = Accepted();
  EXPECT_EQ(second.handling.process_version, 2);
  auto work = handling_->Work(leader_, first.code, "r");
  ASSERT_TRUE(work);
  EXPECT_EQ(work->process.version, 1);
  EXPECT_EQ(work->process.steps.size(), 4u);
}

TEST_P(HandlingServiceContract, DeadlineScanFlagsOnceAndNotifiesTheAssigneeAndTheUnitHead) {
  auto d = Must(desk_, Accepted(), A("forward"));
  auto assign = A("assign");
  assign.assignee = "chuyenvien.lltp";
  d = Must(leader_, d, assign);
  auto unit_head = Officer("truongphong.lltp", Role::kLeader, kUnit);
  auto nothing = handling_->ScanDeadlines("r");
  ASSERT_TRUE(nothing);
  EXPECT_EQ(nothing->due_soon + nothing->overdue, 0);
  clock_.Set(T("2026-12-08T03:00:00Z"));  // due 09/12 17:00: due soon
  auto soon = handling_->ScanDeadlines("r");
  ASSERT_TRUE(soon);
  EXPECT_EQ(soon->due_soon, 1);
  EXPECT_EQ(soon->overdue, 0);
  clock_.Set(T("2026-12-10T03:00:00Z"));
  auto late = handling_->ScanDeadlines("r");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->overdue, 1);
  auto again = handling_->ScanDeadlines("r");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->overdue + again->due_soon, 0);
  int to_specialist = 0, to_head = 0;
  for (const auto& n : NoticesOf(specialist_)) to_specialist += n.title == "Hồ sơ đã quá hạn";
  for (const auto& n : NoticesOf(unit_head)) to_head += n.title == "Hồ sơ đã quá hạn";
  EXPECT_EQ(to_specialist, 1);
  EXPECT_EQ(to_head, 1);
  for (const auto& n : NoticesOf(citizen_)) EXPECT_NE(n.title, "Hồ sơ đã quá hạn");
  // The worklist shows it overdue.
  app::WorklistQuery q;
  q.tab = app::WorklistTab::kMine;
  q.due = domain::DueStatus::kOverdue;
  auto mine = handling_->Worklist(specialist_, q);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(handling_->DueOf(*mine), std::vector<domain::DueStatus>{domain::DueStatus::kOverdue});
}

TEST_P(HandlingServiceContract, OfficersOfOtherAgenciesNeitherSeeNorAct) {
  auto d = Must(desk_, Accepted(), A("forward"));
  auto ward = Officer("lanhdao.saigon", Role::kLeader, "000.20.31.H29");
  auto seen = handling_->Work(ward, d.code, "r");
  ASSERT_FALSE(seen);
  EXPECT_EQ(seen.error().code, ErrorCode::kNotFound);
  auto acted = Do(ward, d, A("pause"));
  ASSERT_FALSE(acted);
  EXPECT_EQ(acted.error().code, ErrorCode::kNotFound);
  auto supervisor = Officer("giamsat", Role::kSupervisor, "000.00.00.H29");
  auto watch = handling_->Work(supervisor, d.code, "r");
  ASSERT_TRUE(watch);
  EXPECT_TRUE(watch->actions.empty());
  EXPECT_EQ(Do(citizen_, d, A("forward")).error().code, ErrorCode::kForbidden);
}

TEST_P(HandlingServiceContract, RejectionAfterAppraisalIsReturnedWithItsReason) {
  auto d = Must(desk_, Accepted(), A("forward"));
  d = Must(specialist_, d, A("forward"));
  auto reject = A("reject");
  EXPECT_EQ(Do(leader_, d, reject).error().code, ErrorCode::kInvalidArgument);
  reject.reason = "Không thuộc thẩm quyền";
  d = Must(leader_, d, reject);
  EXPECT_EQ(d.status, DossierStatus::kRejected);
  auto ret = A("return_result");
  ret.method = "desk";
  d = Must(desk_, d, ret);
  EXPECT_EQ(d.status, DossierStatus::kRejected);
  EXPECT_TRUE(d.handling.returned_at);
}

TEST_P(HandlingServiceContract, RegisterListsTheYearsReceivedDossiersInOrder) {
  auto a = Accepted();
  clock_.Advance(1h);
  auto b = Accepted();
  auto reg = handling_->Register(desk_, kUnit, 2026, "r");
  ASSERT_TRUE(reg) << reg.error().user_message;
  ASSERT_EQ(reg->size(), 2u);
  EXPECT_EQ((*reg)[0].code, a.code);
  EXPECT_EQ((*reg)[1].code, b.code);
  EXPECT_EQ(handling_->Register(tourism_, kUnit, 2026, "r").error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(handling_->Register(desk_, kUnit, 2025, "r")->empty());
}

TEST_P(HandlingServiceContract, ResubmittingFromTheCitizensPageRestartsTheDeadlineToo) {
  auto d = Must(desk_, Accepted(), A("forward"));
  auto supplement = A("request_supplement");
  supplement.items = {"Bản sao Căn cước"};
  d = Must(specialist_, d, supplement);
  clock_.Set(T("2026-12-02T02:00:00Z"));
  // The citizen's page goes through DossierService, which hands the restart to handling.
  app::DossierAction resubmit{"resubmit", d.version, {}, "", ""};
  auto back = dossiers_->Act(citizen_, std::to_string(d.id), resubmit, "r");
  ASSERT_TRUE(back) << back.error().user_message;
  EXPECT_EQ(back->status, DossierStatus::kAccepted);
  EXPECT_EQ(back->handling.restarts, 1);
  EXPECT_EQ(*back->due_at, T("2026-12-16T10:00:00Z"));
}

INSTANTIATE_TEST_SUITE_P(Engines, HandlingServiceContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua
