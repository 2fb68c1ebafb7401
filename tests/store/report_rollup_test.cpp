// Report rollups kept in each change equal a rebuild from the rows, after a
// randomized simulation of thousands of dossier changes on both engines.

#include <map>
#include <random>
#include <tuple>

#include <soci/soci.h>

#include "handling_fixture.hpp"
#include "store/report_marks_store.hpp"
#include "store/report_rebuild.hpp"
#include "store/report_rollup.hpp"
#include "store/report_store.hpp"
#include "store/write_transaction.hpp"

namespace motcua::handling_test {
namespace {

using Rollup = std::map<std::tuple<std::string, std::string, std::string, std::string, std::string, int, std::string>,
                        long long>;

class ReportRollupTest : public HandlingStoreTest {
 protected:
  Rollup Snapshot() {
    Rollup out;
    store::Database::Lease sql(db_->db());
    std::string grain, agency, procedure, officer, metric, channel;
    int period = 0;
    long long value = 0;
    soci::statement st = (sql->prepare << "SELECT grain, agency_code, procedure_code, officer, metric, period, "
                                          "channel, value FROM report_rollup WHERE value <> 0",
                          soci::into(grain), soci::into(agency), soci::into(procedure), soci::into(officer),
                          soci::into(metric), soci::into(period), soci::into(channel), soci::into(value));
    st.execute();
    while (st.fetch()) out[{grain, agency, procedure, officer, metric, period, channel}] = value;
    return out;
  }

  long long Value(const std::string& grain, const std::string& agency, const std::string& procedure,
                  const std::string& metric, int period) {
    long long sum = 0;
    for (const auto& [k, v] : Snapshot()) {
      if (std::get<0>(k) == grain && std::get<1>(k) == agency && std::get<2>(k) == procedure &&
          std::get<3>(k).empty() && std::get<4>(k) == metric && std::get<5>(k) == period) {
        sum += v;
      }
    }
    return sum;
  }

  void Rate(std::int64_t id, const std::string& answers, Timestamp at) {
    store::Database::Lease sql(db_->db());
    store::WriteTransaction tx(*sql, db_->db().dialect());
    store::ChangeReportMarks(*sql, db_->db().dialect(), id, [&](domain::ReportMarks& m) {
      m = domain::ReportMarks::Decode(FormatIsoDate(ToVietnam(at).date) + "|" + answers, m.complaints_upheld);
    });
    tx.Commit();
  }
};

TEST_P(ReportRollupTest, ResolutionCountsForTheAgencyItsAncestorsAndTheProvince) {
  auto d = Insert({.agency = kJustice});
  EXPECT_EQ(Value("d", kJustice, "", "received", 20261124), 1);
  EXPECT_EQ(Value("m", "", "", "received", 202611), 1);
  EXPECT_EQ(Value("m", kJustice, "1.001193", "received", 202611), 1);
  EXPECT_EQ(Value("d", kJustice, "", "open", 20261127), 1);  // due in 48 hours

  d.status = DossierStatus::kResultReady;
  d.handling.completed_at = At(1);
  d.handling.outcome = "early";
  d.handling.handlers = {"chuyenvien.tuphap"};
  auto saved = dossiers_->Update(Change(d, 1));
  ASSERT_TRUE(saved) << saved.error().internal_message;
  EXPECT_EQ(Value("d", kJustice, "", "open", 20261127), 0);
  EXPECT_EQ(Value("d", kJustice, "", "resolved_early", 20261125), 1);
  EXPECT_EQ(Value("m", "", "", "idx1_points", 202611), 2);
  EXPECT_EQ(Value("m", "", "", "idx7_points", 202611), 2);

  // An upheld complaint takes index 7 to zero for the agency and the officer.
  {
    store::Database::Lease sql(db_->db());
    store::WriteTransaction tx(*sql, db_->db().dialect());
    store::ChangeReportMarks(*sql, db_->db().dialect(), d.id, [](domain::ReportMarks& m) { ++m.complaints_upheld; });
    tx.Commit();
  }
  EXPECT_EQ(Value("m", kJustice, "", "idx7_points", 202611), 0);
  EXPECT_EQ(Value("m", kJustice, "", "idx7_n", 202611), 1);
  auto rows = Snapshot();
  EXPECT_EQ((rows[{"m", kJustice, "", "chuyenvien.tuphap", "idx7_n", 202611, ""}]), 1);
  EXPECT_EQ((rows[{"y", kJustice, "", "chuyenvien.tuphap", "idx7_n", 2026, ""}]), 1);
  // Officers are scored by whole months and years: no day rows, no channel.
  for (const auto& [k, v] : rows) {
    if (!std::get<3>(k).empty()) {
      EXPECT_TRUE(std::get<0>(k) == "m" || std::get<0>(k) == "y") << std::get<0>(k);
      EXPECT_EQ(std::get<6>(k), "");
    }
  }
}

TEST_P(ReportRollupTest, ChangingAStoredMarkIsNotLostByALaterOfficerChange) {
  auto d = Insert({});
  Rate(d.id, "2101----", now_);
  EXPECT_EQ(Value("m", kWard, "", "rated", 202611), 1);
  // The officer's copy was read before the rating: saving it keeps the marks.
  d.handling.assignee = "chuyenvien.saigon";
  ASSERT_TRUE(dossiers_->Update(Change(d, 1)));
  EXPECT_EQ(Value("m", kWard, "", "rated", 202611), 1);
  EXPECT_EQ(Value("m", kWard, "", "r_overall_2", 202611), 1);
  EXPECT_EQ(Value("m", kWard, "", "idx3_points", 202611), 0);  // contacts: dissatisfied
  EXPECT_EQ(Value("m", kWard, "", "idx3_n", 202611), 1);
}

TEST_P(ReportRollupTest, OfficerSumsOverWholeYearsEqualTheirMonths) {
  const std::string officer = "chuyenvien.tuphap";
  // Resolved in December 2025, March 2026 and November 2026 by one specialist.
  for (int hours : {-24 * 340, -24 * 250, 1}) {
    auto d = Insert({.agency = kJustice, .due_hours = hours + 48, .received_hours = hours - 24});
    d.status = DossierStatus::kResultReady;
    d.handling.completed_at = At(hours);
    d.handling.outcome = "early";
    d.handling.handlers = {officer};
    ASSERT_TRUE(dossiers_->Update(Change(d, 1)));
  }
  auto snapshot = Snapshot();
  using Metrics = std::map<std::string, long long>;
  auto months = [&](int m1, int m2) {
    Metrics out;
    for (const auto& [k, v] : snapshot) {
      if (std::get<0>(k) == "m" && std::get<1>(k).empty() && std::get<3>(k) == officer && std::get<5>(k) >= m1 &&
          std::get<5>(k) <= m2) {
        out[std::get<4>(k)] += v;
      }
    }
    return out;
  };
  store::ReportStore reports(db_->db());
  auto sums = [&](const char* from, const char* to) {
    Metrics out;
    auto r = reports.Sum({{""}, "", app::RollupGrouping::kOfficer, *ParseIsoDate(from), *ParseIsoDate(to)});
    EXPECT_TRUE(r) << r.error().internal_message;
    if (r) {
      for (const auto& x : *r) {
        if (x.group == officer) out[x.metric] += x.value;
      }
    }
    return out;
  };
  EXPECT_EQ(months(202601, 202612)["idx1_n"], 2);
  long long year_rows = 0;
  for (const auto& [k, v] : snapshot) {
    if (std::get<0>(k) != "y") continue;
    EXPECT_EQ(std::get<3>(k), officer) << "year rows are for officers only";
    ++year_rows;
  }
  EXPECT_GT(year_rows, 0);
  EXPECT_EQ(sums("2026-01-01", "2026-12-31"), months(202601, 202612));  // a year from its year rows
  EXPECT_EQ(sums("2025-12-01", "2026-12-31"), months(202512, 202612));  // a month before a whole year
  EXPECT_EQ(sums("2025-01-01", "2026-11-30"), months(202501, 202611));  // a whole year, then months
  EXPECT_EQ(sums("2025-12-15", "2026-03-31"), months(202512, 202603));  // months only
  EXPECT_EQ(sums("2024-01-01", "2026-12-31"), months(202401, 202612));  // several years
  EXPECT_EQ(sums("2026-04-01", "2026-10-31"), Metrics{});
}

TEST_P(ReportRollupTest, RebuildEqualsIncrementalAfterRandomizedChanges) {
  std::mt19937 rng(20261125);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::vector<std::string> agencies = {kWard, kJustice, kTourism};
  const std::vector<std::string> officers = {"a", "b", "c", "d"};
  const std::vector<DossierStatus> statuses = {
      DossierStatus::kSubmitted,  DossierStatus::kAccepted,  DossierStatus::kPaused,   DossierStatus::kResultReady,
      DossierStatus::kRejected,   DossierStatus::kReturned,  DossierStatus::kRefused,  DossierStatus::kWithdrawn,
      DossierStatus::kAppraisalSupplement};
  const int kDossiers = GetParam() == Engine::kSqlite ? 2000 : 1000;
  std::vector<domain::Dossier> live;
  for (int i = 0; i < kDossiers; ++i) {
    Spec s;
    s.agency = agencies[pick(3)];
    s.channel = static_cast<domain::Channel>(pick(3));
    s.received_hours = -24 * pick(90);
    s.due_hours = s.received_hours + 24 * (1 + pick(20));
    s.status = pick(5) == 0 ? DossierStatus::kSubmitted : DossierStatus::kAccepted;
    live.push_back(Insert(s));
  }
  for (int round = 0; round < 3; ++round) {
    for (auto& d : live) {
      if (pick(3) == 0) continue;
      domain::Dossier next = d;
      next.status = statuses[pick(static_cast<int>(statuses.size()))];
      if (pick(4) == 0) next.agency_code = agencies[pick(3)];
      if (next.status == DossierStatus::kAccepted || next.status == DossierStatus::kPaused) {
        next.received_at = next.received_at.value_or(At(-24 * pick(60)));
        next.due_at = *next.received_at + std::chrono::hours(24 * (1 + pick(30)));
        next.handling.paused_at = next.status == DossierStatus::kPaused ? std::optional(At(-pick(200))) : std::nullopt;
      }
      if (next.status == DossierStatus::kResultReady || next.status == DossierStatus::kRejected ||
          next.status == DossierStatus::kReturned) {
        next.received_at = next.received_at.value_or(At(-24 * pick(60)));
        next.handling.completed_at = At(-pick(500));
        next.handling.outcome = std::vector<std::string>{"early", "on_time", "late"}[pick(3)];
        next.handling.counted_late = next.handling.outcome == "late" || pick(5) == 0;
        next.handling.decision_reason = next.status == DossierStatus::kRejected ? "Không đủ điều kiện" : "";
        next.handling.returned_at =
            next.status == DossierStatus::kReturned ? std::optional(At(-pick(100))) : std::nullopt;
        next.handling.return_method = pick(2) ? "online" : "desk";
      }
      if (next.status == DossierStatus::kRefused || next.status == DossierStatus::kWithdrawn) {
        next.decided_at = At(-pick(300));
      }
      if (pick(6) == 0) next.handling.apologized_at = At(-pick(300));
      next.handling.handlers.push_back(officers[pick(4)]);
      auto change = Change(next, d.version);
      change.event.action = std::vector<std::string>{"forward", "approve", "assign", "return_result"}[pick(4)];
      change.event.actor = officers[pick(4)];
      change.event.at = At(-pick(400));
      if (pick(2)) change.event.step_due_at = At(-pick(400));
      auto saved = dossiers_->Update(change);
      ASSERT_TRUE(saved) << saved.error().internal_message;
      d = *saved;
      if (pick(5) == 0) {
        static const char* kAnswers[] = {"22222222", "1111----", "0120-2-1", "2-------"};
        Rate(d.id, kAnswers[pick(4)], At(-pick(300)));
      }
    }
  }
  Rollup incremental = Snapshot();
  ASSERT_GT(incremental.size(), 100u);
  std::int64_t last_done = -1, last_total = 0;
  auto stats = store::RebuildReports(db_->db(), [&](std::int64_t done, std::int64_t total) {
    EXPECT_GT(done, last_done);
    last_done = done;
    last_total = total;
  }, 300);
  ASSERT_TRUE(stats) << stats.error().internal_message;
  EXPECT_EQ(stats->dossiers, kDossiers);
  EXPECT_EQ(last_done, last_total);
  Rollup rebuilt = Snapshot();
  EXPECT_EQ(rebuilt.size(), incremental.size());
  int shown = 0;
  for (const auto& [k, v] : incremental) {
    auto it = rebuilt.find(k);
    long long r = it == rebuilt.end() ? 0 : it->second;
    if (r != v && shown++ < 10) {
      ADD_FAILURE() << std::get<0>(k) << " " << std::get<1>(k) << " " << std::get<2>(k) << " " << std::get<3>(k)
                    << " " << std::get<4>(k) << " " << std::get<5>(k) << " " << std::get<6>(k)
                    << ": incremental " << v << ", rebuilt " << r;
    }
  }
  EXPECT_TRUE(incremental == rebuilt);

  // Again with room for few sums in memory: rows written early and added to
  // later give the same table, and a second rebuild replaces the first.
  auto bounded = store::RebuildReports(db_->db(), {}, 500, 1000);
  ASSERT_TRUE(bounded) << bounded.error().internal_message;
  EXPECT_GT(bounded->rows, stats->rows);  // keys written early were written again
  EXPECT_TRUE(Snapshot() == incremental);
}

TEST_P(ReportRollupTest, RebuildWithoutDossiersLeavesNoRows) {
  {
    store::Database::Lease sql(db_->db());
    *sql << "INSERT INTO report_rollup (grain, agency_code, procedure_code, officer, metric, period, channel, value) "
            "VALUES ('m', '', '', '', 'received', 202611, 'online', 5)";
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> calls;
  auto stats = store::RebuildReports(db_->db(), [&](std::int64_t done, std::int64_t total) {
    calls.emplace_back(done, total);
  });
  ASSERT_TRUE(stats) << stats.error().internal_message;
  EXPECT_EQ(stats->dossiers, 0);
  EXPECT_EQ(stats->events, 0);
  EXPECT_EQ(stats->rows, 0);
  EXPECT_TRUE(Snapshot().empty());
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back(), (std::pair<std::int64_t, std::int64_t>{0, 0}));
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportRollupTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua::handling_test
