#include "store/dossier_store.hpp"

#include <algorithm>
#include <map>

#include <soci/soci.h>

#include "core/text.hpp"
#include "store/audit_writer.hpp"
#include "store/cached_query.hpp"
#include "store/dossier_list_query.hpp"
#include "store/report_rollup.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

using namespace motcua::domain;

namespace {

constexpr const char* kColumns =
    "id, version, code, procedure_code, procedure_name, agency_code, owner_user_id, applicant_name, "
    "applicant_id_number, applicant_phone, applicant_email, applicant_address, applicant_organization, channel, "
    "status, request_note, copies, processing_days, submitted_at, postal_handover_at, received_at, due_at, "
    "decided_at, supplement_items, supplement_note, refusal_reason, received_by, created_at, updated_at, "
    "process_version, step, step_agency, step_role, assignee, step_started_at, step_due_at, paused_at, pause_reason, "
    "original_due_at, apologized_at, apology_reason, apologized_by, completed_at, returned_at, return_method, outcome, "
    "counted_late, decision_reason, supplement_late, restarts, delayed_by, due_soon_flagged_at, overdue_flagged_at, handlers";

constexpr std::size_t CountColumns(const char* text) {
  std::size_t n = 1;
  for (; *text; ++text) n += *text == ',';
  return n;
}
static_assert(CountColumns(kSummaryColumns) == kSummaryColumnCount, "kSummaryColumnCount counts kSummaryColumns");

struct OptText {
  std::string value;
  soci::indicator ind = soci::i_null;
  void SetTime(const std::optional<Timestamp>& t) {
    value = t ? FormatTimestamp(*t) : std::string();
    ind = t ? soci::i_ok : soci::i_null;
  }
  void SetText(const std::string& s) {
    value = s;
    ind = s.empty() ? soci::i_null : soci::i_ok;
  }
  std::optional<Timestamp> Time() const { return ind == soci::i_ok ? ParseTimestamp(value) : std::nullopt; }
  std::string Text() const { return ind == soci::i_ok ? value : std::string(); }
};

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    std::string line = item;
    for (char& c : line) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// Every column of one dossier row, bound for reading or writing.
struct Row {
  long long id = 0;
  int version = 0;
  OptText code;
  std::string procedure_code, procedure_name, agency_code;
  long long owner = 0;
  soci::indicator owner_ind = soci::i_null;
  std::string name, id_number, phone, email, address, organization, channel, status, note;
  int copies = 1;
  double processing_days = 0;
  OptText submitted, handover, received, due, decided;
  std::string supplement_items, supplement_note, refusal_reason, received_by, created, updated;
  // Handling (giải quyết).
  int process_version = 0, step = -1;
  OptText step_agency;
  std::string step_role;
  OptText assignee, step_started, step_due, paused;
  std::string pause_reason;
  OptText original_due, apologized;
  std::string apology_reason, apologized_by;
  OptText completed, returned;
  std::string return_method, outcome;
  int counted_late = 0;
  std::string decision_reason;
  int supplement_late = 0, restarts = 0;
  std::string delayed_by;
  OptText due_soon_flag, overdue_flag;
  std::string name_key;
  std::string handlers;  // comma-separated usernames

  void FromDossier(const Dossier& d) {
    id = d.id;
    version = d.version;
    code.SetText(d.code);
    procedure_code = d.procedure_code;
    procedure_name = d.procedure_name;
    agency_code = d.agency_code;
    owner = d.owner_user_id;
    owner_ind = d.owner_user_id ? soci::i_ok : soci::i_null;
    name = d.applicant.full_name;
    id_number = d.applicant.id_number;
    phone = d.applicant.phone;
    email = d.applicant.email;
    address = d.applicant.address;
    organization = d.applicant.organization;
    channel = ChannelKey(d.channel);
    status = DossierStatusKey(d.status);
    note = d.request_note;
    copies = d.copies;
    processing_days = d.processing_days;
    submitted.SetTime(d.submitted_at);
    handover.SetTime(d.postal_handover_at);
    received.SetTime(d.received_at);
    due.SetTime(d.due_at);
    decided.SetTime(d.decided_at);
    supplement_items = JoinLines(d.supplement_items);
    supplement_note = d.supplement_note;
    refusal_reason = d.refusal_reason;
    received_by = d.received_by;
    created = FormatTimestamp(d.created_at);
    updated = FormatTimestamp(d.updated_at);
    const Handling& h = d.handling;
    process_version = h.process_version;
    step = h.step;
    step_agency.SetText(h.step_agency);
    step_role = RoleKey(h.step_role);
    assignee.SetText(h.assignee);
    step_started.SetTime(h.step_started_at);
    step_due.SetTime(h.step_due_at);
    paused.SetTime(h.paused_at);
    pause_reason = h.pause_reason;
    original_due.SetTime(h.original_due_at);
    apologized.SetTime(h.apologized_at);
    apology_reason = h.apology_reason;
    apologized_by = h.apologized_by;
    completed.SetTime(h.completed_at);
    returned.SetTime(h.returned_at);
    return_method = h.return_method;
    outcome = h.outcome;
    counted_late = h.counted_late ? 1 : 0;
    decision_reason = h.decision_reason;
    supplement_late = h.supplement_late ? 1 : 0;
    restarts = h.restarts;
    delayed_by = h.delayed_by;
    due_soon_flag.SetTime(h.due_soon_flagged_at);
    overdue_flag.SetTime(h.overdue_flagged_at);
    name_key = FoldForSearch(d.applicant.full_name);
    handlers.clear();
    for (const auto& o : h.handlers) handlers += (handlers.empty() ? "" : ",") + o;
  }

  Dossier ToDossier() const {
    Dossier d;
    d.id = id;
    d.version = version;
    d.code = code.Text();
    d.procedure_code = procedure_code;
    d.procedure_name = procedure_name;
    d.agency_code = agency_code;
    d.owner_user_id = owner_ind == soci::i_ok ? owner : 0;
    d.applicant = {name, id_number, phone, email, address, organization};
    d.channel = ParseChannel(channel).value_or(Channel::kOnline);
    d.status = ParseDossierStatus(status).value_or(DossierStatus::kDraft);
    d.request_note = note;
    d.copies = copies;
    d.processing_days = processing_days;
    d.submitted_at = submitted.Time();
    d.postal_handover_at = handover.Time();
    d.received_at = received.Time();
    d.due_at = due.Time();
    d.decided_at = decided.Time();
    d.supplement_items = SplitLines(supplement_items);
    d.supplement_note = supplement_note;
    d.refusal_reason = refusal_reason;
    d.received_by = received_by;
    d.created_at = ParseTimestamp(created).value_or(Timestamp{});
    d.updated_at = ParseTimestamp(updated).value_or(Timestamp{});
    Handling& h = d.handling;
    h.process_version = process_version;
    h.step = step;
    h.step_agency = step_agency.Text();
    h.step_role = ParseRole(step_role).value_or(Role::kDeskOfficer);
    h.assignee = assignee.Text();
    h.step_started_at = step_started.Time();
    h.step_due_at = step_due.Time();
    h.paused_at = paused.Time();
    h.pause_reason = pause_reason;
    h.original_due_at = original_due.Time();
    h.apologized_at = apologized.Time();
    h.apology_reason = apology_reason;
    h.apologized_by = apologized_by;
    h.completed_at = completed.Time();
    h.returned_at = returned.Time();
    h.return_method = return_method;
    h.outcome = outcome;
    h.counted_late = counted_late != 0;
    h.decision_reason = decision_reason;
    h.supplement_late = supplement_late != 0;
    h.restarts = restarts;
    h.delayed_by = delayed_by;
    h.due_soon_flagged_at = due_soon_flag.Time();
    h.overdue_flagged_at = overdue_flag.Time();
    for (std::size_t start = 0; start < handlers.size();) {
      auto comma = handlers.find(',', start);
      if (comma == std::string::npos) comma = handlers.size();
      h.handlers.push_back(handlers.substr(start, comma - start));
      start = comma + 1;
    }
    return d;
  }

  // Binds the columns of kColumns, in order, for reading.
  void BindInto(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(version));
    st.exchange(soci::into(code.value, code.ind));
    st.exchange(soci::into(procedure_code));
    st.exchange(soci::into(procedure_name));
    st.exchange(soci::into(agency_code));
    st.exchange(soci::into(owner, owner_ind));
    st.exchange(soci::into(name));
    st.exchange(soci::into(id_number));
    st.exchange(soci::into(phone));
    st.exchange(soci::into(email));
    st.exchange(soci::into(address));
    st.exchange(soci::into(organization));
    st.exchange(soci::into(channel));
    st.exchange(soci::into(status));
    st.exchange(soci::into(note));
    st.exchange(soci::into(copies));
    st.exchange(soci::into(processing_days));
    st.exchange(soci::into(submitted.value, submitted.ind));
    st.exchange(soci::into(handover.value, handover.ind));
    st.exchange(soci::into(received.value, received.ind));
    st.exchange(soci::into(due.value, due.ind));
    st.exchange(soci::into(decided.value, decided.ind));
    st.exchange(soci::into(supplement_items));
    st.exchange(soci::into(supplement_note));
    st.exchange(soci::into(refusal_reason));
    st.exchange(soci::into(received_by));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
    st.exchange(soci::into(process_version));
    st.exchange(soci::into(step));
    st.exchange(soci::into(step_agency.value, step_agency.ind));
    st.exchange(soci::into(step_role));
    st.exchange(soci::into(assignee.value, assignee.ind));
    st.exchange(soci::into(step_started.value, step_started.ind));
    st.exchange(soci::into(step_due.value, step_due.ind));
    st.exchange(soci::into(paused.value, paused.ind));
    st.exchange(soci::into(pause_reason));
    st.exchange(soci::into(original_due.value, original_due.ind));
    st.exchange(soci::into(apologized.value, apologized.ind));
    st.exchange(soci::into(apology_reason));
    st.exchange(soci::into(apologized_by));
    st.exchange(soci::into(completed.value, completed.ind));
    st.exchange(soci::into(returned.value, returned.ind));
    st.exchange(soci::into(return_method));
    st.exchange(soci::into(outcome));
    st.exchange(soci::into(counted_late));
    st.exchange(soci::into(decision_reason));
    st.exchange(soci::into(supplement_late));
    st.exchange(soci::into(restarts));
    st.exchange(soci::into(delayed_by));
    st.exchange(soci::into(due_soon_flag.value, due_soon_flag.ind));
    st.exchange(soci::into(overdue_flag.value, overdue_flag.ind));
    st.exchange(soci::into(handlers));
  }

  // Binds the columns that every change may write (see kChangeable), in order.
  void BindChangeable(soci::statement& st) {
    st.exchange(soci::use(code.value, code.ind));
    st.exchange(soci::use(agency_code));
    st.exchange(soci::use(status));
    st.exchange(soci::use(name));
    st.exchange(soci::use(id_number));
    st.exchange(soci::use(phone));
    st.exchange(soci::use(email));
    st.exchange(soci::use(address));
    st.exchange(soci::use(organization));
    st.exchange(soci::use(note));
    st.exchange(soci::use(copies));
    st.exchange(soci::use(processing_days));
    st.exchange(soci::use(submitted.value, submitted.ind));
    st.exchange(soci::use(handover.value, handover.ind));
    st.exchange(soci::use(received.value, received.ind));
    st.exchange(soci::use(due.value, due.ind));
    st.exchange(soci::use(decided.value, decided.ind));
    st.exchange(soci::use(supplement_items));
    st.exchange(soci::use(supplement_note));
    st.exchange(soci::use(refusal_reason));
    st.exchange(soci::use(received_by));
    st.exchange(soci::use(updated));
    st.exchange(soci::use(process_version));
    st.exchange(soci::use(step));
    st.exchange(soci::use(step_agency.value, step_agency.ind));
    st.exchange(soci::use(step_role));
    st.exchange(soci::use(assignee.value, assignee.ind));
    st.exchange(soci::use(step_started.value, step_started.ind));
    st.exchange(soci::use(step_due.value, step_due.ind));
    st.exchange(soci::use(paused.value, paused.ind));
    st.exchange(soci::use(pause_reason));
    st.exchange(soci::use(original_due.value, original_due.ind));
    st.exchange(soci::use(apologized.value, apologized.ind));
    st.exchange(soci::use(apology_reason));
    st.exchange(soci::use(apologized_by));
    st.exchange(soci::use(completed.value, completed.ind));
    st.exchange(soci::use(returned.value, returned.ind));
    st.exchange(soci::use(return_method));
    st.exchange(soci::use(outcome));
    st.exchange(soci::use(counted_late));
    st.exchange(soci::use(decision_reason));
    st.exchange(soci::use(supplement_late));
    st.exchange(soci::use(restarts));
    st.exchange(soci::use(delayed_by));
    st.exchange(soci::use(name_key));
    st.exchange(soci::use(handlers));
  }
};

// Columns a change may write, matching Row::BindChangeable. The procedure,
// owner, channel and creation time never change.
constexpr const char* kChangeable[] = {
    "code", "agency_code", "status", "applicant_name", "applicant_id_number", "applicant_phone",
    "applicant_email", "applicant_address", "applicant_organization", "request_note", "copies", "processing_days",
    "submitted_at", "postal_handover_at", "received_at", "due_at", "decided_at", "supplement_items",
    "supplement_note", "refusal_reason", "received_by", "updated_at", "process_version", "step", "step_agency",
    "step_role", "assignee", "step_started_at", "step_due_at", "paused_at", "pause_reason", "original_due_at",
    "apologized_at", "apology_reason", "apologized_by", "completed_at", "returned_at", "return_method", "outcome",
    "counted_late", "decision_reason", "supplement_late", "restarts", "delayed_by", "applicant_name_key", "handlers"};

std::string InsertSql() {
  std::string columns = "version, procedure_code, procedure_name, owner_user_id, channel, created_at";
  std::string values = ":version, :pc, :pn, :owner, :channel, :created";
  int n = 0;
  for (const char* c : kChangeable) {
    columns += std::string(", ") + c;
    values += ", :c" + std::to_string(n++);
  }
  columns += ", due_soon_flagged_at, overdue_flagged_at";
  values += ", :soon, :overdue";
  return "INSERT INTO dossiers (" + columns + ") VALUES (" + values + ") RETURNING id";
}

// The deadline scan (WorklistStore::FlagDeadlines) sets the flags without
// bumping the version, so a change computed from a dossier read before the
// scan would erase them and the scan would notify again. A change keeps the
// stored flag unless it sets one itself or moves the due time (an apology, a
// restart and a resume move it and reset the flags in the domain).
std::string UpdateSql() {
  std::string sql = "UPDATE dossiers SET version = :next";
  int n = 0;
  for (const char* c : kChangeable) sql += std::string(", ") + c + " = :c" + std::to_string(n++);
  sql += ", due_soon_flagged_at = COALESCE(:soon, CASE WHEN due_at = :due1 THEN due_soon_flagged_at END)"
         ", overdue_flagged_at = COALESCE(:overdue, CASE WHEN due_at = :due2 THEN overdue_flagged_at END)"
         " WHERE id = :id AND version = :expected";
  return sql;
}

void WriteFiles(soci::session& sql, long long dossier_id, const std::vector<DossierFile>& files) {
  sql << "DELETE FROM dossier_files WHERE dossier_id = :id", soci::use(dossier_id);
  int position = 0;
  for (const auto& f : files) {
    long long size = f.size;
    sql << "INSERT INTO dossier_files (dossier_id, position, component_index, component_name, sha256, file_name, "
           "content_type, size, copy_kind) VALUES (:d, :p, :ci, :cn, :sha, :fn, :ct, :sz, :ck)",
        soci::use(dossier_id), soci::use(position), soci::use(f.component_index), soci::use(f.component_name),
        soci::use(f.sha256), soci::use(f.file_name), soci::use(f.content_type), soci::use(size),
        soci::use(f.copy_kind);
    ++position;
  }
}

// Results and consultations are replaced like the files: the dossier value
// is the whole truth. (Skipping unchanged lists would need a read of the
// stored ones, one round trip, which is what the DELETE costs.)
void WriteHandlingChildren(soci::session& sql, long long dossier_id, const Handling& h) {
  sql << "DELETE FROM dossier_results WHERE dossier_id = :id", soci::use(dossier_id);
  int position = 0;
  for (const auto& r : h.results) {
    long long size = r.size;
    std::string at = FormatTimestamp(r.attached_at);
    sql << "INSERT INTO dossier_results (dossier_id, position, sha256, file_name, size, attached_by, attached_at) "
           "VALUES (:d, :p, :sha, :fn, :sz, :by, :at)",
        soci::use(dossier_id), soci::use(position), soci::use(r.sha256), soci::use(r.file_name), soci::use(size),
        soci::use(r.attached_by), soci::use(at);
    ++position;
  }
  sql << "DELETE FROM dossier_consultations WHERE dossier_id = :id", soci::use(dossier_id);
  for (const auto& c : h.consultations) {
    int planned = c.planned ? 1 : 0;
    std::string requested = FormatTimestamp(c.requested_at), due = FormatTimestamp(c.due_at);
    OptText replied;
    replied.SetTime(c.replied_at);
    sql << "INSERT INTO dossier_consultations (dossier_id, number, step, planned, agency_code, task, requested_by, "
           "requested_at, due_at, replied_at, replied_by, reply) "
           "VALUES (:d, :n, :s, :p, :a, :t, :rb, :ra, :due, :rep, :by, :reply)",
        soci::use(dossier_id), soci::use(c.number), soci::use(c.step), soci::use(planned), soci::use(c.agency_code),
        soci::use(c.task), soci::use(c.requested_by), soci::use(requested), soci::use(due),
        soci::use(replied.value, replied.ind), soci::use(c.replied_by), soci::use(c.reply);
  }
}

void WriteNotice(soci::session& sql, long long dossier_id, const app::Notice& notice) {
  long long user = notice.user_id;
  std::string at = FormatTimestamp(notice.at);
  sql << "INSERT INTO notices (user_id, dossier_id, at, title, body) VALUES (:u, :d, :at, :t, :b)", soci::use(user),
      soci::use(dossier_id), soci::use(at), soci::use(notice.title), soci::use(notice.body);
}

void WriteEventAuditNotice(soci::session& sql, long long dossier_id, const app::DossierChange& change) {
  const app::DossierEvent& e = change.event;
  std::string at = FormatTimestamp(e.at);
  OptText step_due;
  step_due.SetTime(e.step_due_at);
  sql << "INSERT INTO dossier_events (dossier_id, at, actor, action, from_status, to_status, note, step, receiver, "
         "step_due_at, agency_code) VALUES (:d, :at, :actor, :action, :from, :to, :note, :step, :receiver, :due, :agency)",
      soci::use(dossier_id), soci::use(at), soci::use(e.actor), soci::use(e.action), soci::use(e.from_status),
      soci::use(e.to_status), soci::use(e.note), soci::use(e.step), soci::use(e.receiver),
      soci::use(step_due.value, step_due.ind), soci::use(change.dossier.agency_code);
  WriteAudit(sql, change.audit);
  if (change.notice) WriteNotice(sql, dossier_id, *change.notice);
  for (const auto& notice : change.officer_notices) WriteNotice(sql, dossier_id, notice);
}

// Files, results and consultations of one dossier: three prepared lookups.
void ReadParts(Database::Lease& sql, Dossier& d) {
  {
    Sql q;
    q << "SELECT component_index, component_name, sha256, file_name, content_type, size, copy_kind "
         "FROM dossier_files WHERE dossier_id = ";
    q.Int(d.id) << " ORDER BY position";
    RunCached<TextRow<7>>(sql, q, [&](const TextRow<7>& r) {
      d.files.push_back({static_cast<int>(r.Int(0)), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Text(6)});
    });
  }
  {
    Sql q;
    q << "SELECT sha256, file_name, size, attached_by, attached_at FROM dossier_results WHERE dossier_id = ";
    q.Int(d.id) << " ORDER BY position";
    RunCached<TextRow<5>>(sql, q, [&](const TextRow<5>& r) {
      ResultDocument doc;
      doc.sha256 = r.Text(0);
      doc.file_name = r.Text(1);
      doc.size = r.Int(2);
      doc.attached_by = r.Text(3);
      doc.attached_at = r.Time(4).value_or(Timestamp{});
      d.handling.results.push_back(std::move(doc));
    });
  }
  {
    Sql q;
    q << "SELECT number, step, planned, agency_code, task, requested_by, requested_at, due_at, replied_at, "
         "replied_by, reply FROM dossier_consultations WHERE dossier_id = ";
    q.Int(d.id) << " ORDER BY number";
    RunCached<TextRow<11>>(sql, q, [&](const TextRow<11>& r) {
      Consultation c;
      c.number = static_cast<int>(r.Int(0));
      c.step = static_cast<int>(r.Int(1));
      c.planned = r.Int(2) != 0;
      c.agency_code = r.Text(3);
      c.task = r.Text(4);
      c.requested_by = r.Text(5);
      c.requested_at = r.Time(6).value_or(Timestamp{});
      c.due_at = r.Time(7).value_or(Timestamp{});
      c.replied_at = r.Time(8);
      c.replied_by = r.Text(9);
      c.reply = r.Text(10);
      d.handling.consultations.push_back(std::move(c));
    });
  }
}

std::vector<domain::Fact> EventFactsOf(const app::DossierChange& change) {
  const auto& e = change.event;
  return domain::EventFacts({e.action, e.actor, e.at, e.step_due_at, change.dossier.channel});
}

Error ConflictError() {
  return Error{ErrorCode::kConflict, "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại trang và thử lại.",
               "version mismatch", {}};
}

}  // namespace

Result<Dossier> DossierStore::Insert(const app::DossierChange& change) {
  return Guard("insert dossier", [&]() -> Result<Dossier> {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    Row r;
    r.FromDossier(change.dossier);
    r.version = 1;
    long long id = 0;
    {
      soci::statement st(*sql);
      st.alloc();
      st.prepare(InsertSql());
      st.exchange(soci::use(r.version));
      st.exchange(soci::use(r.procedure_code));
      st.exchange(soci::use(r.procedure_name));
      st.exchange(soci::use(r.owner, r.owner_ind));
      st.exchange(soci::use(r.channel));
      st.exchange(soci::use(r.created));
      r.BindChangeable(st);
      st.exchange(soci::use(r.due_soon_flag.value, r.due_soon_flag.ind));
      st.exchange(soci::use(r.overdue_flag.value, r.overdue_flag.ind));
      st.exchange(soci::into(id));
      st.define_and_bind();
      st.execute(true);
    }
    WriteFiles(*sql, id, change.dossier.files);
    WriteHandlingChildren(*sql, id, change.dossier.handling);
    ApplyDossierChange(*sql, std::nullopt, domain::ReportViewOf(change.dossier, {}), EventFactsOf(change));
    app::DossierChange recorded = change;
    if (recorded.audit.target.empty() || recorded.audit.target[0] != '#') {
      recorded.audit.detail = recorded.audit.target;  // the procedure code
      recorded.audit.target = "#" + std::to_string(id);
    }
    WriteEventAuditNotice(*sql, id, recorded);
    tx.Commit();
    Dossier d = change.dossier;
    d.id = id;
    d.version = 1;
    return d;
  });
}

Result<Dossier> DossierStore::Save(const app::DossierChange& change, const std::string* day_key,
                                   const std::function<Result<std::string>(int)>* format_code) {
  try {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    Row r;
    r.FromDossier(change.dossier);
    long long id = change.dossier.id;
    int expected = change.expected_version;
    int next = expected + 1;
    // The facts the stored row contributes to the report rollups, read
    // (and on PostgreSQL locked) before it changes.
    auto before = ReadReportView(*sql, db_.dialect(), id, true);
    // Optimistic concurrency: the row must still have the version the caller
    // read. On PostgreSQL a concurrent writer waits for our row lock and then
    // finds the version changed; on SQLite BEGIN IMMEDIATE serializes writers.
    soci::statement update(*sql);
    update.alloc();
    update.prepare(UpdateSql());
    update.exchange(soci::use(next));
    r.BindChangeable(update);
    update.exchange(soci::use(r.due_soon_flag.value, r.due_soon_flag.ind));
    update.exchange(soci::use(r.due.value, r.due.ind));
    update.exchange(soci::use(r.overdue_flag.value, r.overdue_flag.ind));
    update.exchange(soci::use(r.due.value, r.due.ind));
    update.exchange(soci::use(id));
    update.exchange(soci::use(expected));
    update.define_and_bind();
    update.execute(true);
    if (update.get_affected_rows() != 1) return Fail(ConflictError());
    Dossier d = change.dossier;
    d.version = next;
    app::DossierChange recorded = change;
    if (day_key) {
      // The next number of the agency's daily sequence, in this transaction:
      // a rollback returns it, so numbers are gap-free and never reused.
      int sequence = 0;
      *sql << "INSERT INTO dossier_sequences (agency_code, day, last) VALUES (:a, :d, 1) "
              "ON CONFLICT (agency_code, day) DO UPDATE SET last = dossier_sequences.last + 1 RETURNING last",
          soci::use(r.agency_code), soci::use(*day_key), soci::into(sequence);
      auto code = (*format_code)(sequence);
      if (!code) return Fail(code.error());
      *sql << "UPDATE dossiers SET code = :code WHERE id = :id", soci::use(*code), soci::use(id);
      d.code = *code;
      recorded.audit.target = *code;
    }
    WriteFiles(*sql, id, d.files);
    WriteHandlingChildren(*sql, id, d.handling);
    // Ratings and complaints are not part of the dossier value: keep the stored marks.
    ApplyDossierChange(*sql, before, domain::ReportViewOf(d, before ? before->marks : domain::ReportMarks{}),
                       EventFactsOf(change));
    WriteEventAuditNotice(*sql, id, recorded);
    tx.Commit();
    if (!d.code.empty()) tracking_.Erase(d.code);
    return d;
  } catch (const std::exception& e) {
    return Fail(TranslateDbError("save dossier", e));
  }
}

Result<Dossier> DossierStore::Update(const app::DossierChange& change) { return Save(change, nullptr, nullptr); }

Result<Dossier> DossierStore::UpdateAndAssignCode(const app::DossierChange& change, const std::string& day_key,
                                                  const std::function<Result<std::string>(int)>& format_code) {
  return Save(change, &day_key, &format_code);
}

Result<std::vector<Dossier>> DossierStore::Select(Sql& q) {
  return Guard("select dossiers", [&]() -> Result<std::vector<Dossier>> {
    Database::Lease sql(db_);
    std::vector<Dossier> out;
    RunCached<Row>(sql, q, [&](const Row& r) { out.push_back(r.ToDossier()); });
    for (auto& d : out) ReadParts(sql, d);
    return out;
  });
}

namespace {
Sql SelectDossiers() {
  Sql q;
  q << "SELECT " << kColumns << " FROM dossiers WHERE ";
  return q;
}
}  // namespace

Result<Dossier> DossierStore::FindById(std::int64_t id) {
  Sql q = SelectDossiers();
  q << "id = ";
  q.Int(id);
  auto rows = Select(q);
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "Không tìm thấy hồ sơ.", "no dossier");
  return rows->front();
}

Result<Dossier> DossierStore::FindByCode(const std::string& code) {
  Sql q = SelectDossiers();
  q << "code = ";
  q.Text(code);
  auto rows = Select(q);
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "Không tìm thấy hồ sơ có mã này.", "no dossier");
  return rows->front();
}

Result<app::TrackedDossier> DossierStore::Track(const std::string& code) {
  const Timestamp now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  if (auto cached = tracking_.Get(code, now)) return std::move(*cached);
  const auto generation = tracking_.Generation();
  return Guard("track dossier", [&]() -> Result<app::TrackedDossier> {
    Database::Lease sql(db_);
    Sql q;
    q << "SELECT code, status, procedure_code, procedure_name, agency_code, received_at, due_at, updated_at "
         "FROM dossiers WHERE code = ";
    q.Text(code);
    std::optional<app::TrackedDossier> found;
    RunCached<TextRow<8>>(sql, q, [&](const TextRow<8>& r) {
      app::TrackedDossier t;
      t.code = r.Text(0);
      t.status = ParseDossierStatus(r.Text(1)).value_or(DossierStatus::kDraft);
      t.procedure_code = r.Text(2);
      t.procedure_name = r.Text(3);
      t.agency_code = r.Text(4);
      t.received_at = r.Time(5);
      t.due_at = r.Time(6);
      t.updated_at = r.Time(7).value_or(Timestamp{});
      found = std::move(t);
    });
    if (!found) return Fail(ErrorCode::kNotFound, "Không tìm thấy hồ sơ có mã này.", "no dossier");
    tracking_.Put(code, *found, now, generation);
    return *found;
  });
}

Sql DossierListQuery(const app::DossierFilter& f) {
  const std::string limit = std::to_string(std::clamp(f.limit, 1, 100));
  // The filters after the scope, over one branch of the query.
  auto filters = [&](Sql& q) {
    auto text_eq = [&](const char* column, const std::string& value) {
      if (value.empty()) return;
      q << " AND " << column << " = ";
      q.Text(value);
    };
    if (f.status) text_eq("status", DossierStatusKey(*f.status));
    text_eq("procedure_code", f.procedure_code);
    text_eq("code", f.code);
    text_eq("applicant_id_number", f.applicant_id_number);
    if (f.created_from) {
      q << " AND created_at >= ";
      q.Time(*f.created_from);
    }
    if (f.created_to) {
      q << " AND created_at < ";
      q.Time(*f.created_to);
    }
    if (f.owner_user_id) {
      q << " AND owner_user_id = ";
      q.Int(*f.owner_user_id);
    }
    if (f.after_id > 0) {
      q << " AND id < ";
      q.Int(f.after_id);
    }
    q << " ORDER BY id DESC LIMIT " << limit;
  };
  Sql q;
  if (!f.agencies || f.agencies->size() <= 1) {
    q << "SELECT " << kSummaryColumns << " FROM dossiers WHERE ";
    if (f.agencies && !f.agencies->empty()) {
      q << "agency_code = ";
      q.Text(f.agencies->front());
    } else {
      q << (f.agencies ? "1 = 0" : "1 = 1");
    }
    filters(q);
    return q;
  }
  // A scope of several agencies: "agency_code IN (...) ORDER BY id DESC"
  // cannot be read in id order from any index, so the engines sorted every
  // dossier of the scope (1.4 s for a department with 300,000). Instead one
  // LIMITed lookup per agency on (agency_code, id), merged.
  for (std::size_t i = 0; i < f.agencies->size(); ++i) {
    q << (i ? " UNION ALL " : "") << "SELECT * FROM (SELECT " << kSummaryColumns << " FROM dossiers WHERE agency_code = ";
    q.Text((*f.agencies)[i]);
    filters(q);
    q << ") AS s" << std::to_string(i);
  }
  q << " ORDER BY id DESC LIMIT " << limit;
  return q;
}

Result<std::vector<app::DossierSummary>> DossierStore::List(const app::DossierFilter& f) {
  if (f.agencies && f.agencies->empty()) return std::vector<app::DossierSummary>{};
  Sql q = DossierListQuery(f);
  return Guard("list dossiers", [&]() -> Result<std::vector<app::DossierSummary>> {
    Database::Lease sql(db_);
    std::vector<app::DossierSummary> out;
    out.reserve(static_cast<std::size_t>(std::clamp(f.limit, 1, 100)));
    RunCached<TextRow<kSummaryColumnCount>>(sql, q, [&](const TextRow<kSummaryColumnCount>& r) {
      app::DossierSummary d;
      d.id = r.Int(0);
      d.version = static_cast<int>(r.Int(1));
      d.code = r.Text(2);
      d.status = ParseDossierStatus(r.Text(3)).value_or(DossierStatus::kDraft);
      d.procedure_code = r.Text(4);
      d.procedure_name = r.Text(5);
      d.agency_code = r.Text(6);
      d.channel = ParseChannel(r.Text(7)).value_or(Channel::kOnline);
      d.applicant_name = r.Text(8);
      d.submitted_at = r.Time(9);
      d.received_at = r.Time(10);
      d.due_at = r.Time(11);
      d.step_due_at = r.Time(12);
      d.created_at = r.Time(13).value_or(Timestamp{});
      d.updated_at = r.Time(14).value_or(Timestamp{});
      out.push_back(std::move(d));
    }, PlanReuse::kSqliteOnly);
    return out;
  });
}

Result<std::vector<app::DossierEvent>> DossierStore::History(std::int64_t dossier_id) {
  return Guard("dossier history", [&]() -> Result<std::vector<app::DossierEvent>> {
    Database::Lease sql(db_);
    std::vector<app::DossierEvent> events;
    app::DossierEvent e;
    std::string at;
    OptText step_due;
    long long id = dossier_id;
    soci::statement st = (sql->prepare << "SELECT at, actor, action, from_status, to_status, note, step, receiver, "
                                          "step_due_at FROM dossier_events WHERE dossier_id = :d ORDER BY id",
                          soci::use(id), soci::into(at), soci::into(e.actor), soci::into(e.action),
                          soci::into(e.from_status), soci::into(e.to_status), soci::into(e.note), soci::into(e.step),
                          soci::into(e.receiver), soci::into(step_due.value, step_due.ind));
    st.execute();
    while (st.fetch()) {
      e.at = ParseTimestamp(at).value_or(Timestamp{});
      e.step_due_at = step_due.Time();
      events.push_back(e);
    }
    return events;
  });
}

Result<std::vector<app::Notice>> DossierStore::Notices(std::int64_t user_id, int limit) {
  return Guard("notices", [&]() -> Result<std::vector<app::Notice>> {
    Database::Lease sql(db_);
    std::vector<app::Notice> notices;
    app::Notice n;
    std::string at;
    long long uid = user_id, did = 0;
    soci::indicator did_ind;
    soci::statement st = (sql->prepare << "SELECT dossier_id, at, title, body FROM notices WHERE user_id = :u "
                                          "ORDER BY id DESC LIMIT :l",
                          soci::use(uid), soci::use(limit), soci::into(did, did_ind), soci::into(at),
                          soci::into(n.title), soci::into(n.body));
    st.execute();
    while (st.fetch()) {
      n.user_id = user_id;
      n.dossier_id = did_ind == soci::i_ok ? did : 0;
      n.at = ParseTimestamp(at).value_or(Timestamp{});
      notices.push_back(n);
    }
    return notices;
  });
}

}  // namespace motcua::store
