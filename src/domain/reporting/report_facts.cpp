#include "domain/reporting/report_facts.hpp"

#include <map>
#include <tuple>

#include "domain/dossier/handling.hpp"
#include "domain/evaluation/scoring.hpp"

namespace motcua::domain {

std::string IndexPointsMetric(int index) { return "idx" + std::to_string(index) + "_points"; }
std::string IndexCountMetric(int index) { return "idx" + std::to_string(index) + "_n"; }

std::string RatingMetric(RatingCriterion criterion, Satisfaction value) {
  return std::string("r_") + RatingCriterionKey(criterion) + "_" + std::to_string(PointsOfAnswer(value));
}

int PointsOfAnswer(Satisfaction s) {
  switch (s) {
    case Satisfaction::kVerySatisfied: return 2;
    case Satisfaction::kSatisfied: return 1;
    case Satisfaction::kDissatisfied: return 0;
  }
  return 0;
}

DossierReportView ReportViewOf(const Dossier& d, const ReportMarks& marks) {
  DossierReportView v;
  v.agency_code = d.agency_code;
  v.procedure_code = d.procedure_code;
  v.channel = d.channel;
  v.status = d.status;
  v.received_at = d.received_at;
  v.due_at = d.due_at;
  v.decided_at = d.decided_at;
  v.paused_at = d.handling.paused_at;
  v.apologized_at = d.handling.apologized_at;
  v.completed_at = d.handling.completed_at;
  v.returned_at = d.handling.returned_at;
  v.return_method = d.handling.return_method;
  v.outcome = d.handling.outcome;
  v.counted_late = d.handling.counted_late;
  v.rejected = !d.handling.decision_reason.empty();
  v.files = static_cast<int>(d.files.size());
  v.results = static_cast<int>(d.handling.results.size());
  v.handlers = d.handling.handlers;
  v.marks = marks;
  return v;
}

namespace {

Date DayOf(Timestamp t) { return ToVietnam(t).date; }

class FactList {
 public:
  FactList(std::string channel) : channel_(std::move(channel)) {}
  // Officer facts carry no channel: scores do not depend on it, and it would
  // triple the officers' rollup rows.
  void Add(const std::string& metric, Date day, std::int64_t value = 1, const std::string& officer = "") {
    facts_.push_back(Fact{metric, day, officer.empty() ? channel_ : std::string(), officer, value});
  }
  // An index's points and its count, for the agency and each officer.
  void AddIndex(int index, int points, Date day, const std::vector<std::string>& officers) {
    Add(IndexPointsMetric(index), day, points);
    Add(IndexCountMetric(index), day, 1);
    for (const auto& o : officers) {
      Add(IndexPointsMetric(index), day, points, o);
      Add(IndexCountMetric(index), day, 1, o);
    }
  }
  std::vector<Fact> Take() { return std::move(facts_); }

 private:
  std::string channel_;
  std::vector<Fact> facts_;
};

}  // namespace

std::vector<Fact> DossierFacts(const DossierReportView& v) {
  FactList out(ChannelKey(v.channel));
  if (v.received_at) {
    Date day = DayOf(*v.received_at);
    out.Add(metric::kReceived, day);
    if (v.files > 0) out.Add(metric::kReceivedDigitized, day);
  }
  if (v.status == DossierStatus::kRefused && v.decided_at) out.Add(metric::kRefused, DayOf(*v.decided_at));
  if (v.status == DossierStatus::kWithdrawn && v.decided_at) out.Add(metric::kWithdrawn, DayOf(*v.decided_at));
  if (IsInHandling(v.status) && v.due_at) out.Add(metric::kOpen, DayOf(*v.due_at));
  if (v.status == DossierStatus::kPaused && v.paused_at) out.Add(metric::kPaused, DayOf(*v.paused_at));
  if (v.apologized_at) out.Add(metric::kApologized, DayOf(*v.apologized_at));
  if (v.completed_at && !v.outcome.empty()) {
    Date day = DayOf(*v.completed_at);
    bool early = v.outcome == "early";
    bool on_time = v.outcome == "on_time";
    out.Add(early ? metric::kResolvedEarly : on_time ? metric::kResolvedOnTime : metric::kResolvedLate, day);
    if (v.rejected) out.Add(metric::kRejected, day);
    if (v.counted_late) out.Add(metric::kCountedLate, day);
    if (v.results > 0) out.Add(metric::kResultDigitized, day);
    if (v.marks.complaints_upheld > 0) out.Add(metric::kUpheldComplaints, day, v.marks.complaints_upheld);
    // Index 1: total time against the legal limit; index 7: staff attitude
    // (early and no valid complaint 2, on time 1, a valid complaint or late 0).
    out.AddIndex(1, early ? 2 : on_time ? 1 : 0, day, v.handlers);
    out.AddIndex(7, AttitudePoints(early, on_time, v.marks.complaints_upheld > 0), day, v.handlers);
  }
  if (v.returned_at) {
    Date day = DayOf(*v.returned_at);
    out.Add(metric::kReturned, day);
    if (v.return_method == "online") out.Add(metric::kReturnedOnline, day);
  }
  if (v.marks.Rated()) {
    Date day = v.marks.rated_on;
    out.Add(metric::kRated, day);
    for (auto c : kAllRatingCriteria) {
      if (auto a = v.marks.Answer(c)) out.Add(RatingMetric(c, *a), day);
    }
    // Indices 3 (contacts needed) and 4 (agencies contacted), as the applicant rated them.
    if (auto a = v.marks.Answer(RatingCriterion::kContacts)) out.AddIndex(3, PointsOfAnswer(*a), day, v.handlers);
    if (auto a = v.marks.Answer(RatingCriterion::kAgencies)) out.AddIndex(4, PointsOfAnswer(*a), day, v.handlers);
  }
  return out.Take();
}

std::vector<Fact> EventFacts(const EventReportView& e) {
  FactList out(ChannelKey(e.channel));
  bool closes_step = e.action == "forward" || e.action == "approve" || e.action == "reject" ||
                     e.action == "return_result";
  if (!closes_step || !e.step_due_at) return out.Take();
  Timeliness t = ClassifyCompletion(e.at, *e.step_due_at);
  int points = t == Timeliness::kEarly ? 2 : t == Timeliness::kOnTime ? 1 : 0;
  std::vector<std::string> officers;
  if (!e.actor.empty()) officers.push_back(e.actor);
  out.AddIndex(2, points, DayOf(e.at), officers);
  return out.Take();
}

std::vector<Fact> FactDelta(const std::vector<Fact>& minus, const std::vector<Fact>& plus) {
  using Key = std::tuple<std::string, int, std::string, std::string>;
  std::map<Key, Fact> merged;
  auto key = [](const Fact& f) {
    return Key{f.metric, static_cast<int>(std::chrono::sys_days(f.day).time_since_epoch().count()), f.channel,
               f.officer};
  };
  for (const auto& f : plus) {
    auto [it, fresh] = merged.try_emplace(key(f), f);
    if (!fresh) it->second.value += f.value;
  }
  for (const auto& f : minus) {
    auto [it, fresh] = merged.try_emplace(key(f), f);
    if (fresh) it->second.value = -f.value;
    else it->second.value -= f.value;
  }
  std::vector<Fact> out;
  for (auto& [k, f] : merged) {
    if (f.value != 0) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace motcua::domain
