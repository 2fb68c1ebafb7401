#include "domain/reporting/indicators.hpp"

#include <cmath>

#include "domain/reporting/report_facts.hpp"

namespace motcua::domain {

long long Counters::Get(const std::string& metric) const {
  auto it = values_.find(metric);
  if (it == values_.end()) return 0;
  long long sum = 0;
  for (const auto& [channel, v] : it->second) sum += v;
  return sum;
}

long long Counters::Get(const std::string& metric, const std::string& channel) const {
  auto it = values_.find(metric);
  if (it == values_.end()) return 0;
  auto c = it->second.find(channel);
  return c == it->second.end() ? 0 : c->second;
}

std::optional<double> Rate::Value() const {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::string FormatDecimal(std::optional<double> value, int decimals) {
  if (!value) return "—";
  double scale = std::pow(10.0, decimals);
  long long scaled = std::llround(*value * scale);
  bool negative = scaled < 0;
  if (negative) scaled = -scaled;
  std::string out = std::to_string(scaled / static_cast<long long>(scale));
  if (decimals > 0) {
    std::string frac = std::to_string(scaled % static_cast<long long>(scale));
    while (static_cast<int>(frac.size()) < decimals) frac = "0" + frac;
    out += "," + frac;
  }
  return negative ? "-" + out : out;
}

std::string Rate::Percent() const {
  auto v = Value();
  if (!v) return "—";
  return FormatDecimal(*v * 100.0) + "%";
}

ReportSummary Summarize(const Counters& c, long long open_before_today, long long open_from_today,
                        long long paused_now, const CatalogFigures& catalog, const FeedbackFigures& feedback) {
  ReportSummary s;
  s.received = c.Get(metric::kReceived);
  s.received_online = c.Get(metric::kReceived, "online");
  s.received_desk = c.Get(metric::kReceived, "desk");
  s.received_postal = c.Get(metric::kReceived, "postal");
  s.resolved_early = c.Get(metric::kResolvedEarly);
  s.resolved_on_time = c.Get(metric::kResolvedOnTime);
  s.resolved_late = c.Get(metric::kResolvedLate);
  s.resolved = s.resolved_early + s.resolved_on_time + s.resolved_late;
  s.rejected = c.Get(metric::kRejected);
  s.returned = c.Get(metric::kReturned);
  s.returned_online = c.Get(metric::kReturnedOnline);
  s.in_progress_within = open_from_today;
  s.in_progress_overdue = open_before_today;
  s.paused = paused_now;
  s.withdrawn = c.Get(metric::kWithdrawn);
  s.refused = c.Get(metric::kRefused);
  s.apologized = c.Get(metric::kApologized);
  s.counted_late = c.Get(metric::kCountedLate);
  s.rated = c.Get(metric::kRated);
  s.rated_not_dissatisfied = c.Get(RatingMetric(RatingCriterion::kOverall, Satisfaction::kVerySatisfied)) +
                             c.Get(RatingMetric(RatingCriterion::kOverall, Satisfaction::kSatisfied));
  s.received_digitized = c.Get(metric::kReceivedDigitized);
  s.result_digitized = c.Get(metric::kResultDigitized);
  s.components_reused = c.Get("components_reused");  // no reuse of stored components yet
  s.paid_online = c.Get("paid_online");              // no online payments yet
  s.on_time = {s.resolved_early + s.resolved_on_time, s.resolved};
  s.online = {s.received_online, s.received};
  s.satisfaction = {s.rated_not_dissatisfied, s.rated};
  s.digitized = {c.Get(metric::kReceivedDigitized, "desk") + c.Get(metric::kReceivedDigitized, "postal"),
                 s.received_desk + s.received_postal};
  s.result_digitized_rate = {s.result_digitized, s.resolved};
  s.online_payment = {s.paid_online, s.received};
  s.full_online_procedures = {catalog.full_online, catalog.procedures};
  s.catalog = catalog;
  s.feedback = feedback;
  return s;
}

IndicatorReport ComputeIndicators(const Counters& c, const CatalogFigures& catalog, const FeedbackFigures& feedback,
                                  const ScoringRules& rules) {
  (void)rules;
  IndicatorReport r;
  for (int i : {1, 2, 3, 4, 7}) {
    r.points[i] = c.Get(IndexPointsMetric(i));
    r.counts[i] = c.Get(IndexCountMetric(i));
    r.indices[i] = IndexTenths(r.points[i], r.counts[i]);
  }
  // Index 6: a procedure published on the portal is also posted at the desk
  // (the desk's copy is printed from the same catalog): 2 points; else 0.
  if (catalog.procedures > 0) {
    r.points[6] = 2LL * catalog.published;
    r.counts[6] = catalog.procedures;
    r.indices[6] = IndexTenths(r.points[6], r.counts[6]);
  }
  // Index 8: feedback due in the period handled on time.
  long long due_feedback = feedback.answered + feedback.open_overdue;
  if (auto p = FeedbackPoints(static_cast<int>(feedback.answered_on_time), static_cast<int>(due_feedback))) {
    r.points[8] = *p;
    r.counts[8] = 1;
    r.indices[8] = IndexTenths(*p, 1);
  }
  // Index 9: online services, with no online dossier resolved late.
  long long received = c.Get(metric::kReceived);
  if (catalog.procedures > 0 && received > 0) {
    double procedures_rate = static_cast<double>(catalog.online_procedures) / catalog.procedures;
    double dossiers_rate = static_cast<double>(c.Get(metric::kReceived, "online")) / static_cast<double>(received);
    bool any_late = c.Get(metric::kResolvedLate, "online") > 0;
    r.points[9] = OnlinePoints(procedures_rate, dossiers_rate, any_late);
    r.counts[9] = 1;
    r.indices[9] = IndexTenths(r.points[9], 1);
  }
  r.agency = AgencyScore(r.indices);
  r.band = BandOfAgency(r.agency.tenths, rules);
  return r;
}

OfficerScoreRow ScoreOfficer(const std::string& officer, const Counters& facts, const ScoringRules& rules) {
  OfficerScoreRow row;
  row.officer = officer;
  for (int i : rules.officer_indices) {
    row.indices[i] = IndexTenths(facts.Get(IndexPointsMetric(i)), facts.Get(IndexCountMetric(i)));
  }
  row.score = OfficerScore(row.indices, rules);
  row.band = BandOfOfficer(row.score.tenths, rules);
  row.dossiers = facts.Get(IndexCountMetric(1));
  return row;
}

IndicatorWeights DefaultIndicatorWeights() {
  IndicatorWeights w;
  w.effective_from = Date{std::chrono::year(2022), std::chrono::month(6), std::chrono::day(23)};
  return w;
}

std::optional<std::string> CheckWeights(const IndicatorWeights& w) {
  double total = 0;
  for (double x : w.weights) {
    if (x < 0 || !std::isfinite(x)) return "Trọng số không được âm.";
    total += x;
  }
  if (std::fabs(total - 100.0) > 1e-9) return "Tổng trọng số của sáu nhóm chỉ số phải bằng 100.";
  return std::nullopt;
}

const IndicatorWeights& WeightsOn(const std::vector<IndicatorWeights>& all, Date day) {
  static const IndicatorWeights kDefault = DefaultIndicatorWeights();
  const IndicatorWeights* best = nullptr;
  for (const auto& w : all) {
    if (w.effective_from <= day && (!best || best->effective_from < w.effective_from)) best = &w;
  }
  return best ? *best : kDefault;
}

Qd766Report ComputeQd766(const ReportSummary& s, const IndicatorWeights& weights) {
  Qd766Report r;
  const auto& f = s.feedback;
  using Rates = std::vector<std::pair<std::string, Rate>>;
  auto group = [](const char* key, const char* label, Rates rates) {
    GroupScore g;
    g.key = key;
    g.label = label;
    g.rates = std::move(rates);
    return g;
  };
  r.groups[0] = group("publicity", "Công khai, minh bạch",
                      {{"Thủ tục được công khai đầy đủ trên Cổng", {s.catalog.published, s.catalog.procedures}}});
  r.groups[1] = group("progress", "Tiến độ giải quyết",
                      {{"Hồ sơ giải quyết trước và đúng hạn", s.on_time},
                       {"Hồ sơ đang giải quyết còn trong hạn",
                        {s.in_progress_within, s.in_progress_within + s.in_progress_overdue}}});
  r.groups[2] = group("online", "Dịch vụ công trực tuyến",
                      {{"Hồ sơ nộp trực tuyến", s.online}, {"Thủ tục trực tuyến toàn trình", s.full_online_procedures}});
  r.groups[3] = group("payment", "Thanh toán trực tuyến", {{"Hồ sơ thanh toán trực tuyến", s.online_payment}});
  r.groups[4] = group("satisfaction", "Mức độ hài lòng",
                      {{"Phản ánh, kiến nghị xử lý đúng hạn", {f.answered_on_time, f.answered + f.open_overdue}},
                       {"Phản ánh không bị đánh giá chưa hài lòng", {f.rated - f.rated_dissatisfied, f.rated}},
                       {"Hồ sơ không bị đánh giá chưa hài lòng", s.satisfaction}});
  r.groups[5] = group("digitization", "Số hóa hồ sơ, kết quả",
                      {{"Hồ sơ trực tiếp, bưu chính được số hóa", s.digitized},
                       {"Kết quả giải quyết điện tử", s.result_digitized_rate}});
  for (int i = 0; i < 6; ++i) {
    GroupScore& g = r.groups[i];
    g.weight = weights.weights[i];
    double sum = 0;
    int n = 0;
    for (const auto& [label, rate] : g.rates) {
      if (auto v = rate.Value()) {
        sum += *v;
        ++n;
      }
    }
    if (n > 0) g.rate = sum / n;
    g.points = g.rate ? std::round(g.weight * *g.rate * 100.0) / 100.0 : 0.0;
    r.total += g.points;
  }
  r.total = std::round(r.total * 100.0) / 100.0;
  return r;
}

}  // namespace motcua::domain
