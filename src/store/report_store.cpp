#include "store/report_store.hpp"

#include <charconv>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <soci/soci.h>

#include "store/audit_writer.hpp"
#include "store/report_rollup.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

using app::RollupGrouping;
using namespace std::chrono;

namespace {

Date FirstOfMonth(Date d) { return d.year() / d.month() / day(1); }
Date LastOfMonth(Date d) { return Date{d.year() / d.month() / last}; }
Date AddDays(Date d, int n) { return Date{sys_days(d) + days(n)}; }

// The period split into the grains that cover it: whole years (officer
// rows only), whole months, and the days at its edges.
struct Split {
  std::vector<std::pair<int, int>> year_ranges;   // yyyy
  std::vector<std::pair<int, int>> month_ranges;  // yyyymm
  std::vector<std::pair<int, int>> day_ranges;    // yyyymmdd
};

Split SplitPeriod(Date from, Date to, bool days_only) {
  Split s;
  if (to < from) return s;
  if (days_only) {
    s.day_ranges.push_back({DayPeriod(from), DayPeriod(to)});
    return s;
  }
  Date first_full = from == FirstOfMonth(from) ? from : AddDays(LastOfMonth(from), 1);
  Date last_full_end = to == LastOfMonth(to) ? to : AddDays(FirstOfMonth(to), -1);
  if (first_full > last_full_end) {
    s.day_ranges.push_back({DayPeriod(from), DayPeriod(to)});
    return s;
  }
  s.month_ranges.push_back({MonthPeriod(first_full), MonthPeriod(last_full_end)});
  if (from < first_full) s.day_ranges.push_back({DayPeriod(from), DayPeriod(AddDays(first_full, -1))});
  if (last_full_end < to) s.day_ranges.push_back({DayPeriod(AddDays(last_full_end, 1)), DayPeriod(to)});
  return s;
}

// Officer facts exist by month and by year: the months the period touches,
// whole calendar years among them read from the year rows (a year of 300
// officers is about 2,500 rows instead of 22,000).
Split SplitOfficerPeriod(Date from, Date to) {
  Split s;
  if (to < from) return s;
  int m1 = MonthPeriod(from), m2 = MonthPeriod(to);
  int first_year = m1 % 100 == 1 ? m1 / 100 : m1 / 100 + 1;
  int last_year = m2 % 100 == 12 ? m2 / 100 : m2 / 100 - 1;
  if (first_year > last_year) {
    s.month_ranges.push_back({m1, m2});
    return s;
  }
  s.year_ranges.push_back({first_year, last_year});
  if (m1 < first_year * 100 + 1) s.month_ranges.push_back({m1, (first_year - 1) * 100 + 12});
  if (m2 > last_year * 100 + 12) s.month_ranges.push_back({(last_year + 1) * 100 + 1, m2});
  return s;
}

std::string GroupColumn(RollupGrouping by, char grain) {
  switch (by) {
    case RollupGrouping::kProcedure: return "procedure_code";
    case RollupGrouping::kOfficer: return "officer";
    case RollupGrouping::kMonth: return grain == 'm' ? "period" : "period / 100";
    case RollupGrouping::kDay: return "period";
    default: return "0";
  }
}

std::string TextOf(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return "";
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string: return r.get<std::string>(i);
    case soci::dt_integer: return std::to_string(r.get<int>(i));
    case soci::dt_long_long: return std::to_string(r.get<long long>(i));
    case soci::dt_unsigned_long_long: return std::to_string(r.get<unsigned long long>(i));
    case soci::dt_double: return std::to_string(static_cast<long long>(r.get<double>(i)));
    default: return "";
  }
}

long long NumberOf(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double: return static_cast<long long>(r.get<double>(i));
    case soci::dt_string: return std::stoll(r.get<std::string>(i));
    default: return 0;
  }
}

}  // namespace

Result<std::vector<app::RollupSum>> ReportStore::Sum(const app::RollupSelection& sel) {
  return Guard("report sums", [&]() -> Result<std::vector<app::RollupSum>> {
    std::map<std::tuple<std::string, std::string, std::string, std::string>, long long> merged;
    if (sel.agencies.empty()) return std::vector<app::RollupSum>{};
    Split split = sel.by == RollupGrouping::kOfficer ? SplitOfficerPeriod(sel.from, sel.to)
                                                      : SplitPeriod(sel.from, sel.to, sel.by == RollupGrouping::kDay);
    Database::Lease sql(db_);
    auto run = [&](char grain, int p1, int p2) {
      // Ungrouped: a constant column, kept out of GROUP BY (PostgreSQL refuses constants there).
      std::string group = GroupColumn(sel.by, grain);
      bool grouped = group != "0";
      const bool by_officer = sel.by == RollupGrouping::kOfficer;
      // Officer rows through their index by period (migration 13); SQLite,
      // without statistics, would take the primary key's officer range.
      std::string text = "SELECT agency_code, " + group + ", metric, channel, SUM(value) FROM report_rollup" +
                         (by_officer && db_.dialect() == Dialect::kSqlite ? " INDEXED BY report_rollup_officer_period"
                                                                           : "") +
                         " WHERE grain = '" + std::string(1, grain) + "' AND agency_code IN (";
      for (std::size_t i = 0; i < sel.agencies.size(); ++i) text += (i ? ", :a" : ":a") + std::to_string(i);
      text += ")";
      // '> ''' rather than '<> ''': a range on the primary key, not a filter over the '' rows.
      text += sel.by == RollupGrouping::kProcedure ? " AND procedure_code > ''" : " AND procedure_code = :p";
      // "<> ''" as in the partial index's own condition; officer facts carry
      // no channel (domain/reporting/report_facts.cpp).
      text += by_officer ? " AND officer <> '' AND channel = ''" : " AND officer = ''";
      text += " AND metric NOT IN ('open', 'paused') AND period BETWEEN :p1 AND :p2 GROUP BY agency_code, " +
              (grouped ? group + ", " : std::string()) + "metric, channel";
      std::vector<std::string> agencies = sel.agencies;
      std::string procedure = sel.procedure;
      soci::row row;
      soci::statement st(*sql);
      st.alloc();
      st.prepare(text);
      st.exchange(soci::into(row));
      for (auto& a : agencies) st.exchange(soci::use(a));
      if (sel.by != RollupGrouping::kProcedure) st.exchange(soci::use(procedure));
      st.exchange(soci::use(p1));
      st.exchange(soci::use(p2));
      st.define_and_bind();
      st.execute(false);
      while (st.fetch()) {
        std::string g = sel.by == RollupGrouping::kNone || sel.by == RollupGrouping::kAgency ? "" : TextOf(row, 1);
        merged[{row.get<std::string>(0), g, row.get<std::string>(2), row.get<std::string>(3)}] += NumberOf(row, 4);
      }
    };
    for (const auto& [y1, y2] : split.year_ranges) run('y', y1, y2);
    for (const auto& [m1, m2] : split.month_ranges) run('m', m1, m2);
    for (const auto& [d1, d2] : split.day_ranges) run('d', d1, d2);
    std::vector<app::RollupSum> out;
    out.reserve(merged.size());
    for (const auto& [k, v] : merged) {
      if (v != 0) out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), v});
    }
    return out;
  });
}

Result<app::OpenFigures> ReportStore::Open(const std::string& agency, const std::string& procedure, Date today) {
  return Guard("open dossiers", [&]() -> Result<app::OpenFigures> {
    Database::Lease sql(db_);
    app::OpenFigures f;
    int day_key = DayPeriod(today);
    std::string a = agency, p = procedure;
    long long before = 0, from = 0, paused = 0;
    soci::indicator bi = soci::i_null, fi = soci::i_null, pi = soci::i_null;
    *sql << "SELECT SUM(CASE WHEN period < :t1 THEN value ELSE 0 END), SUM(CASE WHEN period >= :t2 THEN value ELSE 0 END) "
            "FROM report_rollup WHERE grain = 'd' AND agency_code = :a AND procedure_code = :p AND officer = '' "
            "AND metric = 'open'",
        soci::use(day_key), soci::use(day_key), soci::use(a), soci::use(p), soci::into(before, bi),
        soci::into(from, fi);
    *sql << "SELECT SUM(value) FROM report_rollup WHERE grain = 'm' AND agency_code = :a AND procedure_code = :p "
            "AND officer = '' AND metric = 'paused'",
        soci::use(a), soci::use(p), soci::into(paused, pi);
    f.before_today = bi == soci::i_ok ? before : 0;
    f.from_today = fi == soci::i_ok ? from : 0;
    f.paused = pi == soci::i_ok ? paused : 0;
    return f;
  });
}

Result<std::vector<domain::IndicatorWeights>> ReportStore::Weights() {
  return Guard("indicator weights", [&]() -> Result<std::vector<domain::IndicatorWeights>> {
    Database::Lease sql(db_);
    std::vector<domain::IndicatorWeights> out;
    std::string from, weights;
    soci::statement st = (sql->prepare << "SELECT effective_from, weights FROM indicator_weights ORDER BY effective_from",
                          soci::into(from), soci::into(weights));
    st.execute();
    while (st.fetch()) {
      domain::IndicatorWeights w;
      auto day_opt = ParseIsoDate(from);
      if (!day_opt) continue;
      w.effective_from = *day_opt;
      std::size_t start = 0;
      for (int i = 0; i < 6 && start <= weights.size(); ++i) {
        auto comma = weights.find(',', start);
        if (comma == std::string::npos) comma = weights.size();
        w.weights[i] = std::stod(weights.substr(start, comma - start));
        start = comma + 1;
      }
      out.push_back(w);
    }
    return out;
  });
}

Status ReportStore::SaveWeights(const domain::IndicatorWeights& w, const std::string& note,
                                const app::AuditEvent& audit) {
  if (auto problem = domain::CheckWeights(w)) {
    return Fail(Error{ErrorCode::kInvalidArgument, *problem, "weights", {{"weights", *problem}}});
  }
  return Guard("save indicator weights", [&]() -> Status {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    std::string from = FormatIsoDate(w.effective_from);
    std::string text;
    for (double x : w.weights) text += (text.empty() ? "" : ",") + fmt::format("{}", x);
    std::string at = FormatTimestamp(audit.at), by = audit.actor, n = note;
    *sql << "INSERT INTO indicator_weights (effective_from, weights, note, changed_by, changed_at) "
            "VALUES (:f, :w, :n, :b, :t) ON CONFLICT (effective_from) DO UPDATE SET weights = excluded.weights, "
            "note = excluded.note, changed_by = excluded.changed_by, changed_at = excluded.changed_at",
        soci::use(from), soci::use(text), soci::use(n), soci::use(by), soci::use(at);
    app::AuditEvent a = audit;
    a.target = from;
    a.detail = text;
    WriteAudit(*sql, a);
    tx.Commit();
    return Status{};
  });
}

namespace {

std::string JoinInts(const auto& values) {
  std::string text;
  for (int v : values) text += (text.empty() ? "" : ",") + std::to_string(v);
  return text;
}

std::optional<std::vector<int>> SplitInts(const std::string& text) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    int v = 0;
    auto [end, ec] = std::from_chars(text.data() + start, text.data() + comma, v);
    if (ec != std::errc{} || end != text.data() + comma) return std::nullopt;
    out.push_back(v);
    start = comma + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<domain::ScoringRules>> ReportStore::ScoringRulesVersions() {
  return Guard("scoring rules", [&]() -> Result<std::vector<domain::ScoringRules>> {
    Database::Lease sql(db_);
    std::vector<domain::ScoringRules> out;
    std::string from, officer_indices, bands;
    int full = 0, partial = 0;
    soci::statement st =
        (sql->prepare << "SELECT effective_from, officer_indices, officer_full_tenths, officer_partial_tenths, "
                         "agency_band_tenths FROM scoring_rules ORDER BY effective_from",
         soci::into(from), soci::into(officer_indices), soci::into(full), soci::into(partial), soci::into(bands));
    st.execute();
    while (st.fetch()) {
      auto day = ParseIsoDate(from);
      auto indices = SplitInts(officer_indices);
      auto band_list = SplitInts(bands);
      if (!day || !indices || !band_list || band_list->size() != 4) {
        return Fail(ErrorCode::kInternal, "Quy tắc chấm điểm đã lưu bị hỏng.", "scoring_rules row " + from);
      }
      domain::ScoringRules r;
      r.effective_from = *day;
      r.officer_indices = *indices;
      r.officer_full_tenths = full;
      r.officer_partial_tenths = partial;
      std::copy(band_list->begin(), band_list->end(), r.agency_band_tenths.begin());
      out.push_back(std::move(r));
    }
    return out;
  });
}

Status ReportStore::SaveScoringRules(const domain::ScoringRules& r, const std::string& note,
                                     const app::AuditEvent& audit) {
  if (auto problem = domain::CheckScoringRules(r)) {
    return Fail(Error{ErrorCode::kInvalidArgument, *problem, "scoring rules", {{"rules", *problem}}});
  }
  return Guard("save scoring rules", [&]() -> Status {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    std::string from = FormatIsoDate(r.effective_from), indices = JoinInts(r.officer_indices),
                bands = JoinInts(r.agency_band_tenths), n = note, by = audit.actor, at = FormatTimestamp(audit.at);
    int full = r.officer_full_tenths, partial = r.officer_partial_tenths;
    *sql << "INSERT INTO scoring_rules (effective_from, officer_indices, officer_full_tenths, officer_partial_tenths, "
            "agency_band_tenths, note, changed_by, changed_at) VALUES (:f, :i, :full, :part, :b, :n, :by, :at) "
            "ON CONFLICT (effective_from) DO UPDATE SET officer_indices = excluded.officer_indices, "
            "officer_full_tenths = excluded.officer_full_tenths, officer_partial_tenths = "
            "excluded.officer_partial_tenths, agency_band_tenths = excluded.agency_band_tenths, note = excluded.note, "
            "changed_by = excluded.changed_by, changed_at = excluded.changed_at",
        soci::use(from), soci::use(indices), soci::use(full), soci::use(partial), soci::use(bands), soci::use(n),
        soci::use(by), soci::use(at);
    app::AuditEvent a = audit;
    a.target = from;
    a.detail = fmt::format("officer indices {}; officer thresholds {}/{}; agency bands {}", indices, full, partial,
                           bands);
    WriteAudit(*sql, a);
    tx.Commit();
    return Status{};
  });
}

Result<std::vector<app::DrillRow>> ReportStore::Dossiers(const app::DrillQuery& q) {
  // Each figure as a condition on the dossier row (the same rules as DossierFacts).
  static const std::map<std::string, std::string> kFigures = {
      {"received", "received_at >= :from AND received_at < :to"},
      {"received_online", "channel = 'online' AND received_at >= :from AND received_at < :to"},
      {"received_desk", "channel = 'desk' AND received_at >= :from AND received_at < :to"},
      {"received_postal", "channel = 'postal' AND received_at >= :from AND received_at < :to"},
      {"resolved", "outcome <> '' AND completed_at >= :from AND completed_at < :to"},
      {"resolved_early", "outcome = 'early' AND completed_at >= :from AND completed_at < :to"},
      {"resolved_on_time", "outcome = 'on_time' AND completed_at >= :from AND completed_at < :to"},
      {"resolved_late", "outcome = 'late' AND completed_at >= :from AND completed_at < :to"},
      {"rejected", "decision_reason <> '' AND completed_at >= :from AND completed_at < :to"},
      {"returned", "returned_at >= :from AND returned_at < :to"},
      {"refused", "status = 'refused' AND decided_at >= :from AND decided_at < :to"},
      {"withdrawn", "status = 'withdrawn' AND decided_at >= :from AND decided_at < :to"},
      {"apologized", "apologized_at >= :from AND apologized_at < :to"},
      {"open_overdue", "status IN ('accepted', 'paused', 'appraisal_supplement') AND due_at < :now"},
      {"open_within", "status IN ('accepted', 'paused', 'appraisal_supplement') AND due_at >= :now"},
      {"paused", "status = 'paused'"},
  };
  auto it = kFigures.find(q.figure);
  if (it == kFigures.end()) {
    return Fail(Error{ErrorCode::kInvalidArgument, "Chỉ số cần xem chi tiết không hợp lệ.", "figure " + q.figure,
                      {{"figure", "Chỉ số không hợp lệ."}}});
  }
  return Guard("drill-down dossiers", [&]() -> Result<std::vector<app::DrillRow>> {
    Database::Lease sql(db_);
    std::string cond = it->second;
    bool uses_range = cond.find(":from") != std::string::npos;
    bool uses_now = cond.find(":now") != std::string::npos;
    std::string text =
        "SELECT id, code, procedure_code, procedure_name, agency_code, channel, status, received_at, due_at, "
        "completed_at, outcome FROM dossiers WHERE " + cond;
    if (!q.agencies.empty()) {  // none: the whole province
      text += " AND agency_code IN (";
      for (std::size_t i = 0; i < q.agencies.size(); ++i) text += (i ? ", :a" : ":a") + std::to_string(i);
      text += ")";
    }
    if (!q.procedure.empty()) text += " AND procedure_code = :p";
    if (q.after_id > 0) text += " AND id < :after";
    text += " ORDER BY id DESC LIMIT " + std::to_string(std::clamp(q.limit, 1, 200));
    std::string from = FormatTimestamp(q.from), to = FormatTimestamp(q.to), now = FormatTimestamp(q.now);
    std::vector<std::string> agencies = q.agencies;
    std::string procedure = q.procedure;
    long long after = q.after_id;
    app::DrillRow r;
    long long id = 0;
    std::string code, received, due, completed;
    soci::indicator code_i, received_i, due_i, completed_i;
    soci::statement st(*sql);
    st.alloc();
    st.prepare(text);
    st.exchange(soci::into(id));
    st.exchange(soci::into(code, code_i));
    st.exchange(soci::into(r.procedure_code));
    st.exchange(soci::into(r.procedure_name));
    st.exchange(soci::into(r.agency_code));
    st.exchange(soci::into(r.channel));
    st.exchange(soci::into(r.status));
    st.exchange(soci::into(received, received_i));
    st.exchange(soci::into(due, due_i));
    st.exchange(soci::into(completed, completed_i));
    st.exchange(soci::into(r.outcome));
    if (uses_range) {
      st.exchange(soci::use(from));
      st.exchange(soci::use(to));
    }
    if (uses_now) st.exchange(soci::use(now));
    for (auto& a : agencies) st.exchange(soci::use(a));
    if (!procedure.empty()) st.exchange(soci::use(procedure));
    if (after > 0) st.exchange(soci::use(after));
    st.define_and_bind();
    st.execute(false);
    std::vector<app::DrillRow> out;
    auto time_of = [](const std::string& t, soci::indicator i) -> std::optional<Timestamp> {
      if (i != soci::i_ok) return std::nullopt;
      return ParseTimestamp(t);
    };
    while (st.fetch()) {
      app::DrillRow row = r;
      row.id = id;
      row.code = code_i == soci::i_ok ? code : "";
      row.received_at = time_of(received, received_i);
      row.due_at = time_of(due, due_i);
      row.completed_at = time_of(completed, completed_i);
      out.push_back(std::move(row));
    }
    return out;
  });
}

}  // namespace motcua::store
