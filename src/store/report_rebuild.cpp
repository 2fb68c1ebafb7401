#include "store/report_rebuild.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
#include <new>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sys/mman.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "store/report_rollup.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

namespace {

// Every string of a rollup key (agency, procedure, officer, metric,
// channel) as a dense id, so the facts of millions of dossiers are summed
// under keys of a few integers instead of tuples of strings. Id 0 is "".
class Dictionary {
 public:
  Dictionary() { Id(""); }

  std::uint32_t Id(std::string_view text) {
    auto it = ids_.find(text);
    if (it != ids_.end()) return it->second;
    texts_.emplace_back(text);
    auto id = static_cast<std::uint32_t>(texts_.size() - 1);
    ids_.emplace(texts_.back(), id);  // the view points into the deque, which never moves its strings
    return id;
  }
  const std::string& Text(std::uint32_t id) const { return texts_[id]; }
  std::size_t size() const { return texts_.size(); }

 private:
  std::deque<std::string> texts_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

std::uint64_t Mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

std::uint64_t Finalize(std::uint64_t x) {  // splitmix64's finalizer: spreads the low bits used as slot index
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A fact of one (agency, procedure) before it is spread to its rollup keys.
struct FactKey {
  std::uint32_t agency = 0, procedure = 0, metric = 0, channel = 0, officer = 0;
  std::int32_t day = 0;  // days since 1970-01-01
  bool operator==(const FactKey&) const = default;
  std::uint64_t Hash() const {
    std::uint64_t h = agency;
    for (std::uint64_t v : {std::uint64_t{procedure}, std::uint64_t{metric}, std::uint64_t{channel},
                            std::uint64_t{officer}, static_cast<std::uint64_t>(static_cast<std::uint32_t>(day))}) {
      h = Mix(h, v);
    }
    return Finalize(h);
  }
};

// A report_rollup primary key; the strings as dictionary ids (or, once
// sorted for writing, as their ranks in byte order).
struct RowKey {
  std::uint32_t grain = 0, agency = 0, procedure = 0, officer = 0, metric = 0;
  std::int32_t period = 0;
  std::uint32_t channel = 0;
  bool operator==(const RowKey&) const = default;
  auto operator<=>(const RowKey&) const = default;  // the table's primary key order
  std::uint64_t Hash() const {
    std::uint64_t h = grain;
    for (std::uint64_t v : {std::uint64_t{agency}, std::uint64_t{procedure}, std::uint64_t{officer},
                            std::uint64_t{metric}, static_cast<std::uint64_t>(static_cast<std::uint32_t>(period)),
                            std::uint64_t{channel}}) {
      h = Mix(h, v);
    }
    return Finalize(h);
  }
};

// Memory for the sums' slots, zeroed, from mmap and marked for transparent
// huge pages: the slots are updated at random, and with 4 KiB pages nearly
// every update of a table of a hundred megabytes misses the TLB as well as
// the cache (on a virtual machine a page walk costs several memory reads).
class ZeroedMemory {
 public:
  ZeroedMemory() = default;
  explicit ZeroedMemory(std::size_t bytes) : bytes_(bytes) {
    void* p = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    data_ = p;
    if (bytes_ >= kHugePage) madvise(data_, bytes_, MADV_HUGEPAGE);  // a hint: without it only slower
  }
  ~ZeroedMemory() {
    if (data_) munmap(data_, bytes_);
  }
  ZeroedMemory(ZeroedMemory&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)), bytes_(std::exchange(o.bytes_, 0)) {}
  ZeroedMemory& operator=(ZeroedMemory&& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(bytes_, o.bytes_);
    return *this;
  }
  void* data() const { return data_; }

 private:
  static constexpr std::size_t kHugePage = 2u << 20;
  void* data_ = nullptr;
  std::size_t bytes_ = 0;
};

// Sums by key in one flat array (open addressing, linear probing): one
// cache miss per update, no allocation per key. A slot of all zero bytes is
// free, so fresh pages need no initialization.
template <typename Key>
class Sums {
 public:
  struct Slot {
    Key key;
    bool used;  // beside the key's last int: 40 bytes a slot for both keys
    std::int64_t value;
  };
  static_assert(std::is_trivially_copyable_v<Slot>);

  void Add(const Key& key, std::int64_t value) {
    if ((size_ + 1) * 10 > capacity_ * 7) Grow();
    std::size_t mask = capacity_ - 1;
    for (std::size_t i = key.Hash() & mask;; i = (i + 1) & mask) {
      Slot& s = slots()[i];
      if (!s.used) {
        s.key = key;
        s.value = value;
        s.used = true;
        ++size_;
        return;
      }
      if (s.key == key) {
        s.value += value;
        return;
      }
    }
  }
  std::size_t size() const { return size_; }

  // Moves the non-zero sums to the front, in no order, and returns them;
  // they stay valid until Clear(). Add() must not be called before Clear().
  std::span<Slot> Compact() {
    std::size_t n = 0;
    for (std::size_t i = 0; i < capacity_; ++i) {
      if (slots()[i].used && slots()[i].value != 0) slots()[n++] = slots()[i];
    }
    return {slots(), n};
  }
  // Empties the map; its memory is kept (zeroed) for the next sums, and
  // dropped when more than `keep` slots: pages already mapped cost a memset,
  // fresh ones a page fault each.
  void Clear(std::size_t keep = 0) {
    if (capacity_ > keep) {
      memory_ = ZeroedMemory();
      capacity_ = 0;
    } else if (capacity_ > 0) {
      std::memset(memory_.data(), 0, capacity_ * sizeof(Slot));
    }
    size_ = 0;
  }
  // Room for `n` keys without growing (each growth re-adds every key).
  void Reserve(std::size_t n) {
    while (n * 10 > capacity_ * 7) Grow();
  }

 private:
  Slot* slots() const { return static_cast<Slot*>(memory_.data()); }
  void Grow() {
    Sums bigger;
    bigger.capacity_ = std::max<std::size_t>(4096, capacity_ * 2);
    bigger.memory_ = ZeroedMemory(bigger.capacity_ * sizeof(Slot));
    for (std::size_t i = 0; i < capacity_; ++i) {
      if (slots()[i].used) bigger.Add(slots()[i].key, slots()[i].value);
    }
    *this = std::move(bigger);
  }
  ZeroedMemory memory_;
  std::size_t capacity_ = 0, size_ = 0;
};

constexpr const char* kRollupColumns = "grain, agency_code, procedure_code, officer, metric, period, channel, value";

// Rows streamed into a table with PostgreSQL's COPY (text format), through
// the session's libpq connection. Throws std::runtime_error with the
// server's message; the caller's transaction then rolls back.
class PostgresCopy {
 public:
  PostgresCopy(soci::session& sql, const char* table)
      : conn_(static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_) {
    Check(PQexec(conn_, (std::string("COPY ") + table + " (" + kRollupColumns + ") FROM STDIN").c_str()),
          PGRES_COPY_IN);
  }
  PostgresCopy(const PostgresCopy&) = delete;
  PostgresCopy& operator=(const PostgresCopy&) = delete;
  ~PostgresCopy() {
    if (open_) {  // an exception left the copy open: end it so the connection can roll back
      PQputCopyEnd(conn_, "rebuild failed");
      while (PGresult* r = PQgetResult(conn_)) PQclear(r);
    }
  }

  void Add(char grain, std::string_view agency, std::string_view procedure, std::string_view officer,
           std::string_view metric, int period, std::string_view channel, long long value) {
    buffer_ += grain;
    for (std::string_view text : {agency, procedure, officer, metric}) {
      buffer_ += '\t';
      Escape(text);
    }
    buffer_ += '\t';
    buffer_ += std::to_string(period);
    buffer_ += '\t';
    Escape(channel);
    buffer_ += '\t';
    buffer_ += std::to_string(value);
    buffer_ += '\n';
    ++rows_;
    if (buffer_.size() >= (1u << 20)) Send();
  }

  // Ends the copy; returns the rows sent.
  std::int64_t Finish() {
    Send();
    open_ = false;
    if (PQputCopyEnd(conn_, nullptr) != 1) Fail();
    Check(PQgetResult(conn_), PGRES_COMMAND_OK);
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
    return rows_;
  }

 private:
  // COPY's text format: backslash, tab, newline and carriage return escaped.
  void Escape(std::string_view text) {
    for (char c : text) {
      switch (c) {
        case '\\': buffer_ += "\\\\"; break;
        case '\t': buffer_ += "\\t"; break;
        case '\n': buffer_ += "\\n"; break;
        case '\r': buffer_ += "\\r"; break;
        default: buffer_ += c;
      }
    }
  }
  void Send() {
    if (!buffer_.empty() && PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) Fail();
    buffer_.clear();
  }
  void Check(PGresult* result, ExecStatusType expected) {
    bool ok = PQresultStatus(result) == expected;
    std::string message = ok ? "" : PQresultErrorMessage(result);
    PQclear(result);
    if (!ok) throw std::runtime_error("COPY report rollups: " + message);
    open_ = expected == PGRES_COPY_IN;
  }
  [[noreturn]] void Fail() { throw std::runtime_error(std::string("COPY report rollups: ") + PQerrorMessage(conn_)); }

  PGconn* conn_;
  std::string buffer_;
  std::int64_t rows_ = 0;
  bool open_ = false;
};

std::int32_t DayNumber(Date day) {
  return static_cast<std::int32_t>(std::chrono::sys_days(day).time_since_epoch().count());
}
Date DateOf(std::int32_t day) { return Date{std::chrono::sys_days(std::chrono::days(day))}; }
std::int32_t FirstOfMonth(std::int32_t day) {
  Date d = DateOf(day);
  return DayNumber(d.year() / d.month() / 1);
}

// Facts of many dossiers summed by (agency, procedure, metric, day,
// channel, officer): a few updates per dossier. Past a bound (and at the
// end) they are spread to their rollup keys (every ancestor agency, both
// grains, all procedures) and summed again; the rows are written once, at
// the end, in primary-key order. Memory depends on the number of distinct
// keys (agencies × procedures × days × metrics), not on dossiers; past a
// second bound the rows are written early (upserts add to what is there).
class RebuildSums {
 public:
  RebuildSums(soci::session& sql, Dialect dialect, std::size_t max_keys)
      : sql_(sql),
        dialect_(dialect),
        max_facts_(std::max<std::size_t>(1, max_keys / 4)),
        max_rows_(std::max<std::size_t>(1, max_keys)) {}

  void Add(std::string_view agency, std::string_view procedure, const std::vector<domain::Fact>& facts) {
    FactKey key;
    key.agency = dict_.Id(agency);
    key.procedure = dict_.Id(procedure);
    for (const auto& f : facts) {
      if (f.value == 0) continue;
      key.metric = dict_.Id(f.metric);
      key.channel = dict_.Id(f.channel);
      key.officer = f.officer.empty() ? 0 : dict_.Id(f.officer);
      key.day = DayNumber(f.day);
      // Officers' facts only have month rows (see Spread): summed by month at once.
      if (key.officer != 0) key.day = FirstOfMonth(key.day);
      facts_.Add(key, f.value);
    }
  }

  // Keeps memory bounded between chunks; returns the rows written, if any.
  std::int64_t Bound() {
    if (facts_.size() > max_facts_) Spread();
    return rows_.size() > max_rows_ ? Write() : 0;
  }

  // Writes every row still in memory; returns the rows written.
  std::int64_t Finish() {
    Spread();
    return Write();
  }

 private:
  // Day rows from each fact; month rows from the facts summed by month
  // first (a month row is then updated once per agency instead of once per
  // day of the month). Officers' scores are by month, quarter and year:
  // month and year rows only, for all procedures.
  void Spread() {
    Sums<FactKey> months;
    auto facts = facts_.Compact();
    // Most facts give two day rows for each of about three agencies, and
    // share them with other agencies' facts: a guess that avoids regrowing.
    rows_.Reserve(std::min(max_rows_ + 1, rows_.size() + facts.size() * 4));
    for (const auto& s : facts) {
      FactKey f = s.key;
      if (f.officer == 0) {
        RowKey row{'d', 0, 0, 0, f.metric, DayPeriod(DateOf(f.day)), f.channel};
        for (std::uint32_t agency : Agencies(f.agency)) {
          row.agency = agency;
          row.procedure = 0;
          rows_.Add(row, s.value);
          if (f.procedure != 0) {
            row.procedure = f.procedure;
            rows_.Add(row, s.value);
          }
        }
      }
      f.day = FirstOfMonth(f.day);
      months.Add(f, s.value);
    }
    facts_.Clear(2 * max_facts_);
    for (const auto& s : months.Compact()) {
      const FactKey& f = s.key;
      RowKey row{'m', 0, 0, f.officer, f.metric, MonthPeriod(DateOf(f.day)), f.channel};
      RowKey year{'y', 0, 0, f.officer, f.metric, static_cast<int>(DateOf(f.day).year()), f.channel};
      for (std::uint32_t agency : Agencies(f.agency)) {
        row.agency = agency;
        row.procedure = 0;
        rows_.Add(row, s.value);
        if (f.officer == 0 && f.procedure != 0) {
          row.procedure = f.procedure;
          rows_.Add(row, s.value);
        }
        if (f.officer != 0) {  // officers also by year (see report_rollup.cpp)
          year.agency = agency;
          rows_.Add(year, s.value);
        }
      }
    }
  }

  // Rows in the table's key order: SQLite appends to its B-tree instead of
  // inserting at random pages (byte order of the texts, as SQLite's BINARY
  // collation compares them).
  std::int64_t Write() {
    std::vector<std::uint32_t> order(dict_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return dict_.Text(a) < dict_.Text(b); });
    std::vector<std::uint32_t> rank(order.size());
    for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;

    auto rows = rows_.Compact();
    for (auto& s : rows) {
      RowKey& k = s.key;
      k = RowKey{k.grain, rank[k.agency], rank[k.procedure], rank[k.officer],
                 rank[k.metric], k.period, rank[k.channel]};
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    auto text = [&](std::uint32_t r) -> const std::string& { return dict_.Text(order[r]); };
    auto write_all = [&](auto& writer) {
      for (const auto& s : rows) {
        const RowKey& k = s.key;
        writer.Add(static_cast<char>(k.grain), text(k.agency), text(k.procedure), text(k.officer), text(k.metric),
                   k.period, text(k.channel), s.value);
      }
      return writer.Finish();
    };
    std::int64_t written = 0;
    if (dialect_ == Dialect::kPostgres) {
      // COPY streams the rows (a round trip per 256-row upsert made the
      // write nine tenths of the rebuild). The table was emptied in this
      // transaction and writers wait on its lock, so the first write cannot
      // conflict; rows written early are added through a staging table.
      if (written_ == 0) {
        PostgresCopy copy(sql_, "report_rollup");
        written = write_all(copy);
      } else {
        sql_ << "CREATE TEMP TABLE IF NOT EXISTS report_rollup_early (LIKE report_rollup) ON COMMIT DROP";
        PostgresCopy copy(sql_, "report_rollup_early");
        written = write_all(copy);
        sql_ << std::string("INSERT INTO report_rollup (") + kRollupColumns + ") SELECT " + kRollupColumns +
                    " FROM report_rollup_early ON CONFLICT (grain, agency_code, procedure_code, officer, metric, "
                    "period, channel) DO UPDATE SET value = report_rollup.value + excluded.value";
        sql_ << "TRUNCATE report_rollup_early";
      }
    } else {
      RollupWriter writer(sql_);
      written = write_all(writer);
    }
    rows_.Clear();
    written_ += written;
    return written;
  }

  const std::vector<std::uint32_t>& Agencies(std::uint32_t agency) {
    auto it = agencies_.find(agency);
    if (it == agencies_.end()) {
      std::vector<std::uint32_t> ids;
      for (const auto& code : RollupAgencies(sql_, dict_.Text(agency))) ids.push_back(dict_.Id(code));
      it = agencies_.emplace(agency, std::move(ids)).first;
    }
    return it->second;
  }

  soci::session& sql_;
  const Dialect dialect_;
  const std::size_t max_facts_, max_rows_;
  std::int64_t written_ = 0;
  Dictionary dict_;
  Sums<FactKey> facts_;
  Sums<RowKey> rows_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> agencies_;
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
                                    int chunk, std::size_t max_keys) {
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
    RebuildSums sums(*sql, db.dialect(), max_keys);

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
        sums.Add(view.agency_code, view.procedure_code, domain::DossierFacts(view));
        after = row.id;
        ++n;
      }
      stats.dossiers += n;
      stats.rows += sums.Bound();
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
        sums.Add(agency, procedure, domain::EventFacts(e));
        after_event = event_id;
        ++n;
      }
      stats.events += n;
      stats.rows += sums.Bound();
      if (progress) progress(stats.dossiers + stats.events, total);
      if (n < chunk) break;
    }
    stats.rows += sums.Finish();
    tx.Commit();
    if (db.dialect() == Dialect::kPostgres) {
      // Every row of the table is new: without statistics and a visibility
      // map the dashboards planned blind and fetched heap pages for their
      // index-only reads until autovacuum came round (at 10,000,000 dossiers
      // it was still working while the benchmark measured). Outside the
      // transaction: VACUUM cannot run inside one.
      *sql << "VACUUM (ANALYZE) report_rollup";
    }
    return stats;
  });
}

}  // namespace motcua::store
