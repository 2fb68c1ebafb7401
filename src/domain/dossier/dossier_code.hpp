#pragma once
// Dossier code (mã hồ sơ, Thông tư 01/2018 Điều 19; rules.md §4):
// "<receiving agency code>-<YYMMDD of reception>-<4-digit sequence>",
// e.g. "000.00.06.H56-231027-0361". The sequence counts per receiving agency
// and day, from 0001, never reused. New rules are announced from time to
// time: the format lives here and nowhere else.

#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"

namespace motcua::domain {

inline constexpr int kMaxDailySequence = 9999;

// The key the sequence counts under: "YYMMDD" of `reception_day`.
std::string DossierDayKey(Date reception_day);

// Formats the code. Errors: kFailedPrecondition when `sequence` is outside
// 1..kMaxDailySequence (the format has four digits).
Result<std::string> FormatDossierCode(std::string_view agency_code, Date reception_day, int sequence);

// True if `text` has the shape of a dossier code.
bool LooksLikeDossierCode(std::string_view text);

}  // namespace motcua::domain
