#include "store/report_rollup.hpp"

#include <map>
#include <tuple>

#include "store/report_marks_store.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

using domain::DossierReportView;
using domain::Fact;

int DayPeriod(Date day) {
  return static_cast<int>(day.year()) * 10000 + static_cast<int>(static_cast<unsigned>(day.month())) * 100 +
         static_cast<int>(static_cast<unsigned>(day.day()));
}

int MonthPeriod(Date day) {
  return static_cast<int>(day.year()) * 100 + static_cast<int>(static_cast<unsigned>(day.month()));
}

namespace {

std::optional<Timestamp> TimeOf(const std::string& text, soci::indicator ind) {
  if (ind != soci::i_ok || text.empty()) return std::nullopt;
  return ParseTimestamp(text);
}

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

const char* const kReportViewColumns =
    "d.id, d.agency_code, d.procedure_code, d.channel, d.status, d.received_at, d.due_at, d.decided_at, d.paused_at, "
    "d.apologized_at, d.completed_at, d.returned_at, d.return_method, d.outcome, d.counted_late, d.decision_reason, "
    "d.handlers, d.rating_marks, d.complaints_upheld, "
    "(SELECT COUNT(*) FROM dossier_files f WHERE f.dossier_id = d.id), "
    "(SELECT COUNT(*) FROM dossier_results r WHERE r.dossier_id = d.id)";

void ReportViewRow::Bind(soci::statement& st) {
  st.exchange(soci::into(id));
  st.exchange(soci::into(agency));
  st.exchange(soci::into(procedure));
  st.exchange(soci::into(channel));
  st.exchange(soci::into(status));
  for (int i = 0; i < kTimes; ++i) st.exchange(soci::into(times[i], time_ind[i]));
  st.exchange(soci::into(return_method));
  st.exchange(soci::into(outcome));
  st.exchange(soci::into(counted_late));
  st.exchange(soci::into(decision_reason));
  st.exchange(soci::into(handlers));
  st.exchange(soci::into(marks));
  st.exchange(soci::into(complaints));
  st.exchange(soci::into(files));
  st.exchange(soci::into(results));
}

DossierReportView ReportViewRow::ToView() const {
  DossierReportView v;
  v.agency_code = agency;
  v.procedure_code = procedure;
  v.channel = domain::ParseChannel(channel).value_or(domain::Channel::kOnline);
  v.status = domain::ParseDossierStatus(status).value_or(domain::DossierStatus::kDraft);
  v.received_at = TimeOf(times[0], time_ind[0]);
  v.due_at = TimeOf(times[1], time_ind[1]);
  v.decided_at = TimeOf(times[2], time_ind[2]);
  v.paused_at = TimeOf(times[3], time_ind[3]);
  v.apologized_at = TimeOf(times[4], time_ind[4]);
  v.completed_at = TimeOf(times[5], time_ind[5]);
  v.returned_at = TimeOf(times[6], time_ind[6]);
  v.return_method = return_method;
  v.outcome = outcome;
  v.counted_late = counted_late != 0;
  v.rejected = !decision_reason.empty();
  v.files = static_cast<int>(files);
  v.results = static_cast<int>(results);
  v.handlers = SplitComma(handlers);
  v.marks = domain::ReportMarks::Decode(marks, complaints);
  return v;
}

std::optional<DossierReportView> ReadReportView(soci::session& sql, Dialect dialect, std::int64_t dossier_id,
                                                bool lock) {
  ReportViewRow row;
  long long id = dossier_id;
  soci::statement st(sql);
  st.alloc();
  st.prepare(std::string("SELECT ") + kReportViewColumns + " FROM dossiers d WHERE d.id = :id" +
             (lock && dialect == Dialect::kPostgres ? " FOR UPDATE OF d" : ""));
  row.Bind(st);
  st.exchange(soci::use(id));
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return row.ToView();
}

std::vector<std::string> RollupAgencies(soci::session& sql, const std::string& agency) {
  std::vector<std::string> out;
  std::string code;
  std::string start = agency;
  // Ancestors by the parent links; the depth is bounded to survive a cycle.
  soci::statement st =
      (sql.prepare << "WITH RECURSIVE up(code, parent_code, depth) AS ("
                      " SELECT code, parent_code, 0 FROM agencies WHERE code = :c"
                      " UNION ALL SELECT a.code, a.parent_code, up.depth + 1 FROM agencies a"
                      " JOIN up ON a.code = up.parent_code WHERE up.depth < 16)"
                      " SELECT code FROM up",
       soci::use(start), soci::into(code));
  st.execute();
  while (st.fetch()) out.push_back(code);
  if (out.empty()) out.push_back(agency);  // an agency outside the catalog still counts for itself
  out.push_back("");
  return out;
}

void ApplyRollupDelta(soci::session& sql, const std::vector<std::string>& agencies, const std::string& procedure,
                      const std::vector<Fact>& delta) {
  if (delta.empty()) return;
  // Merge to unique keys first: one multi-row upsert may not touch a row twice.
  using Key = std::tuple<char, std::string, std::string, std::string, std::string, int, std::string>;
  std::map<Key, long long> rows;
  for (const Fact& f : delta) {
    for (const auto& a : agencies) {
      for (char grain : {'d', 'm'}) {
        int period = grain == 'd' ? DayPeriod(f.day) : MonthPeriod(f.day);
        rows[Key{grain, a, "", f.officer, f.metric, period, f.channel}] += f.value;
        if (f.officer.empty() && !procedure.empty()) {
          rows[Key{grain, a, procedure, f.officer, f.metric, period, f.channel}] += f.value;
        }
      }
    }
  }
  std::vector<std::string> grains, agency_codes, procedures, officers, metrics, channels;
  std::vector<int> periods;
  std::vector<long long> values;
  for (const auto& [k, v] : rows) {
    if (v == 0) continue;
    grains.emplace_back(1, std::get<0>(k));
    agency_codes.push_back(std::get<1>(k));
    procedures.push_back(std::get<2>(k));
    officers.push_back(std::get<3>(k));
    metrics.push_back(std::get<4>(k));
    periods.push_back(std::get<5>(k));
    channels.push_back(std::get<6>(k));
    values.push_back(v);
  }
  // Batches of one statement each: one round trip on PostgreSQL per batch.
  constexpr std::size_t kBatch = 200;
  for (std::size_t begin = 0; begin < values.size(); begin += kBatch) {
    std::size_t end = std::min(values.size(), begin + kBatch);
    std::string text =
        "INSERT INTO report_rollup (grain, agency_code, procedure_code, officer, metric, period, channel, value) "
        "VALUES ";
    for (std::size_t i = begin; i < end; ++i) {
      std::string n = std::to_string(i - begin);
      text += (i == begin ? "" : ", ");
      text += "(:g" + n + ", :a" + n + ", :p" + n + ", :o" + n + ", :m" + n + ", :t" + n + ", :c" + n + ", :v" + n + ")";
    }
    text += " ON CONFLICT (grain, agency_code, procedure_code, officer, metric, period, channel) "
            "DO UPDATE SET value = report_rollup.value + excluded.value";
    soci::statement st(sql);
    st.alloc();
    st.prepare(text, soci::details::st_one_time_query);
    for (std::size_t i = begin; i < end; ++i) {
      st.exchange(soci::use(grains[i]));
      st.exchange(soci::use(agency_codes[i]));
      st.exchange(soci::use(procedures[i]));
      st.exchange(soci::use(officers[i]));
      st.exchange(soci::use(metrics[i]));
      st.exchange(soci::use(periods[i]));
      st.exchange(soci::use(channels[i]));
      st.exchange(soci::use(values[i]));
    }
    st.define_and_bind();
    st.execute(true);
  }
}

void ApplyDossierChange(soci::session& sql, const std::optional<DossierReportView>& before,
                        const DossierReportView& after, const std::vector<Fact>& event_facts) {
  std::vector<Fact> plus = domain::DossierFacts(after);
  plus.insert(plus.end(), event_facts.begin(), event_facts.end());
  std::vector<Fact> minus = before ? domain::DossierFacts(*before) : std::vector<Fact>{};
  bool moved = before && (before->agency_code != after.agency_code || before->procedure_code != after.procedure_code);
  if (moved) {
    ApplyRollupDelta(sql, RollupAgencies(sql, before->agency_code), before->procedure_code,
                     domain::FactDelta(minus, {}));
    minus.clear();
  }
  auto delta = domain::FactDelta(minus, plus);
  if (delta.empty()) return;
  ApplyRollupDelta(sql, RollupAgencies(sql, after.agency_code), after.procedure_code, delta);
}

void ChangeReportMarks(soci::session& sql, Dialect dialect, std::int64_t dossier_id,
                       const std::function<void(domain::ReportMarks&)>& change) {
  auto before = ReadReportView(sql, dialect, dossier_id, true);
  if (!before) throw std::out_of_range("no dossier " + std::to_string(dossier_id));
  DossierReportView after = *before;
  change(after.marks);
  std::string marks = after.marks.EncodeRating();
  int complaints = after.marks.complaints_upheld;
  long long id = dossier_id;
  sql << "UPDATE dossiers SET rating_marks = :m, complaints_upheld = :c WHERE id = :id", soci::use(marks),
      soci::use(complaints), soci::use(id);
  ApplyDossierChange(sql, before, after, {});
}

}  // namespace motcua::store
