#pragma once
// Statements prepared once per pooled connection and executed many times.
//
// Preparing costs more than running for the small indexed reads that most
// requests make: SQLite compiles the text each time, and PostgreSQL parses
// and plans it (0.7–1 ms for the dossier list) and needs extra round trips.
// A CachedQuery keeps the prepared statement, the row it reads into and the
// parameter storage together, keyed by the SQL text, on the connection that
// prepared it (Database::Lease::statements()). Only the lease holder touches
// a connection's cache, so no locking is needed.
//
// Rules for callers:
//  - the text must be a pure function of the query's *shape* (which filters,
//    how many IN values): values always go through Sql::Text/Int;
//  - call RunCached inside Guard(): database errors are thrown, and the
//    failed statement is dropped from the cache first.

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <typeinfo>
#include <unordered_map>

#include <soci/soci.h>

#include "core/time.hpp"
#include "store/database.hpp"
#include "store/sql.hpp"

namespace motcua::store {

// The whole number `text` spells, or 0.
long long ParseWholeNumber(const std::string& text);

// A result row of N columns, each read as nullable text: both engines turn
// any column into text, so one row type serves every query.
template <std::size_t N>
class TextRow {
 public:
  void BindInto(soci::statement& st) {
    for (std::size_t i = 0; i < N; ++i) st.exchange(soci::into(values_[i], indicators_[i]));
  }
  bool IsNull(std::size_t i) const { return indicators_[i] != soci::i_ok; }
  // "" for NULL.
  const std::string& Text(std::size_t i) const { return IsNull(i) ? Empty() : values_[i]; }
  // 0 for NULL or text that is not a whole number.
  long long Int(std::size_t i) const { return IsNull(i) ? 0 : ParseWholeNumber(values_[i]); }
  std::optional<Timestamp> Time(std::size_t i) const {
    return IsNull(i) ? std::nullopt : ParseTimestamp(values_[i]);
  }

 private:
  static const std::string& Empty() {
    static const std::string empty;
    return empty;
  }
  std::array<std::string, N> values_{};
  std::array<soci::indicator, N> indicators_{};
};

// The cache of one connection.
class StatementCache {
 public:
  // A prepared statement with the storage it is bound to.
  struct Entry {
    std::shared_ptr<void> row;       // the RowT the statement reads into
    std::deque<Sql::Param> params;   // stable addresses, bound once
    std::unique_ptr<soci::statement> statement;
  };

  explicit StatementCache(Dialect dialect) : dialect_(dialect) {}
  Dialect dialect() const { return dialect_; }
  Entry* Find(const std::string& key);
  // Keeps at most kMaxEntries: past that the cache starts again (texts are
  // shapes, so this happens only if a caller breaks the rule above).
  Entry& Add(const std::string& key, std::unique_ptr<Entry> entry);
  void Drop(const std::string& key);
  // After a statement's rows were read: SQLite keeps its read snapshot open
  // until the statement is reset, which would hold back WAL checkpoints.
  void Release(Entry& entry);
  std::size_t size() const { return entries_.size(); }

  static constexpr std::size_t kMaxEntries = 256;

 private:
  Dialect dialect_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
};

// Whether a statement may keep its plan across runs.
//  kAlways: the best plan does not depend on the values (a unique key).
//  kSqliteOnly: it does (an agency's, an officer's dossiers: agencies differ
//    by orders of magnitude). PostgreSQL switches a prepared statement to a
//    generic plan after five runs, and for a list of several agencies that
//    plan read the whole table backwards for an empty unit (2.6 s instead of
//    0.2 ms). Such statements run unprepared there (one round trip, planned
//    for their values). SQLite plans without looking at values, so it keeps
//    them prepared.
enum class PlanReuse { kAlways, kSqliteOnly };

// Runs `q` on the lease's connection, reusing the statement prepared there
// for the same text and row type, and calls on_row(const RowT&) for each
// row. RowT: default-constructible, with BindInto(soci::statement&).
template <typename RowT, typename OnRow>
void RunCached(Database::Lease& lease, const Sql& q, OnRow&& on_row, PlanReuse reuse = PlanReuse::kAlways) {
  StatementCache& cache = lease.statements();
  if (reuse == PlanReuse::kSqliteOnly && cache.dialect() != Dialect::kSqlite) {
    RowT row;
    Sql values = q;
    soci::statement st(*lease);
    st.alloc();
    st.prepare(q.str(), soci::details::st_one_time_query);
    row.BindInto(st);
    values.Bind(st);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) on_row(static_cast<const RowT&>(row));
    return;
  }
  std::string key = typeid(RowT).name();
  key += '\n';
  key += q.str();
  StatementCache::Entry* entry = cache.Find(key);
  if (entry) {
    auto source = q.params().begin();
    for (auto& p : entry->params) p = *source++;
  } else {
    auto fresh = std::make_unique<StatementCache::Entry>();
    auto row = std::make_shared<RowT>();
    fresh->row = row;
    fresh->params = q.params();
    fresh->statement = std::make_unique<soci::statement>(*lease);
    soci::statement& st = *fresh->statement;
    st.alloc();
    st.prepare(q.str());
    row->BindInto(st);
    for (auto& p : fresh->params) {
      if (p.is_int) {
        st.exchange(soci::use(p.number));
      } else {
        st.exchange(soci::use(p.text));
      }
    }
    st.define_and_bind();
    entry = &cache.Add(key, std::move(fresh));
  }
  try {
    const RowT& row = *static_cast<const RowT*>(entry->row.get());
    entry->statement->execute(false);
    while (entry->statement->fetch()) on_row(row);
    cache.Release(*entry);
  } catch (...) {
    cache.Drop(key);
    throw;
  }
}

}  // namespace motcua::store
