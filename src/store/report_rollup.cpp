#include "store/report_rollup.hpp"

#include <algorithm>

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

namespace {

constexpr char kSep = '\x1f';
constexpr const char* kUpsertHead =
    "INSERT INTO report_rollup (grain, agency_code, procedure_code, officer, metric, period, channel, value) VALUES ";
constexpr const char* kUpsertTail =
    " ON CONFLICT (grain, agency_code, procedure_code, officer, metric, period, channel) "
    "DO UPDATE SET value = report_rollup.value + excluded.value";
constexpr std::size_t kBatch = 256;

std::string UpsertText(std::size_t rows) {
  std::string text = kUpsertHead;
  for (std::size_t i = 0; i < rows; ++i) {
    std::string n = std::to_string(i);
    text += (i ? ", " : "");
    text += "(:g" + n + ", :a" + n + ", :p" + n + ", :o" + n + ", :m" + n + ", :t" + n + ", :c" + n + ", :v" + n + ")";
  }
  return text + kUpsertTail;
}

struct RowValues {
  std::string grain, agency, procedure, officer, metric, channel;
  int period = 0;
  long long value = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(grain));
    st.exchange(soci::use(agency));
    st.exchange(soci::use(procedure));
    st.exchange(soci::use(officer));
    st.exchange(soci::use(metric));
    st.exchange(soci::use(period));
    st.exchange(soci::use(channel));
    st.exchange(soci::use(value));
  }
};

}  // namespace

struct RollupWriter::Batch {
  std::vector<RowValues> values = std::vector<RowValues>(kBatch);
  std::size_t size = 0;
  std::unique_ptr<soci::statement> full;  // prepared at the first full batch
};

RollupWriter::RollupWriter(soci::session& sql) : sql_(sql), batch_(std::make_unique<Batch>()) {}

RollupWriter::~RollupWriter() = default;

void RollupWriter::Add(char grain, std::string_view agency, std::string_view procedure, std::string_view officer,
                       std::string_view metric, int period, std::string_view channel, long long value) {
  RowValues& v = batch_->values[batch_->size++];
  v.grain.assign(1, grain);
  v.agency.assign(agency);
  v.procedure.assign(procedure);
  v.officer.assign(officer);
  v.metric.assign(metric);
  v.period = period;
  v.channel.assign(channel);
  v.value = value;
  if (batch_->size == kBatch) WriteFull();
}

void RollupWriter::WriteFull() {
  if (!batch_->full) {
    batch_->full = std::make_unique<soci::statement>(sql_);
    batch_->full->alloc();
    batch_->full->prepare(UpsertText(kBatch));
    for (auto& v : batch_->values) v.Bind(*batch_->full);
    batch_->full->define_and_bind();
  }
  batch_->full->execute(true);
  written_ += static_cast<std::int64_t>(kBatch);
  batch_->size = 0;
}

std::int64_t RollupWriter::Finish() {
  if (batch_->size > 0) {
    // The rest in one statement of its own size.
    soci::statement st(sql_);
    st.alloc();
    st.prepare(UpsertText(batch_->size), soci::details::st_one_time_query);
    for (std::size_t i = 0; i < batch_->size; ++i) batch_->values[i].Bind(st);
    st.define_and_bind();
    st.execute(true);
    written_ += static_cast<std::int64_t>(batch_->size);
    batch_->size = 0;
  }
  return written_;
}

void RollupAccumulator::Add(const std::vector<std::string>& agencies, const std::string& procedure,
                            const std::vector<Fact>& facts) {
  std::string key;
  for (const Fact& f : facts) {
    if (f.value == 0) continue;
    for (const auto& a : agencies) {
      for (char grain : {'d', 'm', 'y'}) {
        // Officers' scores are by month, quarter and year: month and year
        // rows only. Year rows are for officers only (a year of officers
        // from month rows read ~22,000 rows per request).
        if (grain == 'd' && !f.officer.empty()) continue;
        if (grain == 'y' && f.officer.empty()) continue;
        std::string period = std::to_string(grain == 'd'   ? DayPeriod(f.day)
                                            : grain == 'm' ? MonthPeriod(f.day)
                                                           : static_cast<int>(f.day.year()));
        auto add = [&](const std::string& proc) {
          key.clear();
          key += grain;
          key += kSep;
          key += a;
          key += kSep;
          key += proc;
          key += kSep;
          key += f.officer;
          key += kSep;
          key += f.metric;
          key += kSep;
          key += period;
          key += kSep;
          key += f.channel;
          rows_[key] += f.value;
        };
        add("");
        if (f.officer.empty() && !procedure.empty()) add(procedure);
      }
    }
  }
}

std::int64_t RollupAccumulator::Flush(soci::session& sql) {
  RollupWriter writer(sql);
  // In key order: concurrent changes upsert overlapping rows (the province,
  // the month), and PostgreSQL deadlocked two transactions that met the same
  // new keys in their hash-map orders (found by bench/handling.sh).
  std::vector<std::pair<const std::string*, long long>> sorted;
  sorted.reserve(rows_.size());
  for (const auto& [key, value] : rows_) {
    if (value != 0) sorted.emplace_back(&key, value);
  }
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
  std::string_view fields[7];
  for (const auto& [key_ptr, value] : sorted) {
    const std::string& key = *key_ptr;
    std::string_view rest = key;
    for (int i = 0; i < 7; ++i) {
      std::size_t end = i < 6 ? rest.find(kSep) : rest.size();
      fields[i] = rest.substr(0, end);
      rest.remove_prefix(i < 6 ? end + 1 : end);
    }
    writer.Add(fields[0][0], fields[1], fields[2], fields[3], fields[4], std::stoi(std::string(fields[5])), fields[6],
               value);
  }
  rows_.clear();
  return writer.Finish();
}

void ApplyRollupDelta(soci::session& sql, const std::vector<std::string>& agencies, const std::string& procedure,
                      const std::vector<Fact>& delta) {
  if (delta.empty()) return;
  RollupAccumulator rows;
  rows.Add(agencies, procedure, delta);
  rows.Flush(sql);
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
