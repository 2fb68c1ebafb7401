#pragma once
// Scoring of handling quality (Thông tư 01/2018/TT-VPCP Điều 13–15;
// rules.md §7): nine indices of 0/1/2 points, averaged per index over the
// dossiers (or agencies) that have data, rounded to one decimal; an officer's
// score from indices 1+2+3+4+7 (max 10) and an agency's from all nine (max
// 18), each with its band. Scores are kept in tenths (integers) so that a
// band edge such as 15.0 is compared exactly: a sum of rounded index scores
// is never 14.999… by accident.
//
// The per-dossier rules are plain functions; which weights and bands apply
// is data (ScoringRules) with an effective date, since the rules may change.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace motcua::domain {

inline constexpr int kIndexCount = 9;

// Points of one index for one dossier (or agency): 0, 1 or 2.
using IndexPoints = int;

// Index 1 and 2: actual time against the allowed time (total, or a unit's
// step): shorter 2, equal 1, longer 0. Compared in whole minutes of office time.
IndexPoints TimePoints(long actual_minutes, long allowed_minutes);
// Index 3 (contacts needed to complete the dossier) and 4 (agencies
// contacted): none 2, one 1, more 0.
IndexPoints ContactPoints(int count);
// Index 6: procedure published both on paper at the desk and electronically 2, one of them 1.
IndexPoints PublicationPoints(bool posted_at_desk, bool published_online);
// Index 7: staff attitude: result early and no complaint 2, on time and no
// complaint 1, a valid complaint (or late) 0.
IndexPoints AttitudePoints(bool early, bool on_time, bool valid_complaint);
// Index 8: feedback handled on time: 100% → 2, ≥ 90% → 1, else 0; no feedback: no data.
std::optional<IndexPoints> FeedbackPoints(int handled_on_time, int total);
// Index 9: online services: ≥ 20% of procedures online and ≥ 30% of dossiers
// online and none late → 2; 15–30% of dossiers online and none late → 1; else 0.
IndexPoints OnlinePoints(double procedures_online_rate, double dossiers_online_rate, bool any_late);

// One index's score in tenths: round(10 × points / count), half up.
// nullopt when count is 0 (the index is left out).
std::optional<int> IndexTenths(long points, long count);

enum class OfficerBand { kFull, kPartial, kLow };       // ≥5, 3.5–5, <3.5
enum class AgencyBand { kExcellent, kGood, kFairlyGood, kAverage, kWeak };
const char* OfficerBandLabel(OfficerBand band);  // "Đạt điểm tối đa", ...
const char* AgencyBandLabel(AgencyBand band);    // "Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"
const char* AgencyBandKey(AgencyBand band);      // "excellent", "good", "fairly_good", "average", "weak"

// Which indices make up each score and where the bands start, from a date.
struct ScoringRules {
  Date effective_from{};
  std::vector<int> officer_indices{1, 2, 3, 4, 7};
  int officer_full_tenths = 50;     // ≥ 5.0
  int officer_partial_tenths = 35;  // ≥ 3.5
  std::array<int, 4> agency_band_tenths{150, 120, 90, 60};  // xuất sắc, tốt, khá, trung bình
};
// The rules of Thông tư 01/2018, in force since 2018-08-21.
ScoringRules DefaultScoringRules();
// The indices an officer's score may use: those with per-officer facts
// (time, unit time, contacts, agencies contacted, attitude).
inline constexpr std::array<int, 5> kOfficerIndexCandidates{1, 2, 3, 4, 7};
// Why `rules` cannot be stored, in Vietnamese; nullopt when they can: the
// officer indices are distinct candidates, 0 < partial <= full <= the
// indices' maximum (2 points each), the agency band starts strictly
// decreasing within (0, 18].
std::optional<std::string> CheckScoringRules(const ScoringRules& rules);
// The rules in force on `day` among `rules` (the latest effective not after it).
const ScoringRules& RulesOn(const std::vector<ScoringRules>& rules, Date day);

// Index scores in tenths, indexed 1..9 (element 0 unused); nullopt = no data.
using IndexScores = std::array<std::optional<int>, kIndexCount + 1>;

struct Score {
  int tenths = 0;  // the sum of the indices with data
  int indices_used = 0;
};
Score OfficerScore(const IndexScores& indices, const ScoringRules& rules);
Score AgencyScore(const IndexScores& indices);
OfficerBand BandOfOfficer(int tenths, const ScoringRules& rules);
AgencyBand BandOfAgency(int tenths, const ScoringRules& rules);

// "14,9": tenths as Vietnamese text with a decimal comma.
std::string FormatTenths(int tenths);

}  // namespace motcua::domain
