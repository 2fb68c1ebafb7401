#include "app/reports/report_service.hpp"

#include <algorithm>
#include <map>

#include "app/dossier/dossier_service.hpp"
#include "domain/reporting/report_facts.hpp"

namespace motcua::app {

using domain::CatalogIndex;
using domain::Counters;
using domain::ReportPeriod;
using domain::Role;

std::optional<ReportGrouping> ParseReportGrouping(std::string_view key) {
  if (key.empty() || key == "none") return ReportGrouping::kNone;
  if (key == "agency") return ReportGrouping::kAgency;
  if (key == "procedure") return ReportGrouping::kProcedure;
  if (key == "month") return ReportGrouping::kMonth;
  if (key == "day") return ReportGrouping::kDay;
  return std::nullopt;
}

Result<ReportPeriod> ReportPeriodFrom(const std::string& period, const std::string& from, const std::string& to,
                                      Date today) {
  auto invalid = [](const char* field, const char* message) {
    return Fail(Error{ErrorCode::kInvalidArgument, message, field, {{field, message}}});
  };
  if (!period.empty()) {
    auto p = domain::ParseReportPeriod(period);
    if (!p) return invalid("period", "Kỳ báo cáo không hợp lệ (dạng 2026, 2026-Q3 hoặc 2026-11).");
    return *p;
  }
  if (from.empty() && to.empty()) {
    return *domain::ParseReportPeriod(FormatIsoDate(today).substr(0, 7));
  }
  auto f = ParseIsoDate(from);
  auto t = ParseIsoDate(to);
  if (!f) return invalid("from", "Ngày bắt đầu không hợp lệ (dạng YYYY-MM-DD).");
  if (!t) return invalid("to", "Ngày kết thúc không hợp lệ (dạng YYYY-MM-DD).");
  auto p = domain::RangePeriod(*f, *t);
  if (!p) return invalid("to", "Ngày kết thúc phải sau ngày bắt đầu, trong vòng 5 năm.");
  return *p;
}

ReportService::ReportService(ReportRepository& reports, CatalogService& catalog, FeedbackFiguresSource& feedback,
                             AccountRepository& users, const Clock& clock)
    : reports_(reports), catalog_(catalog), feedback_(feedback), users_(users), clock_(clock) {}

Date ReportService::Today() const { return ToVietnam(clock_.Now()).date; }

Result<std::shared_ptr<const CatalogIndex>> ReportService::Index() { return catalog_.Snapshot(); }

Result<std::string> ReportService::AgencyName(const CatalogIndex& index, const std::string& agency) {
  if (agency.empty()) return std::string("Toàn tỉnh/thành phố");
  const auto* a = index.FindAgency(agency);
  if (!a) return Fail(ErrorCode::kNotFound, "Không tìm thấy cơ quan.", "agency " + agency);
  return a->name;
}

domain::CatalogFigures ReportService::CatalogOf(const CatalogIndex& index, const std::string& agency) {
  domain::CatalogFigures f;
  for (const auto& p : index.catalog().procedures) {
    bool carried = agency.empty();
    for (const auto& a : p.agency_codes) {
      if (carried) break;
      carried = AgencyInScope(index, agency, a);
    }
    if (!carried) continue;
    ++f.procedures;
    ++f.published;  // every catalog procedure is published on the portal with its details
    if (p.online_level != domain::OnlineLevel::kNone) ++f.online_procedures;
    if (p.online_level == domain::OnlineLevel::kFull) ++f.full_online;
    if (!p.fees.empty()) ++f.fee_procedures;
  }
  return f;
}

Result<domain::ReportSummary> ReportService::SummaryOf(const CatalogIndex& index, const std::string& agency,
                                                       const std::string& procedure, const ReportPeriod& period,
                                                       const Counters& counters) {
  auto open = reports_.Open(agency, procedure, Today());
  if (!open) return Fail(open.error());
  domain::FeedbackFigures feedback;
  domain::CatalogFigures catalog;
  if (procedure.empty()) {
    std::vector<std::string> agencies = agency.empty() ? std::vector<std::string>{} : AgencySubtree(index, agency);
    auto f = feedback_.Figures(agencies, FromVietnam(period.from, 0),
                               FromVietnam(Date{std::chrono::sys_days(period.to) + std::chrono::days(1)}, 0));
    if (!f) return Fail(f.error());
    feedback = *f;
    catalog = CatalogOf(index, agency);
  } else if (const auto* p = index.FindProcedure(procedure)) {
    catalog.procedures = catalog.published = 1;
    catalog.online_procedures = p->online_level != domain::OnlineLevel::kNone;
    catalog.full_online = p->online_level == domain::OnlineLevel::kFull;
    catalog.fee_procedures = !p->fees.empty();
  }
  return domain::Summarize(counters, open->before_today, open->from_today, open->paused, catalog, feedback);
}

Result<SummaryReport> ReportService::Summary(const std::string& agency, const ReportPeriod& period,
                                             ReportGrouping grouping) {
  auto index = Index();
  if (!index) return Fail(index.error());
  auto name = AgencyName(**index, agency);
  if (!name) return Fail(name.error());
  if (grouping == ReportGrouping::kDay &&
      std::chrono::sys_days(period.to) - std::chrono::sys_days(period.from) > std::chrono::days(366)) {
    return Fail(Error{ErrorCode::kInvalidArgument, "Chỉ xem theo ngày trong tối đa một năm.", "day grouping",
                      {{"group_by", "Chỉ xem theo ngày trong tối đa một năm."}}});
  }
  SummaryReport report;
  report.agency = agency;
  report.agency_name = *name;
  report.period = period;
  report.as_of = Today();

  auto total = reports_.Sum({{agency}, "", RollupGrouping::kNone, period.from, period.to});
  if (!total) return Fail(total.error());
  Counters counters;
  for (const auto& s : *total) counters.Add(s.metric, s.channel, s.value);
  auto summary = SummaryOf(**index, agency, "", period, counters);
  if (!summary) return Fail(summary.error());
  report.total = *summary;

  if (grouping == ReportGrouping::kNone) return report;
  std::map<std::string, Counters> groups;
  std::vector<std::pair<std::string, std::string>> keys;  // key, label in display order
  if (grouping == ReportGrouping::kAgency) {
    auto children = Children(agency);
    if (!children) return Fail(children.error());
    keys = *children;
    std::vector<std::string> codes;
    for (const auto& [code, label] : keys) codes.push_back(code);
    auto sums = reports_.Sum({codes, "", RollupGrouping::kAgency, period.from, period.to});
    if (!sums) return Fail(sums.error());
    for (const auto& s : *sums) groups[s.agency].Add(s.metric, s.channel, s.value);
  } else {
    RollupGrouping by = grouping == ReportGrouping::kProcedure ? RollupGrouping::kProcedure
                        : grouping == ReportGrouping::kMonth   ? RollupGrouping::kMonth
                                                               : RollupGrouping::kDay;
    auto sums = reports_.Sum({{agency}, "", by, period.from, period.to});
    if (!sums) return Fail(sums.error());
    for (const auto& s : *sums) groups[s.group].Add(s.metric, s.channel, s.value);
    for (const auto& [key, c] : groups) {
      std::string label = key;
      if (grouping == ReportGrouping::kProcedure) {
        if (const auto* p = (*index)->FindProcedure(key)) label = p->name;
      } else if (key.size() == 6) {
        label = key.substr(4, 2) + "/" + key.substr(0, 4);
      } else if (key.size() == 8) {
        label = key.substr(6, 2) + "/" + key.substr(4, 2) + "/" + key.substr(0, 4);
      }
      keys.push_back({key, label});
    }
  }
  for (const auto& [key, label] : keys) {
    ReportRow row{key, label, {}};
    const Counters& c = groups[key];
    if (grouping == ReportGrouping::kAgency) {
      auto s = SummaryOf(**index, key, "", period, c);
      if (!s) return Fail(s.error());
      row.summary = *s;
    } else if (grouping == ReportGrouping::kProcedure) {
      auto s = SummaryOf(**index, agency, key, period, c);
      if (!s) return Fail(s.error());
      row.summary = *s;
    } else {
      // Months and days: counters of the period only; "in progress" is a figure of today.
      row.summary = domain::Summarize(c, 0, 0, 0, {}, {});
    }
    report.rows.push_back(std::move(row));
  }
  return report;
}

Result<IndicatorsReport> ReportService::Indicators(const std::string& agency, const ReportPeriod& period) {
  auto index = Index();
  if (!index) return Fail(index.error());
  auto name = AgencyName(**index, agency);
  if (!name) return Fail(name.error());
  auto sums = reports_.Sum({{agency}, "", RollupGrouping::kNone, period.from, period.to});
  if (!sums) return Fail(sums.error());
  Counters counters;
  for (const auto& s : *sums) counters.Add(s.metric, s.channel, s.value);
  auto summary = SummaryOf(**index, agency, "", period, counters);
  if (!summary) return Fail(summary.error());
  auto weights = reports_.Weights();
  if (!weights) return Fail(weights.error());
  auto rules = RulesOn(period.to);
  if (!rules) return Fail(rules.error());
  IndicatorsReport r;
  r.agency = agency;
  r.agency_name = *name;
  r.period = period;
  r.summary = *summary;
  r.rules = *rules;
  r.indices = domain::ComputeIndicators(counters, summary->catalog, summary->feedback, r.rules);
  r.weights = domain::WeightsOn(*weights, period.to);
  r.qd766 = domain::ComputeQd766(*summary, r.weights);
  return r;
}

bool ReportService::MaySupervise(const Principal* who, const std::string& agency) {
  if (!who) return false;
  const auto& u = who->user;
  if (u.role == Role::kSystemAdmin) return true;
  if (u.role != Role::kSupervisor && u.role != Role::kLeader && u.role != Role::kAgencyAdmin) return false;
  if (u.agency_code.empty()) return u.role == Role::kSupervisor;
  auto index = Index();
  if (!index) return false;
  if (agency.empty()) {
    // The whole province: supervisors and leaders of a top-level agency (UBND tỉnh/thành phố).
    const auto* own = (*index)->FindAgency(u.agency_code);
    return own && own->parent_code.empty() && u.role != Role::kAgencyAdmin;
  }
  return AgencyInScope(**index, u.agency_code, agency);
}

namespace {

Status CheckSupervisor(const Principal* who) {
  if (!who) return Fail(ErrorCode::kUnauthenticated, "Vui lòng đăng nhập.", "no principal");
  const Role r = who->user.role;
  if (r != Role::kSystemAdmin && r != Role::kSupervisor && r != Role::kLeader && r != Role::kAgencyAdmin) {
    return Fail(ErrorCode::kForbidden, "Chỉ lãnh đạo, giám sát và quản trị được xem nội dung này.", "role");
  }
  return Status{};
}

}  // namespace

Result<OfficersReport> ReportService::Officers(const Principal* who, const std::string& agency,
                                               const ReportPeriod& period) {
  if (auto ok = CheckSupervisor(who); !ok) return Fail(ok.error());
  if (!MaySupervise(who, agency)) {
    return Fail(ErrorCode::kNotFound, "Không tìm thấy cơ quan trong phạm vi của Ông/Bà.", "scope");
  }
  auto index = Index();
  if (!index) return Fail(index.error());
  auto name = AgencyName(**index, agency);
  if (!name) return Fail(name.error());
  auto sums = reports_.Sum({{agency}, "", RollupGrouping::kOfficer, period.from, period.to});
  if (!sums) return Fail(sums.error());
  std::map<std::string, Counters> by_officer;
  for (const auto& s : *sums) by_officer[s.group].Add(s.metric, s.channel, s.value);
  auto rules = RulesOn(period.to);
  if (!rules) return Fail(rules.error());
  auto users = users_.ListUsers(true);  // one query, not one per officer
  if (!users) return Fail(users.error());
  std::map<std::string, const domain::User*> by_login;
  for (const auto& u : *users) by_login[u.username] = &u;
  OfficersReport r{agency, *name, period, {}, *rules};
  for (const auto& [officer, c] : by_officer) {
    OfficerReportRow row{domain::ScoreOfficer(officer, c, r.rules), officer, ""};
    if (auto it = by_login.find(officer); it != by_login.end()) {
      row.full_name = it->second->full_name;
      row.agency_code = it->second->agency_code;
    }
    r.rows.push_back(std::move(row));
  }
  std::stable_sort(r.rows.begin(), r.rows.end(), [](const OfficerReportRow& a, const OfficerReportRow& b) {
    if (a.score.score.tenths != b.score.score.tenths) return a.score.score.tenths > b.score.score.tenths;
    return a.score.officer < b.score.officer;
  });
  return r;
}

Result<std::vector<TrendPoint>> ReportService::Trend(const std::string& agency) {
  auto index = Index();
  if (!index) return Fail(index.error());
  if (auto name = AgencyName(**index, agency); !name) return Fail(name.error());
  auto months = domain::TwelveMonthsTo(Today());
  auto sums = reports_.Sum({{agency}, "", RollupGrouping::kMonth, months.front().from, months.back().to});
  if (!sums) return Fail(sums.error());
  std::map<std::string, Counters> by_month;
  for (const auto& s : *sums) by_month[s.group].Add(s.metric, s.channel, s.value);
  std::vector<TrendPoint> out;
  for (const auto& m : months) {
    std::string key = m.key.substr(0, 4) + m.key.substr(5, 2);
    out.push_back({m, domain::Summarize(by_month[key], 0, 0, 0, {}, {})});
  }
  return out;
}

Result<ProcedureYearStats> ReportService::ProcedureYear(const std::string& procedure_code) {
  auto period = domain::YearToDate(Today());
  auto sums = reports_.Sum({{""}, procedure_code, RollupGrouping::kNone, period.from, period.to});
  if (!sums) return Fail(sums.error());
  Counters c;
  for (const auto& s : *sums) c.Add(s.metric, s.channel, s.value);
  auto summary = domain::Summarize(c, 0, 0, 0, {}, {});
  ProcedureYearStats st;
  st.period = period;
  st.online_received = summary.received_online;
  st.online_resolved = c.Get(domain::metric::kResolvedEarly, "online") +
                       c.Get(domain::metric::kResolvedOnTime, "online") +
                       c.Get(domain::metric::kResolvedLate, "online");
  st.received = summary.received;
  st.resolved = summary.resolved;
  st.on_time = summary.on_time;
  st.satisfaction = summary.satisfaction;
  return st;
}

Result<std::vector<DrillRow>> ReportService::Drill(const Principal* who, const std::string& agency,
                                                   const std::string& figure, const std::string& procedure,
                                                   const ReportPeriod& period, std::int64_t after_id) {
  if (auto ok = CheckSupervisor(who); !ok) return Fail(ok.error());
  if (!MaySupervise(who, agency)) {
    return Fail(ErrorCode::kNotFound, "Không tìm thấy cơ quan trong phạm vi của Ông/Bà.", "scope");
  }
  auto index = Index();
  if (!index) return Fail(index.error());
  DrillQuery q;
  if (!agency.empty()) q.agencies = AgencySubtree(**index, agency);  // none: the whole province
  q.procedure = procedure;
  q.figure = figure;
  q.from = FromVietnam(period.from, 0);
  q.to = FromVietnam(Date{std::chrono::sys_days(period.to) + std::chrono::days(1)}, 0);
  q.now = FromVietnam(Today(), 0);  // "overdue" by due day, as the figures count it
  q.after_id = after_id;
  return reports_.Dossiers(q);
}

Result<std::vector<std::pair<std::string, std::string>>> ReportService::Children(const std::string& agency) {
  auto index = Index();
  if (!index) return Fail(index.error());
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& a : (*index)->catalog().agencies) {
    if (a.parent_code == agency) out.push_back({a.code, a.name});
  }
  return out;
}

Result<std::vector<domain::IndicatorWeights>> ReportService::Weights() { return reports_.Weights(); }

Result<domain::ScoringRules> ReportService::RulesOn(Date day) {
  auto all = reports_.ScoringRulesVersions();
  if (!all) return Fail(all.error());
  return domain::RulesOn(*all, day);
}

Result<std::vector<domain::ScoringRules>> ReportService::ScoringRulesVersions() {
  return reports_.ScoringRulesVersions();
}

namespace {

// Report settings (scoring rules, QĐ 766 weights) are changed by system
// administrators and supervisors, from today on: scores already published
// for past periods must not change under their readers.
Status CheckSettingsChange(const Principal* who, Date effective_from, Date today, const char* what) {
  if (!who) return Fail(ErrorCode::kUnauthenticated, "Vui lòng đăng nhập.", "no principal");
  if (who->user.role != Role::kSystemAdmin && who->user.role != Role::kSupervisor) {
    return Fail(ErrorCode::kForbidden, std::string("Chỉ quản trị hệ thống hoặc giám sát được đổi ") + what + ".",
                "role");
  }
  if (effective_from < today) {
    return Fail(Error{ErrorCode::kInvalidArgument, "Ngày áp dụng không được ở quá khứ.", "past",
                      {{"effective_from", "Ngày áp dụng không được ở quá khứ."}}});
  }
  return Status{};
}

}  // namespace

Status ReportService::SetScoringRules(const Principal* who, const domain::ScoringRules& rules, const std::string& note,
                                      const std::string& request_id) {
  if (auto ok = CheckSettingsChange(who, rules.effective_from, Today(), "quy tắc chấm điểm"); !ok) return ok;
  return reports_.SaveScoringRules(
      rules, note, AuditEvent{clock_.Now(), who->user.username, "reports.scoring_rules", "", "", request_id});
}

Status ReportService::SetWeights(const Principal* who, domain::IndicatorWeights weights, const std::string& note,
                                 const std::string& request_id) {
  if (auto ok = CheckSettingsChange(who, weights.effective_from, Today(), "trọng số"); !ok) return ok;
  return reports_.SaveWeights(weights, note,
                              AuditEvent{clock_.Now(), who->user.username, "reports.weights", "", "", request_id});
}

}  // namespace motcua::app
