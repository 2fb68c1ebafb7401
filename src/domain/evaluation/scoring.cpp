#include "domain/evaluation/scoring.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace motcua::domain {

IndexPoints TimePoints(long actual_minutes, long allowed_minutes) {
  if (actual_minutes < allowed_minutes) return 2;
  return actual_minutes == allowed_minutes ? 1 : 0;
}

IndexPoints ContactPoints(int count) { return count <= 0 ? 2 : count == 1 ? 1 : 0; }

IndexPoints PublicationPoints(bool posted_at_desk, bool published_online) {
  return (posted_at_desk ? 1 : 0) + (published_online ? 1 : 0);
}

IndexPoints AttitudePoints(bool early, bool on_time, bool valid_complaint) {
  if (valid_complaint) return 0;
  if (early) return 2;
  return on_time ? 1 : 0;
}

std::optional<IndexPoints> FeedbackPoints(int handled_on_time, int total) {
  if (total <= 0) return std::nullopt;
  if (handled_on_time >= total) return 2;
  // ≥ 90% compared in integers: 10 × handled ≥ 9 × total.
  return 10L * handled_on_time >= 9L * total ? 1 : 0;
}

IndexPoints OnlinePoints(double procedures_online_rate, double dossiers_online_rate, bool any_late) {
  if (any_late) return 0;
  if (procedures_online_rate >= 0.20 && dossiers_online_rate >= 0.30) return 2;
  if (dossiers_online_rate >= 0.15) return 1;
  return 0;
}

std::optional<int> IndexTenths(long points, long count) {
  if (count <= 0) return std::nullopt;
  // round(10 × points / count) half up, in integers.
  return static_cast<int>((20 * points + count) / (2 * count));
}

const char* OfficerBandLabel(OfficerBand band) {
  switch (band) {
    case OfficerBand::kFull: return "Đạt điểm tối đa";
    case OfficerBand::kPartial: return "Đạt một phần";
    case OfficerBand::kLow: return "Chưa đạt";
  }
  return "";
}

const char* AgencyBandLabel(AgencyBand band) {
  switch (band) {
    case AgencyBand::kExcellent: return "Xuất sắc";
    case AgencyBand::kGood: return "Tốt";
    case AgencyBand::kFairlyGood: return "Khá";
    case AgencyBand::kAverage: return "Trung bình";
    case AgencyBand::kWeak: return "Yếu";
  }
  return "";
}

const char* AgencyBandKey(AgencyBand band) {
  switch (band) {
    case AgencyBand::kExcellent: return "excellent";
    case AgencyBand::kGood: return "good";
    case AgencyBand::kFairlyGood: return "fairly_good";
    case AgencyBand::kAverage: return "average";
    case AgencyBand::kWeak: return "weak";
  }
  return "";
}

ScoringRules DefaultScoringRules() {
  ScoringRules r;
  r.effective_from = Date{std::chrono::year{2018}, std::chrono::August, std::chrono::day{21}};
  return r;
}

std::optional<std::string> CheckScoringRules(const ScoringRules& r) {
  if (r.officer_indices.empty()) return "Cần ít nhất một chỉ số để tính điểm cán bộ.";
  std::vector<int> seen;
  for (int i : r.officer_indices) {
    if (std::find(kOfficerIndexCandidates.begin(), kOfficerIndexCandidates.end(), i) == kOfficerIndexCandidates.end()) {
      return "Điểm cán bộ chỉ tính từ các chỉ số 1, 2, 3, 4 và 7.";
    }
    if (std::find(seen.begin(), seen.end(), i) != seen.end()) return "Chỉ số tính điểm cán bộ bị trùng.";
    seen.push_back(i);
  }
  const int officer_max = 20 * static_cast<int>(r.officer_indices.size());
  if (r.officer_partial_tenths <= 0 || r.officer_partial_tenths > r.officer_full_tenths ||
      r.officer_full_tenths > officer_max) {
    return "Ngưỡng điểm cán bộ phải thỏa: 0 < mức đạt một phần ≤ mức đạt tối đa ≤ tổng điểm tối đa của các chỉ số.";
  }
  const auto& b = r.agency_band_tenths;
  if (b[0] > 10 * 2 * kIndexCount || b[3] <= 0 || !(b[0] > b[1] && b[1] > b[2] && b[2] > b[3])) {
    return "Ngưỡng xếp loại cơ quan phải giảm dần từ Xuất sắc đến Trung bình, trong khoảng 0 đến 18 điểm.";
  }
  return std::nullopt;
}

const ScoringRules& RulesOn(const std::vector<ScoringRules>& rules, Date day) {
  static const ScoringRules kDefault = DefaultScoringRules();
  const ScoringRules* best = nullptr;
  for (const auto& r : rules) {
    if (r.effective_from <= day && (!best || r.effective_from > best->effective_from)) best = &r;
  }
  return best ? *best : kDefault;
}

Score OfficerScore(const IndexScores& indices, const ScoringRules& rules) {
  Score s;
  for (int i : rules.officer_indices) {
    if (i >= 1 && i <= kIndexCount && indices[i]) {
      s.tenths += *indices[i];
      ++s.indices_used;
    }
  }
  return s;
}

Score AgencyScore(const IndexScores& indices) {
  Score s;
  for (int i = 1; i <= kIndexCount; ++i) {
    if (indices[i]) {
      s.tenths += *indices[i];
      ++s.indices_used;
    }
  }
  return s;
}

OfficerBand BandOfOfficer(int tenths, const ScoringRules& rules) {
  if (tenths >= rules.officer_full_tenths) return OfficerBand::kFull;
  return tenths >= rules.officer_partial_tenths ? OfficerBand::kPartial : OfficerBand::kLow;
}

AgencyBand BandOfAgency(int tenths, const ScoringRules& rules) {
  const auto& b = rules.agency_band_tenths;
  if (tenths >= b[0]) return AgencyBand::kExcellent;
  if (tenths >= b[1]) return AgencyBand::kGood;
  if (tenths >= b[2]) return AgencyBand::kFairlyGood;
  if (tenths >= b[3]) return AgencyBand::kAverage;
  return AgencyBand::kWeak;
}

std::string FormatTenths(int tenths) {
  int sign = tenths < 0 ? -1 : 1;
  int a = tenths * sign;
  return fmt::format("{}{},{}", sign < 0 ? "-" : "", a / 10, a % 10);
}

}  // namespace motcua::domain
