#include "domain/evaluation/rating_eligibility.hpp"

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

Dossier Make(Channel channel, DossierStatus status) {
  Dossier d;
  d.channel = channel;
  d.status = status;
  if (status != DossierStatus::kDraft) d.submitted_at = *ParseTimestamp("2026-11-25T02:00:00Z");
  return d;
}

TEST(RatingEligibility, DeskDossiersAreRatedOnlyOnceTheResultIsReturned) {
  for (auto s : kAllDossierStatuses) {
    auto d = Make(Channel::kDesk, s);
    auto ok = CheckRatable(d);
    EXPECT_EQ(static_cast<bool>(ok), s == DossierStatus::kReturned) << DossierStatusKey(s);
    if (!ok) {
      EXPECT_EQ(ok.error().code, ErrorCode::kFailedPrecondition);
    }
  }
}

TEST(RatingEligibility, ARejectionReturnedToTheApplicantMayBeRated) {
  auto d = Make(Channel::kPostal, DossierStatus::kRejected);
  EXPECT_FALSE(CheckRatable(d));
  d.handling.returned_at = *ParseTimestamp("2026-11-26T02:00:00Z");
  EXPECT_TRUE(CheckRatable(d));
  EXPECT_TRUE(ResultReturned(d));
}

TEST(RatingEligibility, OnlineDossiersMayBeRatedOnceSubmittedButNotAsDrafts) {
  EXPECT_FALSE(CheckRatable(Make(Channel::kOnline, DossierStatus::kDraft)));
  EXPECT_TRUE(CheckRatable(Make(Channel::kOnline, DossierStatus::kSubmitted)));
  EXPECT_TRUE(CheckRatable(Make(Channel::kOnline, DossierStatus::kAccepted)));
}

TEST(RatingEligibility, OnlyOnlineDossiersAreAskedAboutTheOnlineService) {
  EXPECT_EQ(CriteriaFor(Make(Channel::kOnline, DossierStatus::kReturned)).size(), 8u);
  EXPECT_EQ(CriteriaFor(Make(Channel::kDesk, DossierStatus::kReturned)).size(), 7u);
}

}  // namespace
}  // namespace motcua::domain
