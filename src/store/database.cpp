#include "store/database.hpp"

#include <cctype>
#include <filesystem>
#include <mutex>

#include <fmt/format.h>
#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/cached_query.hpp"

namespace motcua::store {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite://";

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string PercentDecoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// libpq keyword value, quoted as libpq requires.
std::string Keyword(const std::string& key, const std::string& value) {
  std::string quoted;
  for (char c : value) {
    if (c == '\\' || c == '\'') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return key + "='" + quoted + "' ";
}

}  // namespace

Result<std::string> PostgresConnectString(const std::string& url) {
  // SOCI's PostgreSQL backend reads options out of the connection string
  // itself, which mangles URI query strings; so turn the URI into libpq's
  // keyword form: postgresql://[user[:password]@][host][:port][/db][?k=v&...]
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument, "Địa chỉ PostgreSQL không hợp lệ.",
                fmt::format("bad postgresql URL '{}'", url));
  };
  std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return bad();
  std::string rest = url.substr(scheme + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string userinfo;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
  }
  std::string host = rest, port;
  if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos) return bad();
  }
  std::string out;
  if (!host.empty()) out += Keyword("host", PercentDecoded(host));
  if (!port.empty()) out += Keyword("port", port);
  if (!userinfo.empty()) {
    auto colon = userinfo.find(':');
    out += Keyword("user", PercentDecoded(userinfo.substr(0, colon)));
    if (colon != std::string::npos) out += Keyword("password", PercentDecoded(userinfo.substr(colon + 1)));
  }
  if (!dbname.empty()) out += Keyword("dbname", PercentDecoded(dbname));
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t amp = query.find('&', start);
    if (amp == std::string::npos) amp = query.size();
    std::string pair = query.substr(start, amp - start);
    auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) return bad();
    out += Keyword(PercentDecoded(pair.substr(0, eq)), PercentDecoded(pair.substr(eq + 1)));
    start = amp + 1;
  }
  if (!out.empty()) out.pop_back();
  return out;
}

Database::Database(std::string url, Dialect dialect, std::size_t pool_size)
    : url_(std::move(url)), dialect_(dialect), pool_size_(pool_size),
      pool_(std::make_unique<soci::connection_pool>(pool_size)) {
  for (std::size_t i = 0; i < pool_size; ++i) statements_.push_back(std::make_unique<StatementCache>(dialect));
}

// Cached statements go before the sessions they were prepared on.
Database::~Database() { statements_.clear(); }

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, std::size_t pool_size) {
  if (pool_size == 0) pool_size = 1;
  // SQLite counts every allocation under one process-wide mutex unless told
  // not to; the worker threads, each on its own connection, then queue on
  // it (sorting a department's list allocates a lot). Must precede the
  // first connection; later calls are refused harmlessly.
  static std::once_flag sqlite_configured;
  std::call_once(sqlite_configured, [] { sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  Dialect dialect;
  std::string connect;
  std::string search_path;
  if (StartsWith(url, kSqlitePrefix)) {
    std::string path = url.substr(kSqlitePrefix.size());
    if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "Thiếu đường dẫn tệp SQLite.", "empty sqlite path");
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    dialect = Dialect::kSqlite;
    connect = fmt::format("db=\"{}\" timeout=10", path);
  } else if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    dialect = Dialect::kPostgres;
    // `search_path` is ours, not libpq's: it selects a schema (tests use one
    // schema each) and is applied with SET after connecting.
    std::string pg_url = url;
    if (auto pos = pg_url.find("search_path="); pos != std::string::npos &&
                                                (pg_url[pos - 1] == '?' || pg_url[pos - 1] == '&')) {
      auto end = pg_url.find('&', pos);
      search_path = pg_url.substr(pos + 12, end == std::string::npos ? std::string::npos : end - pos - 12);
      pg_url.erase(pos - 1, end == std::string::npos ? std::string::npos : end - pos + 1);
      if (search_path.empty() || search_path.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
        return Fail(ErrorCode::kInvalidArgument, "Tên schema không hợp lệ.", "bad search_path");
      }
    }
    auto keywords = PostgresConnectString(pg_url);
    if (!keywords) return Fail(keywords.error());
    connect = *keywords;
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                "Địa chỉ cơ sở dữ liệu phải bắt đầu bằng sqlite:// hoặc postgresql://.",
                fmt::format("unsupported database URL '{}'", url));
  }
  std::unique_ptr<Database> db(new Database(url, dialect, pool_size));
  for (std::size_t i = 0; i < pool_size; ++i) {
    soci::session& s = db->pool_->at(i);
    try {
      if (dialect == Dialect::kSqlite) {
        s.open(*soci::factory_sqlite3(), connect);
        // WAL lets readers run beside the single writer; NORMAL sync is
        // durable across application crashes and is SQLite's advice for WAL.
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA synchronous=NORMAL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA busy_timeout=10000";
      } else {
        s.open(*soci::factory_postgresql(), connect);
        s << "SET client_min_messages TO warning";
        if (!search_path.empty()) s << "SET search_path TO " + search_path;
      }
    } catch (const std::exception& e) {
      return Fail(ErrorCode::kUnavailable, "Không kết nối được cơ sở dữ liệu.",
                  fmt::format("cannot open {}: {}", url, e.what()));
    }
  }
  return db;
}

Database::Lease::Lease(Database& db)
    : db_(db), position_(db.pool_->lease()), session_(&db.pool_->at(position_)) {}

Database::Lease::~Lease() { db_.pool_->give_back(position_); }

StatementCache& Database::Lease::statements() { return *db_.statements_[position_]; }

Error TranslateDbError(const char* what, const std::exception& e) {
  std::string message = e.what();
  auto contains = [&](std::string_view s) { return message.find(s) != std::string::npos; };
  ErrorCode code = ErrorCode::kInternal;
  std::string user = "Lỗi hệ thống khi truy cập dữ liệu.";
  if (contains("UNIQUE") || contains("unique") || contains("duplicate key") ||
      contains("FOREIGN KEY") || contains("foreign key") || contains("constraint")) {
    code = ErrorCode::kConflict;
    user = "Dữ liệu xung đột với dữ liệu đã có.";
  } else if (contains("database is locked") || contains("connection") || contains("server closed") ||
             contains("could not connect")) {
    code = ErrorCode::kUnavailable;
    user = "Cơ sở dữ liệu tạm thời không sẵn sàng, vui lòng thử lại.";
  }
  return Error{code, user, fmt::format("{}: {}", what, message), {}};
}

}  // namespace motcua::store
