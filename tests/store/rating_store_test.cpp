// RatingStore on both engines: versions per dossier and channel, single-use
// link nonces, report marks and audit written with the rating, kiosks and
// their offers, the rating-link key.

#include "store/rating_store.hpp"

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "domain/reporting/report_marks.hpp"
#include "store/audit_writer.hpp"
#include "store/handling_fixture.hpp"

namespace motcua::handling_test {
namespace {

using domain::RatingChannel;
using domain::RatingCriterion;
using domain::Satisfaction;

class RatingStoreContract : public HandlingStoreTest {
 protected:
  void SetUp() override {
    HandlingStoreTest::SetUp();
    if (!db_) return;
    ratings_ = std::make_unique<store::RatingStore>(db_->db());
  }

  app::RatingWrite Write(const domain::Dossier& d, RatingChannel channel, int version, Satisfaction overall,
                         std::string nonce = {}) {
    app::RatingWrite w;
    w.stored.rating.dossier_id = d.id;
    w.stored.rating.channel = channel;
    w.stored.rating.version = version;
    w.stored.rating.answers = {{RatingCriterion::kOverall, overall}, {RatingCriterion::kTime, Satisfaction::kSatisfied}};
    w.stored.rating.comment = "Cán bộ nhiệt tình";
    w.stored.rating.rated_at = At(version);
    w.stored.first_rated_at = At(1);
    w.link_nonce = std::move(nonce);
    w.dossier_code = d.code;
    w.audit = {At(version), "079203001234", version == 1 ? "rating.create" : "rating.edit", d.code,
               "channel=" + std::string(RatingChannelKey(channel)), "r"};
    return w;
  }

  std::string MarksOf(std::int64_t id) {
    store::Database::Lease sql(db_->db());
    std::string marks;
    long long key = id;
    *sql << "SELECT rating_marks FROM dossiers WHERE id = :id", soci::use(key), soci::into(marks);
    return marks;
  }

  std::unique_ptr<store::RatingStore> ratings_;
};

TEST_P(RatingStoreContract, KeepsVersionsPerChannelAndReturnsTheNewest) {
  auto d = Insert({.returned = true});
  EXPECT_FALSE(*ratings_->Latest(d.id, RatingChannel::kOnline));
  ASSERT_TRUE(ratings_->Insert(Write(d, RatingChannel::kOnline, 1, Satisfaction::kSatisfied)));
  ASSERT_TRUE(ratings_->Insert(Write(d, RatingChannel::kOnline, 2, Satisfaction::kVerySatisfied)));
  ASSERT_TRUE(ratings_->Insert(Write(d, RatingChannel::kKiosk, 1, Satisfaction::kDissatisfied)));
  auto latest = ratings_->Latest(d.id, RatingChannel::kOnline);
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->rating.version, 2);
  EXPECT_EQ((*latest)->first_rated_at, At(1));
  EXPECT_EQ((*latest)->rating.rated_at, At(2));
  ASSERT_EQ((*latest)->rating.answers.size(), 2u);
  EXPECT_EQ((*latest)->rating.answers[0].value, Satisfaction::kVerySatisfied);
  EXPECT_EQ((*latest)->rating.comment, "Cán bộ nhiệt tình");
  auto all = ratings_->ForDossier(d.id);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].rating.channel, RatingChannel::kOnline);
  EXPECT_EQ((*all)[0].rating.version, 2);
  EXPECT_EQ((*all)[1].rating.channel, RatingChannel::kKiosk);
}

TEST_P(RatingStoreContract, ARepeatedOrSkippedVersionIsAConflictAndLeavesNothing) {
  auto d = Insert({.returned = true});
  ASSERT_TRUE(ratings_->Insert(Write(d, RatingChannel::kOnline, 1, Satisfaction::kSatisfied)));
  auto again = ratings_->Insert(Write(d, RatingChannel::kOnline, 1, Satisfaction::kDissatisfied));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto skipped = ratings_->Insert(Write(d, RatingChannel::kOnline, 3, Satisfaction::kDissatisfied));
  ASSERT_FALSE(skipped);
  EXPECT_EQ(skipped.error().code, ErrorCode::kConflict);
  EXPECT_EQ((*ratings_->Latest(d.id, RatingChannel::kOnline))->rating.answers[0].value, Satisfaction::kSatisfied);
  // The marks hold the stored answer, not the refused ones.
  EXPECT_EQ(domain::ReportMarks::Decode(MarksOf(d.id), 0).Answer(RatingCriterion::kOverall), Satisfaction::kSatisfied);
}

TEST_P(RatingStoreContract, ALinkNonceIsUsedOnceAndTheWholeWriteRollsBackOnReuse) {
  auto d = Insert({.returned = true});
  EXPECT_FALSE(*ratings_->LinkNonceUsed("abc123"));
  ASSERT_TRUE(ratings_->Insert(Write(d, RatingChannel::kLink, 1, Satisfaction::kSatisfied, "abc123")));
  EXPECT_TRUE(*ratings_->LinkNonceUsed("abc123"));
  auto reused = ratings_->Insert(Write(d, RatingChannel::kLink, 2, Satisfaction::kDissatisfied, "abc123"));
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().code, ErrorCode::kConflict);
  EXPECT_EQ((*ratings_->Latest(d.id, RatingChannel::kLink))->rating.version, 1);
}

TEST_P(RatingStoreContract, TheRatingReachesTheDossiersReportMarksAndTheAuditInTheSameTransaction) {
  auto d = Insert({.returned = true});
  EXPECT_EQ(MarksOf(d.id), "");
  ASSERT_TRUE(ratings_->Insert(Write(d, RatingChannel::kOnline, 1, Satisfaction::kVerySatisfied)));
  auto marks = domain::ReportMarks::Decode(MarksOf(d.id), 0);
  EXPECT_EQ(marks.Answer(RatingCriterion::kOverall), Satisfaction::kVerySatisfied);
  EXPECT_EQ(marks.Answer(RatingCriterion::kTime), Satisfaction::kSatisfied);
  EXPECT_FALSE(marks.Answer(RatingCriterion::kAttitude));
  auto audit = store::ReadAudit(db_->db(), d.code, 10);
  ASSERT_TRUE(audit);
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ((*audit)[0].action, "rating.create");
  // How the rater answered is not in the audit trail.
  EXPECT_EQ((*audit)[0].detail.find("satisfied"), std::string::npos);
  // A rating of an unknown dossier stores nothing.
  domain::Dossier ghost = d;
  ghost.id = d.id + 1000;
  auto missing = ratings_->Insert(Write(ghost, RatingChannel::kOnline, 1, Satisfaction::kSatisfied));
  ASSERT_FALSE(missing);
  EXPECT_TRUE(missing.error().code == ErrorCode::kNotFound || missing.error().code == ErrorCode::kConflict);
}

TEST_P(RatingStoreContract, KiosksAreBoundOneCounterPerOfficerAndOfferTheDossierJustReturned) {
  auto d = Insert({.returned = true});
  app::KioskBinding b{"quay-1", kWard, "motcua.saigon", "hash1", "csrf1", At(0), 0, std::nullopt};
  ASSERT_TRUE(ratings_->BindKiosk(b, {At(0), "motcua.saigon", "kiosk.activate", "quay-1", "", "r"}));
  auto found = ratings_->FindKiosk("quay-1");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->officer, "motcua.saigon");
  EXPECT_EQ((*found)->device_hash, "hash1");
  EXPECT_EQ((*found)->pending_dossier_id, 0);
  EXPECT_FALSE(*ratings_->FindKiosk("quay-9"));

  ASSERT_TRUE(ratings_->OfferAtKiosk("motcua.saigon", d.id, At(1)));
  ASSERT_TRUE(ratings_->OfferAtKiosk("someone.else", d.id + 1, At(1)));  // not on duty anywhere: nothing
  found = ratings_->FindKiosk("quay-1");
  EXPECT_EQ((*found)->pending_dossier_id, d.id);
  EXPECT_EQ(*(*found)->pending_at, At(1));

  // A kiosk rating clears the offer with the rating.
  auto w = Write(d, RatingChannel::kKiosk, 1, Satisfaction::kVerySatisfied);
  w.stored.counter = "quay-1";
  w.stored.officer = "motcua.saigon";
  ASSERT_TRUE(ratings_->Insert(w));
  EXPECT_EQ((*ratings_->FindKiosk("quay-1"))->pending_dossier_id, 0);
  auto kiosk_rating = *ratings_->Latest(d.id, RatingChannel::kKiosk);
  EXPECT_EQ(kiosk_rating->counter, "quay-1");
  EXPECT_EQ(kiosk_rating->officer, "motcua.saigon");

  // The officer moves to another counter: the first one is off duty; re-binding replaces the device.
  ASSERT_TRUE(ratings_->OfferAtKiosk("motcua.saigon", d.id, At(2)));
  app::KioskBinding moved{"quay-2", kWard, "motcua.saigon", "hash2", "csrf2", At(3), 0, std::nullopt};
  ASSERT_TRUE(ratings_->BindKiosk(moved, {At(3), "motcua.saigon", "kiosk.activate", "quay-2", "", "r"}));
  EXPECT_EQ((*ratings_->FindKiosk("quay-1"))->officer, "");
  EXPECT_EQ((*ratings_->FindKiosk("quay-1"))->pending_dossier_id, 0);
  app::KioskBinding rebound{"quay-2", kWard, "motcua.khac", "hash3", "csrf3", At(4), 0, std::nullopt};
  ASSERT_TRUE(ratings_->BindKiosk(rebound, {At(4), "motcua.khac", "kiosk.activate", "quay-2", "", "r"}));
  EXPECT_EQ((*ratings_->FindKiosk("quay-2"))->device_hash, "hash3");
  EXPECT_EQ((*ratings_->FindKiosk("quay-2"))->officer, "motcua.khac");

  ASSERT_TRUE(ratings_->OfferAtKiosk("motcua.khac", d.id, At(5)));
  ASSERT_TRUE(ratings_->ClearKiosk("quay-2", d.id + 1));  // another dossier: unchanged
  EXPECT_EQ((*ratings_->FindKiosk("quay-2"))->pending_dossier_id, d.id);
  ASSERT_TRUE(ratings_->ClearKiosk("quay-2", d.id));
  EXPECT_EQ((*ratings_->FindKiosk("quay-2"))->pending_dossier_id, 0);
}

TEST_P(RatingStoreContract, TheLinkKeyIsGeneratedOnceAndThenKept) {
  int generated = 0;
  auto generate = [&] {
    ++generated;
    return std::string(32, static_cast<char>(0x80 + generated));
  };
  auto first = ratings_->LinkKey(generate);
  ASSERT_TRUE(first) << first.error().internal_message;
  EXPECT_EQ(*first, std::string(32, static_cast<char>(0x81)));
  store::RatingStore other(db_->db());
  auto second = other.LinkKey(generate);
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(generated, 1);
}

TEST(RatingAnswers, RoundTripThroughTheirStoredText) {
  std::vector<domain::RatingAnswer> answers{{RatingCriterion::kOverall, Satisfaction::kDissatisfied},
                                            {RatingCriterion::kOnlineService, Satisfaction::kVerySatisfied}};
  std::string text = store::EncodeAnswers(answers);
  EXPECT_EQ(text, "overall:dissatisfied,online_service:very_satisfied");
  auto back = store::DecodeAnswers(text + ",bogus:x");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].criterion, RatingCriterion::kOnlineService);
  EXPECT_EQ(back[1].value, Satisfaction::kVerySatisfied);
}

INSTANTIATE_TEST_SUITE_P(Engines, RatingStoreContract, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) { return testutil::EngineName(info.param); });

}  // namespace
}  // namespace motcua::handling_test
