#include "store/report_rebuild.hpp"

#include <map>
#include <tuple>
#include <unordered_map>

#include <soci/soci.h>

#include "store/report_rollup.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

namespace {

// Facts of many dossiers merged first by (agency, procedure, metric, day,
// channel, officer): a few map updates per dossier. When the buffer grows
// large (and at the end) they are expanded to their rollup keys (ancestor
// agencies, grains, all procedures) and written: each key a few times at
// most instead of once per dossier, in bounded memory.
class FactBuffer {
 public:
  explicit FactBuffer(soci::session& sql) : sql_(sql) {}

  void Add(const std::string& agency, const std::string& procedure, const std::vector<domain::Fact>& facts) {
    auto& group = groups_[{agency, procedure}];
    for (const auto& f : facts) {
      auto [it, fresh] = group.try_emplace(FactKey{f.metric, DayPeriod(f.day), f.channel, f.officer}, f);
      if (fresh) ++size_;
      else it->second.value += f.value;
    }
  }

  std::int64_t FlushIfLarge(std::size_t limit = 300000) { return size_ > limit ? Flush() : 0; }

  std::int64_t Flush() {
    RollupAccumulator rows;
    std::vector<domain::Fact> list;
    for (auto& [dims, facts] : groups_) {
      list.clear();
      for (auto& [k, f] : facts) list.push_back(std::move(f));
      rows.Add(Agencies(dims.first), dims.second, list);
    }
    groups_.clear();
    size_ = 0;
    return rows.Flush(sql_);
  }

 private:
  using FactKey = std::tuple<std::string, int, std::string, std::string>;
  const std::vector<std::string>& Agencies(const std::string& agency) {
    auto it = agencies_.find(agency);
    if (it == agencies_.end()) it = agencies_.emplace(agency, RollupAgencies(sql_, agency)).first;
    return it->second;
  }
  soci::session& sql_;
  std::map<std::pair<std::string, std::string>, std::map<FactKey, domain::Fact>> groups_;
  std::size_t size_ = 0;
  std::unordered_map<std::string, std::vector<std::string>> agencies_;
};

std::int64_t CountOf(soci::session& sql, const std::string& query) {
  long long n = 0;
  sql << query, soci::into(n);
  return n;
}

constexpr const char* kStepEvents =
    "e.step_due_at IS NOT NULL AND e.action IN ('forward', 'approve', 'reject', 'return_result')";

}  // namespace

Result<RebuildStats> RebuildReports(Database& db, const std::function<void(std::int64_t, std::int64_t)>& progress,
                                    int chunk) {
  return Guard("rebuild reports", [&]() -> Result<RebuildStats> {
    Database::Lease sql(db);
    WriteTransaction tx(*sql, db.dialect());
    // Changes that would move a figure wait until the rebuild commits; they
    // then apply their difference on top of the rebuilt figures.
    if (db.dialect() == Dialect::kPostgres) *sql << "LOCK TABLE report_rollup IN EXCLUSIVE MODE";
    *sql << "DELETE FROM report_rollup";
    RebuildStats stats;
    const std::int64_t dossiers = CountOf(*sql, "SELECT COUNT(*) FROM dossiers");
    const std::int64_t events =
        CountOf(*sql, std::string("SELECT COUNT(*) FROM dossier_events e WHERE ") + kStepEvents);
    const std::int64_t total = dossiers + events;
    FactBuffer buffer(*sql);

    long long after = 0;
    for (;;) {
      ReportViewRow row;
      soci::statement st(*sql);
      st.alloc();
      st.prepare(std::string("SELECT ") + kReportViewColumns + " FROM dossiers d WHERE d.id > :after ORDER BY d.id LIMIT " +
                 std::to_string(chunk));
      row.Bind(st);
      st.exchange(soci::use(after));
      st.define_and_bind();
      st.execute(false);
      int n = 0;
      while (st.fetch()) {
        auto view = row.ToView();
        buffer.Add(view.agency_code, view.procedure_code, domain::DossierFacts(view));
        after = row.id;
        ++n;
      }
      stats.dossiers += n;
      stats.rows += buffer.FlushIfLarge();
      if (progress) progress(stats.dossiers, total);
      if (n < chunk) break;
    }

    // History: index 2 from every step closed, keyset on the row id.
    long long after_event = 0;
    for (;;) {
      long long event_id = 0;
      std::string action, actor, at, due, agency, procedure, channel;
      soci::indicator due_ind = soci::i_null;
      soci::statement st =
          (sql->prepare << "SELECT e.id, e.action, e.actor, e.at, e.step_due_at, "
                           "CASE WHEN e.agency_code = '' THEN d.agency_code ELSE e.agency_code END, d.procedure_code, "
                           "d.channel FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE " +
                               std::string(kStepEvents) + " AND e.id > :after ORDER BY e.id LIMIT " +
                               std::to_string(chunk),
           soci::use(after_event), soci::into(event_id), soci::into(action), soci::into(actor), soci::into(at),
           soci::into(due, due_ind), soci::into(agency), soci::into(procedure), soci::into(channel));
      st.execute();
      int n = 0;
      while (st.fetch()) {
        domain::EventReportView e{action, actor, ParseTimestamp(at).value_or(Timestamp{}),
                                  due_ind == soci::i_ok ? ParseTimestamp(due) : std::nullopt,
                                  domain::ParseChannel(channel).value_or(domain::Channel::kOnline)};
        buffer.Add(agency, procedure, domain::EventFacts(e));
        after_event = event_id;
        ++n;
      }
      stats.events += n;
      stats.rows += buffer.FlushIfLarge();
      if (progress) progress(stats.dossiers + stats.events, total);
      if (n < chunk) break;
    }
    stats.rows += buffer.Flush();
    tx.Commit();
    return stats;
  });
}

}  // namespace motcua::store
