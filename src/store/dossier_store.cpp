#include "store/dossier_store.hpp"

#include <map>

#include <soci/soci.h>

#include "store/audit_writer.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

using namespace motcua::domain;

namespace {

constexpr const char* kColumns =
    "id, version, code, procedure_code, procedure_name, agency_code, owner_user_id, applicant_name, "
    "applicant_id_number, applicant_phone, applicant_email, applicant_address, applicant_organization, channel, "
    "status, request_note, copies, processing_days, submitted_at, postal_handover_at, received_at, due_at, "
    "decided_at, supplement_items, supplement_note, refusal_reason, received_by, created_at, updated_at";

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
    return d;
  }

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
  }
};

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

void WriteEventAuditNotice(soci::session& sql, long long dossier_id, const app::DossierChange& change) {
  std::string at = FormatTimestamp(change.event.at);
  sql << "INSERT INTO dossier_events (dossier_id, at, actor, action, from_status, to_status, note) "
         "VALUES (:d, :at, :actor, :action, :from, :to, :note)",
      soci::use(dossier_id), soci::use(at), soci::use(change.event.actor), soci::use(change.event.action),
      soci::use(change.event.from_status), soci::use(change.event.to_status), soci::use(change.event.note);
  WriteAudit(sql, change.audit);
  if (change.notice) {
    long long user = change.notice->user_id;
    std::string nat = FormatTimestamp(change.notice->at);
    sql << "INSERT INTO notices (user_id, dossier_id, at, title, body) VALUES (:u, :d, :at, :t, :b)",
        soci::use(user), soci::use(dossier_id), soci::use(nat), soci::use(change.notice->title),
        soci::use(change.notice->body);
  }
}

std::vector<DossierFile> ReadFiles(soci::session& sql, long long dossier_id) {
  std::vector<DossierFile> files;
  DossierFile f;
  long long size = 0;
  soci::statement st = (sql.prepare << "SELECT component_index, component_name, sha256, file_name, content_type, "
                                       "size, copy_kind FROM dossier_files WHERE dossier_id = :d ORDER BY position",
                        soci::use(dossier_id), soci::into(f.component_index), soci::into(f.component_name),
                        soci::into(f.sha256), soci::into(f.file_name), soci::into(f.content_type), soci::into(size),
                        soci::into(f.copy_kind));
  st.execute();
  while (st.fetch()) {
    f.size = size;
    files.push_back(f);
  }
  return files;
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
    *sql << "INSERT INTO dossiers (version, code, procedure_code, procedure_name, agency_code, owner_user_id, "
            "applicant_name, applicant_id_number, applicant_phone, applicant_email, applicant_address, "
            "applicant_organization, channel, status, request_note, copies, processing_days, submitted_at, "
            "postal_handover_at, received_at, due_at, decided_at, supplement_items, supplement_note, refusal_reason, "
            "received_by, created_at, updated_at) VALUES (:version, :code, :pc, :pn, :ac, :owner, :name, :idn, "
            ":phone, :email, :address, :org, :channel, :status, :note, :copies, :days, :submitted, :handover, "
            ":received, :due, :decided, :items, :snote, :reason, :by, :created, :updated) RETURNING id",
        soci::use(r.version), soci::use(r.code.value, r.code.ind), soci::use(r.procedure_code),
        soci::use(r.procedure_name), soci::use(r.agency_code), soci::use(r.owner, r.owner_ind), soci::use(r.name),
        soci::use(r.id_number), soci::use(r.phone), soci::use(r.email), soci::use(r.address),
        soci::use(r.organization), soci::use(r.channel), soci::use(r.status), soci::use(r.note),
        soci::use(r.copies), soci::use(r.processing_days), soci::use(r.submitted.value, r.submitted.ind),
        soci::use(r.handover.value, r.handover.ind), soci::use(r.received.value, r.received.ind),
        soci::use(r.due.value, r.due.ind), soci::use(r.decided.value, r.decided.ind),
        soci::use(r.supplement_items), soci::use(r.supplement_note), soci::use(r.refusal_reason),
        soci::use(r.received_by), soci::use(r.created), soci::use(r.updated), soci::into(id);
    WriteFiles(*sql, id, change.dossier.files);
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
    // Optimistic concurrency: the row must still have the version the caller
    // read. On PostgreSQL a concurrent writer waits for our row lock and then
    // finds the version changed; on SQLite BEGIN IMMEDIATE serializes writers.
    soci::statement update =
        (sql->prepare << "UPDATE dossiers SET version = :next, code = :code, agency_code = :ac, status = :status, "
                         "applicant_name = :name, applicant_id_number = :idn, applicant_phone = :phone, "
                         "applicant_email = :email, applicant_address = :address, request_note = :note, copies = :copies, "
                         "processing_days = :days, submitted_at = :submitted, postal_handover_at = :handover, "
                         "received_at = :received, due_at = :due, decided_at = :decided, supplement_items = :items, "
                         "supplement_note = :snote, refusal_reason = :reason, received_by = :by, updated_at = :updated "
                         "WHERE id = :id AND version = :expected",
         soci::use(next), soci::use(r.code.value, r.code.ind), soci::use(r.agency_code), soci::use(r.status),
         soci::use(r.name), soci::use(r.id_number), soci::use(r.phone), soci::use(r.email), soci::use(r.address),
         soci::use(r.note), soci::use(r.copies), soci::use(r.processing_days),
         soci::use(r.submitted.value, r.submitted.ind), soci::use(r.handover.value, r.handover.ind),
         soci::use(r.received.value, r.received.ind), soci::use(r.due.value, r.due.ind),
         soci::use(r.decided.value, r.decided.ind), soci::use(r.supplement_items), soci::use(r.supplement_note),
         soci::use(r.refusal_reason), soci::use(r.received_by), soci::use(r.updated), soci::use(id),
         soci::use(expected));
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
    WriteEventAuditNotice(*sql, id, recorded);
    tx.Commit();
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

Result<std::vector<Dossier>> DossierStore::Select(const std::string& where, const std::vector<std::string>& text_params,
                                                  const std::vector<long long>& int_params, const std::string& tail) {
  return Guard("select dossiers", [&]() -> Result<std::vector<Dossier>> {
    Database::Lease sql(db_);
    Row r;
    soci::statement st(*sql);
    st.alloc();
    // Executed once: a one-time query costs PostgreSQL one round trip, not three.
    st.prepare(std::string("SELECT ") + kColumns + " FROM dossiers WHERE " + where + " " + tail,
               soci::details::st_one_time_query);
    r.BindInto(st);
    // Parameters are named :t0.. and :i0.. in `where`/`tail`; SOCI binds by position in order of appearance,
    // so callers list texts then ints in the order they appear.
    std::vector<std::string> texts = text_params;
    std::vector<long long> ints = int_params;
    for (auto& t : texts) st.exchange(soci::use(t));
    for (auto& i : ints) st.exchange(soci::use(i));
    st.define_and_bind();
    st.execute(false);
    std::vector<Dossier> out;
    while (st.fetch()) out.push_back(r.ToDossier());
    if (out.size() == 1) {
      out[0].files = ReadFiles(*sql, out[0].id);
    } else if (!out.empty()) {
      // One query for every listed dossier's files, not one per dossier.
      std::string ids;
      std::map<long long, Dossier*> by_id;
      for (auto& d : out) {
        ids += (ids.empty() ? "" : ",") + std::to_string(d.id);  // integers we read ourselves
        by_id[d.id] = &d;
      }
      DossierFile f;
      long long dossier_id = 0, size = 0;
      soci::statement files =
          (sql->prepare << "SELECT dossier_id, component_index, component_name, sha256, file_name, content_type, "
                           "size, copy_kind FROM dossier_files WHERE dossier_id IN (" + ids + ") ORDER BY dossier_id, position",
           soci::into(dossier_id), soci::into(f.component_index), soci::into(f.component_name), soci::into(f.sha256),
           soci::into(f.file_name), soci::into(f.content_type), soci::into(size), soci::into(f.copy_kind));
      files.execute();
      while (files.fetch()) {
        f.size = size;
        by_id[dossier_id]->files.push_back(f);
      }
    }
    return out;
  });
}

Result<Dossier> DossierStore::FindById(std::int64_t id) {
  auto rows = Select("id = :i0", {}, {id}, "");
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "Không tìm thấy hồ sơ.", "no dossier");
  return rows->front();
}

Result<Dossier> DossierStore::FindByCode(const std::string& code) {
  auto rows = Select("code = :t0", {code}, {}, "");
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "Không tìm thấy hồ sơ có mã này.", "no dossier");
  return rows->front();
}

Result<std::vector<Dossier>> DossierStore::List(const app::DossierFilter& f) {
  // Text parameters first, then integers, in the order they appear below.
  std::string where = "1 = 1";
  std::vector<std::string> texts;
  std::vector<long long> ints;
  if (f.agencies) {
    if (f.agencies->empty()) return std::vector<Dossier>{};
    where += " AND agency_code IN (";
    for (std::size_t i = 0; i < f.agencies->size(); ++i) {
      where += (i ? ", :t" : ":t") + std::to_string(texts.size());
      texts.push_back((*f.agencies)[i]);
    }
    where += ")";
  }
  auto text_eq = [&](const char* column, const std::string& value) {
    if (value.empty()) return;
    where += std::string(" AND ") + column + " = :t" + std::to_string(texts.size());
    texts.push_back(value);
  };
  if (f.status) text_eq("status", DossierStatusKey(*f.status));
  text_eq("procedure_code", f.procedure_code);
  text_eq("code", f.code);
  text_eq("applicant_id_number", f.applicant_id_number);
  if (f.created_from) {
    where += " AND created_at >= :t" + std::to_string(texts.size());
    texts.push_back(FormatTimestamp(*f.created_from));
  }
  if (f.created_to) {
    where += " AND created_at < :t" + std::to_string(texts.size());
    texts.push_back(FormatTimestamp(*f.created_to));
  }
  if (f.owner_user_id) {
    where += " AND owner_user_id = :i" + std::to_string(ints.size());
    ints.push_back(*f.owner_user_id);
  }
  if (f.after_id > 0) {
    where += " AND id < :i" + std::to_string(ints.size());
    ints.push_back(f.after_id);
  }
  std::string tail = "ORDER BY id DESC LIMIT " + std::to_string(std::clamp(f.limit, 1, 100));
  return Select(where, texts, ints, tail);
}

Result<std::vector<app::DossierEvent>> DossierStore::History(std::int64_t dossier_id) {
  return Guard("dossier history", [&]() -> Result<std::vector<app::DossierEvent>> {
    Database::Lease sql(db_);
    std::vector<app::DossierEvent> events;
    app::DossierEvent e;
    std::string at;
    long long id = dossier_id;
    soci::statement st = (sql->prepare << "SELECT at, actor, action, from_status, to_status, note FROM dossier_events "
                                          "WHERE dossier_id = :d ORDER BY id",
                          soci::use(id), soci::into(at), soci::into(e.actor), soci::into(e.action),
                          soci::into(e.from_status), soci::into(e.to_status), soci::into(e.note));
    st.execute();
    while (st.fetch()) {
      e.at = ParseTimestamp(at).value_or(Timestamp{});
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
