// Report store contract tests for the settings reports read as data with
// effective dates: the Thông tư 01/2018 scoring rules and the QĐ 766
// weights, on SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "store/report_store.hpp"
#include "testutil/test_database.hpp"

namespace motcua {
namespace {

using testutil::Engine;

Date D(const char* iso) { return ParseIsoDate(iso).value(); }

app::AuditEvent Audit(const char* action) {
  return app::AuditEvent{*ParseTimestamp("2026-11-25T03:00:00.000Z"), "giamsat", action, "", "", "req-1"};
}

class ReportStoreContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string reason;
    db_ = testutil::TestDatabase::Create(GetParam(), &reason);
    if (!db_) GTEST_SKIP() << reason;
    store_ = std::make_unique<store::ReportStore>(db_->db());
  }

  long long AuditRows(const std::string& action) {
    store::Database::Lease sql(db_->db());
    long long n = 0;
    *sql << "SELECT COUNT(*) FROM audit_events WHERE action = :a", soci::use(action), soci::into(n);
    return n;
  }

  std::unique_ptr<testutil::TestDatabase> db_;
  std::unique_ptr<store::ReportStore> store_;
};

TEST_P(ReportStoreContract, ScoringRulesAreStoredByDateAndReadBackOldestFirst) {
  auto none = store_->ScoringRulesVersions();
  ASSERT_TRUE(none) << none.error().internal_message;
  EXPECT_TRUE(none->empty());  // the circular's own rules apply

  domain::ScoringRules later = domain::DefaultScoringRules();
  later.effective_from = D("2027-07-01");
  later.officer_indices = {1, 2, 7};
  later.officer_full_tenths = 55;
  later.officer_partial_tenths = 40;
  later.agency_band_tenths = {160, 130, 100, 70};
  domain::ScoringRules sooner = domain::DefaultScoringRules();
  sooner.effective_from = D("2027-01-01");
  sooner.officer_partial_tenths = 30;
  ASSERT_TRUE(store_->SaveScoringRules(later, "dự thảo", Audit("reports.scoring_rules")));
  ASSERT_TRUE(store_->SaveScoringRules(sooner, "", Audit("reports.scoring_rules")));

  auto all = store_->ScoringRulesVersions();
  ASSERT_TRUE(all) << all.error().internal_message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].effective_from, D("2027-01-01"));
  EXPECT_EQ((*all)[0].officer_partial_tenths, 30);
  EXPECT_EQ((*all)[1].officer_indices, (std::vector<int>{1, 2, 7}));
  EXPECT_EQ((*all)[1].officer_full_tenths, 55);
  EXPECT_EQ((*all)[1].agency_band_tenths, (std::array<int, 4>{160, 130, 100, 70}));
  EXPECT_EQ(domain::RulesOn(*all, D("2027-03-01")).officer_partial_tenths, 30);
  EXPECT_EQ(domain::RulesOn(*all, D("2026-12-31")).effective_from, domain::DefaultScoringRules().effective_from);
  EXPECT_EQ(AuditRows("reports.scoring_rules"), 2);

  // The same date again replaces that version rather than adding one.
  later.officer_full_tenths = 60;
  ASSERT_TRUE(store_->SaveScoringRules(later, "", Audit("reports.scoring_rules")));
  all = store_->ScoringRulesVersions();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].officer_full_tenths, 60);
}

TEST_P(ReportStoreContract, IncoherentScoringRulesAreRefusedAndNothingIsWritten) {
  domain::ScoringRules r = domain::DefaultScoringRules();
  r.effective_from = D("2027-01-01");
  r.agency_band_tenths = {120, 150, 90, 60};
  auto saved = store_->SaveScoringRules(r, "", Audit("reports.scoring_rules"));
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(saved.error().user_message.find("giảm dần"), std::string::npos);
  EXPECT_TRUE(store_->ScoringRulesVersions()->empty());
  EXPECT_EQ(AuditRows("reports.scoring_rules"), 0);
}

TEST_P(ReportStoreContract, WeightsAreStoredByDate) {
  domain::IndicatorWeights w = domain::DefaultIndicatorWeights();
  w.effective_from = D("2027-01-01");
  w.weights = {20, 20, 10, 10, 20, 20};
  ASSERT_TRUE(store_->SaveWeights(w, "", Audit("reports.weights")));
  w.weights[0] = 30;  // 110 in all
  EXPECT_FALSE(store_->SaveWeights(w, "", Audit("reports.weights")));
  auto all = store_->Weights();
  ASSERT_TRUE(all) << all.error().internal_message;
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].weights[0], 20);
  EXPECT_EQ(AuditRows("reports.weights"), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportStoreContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua
