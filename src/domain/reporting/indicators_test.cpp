#include "domain/reporting/indicators.hpp"

#include <gtest/gtest.h>

#include "domain/reporting/report_facts.hpp"

namespace motcua::domain {
namespace {

void Index(Counters& c, int i, long long points, long long n) {
  c.Add(IndexPointsMetric(i), "online", points);
  c.Add(IndexCountMetric(i), "online", n);
}

// Worked by hand: 1 = 29/20 = 1.45 → 1.5 (half up); 2 = 4/2 = 2.0; 3 = 4/2 =
// 2.0; 4 = 2/1 = 2.0; 6 = every procedure published = 2.0; 7 = 3/2 = 1.5;
// 8 = 20 of 20 feedback on time = 2; 9 = 30% procedures and 40% dossiers
// online, none late = 2. Sum 15.0: xuất sắc. One tenth less is tốt.
struct Example {
  Counters counters;
  CatalogFigures catalog{10, 3, 1, 10, 0};
  FeedbackFigures feedback{20, 20, 20, 0, 0, 0, 0};
  Example() {
    Index(counters, 1, 29, 20);
    Index(counters, 2, 4, 2);
    Index(counters, 3, 4, 2);
    Index(counters, 4, 2, 1);
    Index(counters, 7, 3, 2);
    counters.Add(metric::kReceived, "online", 4);
    counters.Add(metric::kReceived, "desk", 6);
  }
};

TEST(Indicators, TheAgencyScoreAtTheExcellentEdgeIsExactlyFifteen) {
  Example e;
  auto r = ComputeIndicators(e.counters, e.catalog, e.feedback, DefaultScoringRules());
  EXPECT_EQ(r.indices[1], 15);
  EXPECT_EQ(r.indices[6], 20);
  EXPECT_EQ(r.indices[8], 20);
  EXPECT_EQ(r.indices[9], 20);
  EXPECT_FALSE(r.indices[5].has_value());  // no data: left out
  EXPECT_EQ(r.agency.tenths, 150);
  EXPECT_EQ(r.agency.indices_used, 8);
  EXPECT_EQ(r.band, AgencyBand::kExcellent);
}

TEST(Indicators, OneTenthBelowFifteenIsGood) {
  Example e;
  e.counters = {};
  Index(e.counters, 1, 28, 20);  // 1.4
  Index(e.counters, 2, 4, 2);
  Index(e.counters, 3, 4, 2);
  Index(e.counters, 4, 2, 1);
  Index(e.counters, 7, 3, 2);
  e.counters.Add(metric::kReceived, "online", 4);
  e.counters.Add(metric::kReceived, "desk", 6);
  auto r = ComputeIndicators(e.counters, e.catalog, e.feedback, DefaultScoringRules());
  EXPECT_EQ(r.agency.tenths, 149);
  EXPECT_EQ(r.band, AgencyBand::kGood);
}

TEST(Indicators, FeedbackNinetyPercentOnTimeGivesOnePointAndALateOnlineDossierZeroOnIndexNine) {
  Example e;
  e.feedback = {20, 18, 18, 2, 0, 0, 0};  // 18 of 20 due handled on time: 90%
  e.counters.Add(metric::kResolvedLate, "online", 1);
  auto r = ComputeIndicators(e.counters, e.catalog, e.feedback, DefaultScoringRules());
  EXPECT_EQ(r.indices[8], 10);
  EXPECT_EQ(r.indices[9], 0);
}

TEST(Indicators, WithoutDataAnIndexIsLeftOut) {
  auto r = ComputeIndicators(Counters{}, CatalogFigures{}, FeedbackFigures{}, DefaultScoringRules());
  for (int i = 1; i <= kIndexCount; ++i) EXPECT_FALSE(r.indices[i].has_value()) << i;
  EXPECT_EQ(r.agency.indices_used, 0);
}

TEST(Indicators, AnOfficerScoreUsesIndicesOneTwoThreeFourSeven) {
  Counters c;
  Index(c, 1, 10, 10);  // 1.0
  Index(c, 2, 7, 10);   // 0.7
  Index(c, 7, 9, 10);   // 0.9
  auto row = ScoreOfficer("chuyenvien.tuphap", c, DefaultScoringRules());
  EXPECT_EQ(row.score.tenths, 26);
  EXPECT_EQ(row.score.indices_used, 3);
  EXPECT_EQ(row.band, OfficerBand::kLow);
  Index(c, 3, 4, 2);    // 2.0
  Index(c, 4, 4, 2);    // 2.0 → 6.6
  row = ScoreOfficer("chuyenvien.tuphap", c, DefaultScoringRules());
  EXPECT_EQ(row.score.tenths, 66);
  EXPECT_EQ(row.band, OfficerBand::kFull);
  EXPECT_EQ(row.dossiers, 10);
}

TEST(Summary, RatesComeFromTheCountersAndTheSnapshotOfOpenDossiers) {
  Counters c;
  c.Add(metric::kReceived, "online", 4);
  c.Add(metric::kReceived, "desk", 5);
  c.Add(metric::kReceived, "postal", 1);
  c.Add(metric::kReceivedDigitized, "desk", 4);
  c.Add(metric::kReceivedDigitized, "postal", 1);
  c.Add(metric::kReceivedDigitized, "online", 4);
  c.Add(metric::kResolvedEarly, "desk", 6);
  c.Add(metric::kResolvedOnTime, "online", 3);
  c.Add(metric::kResolvedLate, "desk", 1);
  c.Add(metric::kResultDigitized, "desk", 7);
  c.Add(metric::kRated, "desk", 10);
  c.Add("r_overall_2", "desk", 5);
  c.Add("r_overall_1", "desk", 3);
  c.Add("r_overall_0", "desk", 2);
  auto s = Summarize(c, 1, 3, 2, CatalogFigures{10, 3, 2, 10, 4}, FeedbackFigures{20, 19, 19, 1, 4, 1, 0});
  EXPECT_EQ(s.received, 10);
  EXPECT_EQ(s.resolved, 10);
  EXPECT_EQ(s.on_time.Percent(), "90,0%");
  EXPECT_EQ(s.online.Percent(), "40,0%");
  EXPECT_EQ(s.satisfaction.Percent(), "80,0%");
  EXPECT_EQ(s.digitized.Percent(), "83,3%");
  EXPECT_EQ(s.in_progress_overdue, 1);
  EXPECT_EQ(s.in_progress_within, 3);
  EXPECT_EQ(s.paused, 2);
  EXPECT_EQ(s.online_payment.Percent(), "0,0%");

  // QĐ 766 with the default weights, worked by hand:
  // publicity 18 × 1 = 18; progress 20 × (0.9 + 0.75) / 2 = 16.5;
  // online 12 × (0.4 + 0.2) / 2 = 3.6; payment 0; satisfaction
  // 18 × (0.95 + 0.75 + 0.8) / 3 = 15; digitization 22 × (5/6 + 0.7) / 2 = 16.87.
  auto q = ComputeQd766(s, DefaultIndicatorWeights());
  EXPECT_DOUBLE_EQ(q.groups[0].points, 18.0);
  EXPECT_DOUBLE_EQ(q.groups[1].points, 16.5);
  EXPECT_DOUBLE_EQ(q.groups[2].points, 3.6);
  EXPECT_DOUBLE_EQ(q.groups[3].points, 0.0);
  EXPECT_DOUBLE_EQ(q.groups[4].points, 15.0);
  EXPECT_DOUBLE_EQ(q.groups[5].points, 16.87);
  EXPECT_DOUBLE_EQ(q.total, 69.97);
}

TEST(Weights, MustBeNonNegativeAndTotalOneHundred) {
  IndicatorWeights w = DefaultIndicatorWeights();
  EXPECT_FALSE(CheckWeights(w).has_value());
  w.weights[0] = 19;
  EXPECT_TRUE(CheckWeights(w).has_value());
  w.weights[0] = 18;
  w.weights[3] = -1;
  w.weights[5] = 33;
  EXPECT_TRUE(CheckWeights(w).has_value());
}

TEST(Weights, TheLatestEffectiveOnTheDayApplies) {
  IndicatorWeights a = DefaultIndicatorWeights();
  IndicatorWeights b = a;
  b.effective_from = Date{std::chrono::year(2026) / 7 / 1};
  b.weights = {20, 20, 10, 10, 20, 20};
  std::vector<IndicatorWeights> all{a, b};
  EXPECT_EQ(WeightsOn(all, Date{std::chrono::year(2026) / 6 / 30}).weights[0], 18);
  EXPECT_EQ(WeightsOn(all, Date{std::chrono::year(2026) / 7 / 1}).weights[0], 20);
  EXPECT_EQ(WeightsOn({}, Date{std::chrono::year(2026) / 7 / 1}).weights[0], 18);
}

TEST(FormatDecimal, UsesADecimalCommaAndADashWhenAbsent) {
  EXPECT_EQ(FormatDecimal(14.96), "15,0");
  EXPECT_EQ(FormatDecimal(2.25), "2,3");  // an exact half rounds away from zero
  EXPECT_EQ(FormatDecimal(0.05, 2), "0,05");
  EXPECT_EQ(FormatDecimal(std::nullopt), "—");
}

}  // namespace
}  // namespace motcua::domain
