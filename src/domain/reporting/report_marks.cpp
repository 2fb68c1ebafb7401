#include "domain/reporting/report_marks.hpp"

namespace motcua::domain {

void ReportMarks::SetFrom(const Rating& r) {
  rating = {};
  for (const auto& a : r.answers) rating[static_cast<int>(a.criterion)] = a.value;
  rated_on = ToVietnam(r.rated_at).date;
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
  return FormatIsoDate(rated_on) + "|" + out;
}

ReportMarks ReportMarks::Decode(std::string_view text, int complaints_upheld) {
  ReportMarks m;
  m.complaints_upheld = complaints_upheld;
  auto bar = text.find('|');
  if (bar == std::string_view::npos) return m;
  auto day = ParseIsoDate(text.substr(0, bar));
  if (!day) return m;
  m.rated_on = *day;
  auto answers = text.substr(bar + 1);
  for (int i = 0; i < kRatingCriterionCount && i < static_cast<int>(answers.size()); ++i) {
    switch (answers[i]) {
      case '2': m.rating[i] = Satisfaction::kVerySatisfied; break;
      case '1': m.rating[i] = Satisfaction::kSatisfied; break;
      case '0': m.rating[i] = Satisfaction::kDissatisfied; break;
      default: break;
    }
  }
  return m;
}

}  // namespace motcua::domain
