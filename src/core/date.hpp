#pragma once
// Calendar dates (no time zone) and their text forms.
//
// Dates are std::chrono::year_month_day. The API speaks ISO 8601
// (YYYY-MM-DD); the UI shows dd/mm/yyyy.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace motcua {

using Date = std::chrono::year_month_day;

// Parses "YYYY-MM-DD" strictly; returns nullopt for any other shape or an
// impossible date such as 2025-02-30.
std::optional<Date> ParseIsoDate(std::string_view text);

// Parses a date as Vietnamese users type it: "dd/mm/yyyy" (day and month
// may have one digit, "2/1/2026"); surrounding spaces are ignored. Also
// accepts "YYYY-MM-DD", what a browser's date picker sends. Returns nullopt
// for any other shape or an impossible date such as 30/02/2025.
std::optional<Date> ParseVnDate(std::string_view text);

// "2025-07-01".
std::string FormatIsoDate(Date date);

// "01/07/2025", as shown to Vietnamese users.
std::string FormatVnDate(Date date);

}  // namespace motcua
