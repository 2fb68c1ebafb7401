#include "domain/reporting/report_facts.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace motcua::domain {
namespace {

Timestamp At(const char* iso) { return *ParseTimestamp(iso); }

long long Sum(const std::vector<Fact>& facts, const std::string& metric, const std::string& officer = "") {
  long long sum = 0;
  for (const auto& f : facts) {
    if (f.metric == metric && f.officer == officer) sum += f.value;
  }
  return sum;
}

Date DayOf(const std::vector<Fact>& facts, const std::string& metric) {
  for (const auto& f : facts) {
    if (f.metric == metric) return f.day;
  }
  return Date{};
}

DossierReportView Returned() {
  DossierReportView v;
  v.agency_code = "000.00.06.H29";
  v.procedure_code = "1.001193";
  v.channel = Channel::kDesk;
  v.status = DossierStatus::kReturned;
  v.received_at = At("2026-11-02T02:00:00Z");
  v.due_at = At("2026-11-09T10:00:00Z");
  v.completed_at = At("2026-11-05T08:00:00Z");
  v.returned_at = At("2026-11-06T03:00:00Z");
  v.return_method = "online";
  v.outcome = "early";
  v.files = 2;
  v.results = 1;
  v.handlers = {"motcua.tuphap", "chuyenvien.tuphap"};
  return v;
}

TEST(DossierFacts, AReturnedDossierCountsReceptionResolutionAndReturnOnTheirVietnamDays) {
  auto facts = DossierFacts(Returned());
  EXPECT_EQ(Sum(facts, metric::kReceived), 1);
  EXPECT_EQ(Sum(facts, metric::kReceivedDigitized), 1);
  EXPECT_EQ(Sum(facts, metric::kResolvedEarly), 1);
  EXPECT_EQ(Sum(facts, metric::kResultDigitized), 1);
  EXPECT_EQ(Sum(facts, metric::kReturnedOnline), 1);
  EXPECT_EQ(Sum(facts, metric::kOpen), 0);
  // 08:00 UTC on 5/11 is 15:00 in Vietnam: still 5/11.
  EXPECT_EQ(DayOf(facts, metric::kResolvedEarly), Date{std::chrono::year(2026) / 11 / 5});
  EXPECT_EQ(Sum(facts, "idx1_points"), 2);
  EXPECT_EQ(Sum(facts, "idx7_points"), 2);
  EXPECT_EQ(Sum(facts, "idx1_points", "chuyenvien.tuphap"), 2);
  EXPECT_EQ(Sum(facts, "idx7_n", "motcua.tuphap"), 1);
  for (const auto& f : facts) EXPECT_EQ(f.channel, f.officer.empty() ? "desk" : "") << f.metric << " " << f.officer;
}

TEST(DossierFacts, LateWithAnUpheldComplaintScoresZeroOnIndicesOneAndSeven) {
  auto v = Returned();
  v.outcome = "late";
  v.counted_late = true;
  v.marks.complaints_upheld = 1;
  auto facts = DossierFacts(v);
  EXPECT_EQ(Sum(facts, metric::kResolvedLate), 1);
  EXPECT_EQ(Sum(facts, metric::kCountedLate), 1);
  EXPECT_EQ(Sum(facts, "idx1_points"), 0);
  EXPECT_EQ(Sum(facts, "idx1_n"), 1);
  EXPECT_EQ(Sum(facts, "idx7_points"), 0);
  EXPECT_EQ(Sum(facts, metric::kUpheldComplaints), 1);
}

TEST(DossierFacts, OnTimeWithoutComplaintScoresOneOnIndexSeven) {
  auto v = Returned();
  v.outcome = "on_time";
  EXPECT_EQ(Sum(DossierFacts(v), "idx7_points"), 1);
}

TEST(DossierFacts, AnOpenDossierIsCountedByItsDueDayAndAPausedOneByItsPauseDay) {
  DossierReportView v = Returned();
  v.status = DossierStatus::kPaused;
  v.completed_at.reset();
  v.returned_at.reset();
  v.outcome.clear();
  v.paused_at = At("2026-11-04T02:00:00Z");
  auto facts = DossierFacts(v);
  EXPECT_EQ(Sum(facts, metric::kOpen), 1);
  EXPECT_EQ(DayOf(facts, metric::kOpen), Date{std::chrono::year(2026) / 11 / 9});
  EXPECT_EQ(Sum(facts, metric::kPaused), 1);
  EXPECT_EQ(Sum(facts, metric::kResolvedEarly), 0);
  EXPECT_EQ(Sum(facts, "idx1_n"), 0);
}

TEST(DossierFacts, RatingAnswersGiveIndicesThreeAndFourByTheRatingDay) {
  auto v = Returned();
  v.marks = ReportMarks::Decode("2026-11-10|21020---", 0);
  auto facts = DossierFacts(v);
  EXPECT_EQ(Sum(facts, metric::kRated), 1);
  EXPECT_EQ(Sum(facts, "r_overall_2"), 1);
  EXPECT_EQ(Sum(facts, "r_time_1"), 1);
  EXPECT_EQ(Sum(facts, "idx3_points"), 0);  // contacts: dissatisfied
  EXPECT_EQ(Sum(facts, "idx4_points"), 2);  // agencies: very satisfied
  EXPECT_EQ(Sum(facts, "idx4_n", "chuyenvien.tuphap"), 1);
  EXPECT_EQ(DayOf(facts, metric::kRated), Date{std::chrono::year(2026) / 11 / 10});
}

TEST(DossierFacts, RefusedAndWithdrawnCountOnTheirDecisionDayOnly) {
  DossierReportView v;
  v.status = DossierStatus::kRefused;
  v.decided_at = At("2026-11-03T02:00:00Z");
  auto facts = DossierFacts(v);
  EXPECT_EQ(facts.size(), 1u);
  EXPECT_EQ(Sum(facts, metric::kRefused), 1);
  v.status = DossierStatus::kWithdrawn;
  EXPECT_EQ(Sum(DossierFacts(v), metric::kWithdrawn), 1);
  v.status = DossierStatus::kDraft;
  v.decided_at.reset();
  EXPECT_TRUE(DossierFacts(v).empty());
}

TEST(EventFacts, AStepClosedEarlyOnTimeOrLateGivesIndexTwoPointsToTheOfficer) {
  EventReportView e{"forward", "chuyenvien.tuphap", At("2026-11-04T02:00:00Z"), At("2026-11-05T10:00:00Z"),
                    Channel::kOnline};
  EXPECT_EQ(Sum(EventFacts(e), "idx2_points", "chuyenvien.tuphap"), 2);
  e.at = At("2026-11-05T03:00:00Z");  // the due day, before the due time
  EXPECT_EQ(Sum(EventFacts(e), "idx2_points"), 1);
  e.at = At("2026-11-05T11:00:00Z");
  EXPECT_EQ(Sum(EventFacts(e), "idx2_points"), 0);
  EXPECT_EQ(Sum(EventFacts(e), "idx2_n"), 1);
  e.action = "assign";
  EXPECT_TRUE(EventFacts(e).empty());
  e.action = "forward";
  e.step_due_at.reset();
  EXPECT_TRUE(EventFacts(e).empty());
}

TEST(FactDelta, SubtractsTheOldFactsAndDropsWhatDidNotChange) {
  auto before = Returned();
  before.status = DossierStatus::kResultReady;
  before.returned_at.reset();
  auto after = Returned();
  auto delta = FactDelta(DossierFacts(before), DossierFacts(after));
  EXPECT_EQ(Sum(delta, metric::kReturned), 1);
  EXPECT_EQ(Sum(delta, metric::kReceived), 0);
  EXPECT_EQ(delta.size(), 2u);  // returned, returned_online
  auto back = FactDelta(DossierFacts(after), DossierFacts(before));
  EXPECT_EQ(Sum(back, metric::kReturned), -1);
}

TEST(ReportMarks, EncodesAndDecodesTheDayAndAnswers) {
  auto m = ReportMarks::Decode("2026-11-10|21-0----", 2);
  EXPECT_TRUE(m.Rated());
  EXPECT_EQ(m.Answer(RatingCriterion::kTime), Satisfaction::kSatisfied);
  EXPECT_FALSE(m.Answer(RatingCriterion::kContacts).has_value());
  EXPECT_EQ(m.Answer(RatingCriterion::kAgencies), Satisfaction::kDissatisfied);
  EXPECT_EQ(m.EncodeRating(), "2026-11-10|21-0----");
  EXPECT_EQ(m.complaints_upheld, 2);
  EXPECT_EQ(ReportMarks{}.EncodeRating(), "");
  EXPECT_FALSE(ReportMarks::Decode("garbage", 0).Rated());
}

}  // namespace
}  // namespace motcua::domain
