#include "store/seed_resolutions.hpp"

#include <soci/soci.h>

#include "domain/dossier/handling.hpp"
#include "domain/reporting/report_marks.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

namespace {

// SplitMix64: a well-mixed 64-bit hash of the id and the seed.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double Unit(std::uint64_t& state) {
  state = Mix(state);
  return static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53);
}

struct Candidate {
  long long id = 0;
  std::string channel, received, due, received_by, assignee;
};

}  // namespace

Result<ResolveSummary> ResolveSeededDossiers(Database& db, const ResolveOptions& o,
                                             const std::function<void(std::int64_t)>& progress) {
  return Guard("resolve seeded dossiers", [&]() -> Result<ResolveSummary> {
    ResolveSummary summary;
    Database::Lease sql(db);
    const std::string cutoff = FormatTimestamp(o.now - std::chrono::hours(48));
    long long after = 0;
    std::int64_t seen = 0;
    for (;;) {
      std::vector<Candidate> batch;
      {
        Candidate c;
        soci::indicator assignee_ind = soci::i_null;
        soci::statement st =
            (sql->prepare << "SELECT id, channel, received_at, due_at, received_by, assignee FROM dossiers "
                             "WHERE status = 'accepted' AND id > :after AND received_at < :cutoff ORDER BY id LIMIT 5000",
             soci::use(after), soci::use(cutoff), soci::into(c.id), soci::into(c.channel), soci::into(c.received),
             soci::into(c.due), soci::into(c.received_by), soci::into(c.assignee, assignee_ind));
        st.execute();
        while (st.fetch()) {
          if (assignee_ind != soci::i_ok) c.assignee.clear();
          batch.push_back(c);
        }
      }
      if (batch.empty()) break;
      after = batch.back().id;
      WriteTransaction tx(*sql, db.dialect());
      for (const Candidate& c : batch) {
        std::uint64_t state = Mix(static_cast<std::uint64_t>(c.id) ^ o.seed);
        if (Unit(state) >= o.share) continue;
        auto received = ParseTimestamp(c.received);
        auto due = ParseTimestamp(c.due);
        if (!received || !due || *due <= *received) continue;
        Timestamp completed = *received + std::chrono::duration_cast<std::chrono::milliseconds>(
                                              (*due - *received) * (0.35 + 0.85 * Unit(state)));
        if (completed > o.now - std::chrono::hours(1)) continue;
        const char* outcome = domain::TimelinessKey(domain::ClassifyCompletion(completed, *due));
        bool returned = Unit(state) < 0.9 && completed + std::chrono::hours(2) < o.now;
        std::string status = returned ? "returned" : "result_ready";
        std::string completed_text = FormatTimestamp(completed);
        std::string returned_text = returned ? FormatTimestamp(completed + std::chrono::hours(2)) : "";
        soci::indicator returned_ind = returned ? soci::i_ok : soci::i_null;
        std::string method = returned ? (c.channel == "online" ? "online" : "desk") : "";
        int late = std::string(outcome) == "late" ? 1 : 0;
        std::string handlers = c.received_by;
        if (!c.assignee.empty() && c.assignee != c.received_by) handlers += "," + c.assignee;
        std::string marks;
        if (returned && Unit(state) < 1.0 / 3) {
          domain::Rating r;
          r.rated_at = completed + std::chrono::hours(3);
          for (auto criterion : domain::CriteriaFor(c.channel == "online")) {
            double u = Unit(state);
            auto value = u < 0.05 ? domain::Satisfaction::kDissatisfied
                         : u < 0.45 ? domain::Satisfaction::kSatisfied : domain::Satisfaction::kVerySatisfied;
            r.answers.push_back({criterion, value});
          }
          domain::ReportMarks m;
          m.SetFrom(r);
          marks = m.EncodeRating();
          ++summary.rated;
        }
        long long id = c.id;
        std::string outcome_text = outcome;
        *sql << "UPDATE dossiers SET status = :s, completed_at = :c, returned_at = :r, return_method = :m, "
                "outcome = :o, counted_late = :l, handlers = :h, rating_marks = :k, assignee = NULL, version = version + 1 "
                "WHERE id = :id",
            soci::use(status), soci::use(completed_text), soci::use(returned_text, returned_ind), soci::use(method),
            soci::use(outcome_text), soci::use(late), soci::use(handlers), soci::use(marks), soci::use(id);
        ++summary.resolved;
        if (returned) ++summary.returned;
      }
      tx.Commit();
      seen += static_cast<std::int64_t>(batch.size());
      if (progress) progress(seen);
    }
    return summary;
  });
}

}  // namespace motcua::store
