#include "store/feedback_store.hpp"

#include <algorithm>

#include <soci/soci.h>

#include "core/text.hpp"
#include "store/audit_writer.hpp"
#include "store/report_marks_store.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {
namespace {

using domain::Feedback;

constexpr const char* kColumns =
    "id, code, kind, procedure_code, dossier_code, dossier_id, agency_code, title, content, sender_name, "
    "sender_phone, sender_email, sender_user_id, consent_to_publish, status, received_at, due_at, assignee, answer, "
    "answered_by, answered_at, upheld, close_reason, close_note, closed_at, published_title, published_content, "
    "published_answer, published_at, search_key, rating, rating_comment, rated_at, token_hash, version, updated_at";

struct OptText {
  std::string value;
  soci::indicator ind = soci::i_null;
  void Set(const std::optional<Timestamp>& t) {
    value = t ? FormatTimestamp(*t) : std::string();
    ind = t ? soci::i_ok : soci::i_null;
  }
  std::optional<Timestamp> Time() const { return ind == soci::i_ok ? ParseTimestamp(value) : std::nullopt; }
};

struct OptInt {
  long long value = 0;
  soci::indicator ind = soci::i_null;
};

// One row of `feedback`, bound to a statement column by column.
struct Row {
  long long id = 0;
  std::string code, kind, procedure_code, dossier_code;
  OptInt dossier_id;
  std::string agency_code, title, content, sender_name, sender_phone, sender_email;
  OptInt sender_user_id;
  int consent = 0;
  std::string status, received_at, due_at, assignee, answer, answered_by;
  OptText answered_at;
  int upheld = 0;
  soci::indicator upheld_ind = soci::i_null;
  std::string close_reason, close_note;
  OptText closed_at;
  std::string published_title, published_content, published_answer;
  OptText published_at;
  std::string search_key, rating, rating_comment;
  OptText rated_at;
  std::string token_hash;
  int version = 1;
  std::string updated_at;

  void From(const Feedback& f) {
    id = f.id;
    code = f.code;
    kind = domain::FeedbackKindKey(f.kind);
    procedure_code = f.procedure_code;
    dossier_code = f.dossier_code;
    dossier_id = {f.dossier_id, f.dossier_id ? soci::i_ok : soci::i_null};
    agency_code = f.agency_code;
    title = f.title;
    content = f.content;
    sender_name = f.sender.name;
    sender_phone = f.sender.phone;
    sender_email = f.sender.email;
    sender_user_id = {f.sender.user_id.value_or(0), f.sender.user_id ? soci::i_ok : soci::i_null};
    consent = f.consent_to_publish ? 1 : 0;
    status = domain::FeedbackStatusKey(f.status);
    received_at = FormatTimestamp(f.received_at);
    due_at = FormatTimestamp(f.due_at);
    assignee = f.assignee;
    answer = f.answer;
    answered_by = f.answered_by;
    answered_at.Set(f.answered_at);
    upheld = f.upheld.value_or(false) ? 1 : 0;
    upheld_ind = f.upheld ? soci::i_ok : soci::i_null;
    close_reason = f.close_reason ? domain::FeedbackCloseReasonKey(*f.close_reason) : "";
    close_note = f.close_note;
    closed_at.Set(f.closed_at);
    published_title = f.published_title;
    published_content = f.published_content;
    published_answer = f.published_answer;
    published_at.Set(f.published_at);
    search_key = f.status == domain::FeedbackStatus::kPublished
                     ? FoldForSearch(f.published_title + " " + f.published_content + " " + f.published_answer)
                     : std::string();
    rating = f.rating ? domain::SatisfactionKey(*f.rating) : "";
    rating_comment = f.rating_comment;
    rated_at.Set(f.rated_at);
    token_hash = f.token_hash;
    version = f.version;
    updated_at = FormatTimestamp(f.updated_at);
  }

  Feedback To() const {
    Feedback f;
    f.id = id;
    f.code = code;
    f.kind = domain::ParseFeedbackKind(kind).value_or(domain::FeedbackKind::kOther);
    f.procedure_code = procedure_code;
    f.dossier_code = dossier_code;
    f.dossier_id = dossier_id.ind == soci::i_ok ? dossier_id.value : 0;
    f.agency_code = agency_code;
    f.title = title;
    f.content = content;
    f.sender.name = sender_name;
    f.sender.phone = sender_phone;
    f.sender.email = sender_email;
    if (sender_user_id.ind == soci::i_ok) f.sender.user_id = sender_user_id.value;
    f.consent_to_publish = consent != 0;
    f.status = domain::ParseFeedbackStatus(status).value_or(domain::FeedbackStatus::kReceived);
    f.received_at = ParseTimestamp(received_at).value_or(Timestamp{});
    f.due_at = ParseTimestamp(due_at).value_or(Timestamp{});
    f.assignee = assignee;
    f.answer = answer;
    f.answered_by = answered_by;
    f.answered_at = answered_at.Time();
    if (upheld_ind == soci::i_ok) f.upheld = upheld != 0;
    f.close_reason = domain::ParseFeedbackCloseReason(close_reason);
    f.close_note = close_note;
    f.closed_at = closed_at.Time();
    f.published_title = published_title;
    f.published_content = published_content;
    f.published_answer = published_answer;
    f.published_at = published_at.Time();
    f.rating = domain::ParseSatisfaction(rating);
    f.rating_comment = rating_comment;
    f.rated_at = rated_at.Time();
    f.token_hash = token_hash;
    f.version = version;
    f.updated_at = ParseTimestamp(updated_at).value_or(Timestamp{});
    return f;
  }

  void BindInto(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(code));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(procedure_code));
    st.exchange(soci::into(dossier_code));
    st.exchange(soci::into(dossier_id.value, dossier_id.ind));
    st.exchange(soci::into(agency_code));
    st.exchange(soci::into(title));
    st.exchange(soci::into(content));
    st.exchange(soci::into(sender_name));
    st.exchange(soci::into(sender_phone));
    st.exchange(soci::into(sender_email));
    st.exchange(soci::into(sender_user_id.value, sender_user_id.ind));
    st.exchange(soci::into(consent));
    st.exchange(soci::into(status));
    st.exchange(soci::into(received_at));
    st.exchange(soci::into(due_at));
    st.exchange(soci::into(assignee));
    st.exchange(soci::into(answer));
    st.exchange(soci::into(answered_by));
    st.exchange(soci::into(answered_at.value, answered_at.ind));
    st.exchange(soci::into(upheld, upheld_ind));
    st.exchange(soci::into(close_reason));
    st.exchange(soci::into(close_note));
    st.exchange(soci::into(closed_at.value, closed_at.ind));
    st.exchange(soci::into(published_title));
    st.exchange(soci::into(published_content));
    st.exchange(soci::into(published_answer));
    st.exchange(soci::into(published_at.value, published_at.ind));
    st.exchange(soci::into(search_key));
    st.exchange(soci::into(rating));
    st.exchange(soci::into(rating_comment));
    st.exchange(soci::into(rated_at.value, rated_at.ind));
    st.exchange(soci::into(token_hash));
    st.exchange(soci::into(version));
    st.exchange(soci::into(updated_at));
  }

  // The columns a change may set, in the order of kChangeable.
  void BindChangeable(soci::statement& st) {
    st.exchange(soci::use(status));
    st.exchange(soci::use(assignee));
    st.exchange(soci::use(answer));
    st.exchange(soci::use(answered_by));
    st.exchange(soci::use(answered_at.value, answered_at.ind));
    st.exchange(soci::use(upheld, upheld_ind));
    st.exchange(soci::use(close_reason));
    st.exchange(soci::use(close_note));
    st.exchange(soci::use(closed_at.value, closed_at.ind));
    st.exchange(soci::use(published_title));
    st.exchange(soci::use(published_content));
    st.exchange(soci::use(published_answer));
    st.exchange(soci::use(published_at.value, published_at.ind));
    st.exchange(soci::use(search_key));
    st.exchange(soci::use(rating));
    st.exchange(soci::use(rating_comment));
    st.exchange(soci::use(rated_at.value, rated_at.ind));
    st.exchange(soci::use(updated_at));
  }
};

constexpr const char* kChangeable =
    "status = :status, assignee = :assignee, answer = :answer, answered_by = :answered_by, "
    "answered_at = :answered_at, upheld = :upheld, close_reason = :close_reason, close_note = :close_note, "
    "closed_at = :closed_at, published_title = :published_title, published_content = :published_content, "
    "published_answer = :published_answer, published_at = :published_at, search_key = :search_key, "
    "rating = :rating, rating_comment = :rating_comment, rated_at = :rated_at, updated_at = :updated_at";

void WriteNotices(soci::session& sql, const app::FeedbackChange& change) {
  std::string at = FormatTimestamp(change.audit.at);
  if (change.notify_title) {
    // The officers of the responsible agency who answer feedback.
    sql << "INSERT INTO notices (user_id, dossier_id, at, title, body) "
           "SELECT id, NULL, :at, :title, :body FROM users "
           "WHERE agency_code = :agency AND active = 1 AND role IN ('specialist', 'leader', 'agency_admin')",
        soci::use(at), soci::use(*change.notify_title), soci::use(change.notify_body),
        soci::use(change.feedback.agency_code);
  }
  if (change.sender_notice) {
    long long user = change.sender_notice->user_id;
    sql << "INSERT INTO notices (user_id, dossier_id, at, title, body) VALUES (:u, NULL, :at, :t, :b)",
        soci::use(user), soci::use(at), soci::use(change.sender_notice->title),
        soci::use(change.sender_notice->body);
  }
}

// Runs a SELECT of whole rows with positional text parameters.
std::vector<Feedback> SelectRows(soci::session& sql, const std::string& where_and_tail,
                                 const std::vector<std::string>& params) {
  Row r;
  soci::statement st(sql);
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + " FROM feedback " + where_and_tail, soci::details::st_one_time_query);
  r.BindInto(st);
  std::vector<std::string> values = params;
  for (auto& v : values) st.exchange(soci::use(v));
  st.define_and_bind();
  st.execute(false);
  std::vector<Feedback> out;
  while (st.fetch()) out.push_back(r.To());
  return out;
}

}  // namespace

Result<Feedback> FeedbackStore::Insert(const app::FeedbackChange& change) {
  try {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    Row r;
    r.From(change.feedback);
    r.version = 1;
    long long id = 0;
    {
      // Scoped: SQLite refuses to commit while the RETURNING statement is open.
      soci::statement st(*sql);
      st.alloc();
      st.prepare(
          "INSERT INTO feedback (code, kind, procedure_code, dossier_code, dossier_id, agency_code, title, content, "
          "sender_name, sender_phone, sender_email, sender_user_id, consent_to_publish, status, received_at, due_at, "
          "token_hash, version, updated_at) VALUES (:code, :kind, :pc, :dc, :did, :agency, :title, :content, :sn, :sp, "
          ":se, :su, :consent, :status, :received, :due, :token, 1, :updated) RETURNING id");
      st.exchange(soci::use(r.code));
      st.exchange(soci::use(r.kind));
      st.exchange(soci::use(r.procedure_code));
      st.exchange(soci::use(r.dossier_code));
      st.exchange(soci::use(r.dossier_id.value, r.dossier_id.ind));
      st.exchange(soci::use(r.agency_code));
      st.exchange(soci::use(r.title));
      st.exchange(soci::use(r.content));
      st.exchange(soci::use(r.sender_name));
      st.exchange(soci::use(r.sender_phone));
      st.exchange(soci::use(r.sender_email));
      st.exchange(soci::use(r.sender_user_id.value, r.sender_user_id.ind));
      st.exchange(soci::use(r.consent));
      st.exchange(soci::use(r.status));
      st.exchange(soci::use(r.received_at));
      st.exchange(soci::use(r.due_at));
      st.exchange(soci::use(r.token_hash));
      st.exchange(soci::use(r.updated_at));
      st.exchange(soci::into(id));
      st.define_and_bind();
      st.execute(true);
    }
    WriteAudit(*sql, change.audit);
    WriteNotices(*sql, change);
    tx.Commit();
    Feedback f = change.feedback;
    f.id = id;
    f.version = 1;
    return f;
  } catch (const std::exception& e) {
    return Fail(TranslateDbError("insert feedback", e));
  }
}

Result<Feedback> FeedbackStore::Update(const app::FeedbackChange& change) {
  try {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    Row r;
    r.From(change.feedback);
    int expected = change.expected_version;
    int next = expected + 1;
    std::string code = change.feedback.code;
    soci::statement update(*sql);
    update.alloc();
    update.prepare(std::string("UPDATE feedback SET version = :next, ") + kChangeable +
                   " WHERE code = :code AND version = :expected");
    update.exchange(soci::use(next));
    r.BindChangeable(update);
    update.exchange(soci::use(code));
    update.exchange(soci::use(expected));
    update.define_and_bind();
    update.execute(true);
    if (update.get_affected_rows() != 1) {
      int exists = 0;
      *sql << "SELECT COUNT(*) FROM feedback WHERE code = :code", soci::use(code), soci::into(exists);
      if (exists == 0) return Fail(ErrorCode::kNotFound, "Không tìm thấy phản ánh, kiến nghị.", "no feedback");
      return Fail(ErrorCode::kConflict, "Phản ánh, kiến nghị đã được người khác cập nhật. Vui lòng tải lại trang.",
                  "stale feedback version");
    }
    if (change.upheld_delta != 0) {
      // The dossier's link may have been cleared (ON DELETE SET NULL): read it from the row.
      long long dossier_id = 0;
      soci::indicator ind = soci::i_null;
      *sql << "SELECT dossier_id FROM feedback WHERE code = :code", soci::use(code), soci::into(dossier_id, ind);
      if (ind == soci::i_ok && dossier_id > 0) {
        int delta = change.upheld_delta;
        ChangeReportMarks(*sql, db_.dialect(), dossier_id,
                          [delta](domain::ReportMarks& m) { m.complaints_upheld = std::max(0, m.complaints_upheld + delta); });
      }
    }
    WriteAudit(*sql, change.audit);
    WriteNotices(*sql, change);
    tx.Commit();
    Feedback f = change.feedback;
    f.version = next;
    return f;
  } catch (const std::exception& e) {
    return Fail(TranslateDbError("update feedback", e));
  }
}

Result<Feedback> FeedbackStore::FindByCode(const std::string& code) {
  return Guard("find feedback", [&]() -> Result<Feedback> {
    Database::Lease sql(db_);
    auto rows = SelectRows(*sql, "WHERE code = :code", {code});
    if (rows.empty()) return Fail(ErrorCode::kNotFound, "Không tìm thấy phản ánh, kiến nghị.", "no feedback");
    return rows.front();
  });
}

Result<std::vector<Feedback>> FeedbackStore::List(const app::FeedbackQuery& q) {
  return Guard("list feedback", [&]() -> Result<std::vector<Feedback>> {
    if (q.agencies && q.agencies->empty()) return std::vector<Feedback>{};
    std::string where = "WHERE 1 = 1";
    std::vector<std::string> params;
    int n = 0;
    auto param = [&](std::string value) {
      params.push_back(std::move(value));
      return ":p" + std::to_string(n++);
    };
    if (q.published_only) where += " AND status = 'published'";
    if (q.agencies) {
      where += " AND agency_code IN (";
      for (std::size_t i = 0; i < q.agencies->size(); ++i) where += (i ? ", " : "") + param((*q.agencies)[i]);
      where += ")";
    }
    if (q.status) where += " AND status = " + param(domain::FeedbackStatusKey(*q.status));
    if (q.overdue_at) {
      where += " AND status IN ('received', 'in_progress') AND due_at < " + param(FormatTimestamp(*q.overdue_at));
    }
    int words = 0;
    for (const auto& word : SplitWords(q.text)) {
      if (++words > 8) break;
      where += " AND search_key LIKE " + param("%" + word + "%");
    }
    // Ids are ours: no parameter needed.
    if (q.after_id > 0) where += " AND id < " + std::to_string(q.after_id);
    int limit = std::clamp(q.limit, 1, 200);
    Database::Lease sql(db_);
    return SelectRows(*sql, where + " ORDER BY id DESC LIMIT " + std::to_string(limit), params);
  });
}

Result<app::FeedbackCounts> FeedbackStore::Counts(const std::vector<std::string>& agency_codes, Timestamp from,
                                                  Timestamp to, Timestamp now) {
  return Guard("count feedback", [&]() -> Result<app::FeedbackCounts> {
    Database::Lease sql(db_);
    std::vector<std::string> params;
    std::string where = "WHERE ";
    if (!agency_codes.empty()) {
      where += "agency_code IN (";
      for (std::size_t i = 0; i < agency_codes.size(); ++i) {
        where += (i ? ", :a" : ":a") + std::to_string(i);
        params.push_back(agency_codes[i]);
      }
      where += ") AND ";
    }
    where += "received_at >= :from AND received_at < :to";
    params.push_back(FormatTimestamp(from));
    params.push_back(FormatTimestamp(to));
    std::string now_text = FormatTimestamp(now);
    // One pass over the (agency_code, received_at) range.
    std::string query =
        "SELECT COUNT(*),"
        " COALESCE(SUM(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN answered_at IS NOT NULL AND answered_at <= due_at THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN answered_at IS NOT NULL AND answered_at > due_at THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN status IN ('received', 'in_progress') AND due_at < :now THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN rating <> '' THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN rating = 'dissatisfied' THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN upheld = 1 THEN 1 ELSE 0 END), 0)"
        " FROM feedback " + where;
    long long v[9] = {};
    soci::statement st(*sql);
    st.alloc();
    st.prepare(query, soci::details::st_one_time_query);
    for (auto& value : v) st.exchange(soci::into(value));
    st.exchange(soci::use(now_text));
    for (auto& p : params) st.exchange(soci::use(p));
    st.define_and_bind();
    st.execute(true);
    return app::FeedbackCounts{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]};
  });
}

}  // namespace motcua::store
