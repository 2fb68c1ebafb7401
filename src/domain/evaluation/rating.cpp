#include "domain/evaluation/rating.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace motcua::domain {

namespace {

struct CriterionInfo {
  RatingCriterion c;
  const char* key;
  const char* label;
};
constexpr CriterionInfo kCriteria[] = {
    {RatingCriterion::kOverall, "overall", "Mức độ hài lòng chung của Ông/Bà"},
    {RatingCriterion::kTime, "time", "Thời gian trả kết quả so với quy định"},
    {RatingCriterion::kContacts, "contacts", "Số lần phải liên hệ để hoàn thiện hồ sơ"},
    {RatingCriterion::kAgencies, "agencies", "Số cơ quan, đơn vị phải liên hệ"},
    {RatingCriterion::kInformation, "information", "Tính chính xác của thông tin thủ tục được công khai"},
    {RatingCriterion::kAttitude, "attitude", "Thái độ, tinh thần phục vụ của cán bộ"},
    {RatingCriterion::kCosts, "costs", "Kết quả và chi phí đúng quy định"},
    {RatingCriterion::kOnlineService, "online_service", "Chất lượng dịch vụ công trực tuyến"},
};

}  // namespace

const char* RatingCriterionKey(RatingCriterion c) {
  for (const auto& i : kCriteria) {
    if (i.c == c) return i.key;
  }
  return "";
}

const char* RatingCriterionLabel(RatingCriterion c) {
  for (const auto& i : kCriteria) {
    if (i.c == c) return i.label;
  }
  return "";
}

std::optional<RatingCriterion> ParseRatingCriterion(std::string_view key) {
  for (const auto& i : kCriteria) {
    if (key == i.key) return i.c;
  }
  return std::nullopt;
}

const char* SatisfactionKey(Satisfaction s) {
  switch (s) {
    case Satisfaction::kVerySatisfied: return "very_satisfied";
    case Satisfaction::kSatisfied: return "satisfied";
    case Satisfaction::kDissatisfied: return "dissatisfied";
  }
  return "";
}

const char* SatisfactionLabel(Satisfaction s) {
  switch (s) {
    case Satisfaction::kVerySatisfied: return "Rất hài lòng";
    case Satisfaction::kSatisfied: return "Hài lòng";
    case Satisfaction::kDissatisfied: return "Chưa hài lòng";
  }
  return "";
}

std::optional<Satisfaction> ParseSatisfaction(std::string_view key) {
  for (Satisfaction s : {Satisfaction::kVerySatisfied, Satisfaction::kSatisfied, Satisfaction::kDissatisfied}) {
    if (key == SatisfactionKey(s)) return s;
  }
  return std::nullopt;
}

const char* RatingChannelKey(RatingChannel c) {
  switch (c) {
    case RatingChannel::kOnline: return "online";
    case RatingChannel::kKiosk: return "kiosk";
    case RatingChannel::kLink: return "link";
  }
  return "";
}

std::optional<RatingChannel> ParseRatingChannel(std::string_view key) {
  for (RatingChannel c : {RatingChannel::kOnline, RatingChannel::kKiosk, RatingChannel::kLink}) {
    if (key == RatingChannelKey(c)) return c;
  }
  return std::nullopt;
}

std::vector<RatingCriterion> CriteriaFor(bool online_dossier) {
  std::vector<RatingCriterion> out;
  for (RatingCriterion c : kAllRatingCriteria) {
    if (c != RatingCriterion::kOnlineService || online_dossier) out.push_back(c);
  }
  return out;
}

Result<Rating> ValidateRating(Rating r, const std::vector<RatingCriterion>& asked) {
  std::vector<FieldError> problems;
  std::vector<RatingCriterion> seen;
  for (const auto& a : r.answers) {
    if (std::find(asked.begin(), asked.end(), a.criterion) == asked.end()) {
      problems.push_back({RatingCriterionKey(a.criterion), "Tiêu chí này không áp dụng cho hồ sơ."});
    } else if (std::find(seen.begin(), seen.end(), a.criterion) != seen.end()) {
      problems.push_back({RatingCriterionKey(a.criterion), "Mỗi tiêu chí chỉ được đánh giá một lần."});
    }
    seen.push_back(a.criterion);
  }
  if (std::find(seen.begin(), seen.end(), RatingCriterion::kOverall) == seen.end()) {
    problems.push_back({"overall", "Vui lòng chọn mức độ hài lòng chung."});
  }
  auto comment = ToNfc(Trim(r.comment));
  if (!comment) {
    problems.push_back({"comment", "Ý kiến góp ý không hợp lệ."});
  } else if (comment->size() > 2000) {
    problems.push_back({"comment", "Ý kiến góp ý tối đa 2000 ký tự."});
  } else {
    r.comment = *comment;
  }
  if (!problems.empty()) {
    return Fail(Error{ErrorCode::kInvalidArgument, "Phiếu đánh giá chưa hợp lệ.", "invalid rating", problems});
  }
  return r;
}

bool MayEditRating(Timestamp first_rated_at, Timestamp now, std::chrono::hours window) {
  return now >= first_rated_at && now - first_rated_at <= window;
}

bool NotDissatisfied(const Rating& r) {
  for (const auto& a : r.answers) {
    if (a.criterion == RatingCriterion::kOverall) return a.value != Satisfaction::kDissatisfied;
  }
  return true;
}

}  // namespace motcua::domain
