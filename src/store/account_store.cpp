#include "store/account_store.hpp"

#include <soci/soci.h>

#include "store/audit_writer.hpp"
#include "store/cached_query.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

using namespace motcua::domain;

namespace {

constexpr const char* kUserColumns =
    "id, role, username, full_name, id_number, phone, email, address, tax_code, business_name, agency_code, "
    "password_hash, failed_logins, last_failed_at, locked_until, active, created_at";

// Nullable text columns read and written through indicators.
struct Nullable {
  std::string value;
  soci::indicator ind = soci::i_null;
  void Set(const std::string& v) {
    value = v;
    ind = v.empty() ? soci::i_null : soci::i_ok;
  }
  std::string Get() const { return ind == soci::i_ok ? value : std::string(); }
};

std::optional<Timestamp> TimeOf(const Nullable& n) {
  return n.ind == soci::i_ok ? ParseTimestamp(n.value) : std::nullopt;
}

struct UserRow {
  long long id = 0;
  std::string role;
  Nullable username, id_number, phone, email, tax_code, agency, last_failed, locked;
  std::string full_name, address, business_name, password_hash, created_at;
  int failed = 0;
  int active = 1;

  template <typename Statement>
  void Bind(Statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(role));
    st.exchange(soci::into(username.value, username.ind));
    st.exchange(soci::into(full_name));
    st.exchange(soci::into(id_number.value, id_number.ind));
    st.exchange(soci::into(phone.value, phone.ind));
    st.exchange(soci::into(email.value, email.ind));
    st.exchange(soci::into(address));
    st.exchange(soci::into(tax_code.value, tax_code.ind));
    st.exchange(soci::into(business_name));
    st.exchange(soci::into(agency.value, agency.ind));
    st.exchange(soci::into(password_hash));
    st.exchange(soci::into(failed));
    st.exchange(soci::into(last_failed.value, last_failed.ind));
    st.exchange(soci::into(locked.value, locked.ind));
    st.exchange(soci::into(active));
    st.exchange(soci::into(created_at));
  }

  User ToUser() const {
    User u;
    u.id = id;
    u.role = ParseRole(role).value_or(Role::kCitizen);
    u.username = username.Get();
    u.full_name = full_name;
    u.id_number = id_number.Get();
    u.phone = phone.Get();
    u.email = email.Get();
    u.address = address;
    u.tax_code = tax_code.Get();
    u.business_name = business_name;
    u.agency_code = agency.Get();
    u.password_hash = password_hash;
    u.failed_logins = failed;
    u.last_failed_at = TimeOf(last_failed);
    u.locked_until = TimeOf(locked);
    u.active = active != 0;
    u.created_at = ParseTimestamp(created_at).value_or(Timestamp{});
    return u;
  }
};

Error ConflictFor(const std::string& message) {
  // The engines name the violated constraint differently: SQLite says
  // "UNIQUE constraint failed: users.phone", PostgreSQL "users_phone_key".
  // (The message also quotes the statement, so bare column names prove nothing.)
  auto violated = [&](const std::string& column) {
    return message.find("users." + column) != std::string::npos ||
           message.find("users_" + column + "_key") != std::string::npos;
  };
  if (message.find("FOREIGN KEY") != std::string::npos || message.find("foreign key") != std::string::npos) {
    return Error{ErrorCode::kInvalidArgument, "Cơ quan không tồn tại.", message, {{"agency", "Cơ quan không tồn tại."}}};
  }
  Error e{ErrorCode::kConflict, "Tài khoản đã tồn tại.", message, {}};
  if (violated("id_number")) e.fields.push_back({"id_number", "Số định danh cá nhân này đã được đăng ký."});
  if (violated("phone")) e.fields.push_back({"phone", "Số điện thoại này đã được đăng ký."});
  if (violated("email")) e.fields.push_back({"email", "Địa chỉ thư điện tử này đã được đăng ký."});
  if (violated("username")) e.fields.push_back({"username", "Tên đăng nhập này đã được dùng."});
  if (violated("tax_code")) e.fields.push_back({"tax_code", "Mã số thuế này đã được đăng ký."});
  return e;
}

}  // namespace

Result<std::int64_t> AccountStore::InsertUser(const User& user, const app::AuditEvent& audit) {
  try {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    Nullable username, id_number, phone, email, tax_code, agency;
    username.Set(user.username);
    id_number.Set(user.id_number);
    phone.Set(user.phone);
    email.Set(user.email);
    tax_code.Set(user.tax_code);
    agency.Set(user.agency_code);
    std::string role = RoleKey(user.role);
    std::string created = FormatTimestamp(user.created_at);
    int active = user.active ? 1 : 0;
    long long id = 0;
    *sql << "INSERT INTO users (role, username, full_name, id_number, phone, email, address, tax_code, "
            "business_name, agency_code, password_hash, active, created_at) VALUES (:role, :username, "
            ":full_name, :id_number, :phone, :email, :address, :tax_code, :business_name, :agency, :hash, "
            ":active, :created) RETURNING id",
        soci::use(role), soci::use(username.value, username.ind), soci::use(user.full_name),
        soci::use(id_number.value, id_number.ind), soci::use(phone.value, phone.ind),
        soci::use(email.value, email.ind), soci::use(user.address), soci::use(tax_code.value, tax_code.ind),
        soci::use(user.business_name), soci::use(agency.value, agency.ind), soci::use(user.password_hash),
        soci::use(active), soci::use(created), soci::into(id);
    app::AuditEvent event = audit;
    if (event.target.empty()) event.target = std::to_string(id);
    WriteAudit(*sql, event);
    tx.Commit();
    return static_cast<std::int64_t>(id);
  } catch (const std::exception& e) {
    Error error = TranslateDbError("insert user", e);
    if (error.code == ErrorCode::kConflict) return Fail(ConflictFor(e.what()));
    return Fail(std::move(error));
  }
}

Result<User> AccountStore::FindUser(const std::string& where, const std::string& value) {
  return Guard("find user", [&]() -> Result<User> {
    Database::Lease sql(db_);
    UserRow row;
    soci::statement st(*sql);
    st.alloc();
    // Executed once: a one-time query costs PostgreSQL one round trip, not three.
    st.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where, soci::details::st_one_time_query);
    row.Bind(st);
    std::string v = value;
    st.exchange(soci::use(v));
    st.define_and_bind();
    st.execute(true);
    if (!st.got_data()) return Fail(ErrorCode::kNotFound, "Không tìm thấy tài khoản.", "no user");
    return row.ToUser();
  });
}

Result<User> AccountStore::FindUserByLogin(const std::string& login) {
  // Four lookups by unique keys: each uses its own index.
  for (const char* column : {"username", "id_number", "phone", "email", "tax_code"}) {
    auto user = FindUser(std::string(column) + " = :v", login);
    if (user || user.error().code != ErrorCode::kNotFound) return user;
  }
  return Fail(ErrorCode::kNotFound, "Không tìm thấy tài khoản.", "no user");
}

Result<User> AccountStore::FindUserById(std::int64_t id) {
  // The id is bound as text and compared by the engine's cast rules; use a
  // numeric bind instead to keep PostgreSQL's type checks happy.
  return Guard("find user by id", [&]() -> Result<User> {
    Database::Lease sql(db_);
    UserRow row;
    soci::statement st(*sql);
    st.alloc();
    st.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = :id", soci::details::st_one_time_query);
    row.Bind(st);
    long long v = id;
    st.exchange(soci::use(v));
    st.define_and_bind();
    st.execute(true);
    if (!st.got_data()) return Fail(ErrorCode::kNotFound, "Không tìm thấy tài khoản.", "no user");
    return row.ToUser();
  });
}

Result<std::vector<User>> AccountStore::ListUsers(bool officers_only) {
  return Guard("list users", [&]() -> Result<std::vector<User>> {
    Database::Lease sql(db_);
    UserRow row;
    soci::statement st(*sql);
    st.alloc();
    st.prepare(std::string("SELECT ") + kUserColumns + " FROM users" +
               (officers_only ? " WHERE role NOT IN ('citizen', 'business')" : "") + " ORDER BY id");
    row.Bind(st);
    st.define_and_bind();
    st.execute(false);
    std::vector<User> users;
    while (st.fetch()) users.push_back(row.ToUser());
    return users;
  });
}

Status AccountStore::RecordLoginFailure(std::int64_t user_id, const LoginThrottle& state, const app::AuditEvent& audit) {
  return Guard("record login failure", [&]() -> Status {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    Nullable last, locked;
    last.Set(state.last_failed_at ? FormatTimestamp(*state.last_failed_at) : "");
    locked.Set(state.locked_until ? FormatTimestamp(*state.locked_until) : "");
    long long id = user_id;
    *sql << "UPDATE users SET failed_logins = :f, last_failed_at = :l, locked_until = :k WHERE id = :id",
        soci::use(state.failed_logins), soci::use(last.value, last.ind), soci::use(locked.value, locked.ind),
        soci::use(id);
    WriteAudit(*sql, audit);
    tx.Commit();
    return {};
  });
}

Status AccountStore::RecordLoginSuccess(std::int64_t user_id, const app::Session& s, const app::AuditEvent& audit) {
  return Guard("record login", [&]() -> Status {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    long long id = user_id;
    *sql << "UPDATE users SET failed_logins = 0, last_failed_at = NULL, locked_until = NULL WHERE id = :id",
        soci::use(id);
    std::string created = FormatTimestamp(s.created_at), expires = FormatTimestamp(s.expires_at);
    *sql << "INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, expires_at) "
            "VALUES (:t, :u, :k, :c, :cr, :ex)",
        soci::use(s.token_hash), soci::use(id), soci::use(s.kind), soci::use(s.csrf_token), soci::use(created),
        soci::use(expires);
    // Expired sessions of this user are swept on each login.
    std::string now = created;
    *sql << "DELETE FROM sessions WHERE user_id = :u AND expires_at < :now", soci::use(id), soci::use(now);
    WriteAudit(*sql, audit);
    tx.Commit();
    return {};
  });
}

namespace {
// A session joined with its user: one prepared lookup per request.
struct SessionUserRow {
  std::string kind, csrf_token, created, expires;
  UserRow user;
  void BindInto(soci::statement& st) {
    st.exchange(soci::into(kind));
    st.exchange(soci::into(csrf_token));
    st.exchange(soci::into(created));
    st.exchange(soci::into(expires));
    user.Bind(st);
  }
};

std::string UserColumnsOf(const char* alias) {
  std::string out;
  std::string_view columns = kUserColumns;
  while (!columns.empty()) {
    auto comma = columns.find(',');
    std::string_view column = columns.substr(0, comma);
    while (!column.empty() && column.front() == ' ') column.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out += alias;
    out += '.';
    out += column;
    columns = comma == std::string_view::npos ? std::string_view() : columns.substr(comma + 1);
  }
  return out;
}
}  // namespace

Result<app::SessionUser> AccountStore::FindSession(const std::string& token_hash, Timestamp now) {
  static const std::string text = "SELECT s.kind, s.csrf_token, s.created_at, s.expires_at, " + UserColumnsOf("u") +
                                  " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ";
  return Guard("find session", [&]() -> Result<app::SessionUser> {
    Database::Lease sql(db_);
    Sql q;
    q << text;
    q.Text(token_hash);
    std::optional<app::SessionUser> found;
    RunCached<SessionUserRow>(sql, q, [&](const SessionUserRow& r) {
      app::SessionUser su;
      su.user = r.user.ToUser();
      su.session.token_hash = token_hash;
      su.session.user_id = su.user.id;
      su.session.kind = r.kind;
      su.session.csrf_token = r.csrf_token;
      su.session.created_at = ParseTimestamp(r.created).value_or(Timestamp{});
      su.session.expires_at = ParseTimestamp(r.expires).value_or(Timestamp{});
      found = std::move(su);
    });
    if (!found) return Fail(ErrorCode::kNotFound, "Phiên đăng nhập không tồn tại.", "no session");
    if (found->session.expires_at <= now) {
      return Fail(ErrorCode::kNotFound, "Phiên đăng nhập đã hết hạn.", "expired session");
    }
    return std::move(*found);
  });
}

Status AccountStore::DeleteSession(const std::string& token_hash, const app::AuditEvent& audit) {
  return Guard("delete session", [&]() -> Status {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    *sql << "DELETE FROM sessions WHERE token_hash = :t", soci::use(token_hash);
    WriteAudit(*sql, audit);
    tx.Commit();
    return {};
  });
}

Status AccountStore::UpdatePassword(std::int64_t user_id, const std::string& hash, const std::string& keep,
                                    const app::AuditEvent& audit) {
  return Guard("update password", [&]() -> Status {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    long long id = user_id;
    *sql << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(hash), soci::use(id);
    *sql << "DELETE FROM sessions WHERE user_id = :id AND token_hash <> :keep", soci::use(id), soci::use(keep);
    WriteAudit(*sql, audit);
    tx.Commit();
    return {};
  });
}

Status AccountStore::Audit(const app::AuditEvent& audit) {
  return Guard("audit", [&]() -> Status {
    Database::Lease sql(db_);
    WriteAudit(*sql, audit);
    return {};
  });
}

}  // namespace motcua::store
