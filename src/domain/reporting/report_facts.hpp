#pragma once
// The facts a dossier contributes to reports (rules.md §7–§8; Thông tư
// 01/2018 Điều 13–15; QĐ 766/QĐ-TTg): counters keyed by metric, Vietnam's
// calendar day, channel and (for officers' scores) officer.
//
// A dossier's facts are a pure function of its row (DossierReportView), and
// a history row's facts a pure function of that row: storage keeps rollups
// by subtracting a row's old facts and adding its new ones in the same
// transaction as the change, and a rebuild sums the facts of every row, so
// both always agree.

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/time.hpp"
#include "domain/dossier/dossier.hpp"
#include "domain/reporting/report_marks.hpp"

namespace motcua::domain {

// Metric keys, stored in the rollups. Dossier counters:
namespace metric {
inline constexpr const char* kReceived = "received";            // by reception day
inline constexpr const char* kReceivedDigitized = "received_digitized";  // with electronic components
inline constexpr const char* kResolvedEarly = "resolved_early";  // by day the result was ready
inline constexpr const char* kResolvedOnTime = "resolved_on_time";
inline constexpr const char* kResolvedLate = "resolved_late";
inline constexpr const char* kRejected = "rejected";              // refused after appraisal
inline constexpr const char* kCountedLate = "counted_late";      // late, or rescheduled by an apology
inline constexpr const char* kResultDigitized = "result_digitized";  // resolved with an electronic result
inline constexpr const char* kReturned = "returned";
inline constexpr const char* kReturnedOnline = "returned_online";
inline constexpr const char* kRefused = "refused";                // refused at reception (Mẫu 03)
inline constexpr const char* kWithdrawn = "withdrawn";
inline constexpr const char* kApologized = "apologized";          // Mẫu 04 issued
inline constexpr const char* kOpen = "open";                      // in handling, by due day
inline constexpr const char* kPaused = "paused";                  // paused now, by pause day
inline constexpr const char* kRated = "rated";                    // by rating day
inline constexpr const char* kUpheldComplaints = "complaints_upheld";  // by result day
// Thông tư 01/2018 index points and counts ("idx1_points" / "idx1_n").
// Officer facts use the same names with an officer set.
}  // namespace metric

std::string IndexPointsMetric(int index);  // "idx1_points"
std::string IndexCountMetric(int index);   // "idx1_n"
// A criterion's answer count: "r_overall_2" (very satisfied), "_1", "_0".
std::string RatingMetric(RatingCriterion criterion, Satisfaction value);

struct Fact {
  std::string metric;
  Date day{};
  std::string channel;  // desk, postal, online; empty for officer facts
  std::string officer;  // empty: the agency's counter; else an officer's score fact
  std::int64_t value = 1;
};

// What reports need of a dossier's row.
struct DossierReportView {
  std::string agency_code;
  std::string procedure_code;
  Channel channel = Channel::kOnline;
  DossierStatus status = DossierStatus::kDraft;
  std::optional<Timestamp> received_at;
  std::optional<Timestamp> due_at;
  std::optional<Timestamp> decided_at;
  std::optional<Timestamp> paused_at;
  std::optional<Timestamp> apologized_at;
  std::optional<Timestamp> completed_at;
  std::optional<Timestamp> returned_at;
  std::string return_method;
  std::string outcome;  // early, on_time, late
  bool counted_late = false;
  bool rejected = false;  // decided against the applicant after appraisal
  int files = 0;
  int results = 0;
  std::vector<std::string> handlers;
  ReportMarks marks;
};
DossierReportView ReportViewOf(const Dossier& dossier, const ReportMarks& marks);

std::vector<Fact> DossierFacts(const DossierReportView& view);

// A history row: index 2 (each unit's time) from every step closed on or
// before its due time, credited to the step and to the officer who closed it.
struct EventReportView {
  std::string action;
  std::string actor;
  Timestamp at{};
  std::optional<Timestamp> step_due_at;
  Channel channel = Channel::kOnline;  // the dossier's
};
std::vector<Fact> EventFacts(const EventReportView& event);

// `plus` minus `minus`, merged by key; zero entries dropped. The change a
// store applies when a row's facts go from `minus` to `plus`.
std::vector<Fact> FactDelta(const std::vector<Fact>& minus, const std::vector<Fact>& plus);

// Points from a rating answer, for indices 3 and 4 (rules.md §7): very
// satisfied 2, satisfied 1, dissatisfied 0.
int PointsOfAnswer(Satisfaction s);

}  // namespace motcua::domain
