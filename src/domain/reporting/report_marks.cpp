#include "domain/reporting/report_marks.hpp"

namespace motcua::domain {

void ReportMarks::SetFrom(const Rating& r) {
  rating = {};
  for (const auto& a : r.answers) rating[static_cast<int>(a.criterion)] = a.value;
}

std::string ReportMarks::EncodeRating() const {
  if (!Rated()) return "";
  std::string out(kRatingCriterionCount, '-');
  for (int i = 0; i < kRatingCriterionCount; ++i) {
    if (!rating[i]) continue;
    switch (*rating[i]) {
      case Satisfaction::kVerySatisfied: out[i] = '2'; break;
      case Satisfaction::kSatisfied: out[i] = '1'; break;
      case Satisfaction::kDissatisfied: out[i] = '0'; break;
    }
  }
  return out;
}

ReportMarks ReportMarks::Decode(std::string_view text, int complaints_upheld) {
  ReportMarks m;
  m.complaints_upheld = complaints_upheld;
  for (int i = 0; i < kRatingCriterionCount && i < static_cast<int>(text.size()); ++i) {
    switch (text[i]) {
      case '2': m.rating[i] = Satisfaction::kVerySatisfied; break;
      case '1': m.rating[i] = Satisfaction::kSatisfied; break;
      case '0': m.rating[i] = Satisfaction::kDissatisfied; break;
      default: break;
    }
  }
  return m;
}

}  // namespace motcua::domain
