#pragma once
// Report periods (kỳ báo cáo): a month, a quarter, a year, or any range of
// days, in Vietnam's calendar.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace motcua::domain {

struct ReportPeriod {
  Date from{};
  Date to{};          // inclusive
  std::string key;    // "2026", "2026-Q3", "2026-11", or "2026-01-05..2026-02-10"
  std::string label;  // "Năm 2026", "Quý III/2026", "Tháng 11/2026", "05/01/2026 – 10/02/2026"
};

// "YYYY", "YYYY-Qn", "YYYY-MM". nullopt when malformed.
std::optional<ReportPeriod> ParseReportPeriod(std::string_view key);
// A range of days; nullopt when `to` is before `from` or it spans more than 5 years.
std::optional<ReportPeriod> RangePeriod(Date from, Date to);
// The twelve months ending with the month of `day`, oldest first.
std::vector<ReportPeriod> TwelveMonthsTo(Date day);
// The year from 1 January to `day` (year to date).
ReportPeriod YearToDate(Date day);

}  // namespace motcua::domain
