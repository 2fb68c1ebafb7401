#pragma once
// Report figures from rollup counters (rules.md §7–§8): the summary of an
// agency subtree over a period, the Thông tư 01/2018 indices and scores, and
// the six groups of Quyết định 766/QĐ-TTg with configurable weights. Pure:
// the same counters always give the same figures, so the page, the API and
// the exports (which all call these) show identical numbers.

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "domain/evaluation/scoring.hpp"

namespace motcua::domain {

// Sums of one metric by channel ("desk", "postal", "online").
class Counters {
 public:
  void Add(const std::string& metric, const std::string& channel, long long value) {
    values_[metric][channel] += value;
  }
  long long Get(const std::string& metric) const;                             // all channels
  long long Get(const std::string& metric, const std::string& channel) const;  // one channel
  const std::map<std::string, std::map<std::string, long long>>& All() const { return values_; }

 private:
  std::map<std::string, std::map<std::string, long long>> values_;
};

// Figures of the catalog and of feedback, which rollups do not hold.
struct CatalogFigures {
  int procedures = 0;         // procedures the agencies carry out
  int online_procedures = 0;  // with an online service (partial or full)
  int full_online = 0;        // fully online (toàn trình)
  int published = 0;          // published on the portal with their details
  int fee_procedures = 0;     // with a fee or charge
};
struct FeedbackFigures {
  long long received = 0;
  long long answered = 0;
  long long answered_on_time = 0;
  long long open_overdue = 0;
  long long rated = 0;
  long long rated_dissatisfied = 0;
  long long upheld = 0;
};

// A rate with its numerator and denominator; no rate when the denominator is 0.
struct Rate {
  long long part = 0;
  long long whole = 0;
  std::optional<double> Value() const;  // 0..1
  // Percent with one decimal and a comma ("93,5%"), or "—".
  std::string Percent() const;
};

struct ReportSummary {
  long long received = 0, received_online = 0, received_desk = 0, received_postal = 0;
  long long resolved = 0, resolved_early = 0, resolved_on_time = 0, resolved_late = 0;
  long long rejected = 0, returned = 0, returned_online = 0;
  long long in_progress_within = 0, in_progress_overdue = 0;  // as of the report's day
  long long paused = 0, withdrawn = 0, refused = 0, apologized = 0, counted_late = 0;
  long long rated = 0, rated_not_dissatisfied = 0;
  long long received_digitized = 0, result_digitized = 0, components_reused = 0;
  long long paid_online = 0;
  Rate on_time;          // (early + on time) / resolved
  Rate online;           // online / received
  Rate satisfaction;     // rated not dissatisfied (overall) / rated
  Rate digitized;        // desk and postal dossiers with scanned components / received at desk or by post
  Rate result_digitized_rate;  // resolved with an electronic result / resolved
  Rate online_payment;   // paid online / received dossiers of fee procedures (no payments yet: 0)
  Rate full_online_procedures;  // fully online procedures / procedures
  CatalogFigures catalog;
  FeedbackFigures feedback;
};
// `open_before_today` / `open_from_today`: dossiers in handling whose due
// day is before / on or after the report's day (the "open" metric by due day).
ReportSummary Summarize(const Counters& period, long long open_before_today, long long open_from_today,
                        long long paused_now, const CatalogFigures& catalog, const FeedbackFigures& feedback);

// Thông tư 01/2018: the nine indices (index 5, the full cycle at the desk,
// has no data here and is left out) and the agency's score and band.
struct IndicatorReport {
  IndexScores indices{};                         // tenths, 1..9
  std::array<long long, kIndexCount + 1> points{};  // the points behind each
  std::array<long long, kIndexCount + 1> counts{};
  Score agency;
  AgencyBand band = AgencyBand::kWeak;
};
IndicatorReport ComputeIndicators(const Counters& period, const CatalogFigures& catalog,
                                  const FeedbackFigures& feedback, const ScoringRules& rules);

struct OfficerScoreRow {
  std::string officer;
  IndexScores indices{};
  Score score;
  OfficerBand band = OfficerBand::kLow;
  long long dossiers = 0;  // resolved dossiers behind index 1
};
// Officer facts (metrics idxN_points / idxN_n) summed per officer.
OfficerScoreRow ScoreOfficer(const std::string& officer, const Counters& facts, const ScoringRules& rules);

// Quyết định 766: six groups, each a raw rate and points = weight × rate.
struct IndicatorWeights {
  Date effective_from{};
  // publicity, progress, online, payment, satisfaction, digitization
  std::array<double, 6> weights{18, 20, 12, 10, 18, 22};
};
IndicatorWeights DefaultIndicatorWeights();
// Errors as text (Vietnamese) when the weights are negative or do not total 100.
std::optional<std::string> CheckWeights(const IndicatorWeights& w);
const IndicatorWeights& WeightsOn(const std::vector<IndicatorWeights>& all, Date day);

struct GroupScore {
  const char* key = "";    // "publicity", "progress", ...
  const char* label = "";  // Vietnamese
  double weight = 0;
  std::vector<std::pair<std::string, Rate>> rates;  // label, raw rate
  std::optional<double> rate;                       // mean of the rates with data
  double points = 0;                                // weight × rate, two decimals
};
struct Qd766Report {
  std::array<GroupScore, 6> groups;
  double total = 0;  // out of 100
};
Qd766Report ComputeQd766(const ReportSummary& summary, const IndicatorWeights& weights);

// "93,5" — a number with one decimal and a decimal comma; "—" when absent.
std::string FormatDecimal(std::optional<double> value, int decimals = 1);

}  // namespace motcua::domain
