// DossierStore with handling on both engines: the whole Handling (results,
// consultations, flags) round-trips through insert, update, find and list;
// hand-overs are recorded in the history; officers' notices are written
// with the change; and the lateness scan's flags survive a change computed
// before the scan unless the due time moves.

#include <gtest/gtest.h>

#include <thread>

#include <atomic>

#include "store/handling_fixture.hpp"

namespace motcua::handling_test {
namespace {

class DossierHandlingStoreContract : public HandlingStoreTest {};

void ExpectSameHandling(const domain::Dossier& a, const domain::Dossier& b) {
  const auto& x = a.handling;
  const auto& y = b.handling;
  EXPECT_EQ(x.process_version, y.process_version);
  EXPECT_EQ(x.step, y.step);
  EXPECT_EQ(x.step_agency, y.step_agency);
  EXPECT_EQ(x.step_role, y.step_role);
  EXPECT_EQ(x.assignee, y.assignee);
  EXPECT_EQ(T(x.step_started_at), T(y.step_started_at));
  EXPECT_EQ(T(x.step_due_at), T(y.step_due_at));
  EXPECT_EQ(T(x.paused_at), T(y.paused_at));
  EXPECT_EQ(x.pause_reason, y.pause_reason);
  EXPECT_EQ(T(x.original_due_at), T(y.original_due_at));
  EXPECT_EQ(T(x.apologized_at), T(y.apologized_at));
  EXPECT_EQ(x.apology_reason, y.apology_reason);
  EXPECT_EQ(x.apologized_by, y.apologized_by);
  EXPECT_EQ(T(x.completed_at), T(y.completed_at));
  EXPECT_EQ(T(x.returned_at), T(y.returned_at));
  EXPECT_EQ(x.return_method, y.return_method);
  EXPECT_EQ(x.outcome, y.outcome);
  EXPECT_EQ(x.counted_late, y.counted_late);
  EXPECT_EQ(x.decision_reason, y.decision_reason);
  EXPECT_EQ(x.supplement_late, y.supplement_late);
  EXPECT_EQ(x.restarts, y.restarts);
  EXPECT_EQ(x.delayed_by, y.delayed_by);
  EXPECT_EQ(T(x.due_soon_flagged_at), T(y.due_soon_flagged_at));
  EXPECT_EQ(T(x.overdue_flagged_at), T(y.overdue_flagged_at));
  ASSERT_EQ(x.results.size(), y.results.size());
  for (std::size_t i = 0; i < x.results.size(); ++i) {
    EXPECT_EQ(x.results[i].sha256, y.results[i].sha256) << i;
    EXPECT_EQ(x.results[i].file_name, y.results[i].file_name) << i;
    EXPECT_EQ(x.results[i].size, y.results[i].size) << i;
    EXPECT_EQ(x.results[i].attached_by, y.results[i].attached_by) << i;
    EXPECT_EQ(T(x.results[i].attached_at), T(y.results[i].attached_at)) << i;
  }
  ASSERT_EQ(x.consultations.size(), y.consultations.size());
  for (std::size_t i = 0; i < x.consultations.size(); ++i) {
    const auto& c = x.consultations[i];
    const auto& e = y.consultations[i];
    EXPECT_EQ(c.number, e.number) << i;
    EXPECT_EQ(c.step, e.step) << i;
    EXPECT_EQ(c.planned, e.planned) << i;
    EXPECT_EQ(c.agency_code, e.agency_code) << i;
    EXPECT_EQ(c.task, e.task) << i;
    EXPECT_EQ(c.requested_by, e.requested_by) << i;
    EXPECT_EQ(T(c.requested_at), T(e.requested_at)) << i;
    EXPECT_EQ(T(c.due_at), T(e.due_at)) << i;
    EXPECT_EQ(T(c.replied_at), T(e.replied_at)) << i;
    EXPECT_EQ(c.replied_by, e.replied_by) << i;
    EXPECT_EQ(c.reply, e.reply) << i;
  }
}

// A dossier with every handling field set to something other than its default.
domain::Dossier WithFullHandling(domain::Dossier d, Timestamp now) {
  auto at = [&](int hours) { return now + std::chrono::hours(hours); };
  auto& h = d.handling;
  h.process_version = 3;
  h.step = 2;
  h.step_agency = kJustice;
  h.step_role = Role::kLeader;
  h.assignee = "lanhdao.tuphap";
  h.step_started_at = at(-5);
  h.step_due_at = at(30);
  h.paused_at = at(-4);
  h.pause_reason = "Chờ nộp phí";
  h.original_due_at = at(20);
  h.apologized_at = at(-3);
  h.apology_reason = "Cần xác minh thêm";
  h.apologized_by = "lanhdao.saigon";
  h.completed_at = at(-2);
  h.returned_at = at(-1);
  h.return_method = "online";
  h.outcome = "late";
  h.counted_late = true;
  h.decision_reason = "Không đủ điều kiện";
  h.supplement_late = true;
  h.restarts = 2;
  h.delayed_by = "000.20.31.H29,000.00.06.H29";
  h.due_soon_flagged_at = at(-6);
  h.overdue_flagged_at = at(-1);
  h.results = {{std::string(64, 'a'), "giay-khai-sinh.pdf", 12345, "chuyenvien.saigon", at(-3)},
               {std::string(64, 'b'), "trich-luc.pdf", 678, "chuyenvien.saigon", at(-2)}};
  domain::Consultation open;
  open.number = 1;
  open.step = 1;
  open.planned = true;
  open.agency_code = kJustice;
  open.task = "Xác minh hộ tịch";
  open.requested_by = "chuyenvien.saigon";
  open.requested_at = at(-10);
  open.due_at = at(14);
  domain::Consultation replied = open;
  replied.number = 2;
  replied.planned = false;
  replied.agency_code = kTourism;
  replied.task = "Ý kiến";
  replied.replied_at = at(-7);
  replied.replied_by = "chuyenvien.dulich";
  replied.reply = "Đồng ý";
  h.consultations = {open, replied};
  return d;
}

TEST_P(DossierHandlingStoreContract, RoundTripsTheWholeHandlingThroughInsertUpdateFindAndList) {
  domain::Dossier d = WithFullHandling(Make({}), now_);
  d.status = DossierStatus::kReturned;
  auto inserted = dossiers_->Insert(Change(d));
  ASSERT_TRUE(inserted) << inserted.error().internal_message;

  auto found = dossiers_->FindById(inserted->id);
  ASSERT_TRUE(found) << found.error().internal_message;
  EXPECT_EQ(found->status, DossierStatus::kReturned);
  EXPECT_EQ(found->code, d.code);
  ExpectSameHandling(*found, d);
  auto by_code = dossiers_->FindByCode(d.code);
  ASSERT_TRUE(by_code);
  ExpectSameHandling(*by_code, d);

  // An update replaces results and consultations with the dossier's own.
  domain::Dossier changed = *found;
  changed.handling.consultations[0].replied_at = At(1);
  changed.handling.consultations[0].replied_by = "chuyenvien.tuphap";
  changed.handling.consultations[0].reply = "Đã xác minh";
  domain::Consultation third = changed.handling.consultations[1];
  third.number = 3;
  third.replied_at.reset();
  third.replied_by.clear();
  third.reply.clear();
  changed.handling.consultations.push_back(third);
  changed.handling.results = {{std::string(64, 'c'), "ket-qua.pdf", 999, "lanhdao.tuphap", At(1)}};
  changed.handling.assignee.clear();
  changed.handling.step_agency = kWard;
  changed.handling.paused_at.reset();
  changed.handling.pause_reason.clear();
  changed.handling.counted_late = false;
  changed.handling.supplement_late = false;
  auto updated = dossiers_->Update(Change(changed, found->version));
  ASSERT_TRUE(updated) << updated.error().internal_message;
  EXPECT_EQ(updated->version, found->version + 1);
  auto again = dossiers_->FindById(inserted->id);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->version, updated->version);
  ExpectSameHandling(*again, changed);

  // Lists give each dossier's summary, newest first.
  domain::Dossier plain = Insert({});
  app::DossierFilter filter;
  auto listed = dossiers_->List(filter);
  ASSERT_TRUE(listed) << listed.error().internal_message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, plain.id);
  const app::DossierSummary& s = (*listed)[1];
  auto again2 = dossiers_->FindById(s.id);
  ASSERT_TRUE(again2);
  EXPECT_EQ(s.version, again2->version);
  EXPECT_EQ(s.code, again2->code);
  EXPECT_EQ(s.status, again2->status);
  EXPECT_EQ(s.procedure_code, again2->procedure_code);
  EXPECT_EQ(s.procedure_name, again2->procedure_name);
  EXPECT_EQ(s.agency_code, again2->agency_code);
  EXPECT_EQ(s.channel, again2->channel);
  EXPECT_EQ(s.applicant_name, again2->applicant.full_name);
  EXPECT_EQ(T(s.submitted_at), T(again2->submitted_at));
  EXPECT_EQ(T(s.received_at), T(again2->received_at));
  EXPECT_EQ(T(s.due_at), T(again2->due_at));
  EXPECT_EQ(T(s.step_due_at), T(again2->handling.step_due_at));
  EXPECT_EQ(FormatTimestamp(s.created_at), FormatTimestamp(again2->created_at));
  EXPECT_EQ(FormatTimestamp(s.updated_at), FormatTimestamp(again2->updated_at));
}

TEST_P(DossierHandlingStoreContract, ListsAScopeOfSeveralAgenciesNewestFirstPageByPage) {
  // Interleaved over three agencies (and one outside the scope), two statuses.
  const std::vector<std::string> scope = {kWard, kJustice, kTourism};
  std::vector<std::int64_t> in_scope, accepted_in_scope;
  for (int i = 0; i < 14; ++i) {
    const char* agency = i % 4 == 3 ? "000.01.06.H29" : scope[i % 4].c_str();
    DossierStatus status = i % 3 == 0 ? DossierStatus::kSubmitted : DossierStatus::kAccepted;
    domain::Dossier d = Insert({.agency = agency, .status = status});
    if (i % 4 != 3) {
      in_scope.push_back(d.id);
      if (status == DossierStatus::kAccepted) accepted_in_scope.push_back(d.id);
    }
  }
  std::reverse(in_scope.begin(), in_scope.end());
  std::reverse(accepted_in_scope.begin(), accepted_in_scope.end());
  auto ids = [&](app::DossierFilter filter) {
    std::vector<std::int64_t> out;
    while (true) {
      auto page = dossiers_->List(filter);
      EXPECT_TRUE(page);
      if (!page) return out;
      for (const auto& d : *page) out.push_back(d.id);
      if (static_cast<int>(page->size()) < filter.limit) return out;
      filter.after_id = page->back().id;
    }
  };
  app::DossierFilter filter;
  filter.agencies = scope;
  filter.limit = 4;
  EXPECT_EQ(ids(filter), in_scope);
  filter.status = DossierStatus::kAccepted;
  filter.limit = 3;
  EXPECT_EQ(ids(filter), accepted_in_scope);
  filter.agencies = std::vector<std::string>{};
  EXPECT_TRUE(ids(filter).empty());
}

TEST_P(DossierHandlingStoreContract, TrackingSeesItsOwnChangesAtOnceAndOtherProcessesWithinTheCacheTime) {
  domain::Dossier d = Insert({});
  auto tracked = dossiers_->Track(d.code);
  ASSERT_TRUE(tracked) << tracked.error().internal_message;
  EXPECT_EQ(tracked->status, DossierStatus::kAccepted);
  EXPECT_EQ(tracked->agency_code, kWard);
  EXPECT_EQ(T(tracked->due_at), T(d.due_at));
  EXPECT_EQ(dossiers_->Track("000.20.31.H29-261125-9999").error().code, ErrorCode::kNotFound);

  // Another process (its own store) changes the status: this store's answer
  // may stay as it was for the cache time; an uncached store sees it at once.
  store::DossierStore other(db_->db(), std::chrono::milliseconds(0));
  domain::Dossier paused = d;
  paused.status = DossierStatus::kPaused;
  auto saved = other.Update(Change(paused, d.version));
  ASSERT_TRUE(saved) << saved.error().internal_message;
  EXPECT_EQ(other.Track(d.code)->status, DossierStatus::kPaused);
  EXPECT_EQ(dossiers_->Track(d.code)->status, DossierStatus::kAccepted) << "cached (2 s by default)";

  // A change saved through this store is seen at once.
  domain::Dossier resumed = *saved;
  resumed.status = DossierStatus::kAccepted;
  ASSERT_TRUE(dossiers_->Update(Change(resumed, saved->version)));
  EXPECT_EQ(dossiers_->Track(d.code)->status, DossierStatus::kAccepted);
  resumed.status = DossierStatus::kResultReady;
  ASSERT_TRUE(dossiers_->Update(Change(resumed, saved->version + 1)));
  EXPECT_EQ(dossiers_->Track(d.code)->status, DossierStatus::kResultReady);
}

TEST_P(DossierHandlingStoreContract, ConcurrentChangesSharingReportRowsNeitherDeadlockNorFail) {
  // Every change adds to the same province, agency and month rollup rows;
  // written in hash-map order, two PostgreSQL transactions locked them in
  // different orders and one died in a deadlock.
  constexpr int kThreads = 4, kEach = 12;
  std::vector<std::vector<app::DossierChange>> work(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kEach; ++i) {
      // Different facts per change (agency, channel, day, status) give each
      // transaction its own set of rollup rows, in its own hash order.
      const domain::Channel channels[] = {domain::Channel::kOnline, domain::Channel::kDesk, domain::Channel::kPostal};
      domain::Dossier d = Make({.agency = (i + t) % 2 ? kWard : kJustice,
                                .procedure = i % 2 ? "1.001193" : "1.000894",
                                .channel = channels[(i + 2 * t) % 3],
                                .received_hours = -24 * (1 + (i * 7 + t) % 20)});
      work[t].push_back(Change(d));
    }
  }
  auto i_status = [](std::int64_t id) {
    const DossierStatus next[] = {DossierStatus::kPaused, DossierStatus::kResultReady, DossierStatus::kRejected};
    return next[id % 3];
  };
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (const auto& change : work[t]) {
        auto inserted = dossiers_->Insert(change);
        if (!inserted) {
          ++failures;
          continue;
        }
        app::DossierChange pause = change;
        pause.dossier = *inserted;
        pause.dossier.status = i_status(pause.dossier.id);
        pause.expected_version = inserted->version;
        if (!dossiers_->Update(pause)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  app::DossierFilter all;
  all.limit = 100;
  auto listed = dossiers_->List(all);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), static_cast<std::size_t>(kThreads * kEach));
}

TEST_P(DossierHandlingStoreContract, DefaultsOfADossierBeforeAcceptanceRoundTrip) {
  domain::Dossier d = Insert({.status = DossierStatus::kSubmitted});
  auto found = dossiers_->FindById(d.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->handling.step, -1);
  EXPECT_EQ(found->handling.step_role, Role::kDeskOfficer);
  EXPECT_TRUE(found->handling.step_agency.empty());
  EXPECT_TRUE(found->handling.assignee.empty());
  EXPECT_FALSE(found->handling.due_soon_flagged_at);
  EXPECT_TRUE(found->handling.results.empty());
  EXPECT_TRUE(found->handling.consultations.empty());
}

TEST_P(DossierHandlingStoreContract, RecordsHandOversInTheHistoryAndWritesOfficersNotices) {
  std::int64_t citizen = AddCitizen("Nguyễn Văn An", "079203001234");
  std::int64_t specialist = AddUser("chuyenvien.saigon", Role::kSpecialist, kWard);
  std::int64_t leader = AddUser("lanhdao.saigon", Role::kLeader, kWard);
  domain::Dossier d = Insert({});

  domain::Dossier next = d;
  next.handling.step = 2;
  next.handling.step_role = Role::kLeader;
  next.handling.assignee = "lanhdao.saigon";
  app::DossierChange change = Change(next, d.version);
  change.event = {At(1), "chuyenvien.saigon", "forward", "accepted", "accepted", "Đề nghị phê duyệt",
                  1,     "lanhdao.saigon",    At(2)};
  change.notice = app::Notice{citizen, d.id, At(1), "Hồ sơ đã chuyển bước", "Đang trình lãnh đạo."};
  change.officer_notices = {app::Notice{leader, d.id, At(1), "Hồ sơ mới được giao", "Hồ sơ " + d.code},
                            app::Notice{specialist, d.id, At(1), "Đã chuyển hồ sơ", "Hồ sơ " + d.code}};
  auto saved = dossiers_->Update(change);
  ASSERT_TRUE(saved) << saved.error().internal_message;

  auto history = dossiers_->History(d.id);
  ASSERT_TRUE(history) << history.error().internal_message;
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].step, 1);  // the seed event of the fixture
  EXPECT_EQ((*history)[0].receiver, "");
  EXPECT_FALSE((*history)[0].step_due_at);
  const auto& e = (*history)[1];
  EXPECT_EQ(e.action, "forward");
  EXPECT_EQ(e.actor, "chuyenvien.saigon");
  EXPECT_EQ(e.note, "Đề nghị phê duyệt");
  EXPECT_EQ(e.step, 1);
  EXPECT_EQ(e.receiver, "lanhdao.saigon");
  EXPECT_EQ(T(e.step_due_at), T(At(2)));
  EXPECT_EQ(T(e.at), T(At(1)));

  for (auto [user, title] : {std::pair{citizen, "Hồ sơ đã chuyển bước"}, std::pair{leader, "Hồ sơ mới được giao"},
                             std::pair{specialist, "Đã chuyển hồ sơ"}}) {
    auto notices = dossiers_->Notices(user, 10);
    ASSERT_TRUE(notices);
    ASSERT_EQ(notices->size(), 1u) << title;
    EXPECT_EQ((*notices)[0].title, title);
    EXPECT_EQ((*notices)[0].dossier_id, d.id);
  }
}

TEST_P(DossierHandlingStoreContract, NothingOfAStaleChangeIsWritten) {
  std::int64_t leader = AddUser("lanhdao.saigon", Role::kLeader, kWard);
  domain::Dossier d = Insert({});
  domain::Dossier first = d;
  first.handling.assignee = "chuyenvien.saigon";
  ASSERT_TRUE(dossiers_->Update(Change(first, d.version)));

  domain::Dossier stale = WithFullHandling(d, now_);
  app::DossierChange change = Change(stale, d.version);
  change.officer_notices = {app::Notice{leader, d.id, now_, "Không được ghi", ""}};
  auto saved = dossiers_->Update(change);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::kConflict);
  auto found = dossiers_->FindById(d.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->handling.assignee, "chuyenvien.saigon");
  EXPECT_TRUE(found->handling.results.empty());
  EXPECT_TRUE(found->handling.consultations.empty());
  EXPECT_TRUE(dossiers_->Notices(leader, 10)->empty());
  EXPECT_EQ(dossiers_->History(d.id)->size(), 2u);
}

TEST_P(DossierHandlingStoreContract, KeepsTheScansFlagsUnlessTheChangeMovesTheDueTime) {
  // Read before the scan, overdue.
  domain::Dossier read = Insert({.assignee = "chuyenvien.saigon", .due_hours = -1});
  auto scan = worklists_->FlagDeadlines(now_, At(24), "Sắp đến hạn", "Quá hạn", "r");
  ASSERT_TRUE(scan) << scan.error().internal_message;
  EXPECT_EQ(scan->overdue, 1);

  // A change computed from the stale read keeps the flag (no conflict: the scan does not bump the version).
  domain::Dossier assigned = read;
  assigned.handling.assignee = "chuyenvien2.saigon";
  auto saved = dossiers_->Update(Change(assigned, read.version));
  ASSERT_TRUE(saved) << saved.error().internal_message;
  auto found = dossiers_->FindById(read.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->handling.assignee, "chuyenvien2.saigon");
  EXPECT_EQ(T(found->handling.overdue_flagged_at), T(now_));
  EXPECT_EQ(worklists_->FlagDeadlines(now_, At(24), "Sắp đến hạn", "Quá hạn", "r")->overdue, 0);

  // An apology moves the due time and clears the flags: the scan may flag the dossier again.
  domain::Dossier apologized = *found;
  apologized.handling.original_due_at = apologized.due_at;
  apologized.due_at = At(72);
  apologized.handling.apologized_at = now_;
  apologized.handling.overdue_flagged_at.reset();
  ASSERT_TRUE(dossiers_->Update(Change(apologized, found->version)));
  found = dossiers_->FindById(read.id);
  EXPECT_FALSE(found->handling.overdue_flagged_at);
  EXPECT_EQ(T(found->due_at), T(At(72)));
}

INSTANTIATE_TEST_SUITE_P(Engines, DossierHandlingStoreContract,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua::handling_test
