#pragma once
// What ratings and complaints leave on a dossier for reporting: the answers
// of its latest rating and the number of upheld complaints about it. Kept in
// the dossier's row (columns rating_marks, complaints_upheld) so that every
// report figure is a function of the dossier row and its history alone:
// rollups are kept by subtracting a row's old contribution and adding its
// new one, and a rebuild sums the contributions of all rows (rules.md §7–§8).

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "domain/evaluation/rating.hpp"

namespace motcua::domain {

inline constexpr int kRatingCriterionCount = 8;

struct ReportMarks {
  // The latest rating's answer per criterion (indexed by RatingCriterion);
  // all empty when the dossier was never rated.
  std::array<std::optional<Satisfaction>, kRatingCriterionCount> rating{};
  Date rated_on{};            // Vietnam's calendar day of the latest rating
  int complaints_upheld = 0;  // complaints (phản ánh) about the dossier found valid

  bool Rated() const { return rating[0].has_value(); }
  std::optional<Satisfaction> Answer(RatingCriterion c) const { return rating[static_cast<int>(c)]; }
  void SetFrom(const Rating& r);  // replaces every answer and the day with those of `r`

  // The column text: the day, '|', then one character per criterion: '2'
  // very satisfied, '1' satisfied, '0' dissatisfied, '-' not asked
  // ("2026-11-25|21210--1"); "" when never rated.
  std::string EncodeRating() const;
  static ReportMarks Decode(std::string_view rating_text, int complaints_upheld);
};

}  // namespace motcua::domain
