// WorklistStore on both engines: every tab selects its dossiers in its
// order, filters and text search narrow them, keyset pages visit every row
// once, counts stop at the cap, the deadline scan flags once and notifies
// the responsible officers (never the applicant), and the mine and unit
// pages use their partial indexes.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include <soci/soci.h>

#include "store/audit_writer.hpp"
#include "store/handling_fixture.hpp"

namespace motcua::handling_test {
namespace {

using app::WorklistTab;

class WorklistStoreContract : public HandlingStoreTest {
 protected:
  // The dossiers of the tab tests, by letter (see SetUpScenario).
  std::map<char, domain::Dossier> d_;
  std::map<std::int64_t, char> letter_;

  void SetUpScenario() {
    auto add = [&](char letter, Spec spec) {
      d_[letter] = Insert(spec);
      letter_[d_[letter].id] = letter;
    };
    add('A', {.assignee = "chuyenvien.saigon", .due_hours = 10});
    add('B', {.procedure = "1.000894", .procedure_name = "Đăng ký khai tử", .due_hours = -3});
    add('C', {.channel = domain::Channel::kDesk, .step = 2, .step_role = Role::kLeader, .due_hours = 30});
    add('D', {.step_agency = kJustice, .due_hours = 40, .received_hours = -72, .name = "Đỗ Thị Hoa",
              .id_number = "079305004321"});
    add('E', {.status = DossierStatus::kResultReady, .step = 3, .step_role = Role::kDeskOfficer, .due_hours = -5});
    add('F', {.status = DossierStatus::kReturned, .assignee = "chuyenvien.saigon", .due_hours = 1, .returned = true});
    add('G', {.status = DossierStatus::kSubmitted});
    add('H', {.agency = kTourism, .procedure = "1.004628", .procedure_name = "Cấp giấy phép lữ hành"});
    {
      domain::Dossier i = Make({.assignee = "chuyenvien2.saigon", .id_number = "001099012345"});
      domain::Consultation c;
      c.step = 1;
      c.agency_code = kJustice;
      c.task = "Xác minh";
      c.requested_by = "chuyenvien2.saigon";
      c.requested_at = now_;
      c.due_at = At(20);
      for (int n : {1, 2, 3}) {
        c.number = n;
        c.agency_code = n == 3 ? kWard : kJustice;
        if (n == 3) c.replied_at = now_;
        i.handling.consultations.push_back(c);
      }
      auto inserted = dossiers_->Insert(Change(i));
      ASSERT_TRUE(inserted) << inserted.error().internal_message;
      d_['I'] = *inserted;
      letter_[inserted->id] = 'I';
    }
    add('J', {.status = DossierStatus::kRejected, .step = 3, .step_role = Role::kDeskOfficer, .returned = true});
    add('K', {.status = DossierStatus::kPaused, .assignee = "chuyenvien.saigon", .due_hours = 5});
  }

  app::WorklistQuery Query(WorklistTab tab, std::vector<std::string> agencies = {kWard}) {
    app::WorklistQuery q;
    q.tab = tab;
    q.agencies = std::move(agencies);
    q.username = "chuyenvien.saigon";
    q.now = now_;
    q.soon_limit = At(24);
    q.limit = 100;
    return q;
  }

  // The page's dossiers as letters, in order.
  std::string Letters(const app::WorklistQuery& q) {
    auto page = worklists_->Worklist(q);
    EXPECT_TRUE(page) << (page ? "" : page.error().internal_message);
    std::string out;
    if (page) {
      for (const auto& item : *page) out += letter_.count(item.id) ? letter_[item.id] : '?';
    }
    return out;
  }
};

TEST_P(WorklistStoreContract, EachTabSelectsItsDossiersMostUrgentOrNewestFirst) {
  SetUpScenario();
  EXPECT_EQ(Letters(Query(WorklistTab::kMine)), "KA");  // paused counts as open; returned F does not
  auto unit = Query(WorklistTab::kUnit);
  EXPECT_EQ(Letters(unit), "EBC");
  unit.step_role = Role::kSpecialist;
  EXPECT_EQ(Letters(unit), "B");
  unit.step_role = Role::kLeader;
  EXPECT_EQ(Letters(unit), "C");
  EXPECT_EQ(Letters(Query(WorklistTab::kUnit, {kJustice})), "D");
  EXPECT_EQ(Letters(Query(WorklistTab::kApproval)), "C");
  EXPECT_EQ(Letters(Query(WorklistTab::kApproval, {kJustice})), "");
  // By receiving agency or by the unit holding the step (D is at the department for its part).
  EXPECT_EQ(Letters(Query(WorklistTab::kAgency)), "EBKACDI");
  EXPECT_EQ(Letters(Query(WorklistTab::kAgency, {kJustice})), "D");
  EXPECT_EQ(Letters(Query(WorklistTab::kAgency, {})), "EBKACDHI");
  EXPECT_EQ(Letters(Query(WorklistTab::kAgency, {kWard, kTourism})), "EBKACDHI");
  EXPECT_EQ(Letters(Query(WorklistTab::kReception)), "G");
  EXPECT_EQ(Letters(Query(WorklistTab::kAll)), "KJIGFEDCBA");
  EXPECT_EQ(Letters(Query(WorklistTab::kAll, {kJustice})), "D");

  // One row per dossier with the lowest open consultation asked of the unit.
  auto consultations = worklists_->Worklist(Query(WorklistTab::kConsultations, {kJustice}));
  ASSERT_TRUE(consultations) << consultations.error().internal_message;
  ASSERT_EQ(consultations->size(), 1u);
  EXPECT_EQ((*consultations)[0].id, d_['I'].id);
  EXPECT_EQ((*consultations)[0].consultation, 1);
  EXPECT_EQ(Letters(Query(WorklistTab::kConsultations)), "");  // the ward's was answered

  // Only the list columns, as stored.
  auto mine = worklists_->Worklist(Query(WorklistTab::kMine));
  ASSERT_TRUE(mine);
  const app::WorklistItem& a = (*mine)[1];
  const domain::Dossier& stored = d_['A'];
  EXPECT_EQ(a.version, 1);
  EXPECT_EQ(a.code, stored.code);
  EXPECT_EQ(a.procedure_code, "1.001193");
  EXPECT_EQ(a.procedure_name, "Đăng ký khai sinh");
  EXPECT_EQ(a.agency_code, kWard);
  EXPECT_EQ(a.applicant_name, "Nguyễn Văn An");
  EXPECT_EQ(a.channel, domain::Channel::kOnline);
  EXPECT_EQ(a.status, DossierStatus::kAccepted);
  EXPECT_EQ(a.step, 1);
  EXPECT_EQ(a.step_agency, kWard);
  EXPECT_EQ(a.assignee, "chuyenvien.saigon");
  EXPECT_EQ(T(a.submitted_at), T(stored.submitted_at));
  EXPECT_EQ(T(a.received_at), T(stored.received_at));
  EXPECT_EQ(T(a.due_at), T(stored.due_at));
  EXPECT_EQ(T(a.step_due_at), T(stored.handling.step_due_at));
  EXPECT_EQ(T(a.created_at), T(stored.created_at));
  EXPECT_EQ(a.consultation, 0);
}

TEST_P(WorklistStoreContract, FiltersNarrowTheTab) {
  SetUpScenario();
  auto q = Query(WorklistTab::kAgency);
  auto with = [&](auto set) {
    auto copy = q;
    set(copy);
    return Letters(copy);
  };
  EXPECT_EQ(with([](auto& x) { x.status = DossierStatus::kPaused; }), "K");
  EXPECT_EQ(with([](auto& x) { x.step = 2; }), "C");
  EXPECT_EQ(with([](auto& x) { x.procedure_code = "1.000894"; }), "B");
  EXPECT_EQ(with([](auto& x) { x.channel = domain::Channel::kDesk; }), "C");
  // Due status as ClassifyDue: only dossiers whose deadline runs (E is decided).
  EXPECT_EQ(with([](auto& x) { x.due = domain::DueStatus::kOverdue; }), "B");
  EXPECT_EQ(with([](auto& x) { x.due = domain::DueStatus::kDueSoon; }), "KA");
  EXPECT_EQ(with([](auto& x) { x.due = domain::DueStatus::kOnTime; }), "CDI");
  EXPECT_EQ(with([](auto& x) { x.due = domain::DueStatus::kNone; }), "E");
  // Reception date range on open tabs; creation date on the others.
  EXPECT_EQ(with([&](auto& x) { x.received_from = At(-48); }), "EBKACI");
  EXPECT_EQ(with([&](auto& x) { x.received_to = At(-48); }), "D");
  auto all = Query(WorklistTab::kAll);
  all.received_to = At(-48);
  EXPECT_EQ(Letters(all), "D");
  // Filters combine.
  EXPECT_EQ(with([](auto& x) {
              x.step = 1;
              x.due = domain::DueStatus::kDueSoon;
              x.status = DossierStatus::kAccepted;
            }),
            "A");
}

TEST_P(WorklistStoreContract, TextFindsAnExactCodeOrIdNumberOrPartOfTheName) {
  SetUpScenario();
  auto with_text = [&](WorklistTab tab, std::string text) {
    auto q = Query(tab);
    q.text = std::move(text);
    return Letters(q);
  };
  EXPECT_EQ(with_text(WorklistTab::kAgency, d_['C'].code), "C");
  EXPECT_EQ(with_text(WorklistTab::kAgency, d_['C'].code.substr(0, 20)), "");  // codes match exactly
  EXPECT_EQ(with_text(WorklistTab::kAgency, "001099012345"), "I");
  EXPECT_EQ(with_text(WorklistTab::kAll, "079305004321"), "D");
  // Names: any part, without regard to case or diacritics.
  EXPECT_EQ(with_text(WorklistTab::kAgency, "Đỗ Thị"), "D");
  EXPECT_EQ(with_text(WorklistTab::kAgency, "do thi hoa"), "D");
  EXPECT_EQ(with_text(WorklistTab::kAgency, "ĐỖ THỊ"), "D");
  EXPECT_EQ(with_text(WorklistTab::kAll, "  hoa "), "D");
  EXPECT_EQ(with_text(WorklistTab::kMine, "nguyen van"), "KA");
  EXPECT_EQ(with_text(WorklistTab::kAgency, "văn An"), "EBKACI");
  EXPECT_EQ(with_text(WorklistTab::kAgency, "%"), "");
  EXPECT_EQ(with_text(WorklistTab::kAgency, "_"), "");
  // The tab's scope still applies.
  EXPECT_EQ(with_text(WorklistTab::kAgency, d_['H'].code), "");

  auto q = Query(WorklistTab::kAgency);
  q.text = std::string(101, 'a');
  auto too_long = worklists_->Worklist(q);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(WorklistStoreContract, RejectsMalformedQueries) {
  auto mine = Query(WorklistTab::kMine);
  mine.username.clear();
  EXPECT_EQ(worklists_->Worklist(mine).error().code, ErrorCode::kInvalidArgument);
  auto keyset = Query(WorklistTab::kUnit);
  keyset.after_id = 5;  // without after_due_at
  EXPECT_EQ(worklists_->Worklist(keyset).error().code, ErrorCode::kInvalidArgument);
  auto due = Query(WorklistTab::kUnit);
  due.due = domain::DueStatus::kOverdue;
  due.now = Timestamp{};
  EXPECT_EQ(worklists_->Worklist(due).error().code, ErrorCode::kInvalidArgument);
}

TEST_P(WorklistStoreContract, KeysetPagesVisitEveryRowOnceInTheTabsOrder) {
  // 47 dossiers in the specialists' queue, due times tied in fives.
  std::vector<std::pair<std::string, std::int64_t>> expected;
  for (int i = 0; i < 47; ++i) {
    domain::Dossier d = Insert({.due_hours = 24 * (i % 5) - 30});
    expected.emplace_back(T(d.due_at), d.id);
  }
  std::sort(expected.begin(), expected.end());

  auto q = Query(WorklistTab::kUnit);
  q.step_role = Role::kSpecialist;
  q.limit = 7;
  std::vector<std::pair<std::string, std::int64_t>> seen;
  for (int page = 0; page < 20; ++page) {
    auto items = worklists_->Worklist(q);
    ASSERT_TRUE(items) << items.error().internal_message;
    if (items->empty()) break;
    EXPECT_LE(items->size(), 7u);
    for (const auto& item : *items) seen.emplace_back(T(item.due_at), item.id);
    q.after_due_at = items->back().due_at;
    q.after_id = items->back().id;
  }
  EXPECT_EQ(seen, expected);

  // Newest first by id on the search tab.
  auto all = Query(WorklistTab::kAll);
  all.limit = 10;
  std::vector<std::int64_t> ids;
  for (int page = 0; page < 20; ++page) {
    auto items = worklists_->Worklist(all);
    ASSERT_TRUE(items);
    if (items->empty()) break;
    for (const auto& item : *items) ids.push_back(item.id);
    all.after_id = items->back().id;
  }
  std::vector<std::int64_t> descending;
  for (const auto& e : expected) descending.push_back(e.second);
  std::sort(descending.begin(), descending.end(), std::greater<>());
  EXPECT_EQ(ids, descending);
}

TEST_P(WorklistStoreContract, CountsEveryTabUpToTheCap) {
  SetUpScenario();
  auto q = Query(WorklistTab::kMine);
  q.status = DossierStatus::kSubmitted;  // filters are ignored
  q.text = "không ai";
  auto counts = worklists_->Counts(q, 1000);
  ASSERT_TRUE(counts) << counts.error().internal_message;
  EXPECT_EQ(counts->mine, 2);
  EXPECT_EQ(counts->unit, 3);
  EXPECT_EQ(counts->agency, 7);
  EXPECT_EQ(counts->approval, 1);
  EXPECT_EQ(counts->consultations, 0);
  EXPECT_EQ(counts->reception, 1);
  EXPECT_EQ(counts->cap, 1000);

  auto capped = worklists_->Counts(q, 2);
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->mine, 2);
  EXPECT_EQ(capped->unit, 2);
  EXPECT_EQ(capped->agency, 2);
  EXPECT_EQ(capped->approval, 1);
  EXPECT_EQ(capped->cap, 2);

  auto justice = Query(WorklistTab::kMine, {kJustice});
  justice.username = "chuyenvien.tuphap";
  justice.step_role = Role::kSpecialist;
  auto other = worklists_->Counts(justice, 1000);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->mine, 0);
  EXPECT_EQ(other->unit, 1);
  EXPECT_EQ(other->consultations, 1);
  EXPECT_EQ(other->agency, 1);
  EXPECT_EQ(other->reception, 0);
}

TEST_P(WorklistStoreContract, DeadlineScanFlagsOnceAndNotifiesTheAssigneeAndTheUnitsLeadersOnly) {
  std::int64_t citizen = AddCitizen("Nguyễn Văn An", "079203001234");
  std::int64_t specialist = AddUser("chuyenvien.saigon", Role::kSpecialist, kWard);
  std::int64_t leader = AddUser("lanhdao.saigon", Role::kLeader, kWard);
  std::int64_t retired = AddUser("lanhdao.cu", Role::kLeader, kWard, false);
  std::int64_t justice_leader = AddUser("lanhdao.tuphap", Role::kLeader, kJustice);
  std::int64_t tourism_leader = AddUser("lanhdao.dulich", Role::kLeader, kTourism);
  auto owned = [&](Spec s) {
    domain::Dossier d = Make(s);
    d.owner_user_id = citizen;
    auto inserted = dossiers_->Insert(Change(d));
    EXPECT_TRUE(inserted) << (inserted ? "" : inserted.error().internal_message);
    return *inserted;
  };
  domain::Dossier overdue_mine = owned({.assignee = "chuyenvien.saigon", .due_hours = -2});
  domain::Dossier overdue_unit = owned({.step_agency = kJustice, .due_hours = -1});
  domain::Dossier soon_leader = owned({.step = 2, .step_role = Role::kLeader, .assignee = "lanhdao.saigon",
                                       .due_hours = 5});
  owned({.status = DossierStatus::kPaused, .due_hours = -3});       // the clock is stopped
  owned({.status = DossierStatus::kResultReady, .due_hours = -3});  // decided
  owned({.due_hours = 100});                                        // on time
  {
    domain::Dossier flagged = Make({.due_hours = -7});
    flagged.handling.overdue_flagged_at = At(-6);
    ASSERT_TRUE(dossiers_->Insert(Change(flagged)));
  }

  auto first = worklists_->FlagDeadlines(now_, At(24), "Hồ sơ sắp đến hạn", "Hồ sơ quá hạn", "scan-1");
  ASSERT_TRUE(first) << first.error().internal_message;
  EXPECT_EQ(first->overdue, 2);
  EXPECT_EQ(first->due_soon, 1);
  EXPECT_EQ(first->notices, 4);  // overdue: assignee + leader, department leader; due soon: its leader assignee once

  auto second = worklists_->FlagDeadlines(now_ + std::chrono::minutes(5), At(24), "Hồ sơ sắp đến hạn",
                                          "Hồ sơ quá hạn", "scan-2");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->overdue, 0);
  EXPECT_EQ(second->due_soon, 0);
  EXPECT_EQ(second->notices, 0);

  auto notices = [&](std::int64_t user) { return *dossiers_->Notices(user, 10); };
  EXPECT_TRUE(notices(citizen).empty());
  EXPECT_TRUE(notices(retired).empty());
  EXPECT_TRUE(notices(tourism_leader).empty());
  auto to_specialist = notices(specialist);
  ASSERT_EQ(to_specialist.size(), 1u);
  EXPECT_EQ(to_specialist[0].title, "Hồ sơ quá hạn");
  EXPECT_EQ(to_specialist[0].dossier_id, overdue_mine.id);
  EXPECT_NE(to_specialist[0].body.find(overdue_mine.code), std::string::npos) << to_specialist[0].body;
  EXPECT_NE(to_specialist[0].body.find("Đăng ký khai sinh"), std::string::npos) << to_specialist[0].body;
  EXPECT_EQ(T(to_specialist[0].at), T(now_));
  auto to_leader = notices(leader);
  ASSERT_EQ(to_leader.size(), 2u);
  std::set<std::pair<std::string, std::int64_t>> got{{to_leader[0].title, to_leader[0].dossier_id},
                                                     {to_leader[1].title, to_leader[1].dossier_id}};
  EXPECT_EQ(got, (std::set<std::pair<std::string, std::int64_t>>{{"Hồ sơ quá hạn", overdue_mine.id},
                                                                 {"Hồ sơ sắp đến hạn", soon_leader.id}}));
  auto to_department = notices(justice_leader);
  ASSERT_EQ(to_department.size(), 1u);
  EXPECT_EQ(to_department[0].dossier_id, overdue_unit.id);

  auto stored = dossiers_->FindById(soon_leader.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(T(stored->handling.due_soon_flagged_at), T(now_));
  EXPECT_FALSE(stored->handling.overdue_flagged_at);
  EXPECT_EQ(stored->version, 1);  // flags do not bump the version
  EXPECT_EQ(T(dossiers_->FindById(overdue_mine.id)->handling.overdue_flagged_at), T(now_));

  // Later the due-soon dossier becomes overdue: flagged again, as overdue.
  auto later = worklists_->FlagDeadlines(At(6), At(30), "Hồ sơ sắp đến hạn", "Hồ sơ quá hạn", "scan-3");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->overdue, 1);
  EXPECT_EQ(later->due_soon, 0);
  EXPECT_EQ(later->notices, 1);

  auto audit = store::ReadAudit(db_->db(), "", 50);
  ASSERT_TRUE(audit);
  std::vector<std::string> scans;
  for (const auto& e : *audit) {
    if (e.action == "dossier.deadline_scan") scans.push_back(e.request_id + " " + e.detail);
  }
  EXPECT_EQ(scans, (std::vector<std::string>{"scan-3 due_soon=0 overdue=1 notices=1",
                                             "scan-2 due_soon=0 overdue=0 notices=0",
                                             "scan-1 due_soon=1 overdue=2 notices=4"}));
}

TEST_P(WorklistStoreContract, MineAndUnitPagesReadTheirPartialIndexesInOrder) {
  SetUpScenario();
  // Enough open dossiers spread over officers, units and roles, and closed
  // ones, for the planners' statistics to tell the indexes apart.
  const char* agencies[] = {kWard, kJustice, kTourism, "000.01.06.H29"};
  const Role roles[] = {Role::kDeskOfficer, Role::kSpecialist, Role::kLeader};
  for (int i = 0; i < 600; ++i) {
    Spec s{.step_agency = agencies[i % 4], .step_role = roles[i % 3], .due_hours = i % 97 - 40};
    if (i % 2) s.assignee = "chuyenvien" + std::to_string(i % 40);
    if (i % 5 == 0) {
      s.status = DossierStatus::kReturned;
      s.returned = true;
    }
    Insert(s);
  }
  {
    store::Database::Lease sql(db_->db());
    *sql << "ANALYZE";
  }
  auto mine = Query(WorklistTab::kMine);
  mine.after_due_at = now_;
  mine.after_id = 1;
  auto unit = Query(WorklistTab::kUnit);
  unit.step_role = Role::kSpecialist;
  struct Case {
    app::WorklistQuery query;
    const char* index;
  };
  for (const Case& c : {Case{Query(WorklistTab::kMine), "dossiers_mine"}, Case{mine, "dossiers_mine"},
                        Case{unit, "dossiers_queue"}}) {
    auto plan = worklists_->Explain(c.query);
    ASSERT_TRUE(plan) << plan.error().internal_message;
    EXPECT_NE(plan->find(c.index), std::string::npos) << *plan;
    if (GetParam() == Engine::kSqlite) {
      EXPECT_EQ(plan->find("TEMP B-TREE"), std::string::npos) << *plan;  // no sort: index order
    }
  }
  // The agency tab's dossiers held in scope but received elsewhere come from
  // their own partial index, not from a walk over every open dossier of the unit.
  if (GetParam() == Engine::kSqlite) {
    auto plan = worklists_->Explain(Query(WorklistTab::kAgency, {kWard}));
    ASSERT_TRUE(plan) << plan.error().internal_message;
    EXPECT_NE(plan->find("dossiers_open_foreign_step"), std::string::npos) << *plan;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, WorklistStoreContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua::handling_test
