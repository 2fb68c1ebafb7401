#include "domain/evaluation/rating_eligibility.hpp"

namespace motcua::domain {

bool ResultReturned(const Dossier& d) {
  return d.status == DossierStatus::kReturned || d.handling.returned_at.has_value();
}

Status CheckRatable(const Dossier& d) {
  if (ResultReturned(d)) return {};
  bool submitted_online = d.channel == Channel::kOnline && d.submitted_at.has_value() && d.status != DossierStatus::kDraft;
  if (submitted_online) return {};
  return Fail(ErrorCode::kFailedPrecondition,
              d.channel == Channel::kOnline
                  ? "Hồ sơ chưa được nộp nên chưa thể đánh giá."
                  : "Chỉ có thể đánh giá sau khi hồ sơ đã được trả kết quả.",
              "dossier not ratable yet");
}

std::vector<RatingCriterion> CriteriaFor(const Dossier& d) { return CriteriaFor(d.channel == Channel::kOnline); }

}  // namespace motcua::domain
