#include "domain/evaluation/scoring.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

TEST(ScoringPoints, EachIndexRuleWorkedByHand) {
  EXPECT_EQ(TimePoints(100, 120), 2);  // shorter than the legal limit
  EXPECT_EQ(TimePoints(120, 120), 1);  // equal
  EXPECT_EQ(TimePoints(121, 120), 0);  // longer
  EXPECT_EQ(ContactPoints(0), 2);
  EXPECT_EQ(ContactPoints(1), 1);
  EXPECT_EQ(ContactPoints(2), 0);
  EXPECT_EQ(PublicationPoints(true, true), 2);
  EXPECT_EQ(PublicationPoints(false, true), 1);
  EXPECT_EQ(PublicationPoints(false, false), 0);
  EXPECT_EQ(AttitudePoints(true, true, false), 2);
  EXPECT_EQ(AttitudePoints(false, true, false), 1);
  EXPECT_EQ(AttitudePoints(true, true, true), 0);   // a valid complaint
  EXPECT_EQ(AttitudePoints(false, false, false), 0);  // late
  EXPECT_EQ(FeedbackPoints(10, 10), 2);
  EXPECT_EQ(FeedbackPoints(9, 10), 1);    // exactly 90%
  EXPECT_EQ(FeedbackPoints(89, 100), 0);  // 89%
  EXPECT_EQ(FeedbackPoints(0, 0), std::nullopt);
  EXPECT_EQ(OnlinePoints(0.20, 0.30, false), 2);
  EXPECT_EQ(OnlinePoints(0.19, 0.30, false), 1);
  EXPECT_EQ(OnlinePoints(0.25, 0.15, false), 1);
  EXPECT_EQ(OnlinePoints(0.25, 0.14, false), 0);
  EXPECT_EQ(OnlinePoints(0.50, 0.90, true), 0);  // any late dossier
}

TEST(ScoringIndex, PointsOverDossiersRoundedToOneDecimalHalfUp) {
  EXPECT_EQ(IndexTenths(3, 2), 15);   // 1.5
  EXPECT_EQ(IndexTenths(2, 3), 7);    // 0.666… → 0.7
  EXPECT_EQ(IndexTenths(1, 3), 3);    // 0.333… → 0.3
  EXPECT_EQ(IndexTenths(1, 8), 1);    // 0.125 → 0.1
  EXPECT_EQ(IndexTenths(3, 40), 1);   // 0.075 → 0.1 (half up)
  EXPECT_EQ(IndexTenths(1, 40), 0);   // 0.025 → 0.0
  EXPECT_EQ(IndexTenths(200, 100), 20);
  EXPECT_EQ(IndexTenths(0, 0), std::nullopt);  // no data: left out
}

TEST(ScoringBands, OfficerScoreUsesIndices12347AndItsBandEdges) {
  auto rules = DefaultScoringRules();
  IndexScores s{};
  s[1] = 10;
  s[2] = 10;
  s[3] = 10;
  s[4] = 10;
  s[7] = 10;
  s[5] = 20;  // not an officer index
  auto score = OfficerScore(s, rules);
  EXPECT_EQ(score.tenths, 50);
  EXPECT_EQ(score.indices_used, 5);
  EXPECT_EQ(BandOfOfficer(50, rules), OfficerBand::kFull);
  EXPECT_EQ(BandOfOfficer(49, rules), OfficerBand::kPartial);
  EXPECT_EQ(BandOfOfficer(35, rules), OfficerBand::kPartial);
  EXPECT_EQ(BandOfOfficer(34, rules), OfficerBand::kLow);
  s[7].reset();  // no data: left out, not counted as zero
  EXPECT_EQ(OfficerScore(s, rules).indices_used, 4);
}

TEST(ScoringBands, AgencyBandEdgesAreExactIn14Point95Versus15) {
  auto rules = DefaultScoringRules();
  // Nine indices averaging to 15.0 exactly: 1.7 × 6 + 1.6 × 3 = 15.0.
  IndexScores s{};
  for (int i = 1; i <= 6; ++i) s[i] = 17;
  for (int i = 7; i <= 9; ++i) s[i] = 16;
  EXPECT_EQ(AgencyScore(s).tenths, 150);
  EXPECT_EQ(BandOfAgency(AgencyScore(s).tenths, rules), AgencyBand::kExcellent);
  // A raw average of 14.95 is shown and banded as its rounded indices add up:
  // one index at 1.55 rounds to 1.6 (half up), so the agency keeps 15.0.
  EXPECT_EQ(IndexTenths(31, 20), 16);  // 1.55 → 1.6
  s[9] = 15;  // 1.5: the sum becomes 14.9 → tốt
  EXPECT_EQ(AgencyScore(s).tenths, 149);
  EXPECT_EQ(BandOfAgency(149, rules), AgencyBand::kGood);
  EXPECT_EQ(BandOfAgency(120, rules), AgencyBand::kGood);
  EXPECT_EQ(BandOfAgency(119, rules), AgencyBand::kFairlyGood);
  EXPECT_EQ(BandOfAgency(90, rules), AgencyBand::kFairlyGood);
  EXPECT_EQ(BandOfAgency(89, rules), AgencyBand::kAverage);
  EXPECT_EQ(BandOfAgency(60, rules), AgencyBand::kAverage);
  EXPECT_EQ(BandOfAgency(59, rules), AgencyBand::kWeak);
  EXPECT_STREQ(AgencyBandLabel(AgencyBand::kExcellent), "Xuất sắc");
  EXPECT_EQ(FormatTenths(149), "14,9");
  EXPECT_EQ(FormatTenths(150), "15,0");
}

TEST(ScoringRulesData, TheRulesInForceOnADayApply) {
  auto old_rules = DefaultScoringRules();
  auto new_rules = DefaultScoringRules();
  new_rules.effective_from = Date{std::chrono::year{2027}, std::chrono::January, std::chrono::day{1}};
  new_rules.agency_band_tenths = {160, 130, 100, 70};
  std::vector<ScoringRules> all{old_rules, new_rules};
  EXPECT_EQ(RulesOn(all, Date{std::chrono::year{2026}, std::chrono::December, std::chrono::day{31}})
                .agency_band_tenths[0],
            150);
  const auto& later = RulesOn(all, Date{std::chrono::year{2027}, std::chrono::March, std::chrono::day{1}});
  EXPECT_EQ(later.agency_band_tenths[0], 160);
  EXPECT_EQ(BandOfAgency(150, later), AgencyBand::kGood);
  EXPECT_EQ(RulesOn({}, Date{std::chrono::year{2026}, std::chrono::January, std::chrono::day{1}})
                .officer_full_tenths,
            50);
}

TEST(ScoringRulesData, OnlyCoherentRulesMayBeStored) {
  EXPECT_EQ(CheckScoringRules(DefaultScoringRules()), std::nullopt);
  auto r = DefaultScoringRules();
  r.officer_indices = {1, 2, 7};
  r.officer_full_tenths = 60;  // the three indices' maximum
  r.officer_partial_tenths = 40;
  EXPECT_EQ(CheckScoringRules(r), std::nullopt);
  r.officer_full_tenths = 61;  // above what three indices can give
  EXPECT_NE(CheckScoringRules(r), std::nullopt);
  r.officer_full_tenths = 39;  // below the partial threshold
  EXPECT_NE(CheckScoringRules(r), std::nullopt);
  r = DefaultScoringRules();
  r.officer_partial_tenths = 0;
  EXPECT_NE(CheckScoringRules(r), std::nullopt);
  r = DefaultScoringRules();
  r.officer_indices = {};
  EXPECT_NE(CheckScoringRules(r), std::nullopt);
  r.officer_indices = {1, 1, 2};
  EXPECT_NE(CheckScoringRules(r), std::nullopt);
  r.officer_indices = {1, 2, 9};  // index 9 has no per-officer facts
  EXPECT_NE(CheckScoringRules(r), std::nullopt);
  r = DefaultScoringRules();
  r.agency_band_tenths = {150, 150, 90, 60};  // not strictly decreasing
  EXPECT_NE(CheckScoringRules(r), std::nullopt);
  r.agency_band_tenths = {181, 120, 90, 60};  // above 18 points
  EXPECT_NE(CheckScoringRules(r), std::nullopt);
  r.agency_band_tenths = {180, 120, 90, 0};
  EXPECT_NE(CheckScoringRules(r), std::nullopt);
  r.agency_band_tenths = {180, 120, 90, 1};
  EXPECT_EQ(CheckScoringRules(r), std::nullopt);
}

}  // namespace
}  // namespace motcua::domain
