#include "domain/evaluation/rating.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

using C = RatingCriterion;
using S = Satisfaction;

Timestamp T(const char* iso) { return *ParseTimestamp(iso); }

Rating WithAnswers(std::vector<RatingAnswer> answers, std::string comment = "") {
  Rating r;
  r.dossier_id = 7;
  r.answers = std::move(answers);
  r.comment = std::move(comment);
  return r;
}

bool Has(const Result<Rating>& r, const std::string& field) {
  if (r) return false;
  for (const auto& f : r.error().fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(Rating, OnlineDossiersAreAlsoAskedAboutTheOnlineService) {
  EXPECT_EQ(CriteriaFor(true).size(), 8u);
  auto desk = CriteriaFor(false);
  EXPECT_EQ(desk.size(), 7u);
  EXPECT_EQ(std::find(desk.begin(), desk.end(), C::kOnlineService), desk.end());
}

TEST(Rating, NeedsTheOverallAnswerEachCriterionOnceAndOnlyAskedOnes) {
  auto asked = CriteriaFor(false);
  EXPECT_TRUE(ValidateRating(WithAnswers({{C::kOverall, S::kSatisfied}}), asked));
  EXPECT_TRUE(Has(ValidateRating(WithAnswers({{C::kTime, S::kSatisfied}}), asked), "overall"));
  EXPECT_TRUE(Has(ValidateRating(WithAnswers({{C::kOverall, S::kSatisfied}, {C::kOverall, S::kDissatisfied}}), asked),
                  "overall"));
  EXPECT_TRUE(Has(ValidateRating(WithAnswers({{C::kOverall, S::kSatisfied}, {C::kOnlineService, S::kSatisfied}}), asked),
                  "online_service"));
  EXPECT_TRUE(Has(ValidateRating(WithAnswers({{C::kOverall, S::kSatisfied}}, std::string(2001, 'a')), asked),
                  "comment"));
  auto nfc = ValidateRating(WithAnswers({{C::kOverall, S::kSatisfied}}, "  Cán bo\xcc\x82\xcc\xa3 nhiệt tình "), asked);
  ASSERT_TRUE(nfc);
  EXPECT_EQ(nfc->comment, "Cán bộ nhiệt tình");
}

TEST(Rating, EditsOnlyWithinTheWindow) {
  EXPECT_TRUE(MayEditRating(T("2026-11-25T02:00:00Z"), T("2026-12-02T02:00:00Z")));
  EXPECT_FALSE(MayEditRating(T("2026-11-25T02:00:00Z"), T("2026-12-02T02:00:01Z")));
  EXPECT_FALSE(MayEditRating(T("2026-11-25T02:00:00Z"), T("2026-11-25T01:00:00Z")));
}

TEST(Rating, KeysAndLabelsRoundTrip) {
  for (C c : kAllRatingCriteria) {
    EXPECT_EQ(ParseRatingCriterion(RatingCriterionKey(c)), c);
    EXPECT_STRNE(RatingCriterionLabel(c), "");
  }
  EXPECT_EQ(ParseSatisfaction("very_satisfied"), S::kVerySatisfied);
  EXPECT_STREQ(SatisfactionLabel(S::kDissatisfied), "Chưa hài lòng");
  EXPECT_EQ(ParseRatingChannel("kiosk"), RatingChannel::kKiosk);
  EXPECT_FALSE(ParseSatisfaction("meh"));
  EXPECT_FALSE(NotDissatisfied(WithAnswers({{C::kOverall, S::kDissatisfied}})));
  EXPECT_TRUE(NotDissatisfied(WithAnswers({{C::kOverall, S::kSatisfied}, {C::kTime, S::kDissatisfied}})));
}

}  // namespace
}  // namespace motcua::domain
