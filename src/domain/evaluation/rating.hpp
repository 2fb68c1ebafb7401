#pragma once
// A rating of how a dossier was served (đánh giá sự hài lòng, Nghị định
// 61/2018 Điều 31; Thông tư 32/2017 Điều 12; rules.md §7): each criterion
// Rất hài lòng / Hài lòng / Chưa hài lòng, with an optional comment. One
// rating per dossier and channel; an edit within the window is a new
// version of it, not a second rating. The rater's identity is never part
// of published results. Plain values and rules, no I/O.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"

namespace motcua::domain {

enum class RatingCriterion {
  kOverall,          // mức độ hài lòng chung
  kTime,             // thời gian trả kết quả so với quy định
  kContacts,         // số lần phải liên hệ để hoàn thiện hồ sơ
  kAgencies,         // số cơ quan phải liên hệ
  kInformation,      // tính chính xác của thông tin công khai
  kAttitude,         // thái độ, tinh thần phục vụ của cán bộ
  kCosts,            // tính đúng quy định của kết quả và chi phí
  kOnlineService,    // chất lượng dịch vụ công trực tuyến
};
inline constexpr RatingCriterion kAllRatingCriteria[] = {
    RatingCriterion::kOverall,     RatingCriterion::kTime,     RatingCriterion::kContacts,
    RatingCriterion::kAgencies,    RatingCriterion::kInformation, RatingCriterion::kAttitude,
    RatingCriterion::kCosts,       RatingCriterion::kOnlineService};
const char* RatingCriterionKey(RatingCriterion c);    // "overall", "time", ...
const char* RatingCriterionLabel(RatingCriterion c);  // Vietnamese question
std::optional<RatingCriterion> ParseRatingCriterion(std::string_view key);

enum class Satisfaction { kVerySatisfied, kSatisfied, kDissatisfied };
const char* SatisfactionKey(Satisfaction s);    // "very_satisfied", "satisfied", "dissatisfied"
const char* SatisfactionLabel(Satisfaction s);  // "Rất hài lòng", "Hài lòng", "Chưa hài lòng"
std::optional<Satisfaction> ParseSatisfaction(std::string_view key);

enum class RatingChannel { kOnline, kKiosk, kLink };  // dossier page, desk kiosk, signed link
const char* RatingChannelKey(RatingChannel c);
std::optional<RatingChannel> ParseRatingChannel(std::string_view key);

struct RatingAnswer {
  RatingCriterion criterion = RatingCriterion::kOverall;
  Satisfaction value = Satisfaction::kSatisfied;
};

struct Rating {
  std::int64_t dossier_id = 0;
  RatingChannel channel = RatingChannel::kOnline;
  int version = 1;  // edits within the window are versions of the same rating
  std::vector<RatingAnswer> answers;
  std::string comment;
  Timestamp rated_at{};
};

// The criteria asked for a dossier: online-service quality only for online dossiers.
std::vector<RatingCriterion> CriteriaFor(bool online_dossier);

// Checks a submitted rating: the overall criterion answered, each criterion
// at most once and among `asked`, a comment of at most 2000 bytes (NFC).
// Errors: kInvalidArgument with field errors ("overall", "comment", ...).
Result<Rating> ValidateRating(Rating rating, const std::vector<RatingCriterion>& asked);

// Whether a rating first given at `first_rated_at` may still be edited at
// `now` (the edit window, default 7 days); after it the rating is final.
bool MayEditRating(Timestamp first_rated_at, Timestamp now,
                   std::chrono::hours window = std::chrono::hours(24 * 7));

// Whether the overall answer counts as "not dissatisfied" for QĐ 766.
bool NotDissatisfied(const Rating& rating);

}  // namespace motcua::domain
