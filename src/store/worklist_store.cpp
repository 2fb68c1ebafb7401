#include "store/worklist_store.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <soci/soci.h>

#include "core/text.hpp"
#include "store/audit_writer.hpp"
#include "store/cached_query.hpp"
#include "store/sql.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

using namespace motcua::domain;
using app::WorklistTab;

namespace {

// Open dossiers: in handling, or decided and not yet returned. The same text
// as the WHERE of the partial indexes in migrations_handling.cpp: SQLite
// uses a partial index only when the query repeats its terms.
constexpr const char* kOpen =
    "d.status IN ('accepted', 'paused', 'appraisal_supplement', 'result_ready', 'rejected') "
    "AND d.returned_at IS NULL";

// Statuses whose deadline runs (domain::IsInHandling), for the due filter.
constexpr const char* kInHandling = "d.status IN ('accepted', 'paused', 'appraisal_supplement')";

constexpr const char* kItemColumns =
    "d.id, d.version, d.code, d.procedure_code, d.procedure_name, d.agency_code, d.applicant_name, d.channel, "
    "d.status, d.step, d.step_agency, d.assignee, d.submitted_at, d.received_at, d.due_at, d.step_due_at, "
    "d.created_at";

constexpr std::size_t kMaxText = 100;


bool IsOpenTab(WorklistTab tab) { return tab != WorklistTab::kReception && tab != WorklistTab::kAll; }

// The receiving agency or the unit holding the step is in scope.
void AnyScope(Sql& q, const std::vector<std::string>& agencies) {
  if (agencies.empty()) {
    q << "1 = 1";
    return;
  }
  q << "(";
  q.In("d.agency_code", agencies);
  q << " OR ";
  q.In("d.step_agency", agencies);
  q << ")";
}

void StepScope(Sql& q, const std::vector<std::string>& agencies) {
  if (agencies.empty()) {
    q << "1 = 1";
  } else {
    q.In("d.step_agency", agencies);
  }
}

// Appends the tab's own condition (what Counts counts).
void TabCondition(Sql& q, const app::WorklistQuery& query, WorklistTab tab) {
  const auto& scope = query.agencies;
  switch (tab) {
    case WorklistTab::kMine:
      q << kOpen << " AND d.assignee = ";
      q.Text(query.username);
      return;
    case WorklistTab::kUnit:
      q << kOpen << " AND d.assignee IS NULL AND ";
      StepScope(q, scope);
      if (query.step_role) {
        q << " AND d.step_role = ";
        q.Text(RoleKey(*query.step_role));
      }
      return;
    case WorklistTab::kAgency:
      q << kOpen << " AND ";
      AnyScope(q, scope);
      return;
    case WorklistTab::kApproval:
      q << kOpen << " AND d.status = 'accepted' AND d.step_role = 'leader' AND ";
      StepScope(q, scope);
      return;
    case WorklistTab::kConsultations:
      q << kOpen << " AND d.id IN (SELECT c.dossier_id FROM dossier_consultations c WHERE c.replied_at IS NULL";
      if (!scope.empty()) {
        q << " AND ";
        q.In("c.agency_code", scope);
      }
      q << ")";
      return;
    case WorklistTab::kReception:
      q << "d.status = 'submitted'";
      if (!scope.empty()) {
        q << " AND ";
        q.In("d.agency_code", scope);
      }
      return;
    case WorklistTab::kAll:
      AnyScope(q, scope);
      return;
  }
}

// LIKE pattern of `text` lower-cased (ASCII), with % and _ escaped by '\'.
std::string LowerLikePattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out + "%";
}

// Appends the filters of `query`; false if nothing can match.
bool AppendFilters(Sql& q, const app::WorklistQuery& query) {
  if (query.status) {
    q << " AND d.status = ";
    q.Text(DossierStatusKey(*query.status));
  }
  if (query.step) {
    q << " AND d.step = ";
    q.Int(*query.step);
  }
  if (!query.procedure_code.empty()) {
    q << " AND d.procedure_code = ";
    q.Text(query.procedure_code);
  }
  if (query.channel) {
    q << " AND d.channel = ";
    q.Text(ChannelKey(*query.channel));
  }
  if (query.due) {
    // ClassifyDue: overdue past the due time, due soon by soon_limit, else on time.
    switch (*query.due) {
      case DueStatus::kNone:
        q << " AND (d.status NOT IN ('accepted', 'paused', 'appraisal_supplement') OR d.due_at IS NULL)";
        break;
      case DueStatus::kOverdue:
        q << " AND " << kInHandling << " AND d.due_at < ";
        q.Time(query.now);
        break;
      case DueStatus::kDueSoon:
        q << " AND " << kInHandling << " AND d.due_at >= ";
        q.Time(query.now);
        q << " AND d.due_at <= ";
        q.Time(query.soon_limit);
        break;
      case DueStatus::kOnTime:
        q << " AND " << kInHandling << " AND d.due_at > ";
        q.Time(query.soon_limit);
        break;
    }
  }
  const char* range_column = IsOpenTab(query.tab) ? "d.received_at" : "d.created_at";
  if (query.received_from) {
    q << " AND " << range_column << " >= ";
    q.Time(*query.received_from);
  }
  if (query.received_to) {
    q << " AND " << range_column << " < ";
    q.Time(*query.received_to);
  }
  std::string_view text = Trim(query.text);
  if (!text.empty()) {
    bool one_word = text.find_first_of(" \t\r\n") == std::string_view::npos;
    bool has_digit = std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (one_word && has_digit) {
      // A code or an ID number: both indexed, exact.
      q << " AND (d.code = ";
      q.Text(std::string(text));
      q << " OR d.applicant_id_number = ";
      q.Text(std::string(text));
      q << ")";
    } else {
      std::string key = FoldForSearch(text);
      if (key.empty()) return false;
      // Rows written before applicant_name_key existed (or by bulk seeding)
      // have it empty: match them on the lower-cased name instead.
      q << " AND (d.applicant_name_key LIKE ";
      q.Text("%" + key + "%");
      q << " OR (d.applicant_name_key = '' AND LOWER(d.applicant_name) LIKE ";
      q.Text(LowerLikePattern(ToNfc(text).value_or(std::string(text))));
      q << " ESCAPE '\\'))";
    }
  }
  return true;
}

Status CheckQuery(const app::WorklistQuery& query) {
  auto invalid = [](std::string field, std::string message, std::string internal) {
    Error e{ErrorCode::kInvalidArgument, message, std::move(internal), {}};
    e.fields.push_back({std::move(field), std::move(message)});
    return Fail(std::move(e));
  };
  if (query.tab == WorklistTab::kMine && query.username.empty()) {
    return invalid("username", "Thiếu người xử lý.", "worklist mine without username");
  }
  if (query.due && query.due != DueStatus::kNone &&
      (query.now == Timestamp{} || query.soon_limit < query.now)) {
    return invalid("due", "Bộ lọc hạn xử lý không hợp lệ.", "due filter without now/soon_limit");
  }
  if (IsOpenTab(query.tab) && query.after_id > 0 && !query.after_due_at) {
    return invalid("after", "Vị trí trang không hợp lệ.", "open tab keyset without after_due_at");
  }
  if (query.text.size() > kMaxText) {
    return invalid("q", "Từ khóa tìm kiếm quá dài.", "worklist text too long");
  }
  if (!IsValidUtf8(query.text)) return invalid("q", "Từ khóa tìm kiếm không hợp lệ.", "worklist text not UTF-8");
  return {};
}

struct OptText {
  std::string value;
  soci::indicator ind = soci::i_null;
  std::string Text() const { return ind == soci::i_ok ? value : std::string(); }
  std::optional<Timestamp> Time() const { return ind == soci::i_ok ? ParseTimestamp(value) : std::nullopt; }
};

// One row of kItemColumns plus the consultation number.
struct WorklistRow {
  app::WorklistItem item;
  long long id = 0;
  std::string channel, status, created;
  OptText code, step_agency, assignee, submitted, received, due, step_due;
  int consultation = 0;
  soci::indicator consultation_ind = soci::i_null;

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(item.version));
    st.exchange(soci::into(code.value, code.ind));
    st.exchange(soci::into(item.procedure_code));
    st.exchange(soci::into(item.procedure_name));
    st.exchange(soci::into(item.agency_code));
    st.exchange(soci::into(item.applicant_name));
    st.exchange(soci::into(channel));
    st.exchange(soci::into(status));
    st.exchange(soci::into(item.step));
    st.exchange(soci::into(step_agency.value, step_agency.ind));
    st.exchange(soci::into(assignee.value, assignee.ind));
    st.exchange(soci::into(submitted.value, submitted.ind));
    st.exchange(soci::into(received.value, received.ind));
    st.exchange(soci::into(due.value, due.ind));
    st.exchange(soci::into(step_due.value, step_due.ind));
    st.exchange(soci::into(created));
    st.exchange(soci::into(consultation, consultation_ind));
  }

  app::WorklistItem ToItem() const {
    app::WorklistItem copy = item;
    copy.id = id;
    copy.code = code.Text();
    copy.channel = ParseChannel(channel).value_or(Channel::kOnline);
    copy.status = ParseDossierStatus(status).value_or(DossierStatus::kAccepted);
    copy.step_agency = step_agency.Text();
    copy.assignee = assignee.Text();
    copy.submitted_at = submitted.Time();
    copy.received_at = received.Time();
    copy.due_at = due.Time();
    copy.step_due_at = step_due.Time();
    copy.created_at = ParseTimestamp(created).value_or(Timestamp{});
    copy.consultation = consultation_ind == soci::i_ok ? consultation : 0;
    return copy;
  }
};

// Body of a scan notice for the dossier aliased `alias`: names its code and procedure.
std::string NoticeBody(const std::string& alias, const char* what) {
  return "'Hồ sơ ' || COALESCE(" + alias + ".code, '') || ' (' || " + alias + ".procedure_name || ') " + what + "'";
}

constexpr const char* kOverdueBody = "đã quá hạn giải quyết.";
constexpr const char* kDueSoonBody = "sắp đến hạn giải quyết.";

// One kind of flag: which rows, which column, which title and body.
struct FlagKind {
  const char* column;     // the flag column set to `now`
  std::string condition;  // over the unaliased dossiers table
  const char* body;
  const std::string* title;
};

// SQLite: the write lock taken by BEGIN IMMEDIATE keeps the rows still
// between the notices and the flags, so they can be separate statements.
void FlagSqlite(soci::session& sql, const FlagKind& kind, const std::string& now, const std::string& soon,
                int& flagged, int& notices) {
  auto bind_condition = [&](soci::statement& st) {
    // Every condition binds `now`, and the due-soon one also `soon`.
    st.exchange(soci::use(now));
    if (kind.condition.find(":soon") != std::string::npos) st.exchange(soci::use(soon));
  };
  std::string where = kind.condition;
  const std::string body = NoticeBody("d", kind.body);
  const std::string assignee_sql =
      "INSERT INTO notices (user_id, dossier_id, at, title, body) SELECT u.id, d.id, :at, :title, " + body +
      " FROM dossiers d JOIN users u ON u.username = d.assignee WHERE " + where + " AND u.active = 1";
  const std::string leaders_sql =
      "INSERT INTO notices (user_id, dossier_id, at, title, body) SELECT u.id, d.id, :at, :title, " + body +
      " FROM dossiers d JOIN users u ON u.agency_code = d.step_agency AND u.role = 'leader' WHERE " + where +
      " AND u.active = 1 AND (d.assignee IS NULL OR u.username <> d.assignee)";
  for (const std::string* text : {&assignee_sql, &leaders_sql}) {
    soci::statement st(sql);
    st.alloc();
    st.prepare(*text);
    st.exchange(soci::use(now));
    st.exchange(soci::use(*kind.title));
    bind_condition(st);
    st.define_and_bind();
    st.execute(true);
    notices += static_cast<int>(st.get_affected_rows());
  }
  soci::statement update(sql);
  update.alloc();
  update.prepare(std::string("UPDATE dossiers SET ") + kind.column + " = :at WHERE " + where);
  update.exchange(soci::use(now));
  bind_condition(update);
  update.define_and_bind();
  update.execute(true);
  flagged += static_cast<int>(update.get_affected_rows());
}

// PostgreSQL: one statement flags the rows and notifies exactly those,
// whatever commits beside it.
void FlagPostgres(soci::session& sql, const FlagKind& kind, const std::string& now, const std::string& soon,
                  int& flagged, int& notices) {
  bool has_soon = kind.condition.find(":soon") != std::string::npos;
  const std::string body = NoticeBody("f", kind.body);
  std::string text = std::string("WITH flagged AS (UPDATE dossiers d SET ") + kind.column + " = :at WHERE " +
                     kind.condition + " RETURNING d.id, d.code, d.procedure_name, d.assignee, d.step_agency), "
                     "to_assignee AS (INSERT INTO notices (user_id, dossier_id, at, title, body) "
                     "SELECT u.id, f.id, :at2, :title, " + body +
                     " FROM flagged f JOIN users u ON u.username = f.assignee WHERE u.active = 1 RETURNING 1), "
                     "to_leaders AS (INSERT INTO notices (user_id, dossier_id, at, title, body) "
                     "SELECT u.id, f.id, :at3, :title2, " + body +
                     " FROM flagged f JOIN users u ON u.agency_code = f.step_agency AND u.role = 'leader' "
                     "WHERE u.active = 1 AND (f.assignee IS NULL OR u.username <> f.assignee) RETURNING 1) "
                     "SELECT (SELECT COUNT(*) FROM flagged), (SELECT COUNT(*) FROM to_assignee) + "
                     "(SELECT COUNT(*) FROM to_leaders)";
  long long rows = 0, written = 0;
  soci::statement st(sql);
  st.alloc();
  st.prepare(text, soci::details::st_one_time_query);
  st.exchange(soci::into(rows));
  st.exchange(soci::into(written));
  st.exchange(soci::use(now));  // SET
  st.exchange(soci::use(now));  // condition
  if (has_soon) st.exchange(soci::use(soon));
  st.exchange(soci::use(now));
  st.exchange(soci::use(*kind.title));
  st.exchange(soci::use(now));
  st.exchange(soci::use(*kind.title));
  st.define_and_bind();
  st.execute(true);
  flagged += static_cast<int>(rows);
  notices += static_cast<int>(written);
}

// The page query of `query` (checked); false if nothing can match.
// The agency tab over a scope: dossiers received in it, then dossiers held
// in it but received elsewhere (liên thông), each a LIMITed lookup in due
// order on its own index, merged. One OR over both columns has no index in
// due order and sorted every open dossier of the scope for each page.
bool AgencyWorklistSql(const app::WorklistQuery& query, Sql& q) {
  int limit = std::clamp(query.limit, 1, 100);
  for (int part = 0; part < 2; ++part) {
    q << (part == 0 ? "SELECT * FROM (SELECT " : " UNION ALL SELECT * FROM (SELECT ") << kItemColumns
      << ", 0 AS consultation FROM dossiers d WHERE " << kOpen << " AND ";
    if (part == 0) {
      q.In("d.agency_code", query.agencies);
    } else {
      // "d.step_agency <> d.agency_code" repeats the partial index's term
      // (dossiers_open_foreign_step); it follows from the NOT IN below.
      q << "d.step_agency <> d.agency_code AND ";
      q.In("d.step_agency", query.agencies);
      q << " AND NOT ";
      q.In("d.agency_code", query.agencies);
    }
    if (!AppendFilters(q, query)) return false;
    if (query.after_due_at) {
      q << " AND (d.due_at, d.id) > (";
      q.Time(*query.after_due_at);
      q << ", ";
      q.Int(query.after_id);
      q << ")";
    }
    q << " ORDER BY d.due_at, d.id LIMIT " << std::to_string(limit) << (part == 0 ? ") a" : ") b");
  }
  q << " ORDER BY due_at, id LIMIT " << std::to_string(limit);
  return true;
}

bool WorklistSql(const app::WorklistQuery& query, Sql& q) {
  if (query.tab == WorklistTab::kAgency && !query.agencies.empty()) return AgencyWorklistSql(query, q);
  bool consultations = query.tab == WorklistTab::kConsultations;
  q << "SELECT " << kItemColumns;
  if (consultations) {
    q << ", (SELECT MIN(c2.number) FROM dossier_consultations c2 WHERE c2.dossier_id = d.id AND "
         "c2.replied_at IS NULL";
    if (!query.agencies.empty()) {
      q << " AND ";
      q.In("c2.agency_code", query.agencies);
    }
    q << ")";
  } else {
    q << ", 0";
  }
  q << " FROM dossiers d WHERE ";
  TabCondition(q, query, query.tab);
  if (!AppendFilters(q, query)) return false;
  int limit = std::clamp(query.limit, 1, 100);
  if (IsOpenTab(query.tab)) {
    if (query.after_due_at) {
      q << " AND (d.due_at, d.id) > (";
      q.Time(*query.after_due_at);
      q << ", ";
      q.Int(query.after_id);
      q << ")";
    }
    q << " ORDER BY d.due_at, d.id";
  } else {
    if (query.after_id > 0) {
      q << " AND d.id < ";
      q.Int(query.after_id);
    }
    q << " ORDER BY d.id DESC";
  }
  q << " LIMIT " << std::to_string(limit);
  return true;
}

}  // namespace

Result<std::vector<app::WorklistItem>> WorklistStore::Worklist(const app::WorklistQuery& query) {
  if (auto ok = CheckQuery(query); !ok) return Fail(ok.error());
  Sql q;
  if (!WorklistSql(query, q)) return std::vector<app::WorklistItem>{};
  return Guard("worklist", [&]() -> Result<std::vector<app::WorklistItem>> {
    Database::Lease sql(db_);
    std::vector<app::WorklistItem> out;
    RunCached<WorklistRow>(sql, q, [&](const WorklistRow& r) { out.push_back(r.ToItem()); }, PlanReuse::kSqliteOnly);
    return out;
  });
}

Result<std::string> WorklistStore::Explain(const app::WorklistQuery& query) {
  if (auto ok = CheckQuery(query); !ok) return Fail(ok.error());
  Sql q;
  if (!WorklistSql(query, q)) return std::string();
  bool pg = db_.dialect() == Dialect::kPostgres;
  return Guard("explain worklist", [&]() -> Result<std::string> {
    Database::Lease sql(db_);
    std::string plan;
    soci::statement st(*sql);
    st.alloc();
    // SQLite's EXPLAIN QUERY PLAN rows are (id, parent, notused, detail);
    // PostgreSQL's EXPLAIN one text column.
    st.prepare((pg ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + q.str(), soci::details::st_one_time_query);
    soci::row row;
    st.exchange(soci::into(row));
    q.Bind(st);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) {
      plan += row.get<std::string>(pg ? 0 : 3);
      plan += '\n';
    }
    return plan;
  });
}

Result<app::WorklistCounts> WorklistStore::Counts(const app::WorklistQuery& query, int cap) {
  app::WorklistCounts counts;
  counts.cap = std::clamp(cap, 1, 100000);
  const WorklistTab tabs[] = {WorklistTab::kMine,     WorklistTab::kUnit,          WorklistTab::kAgency,
                              WorklistTab::kApproval, WorklistTab::kConsultations, WorklistTab::kReception};
  // One round trip: each tab counted over at most `cap` rows.
  Sql q;
  q << "SELECT ";
  for (std::size_t i = 0; i < std::size(tabs); ++i) {
    if (i) q << ", ";
    if (tabs[i] == WorklistTab::kMine && query.username.empty()) {
      q << "0";
      continue;
    }
    q << "(SELECT COUNT(*) FROM (SELECT 1 FROM dossiers d WHERE ";
    TabCondition(q, query, tabs[i]);
    q << " LIMIT " << std::to_string(counts.cap) << ") t" << std::to_string(i) << ")";
  }
  return Guard("worklist counts", [&]() -> Result<app::WorklistCounts> {
    Database::Lease sql(db_);
    long long values[6] = {};
    RunCached<TextRow<6>>(sql, q, [&](const TextRow<6>& r) {
      for (std::size_t i = 0; i < 6; ++i) values[i] = r.Int(i);
    }, PlanReuse::kSqliteOnly);
    counts.mine = static_cast<int>(values[0]);
    counts.unit = static_cast<int>(values[1]);
    counts.agency = static_cast<int>(values[2]);
    counts.approval = static_cast<int>(values[3]);
    counts.consultations = static_cast<int>(values[4]);
    counts.reception = static_cast<int>(values[5]);
    return counts;
  });
}

Result<app::DueScanResult> WorklistStore::FlagDeadlines(Timestamp now, Timestamp soon_limit,
                                                        const std::string& due_soon_title,
                                                        const std::string& overdue_title,
                                                        const std::string& request_id) {
  return Guard("deadline scan", [&]() -> Result<app::DueScanResult> {
    const std::string now_text = FormatTimestamp(now), soon_text = FormatTimestamp(soon_limit);
    // The terms `status = 'accepted' AND overdue_flagged_at IS NULL` select
    // the partial index dossiers_deadline_scan; keep them literal.
    const FlagKind overdue{"overdue_flagged_at",
                           "status = 'accepted' AND overdue_flagged_at IS NULL AND due_at < :now", kOverdueBody,
                           &overdue_title};
    const FlagKind due_soon{"due_soon_flagged_at",
                            "status = 'accepted' AND overdue_flagged_at IS NULL AND due_soon_flagged_at IS NULL "
                            "AND due_at >= :now AND due_at <= :soon",
                            kDueSoonBody, &due_soon_title};
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    app::DueScanResult result;
    int notices = 0;
    // Overdue first: a dossier past its due time is never also flagged due soon.
    auto flag = db_.dialect() == Dialect::kPostgres ? FlagPostgres : FlagSqlite;
    flag(*sql, overdue, now_text, soon_text, result.overdue, notices);
    flag(*sql, due_soon, now_text, soon_text, result.due_soon, notices);
    result.notices = notices;
    app::AuditEvent audit{now, "system", "dossier.deadline_scan", "",
                          fmt::format("due_soon={} overdue={} notices={}", result.due_soon, result.overdue,
                                      result.notices),
                          request_id};
    WriteAudit(*sql, audit);
    tx.Commit();
    return result;
  });
}

}  // namespace motcua::store
