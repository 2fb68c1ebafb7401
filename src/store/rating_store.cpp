#include "store/rating_store.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <soci/soci.h>

#include "store/audit_writer.hpp"
#include "store/report_marks_store.hpp"
#include "store/write_transaction.hpp"

namespace motcua::store {

using namespace motcua::domain;

namespace {

constexpr const char* kLinkKeyName = "rating_link_key";

std::string Hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 0xf]);
  }
  return out;
}

std::optional<std::string> Unhex(const std::string& text) {
  if (text.size() % 2) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    int hi = nibble(text[i]), lo = nibble(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

int ChannelRank(RatingChannel c) { return static_cast<int>(c); }

// One row of `ratings` as read.
struct Row {
  long long dossier_id = 0;
  std::string channel;
  int version = 0;
  std::string answers;
  std::string comment;
  std::string rated_at;
  std::string first_rated_at;
  std::string counter;
  std::string officer;

  app::StoredRating Value() const {
    app::StoredRating s;
    s.rating.dossier_id = dossier_id;
    s.rating.channel = ParseRatingChannel(channel).value_or(RatingChannel::kOnline);
    s.rating.version = version;
    s.rating.answers = DecodeAnswers(answers);
    s.rating.comment = comment;
    s.rating.rated_at = ParseTimestamp(rated_at).value_or(Timestamp{});
    s.first_rated_at = ParseTimestamp(first_rated_at).value_or(Timestamp{});
    s.counter = counter;
    s.officer = officer;
    return s;
  }
};

constexpr const char* kRatingColumns =
    "SELECT dossier_id, channel, version, answers, comment, rated_at, first_rated_at, counter_code, officer "
    "FROM ratings ";

}  // namespace

std::string EncodeAnswers(const std::vector<RatingAnswer>& answers) {
  std::string out;
  for (const auto& a : answers) {
    if (!out.empty()) out += ',';
    out += RatingCriterionKey(a.criterion);
    out += ':';
    out += SatisfactionKey(a.value);
  }
  return out;
}

std::vector<RatingAnswer> DecodeAnswers(const std::string& text) {
  std::vector<RatingAnswer> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string_view pair(text.data() + start, end - start);
    auto colon = pair.find(':');
    if (colon != std::string_view::npos) {
      auto c = ParseRatingCriterion(pair.substr(0, colon));
      auto s = ParseSatisfaction(pair.substr(colon + 1));
      if (c && s) out.push_back({*c, *s});
    }
    start = end + 1;
  }
  return out;
}

Result<std::optional<app::StoredRating>> RatingStore::Latest(std::int64_t dossier_id, RatingChannel channel) {
  return Guard("latest rating", [&]() -> Result<std::optional<app::StoredRating>> {
    Database::Lease sql(db_);
    Row r;
    long long id = dossier_id;
    std::string ch = RatingChannelKey(channel);
    *sql << std::string(kRatingColumns) +
                "WHERE dossier_id = :d AND channel = :c ORDER BY version DESC LIMIT 1",
        soci::use(id), soci::use(ch), soci::into(r.dossier_id), soci::into(r.channel), soci::into(r.version),
        soci::into(r.answers), soci::into(r.comment), soci::into(r.rated_at), soci::into(r.first_rated_at),
        soci::into(r.counter), soci::into(r.officer);
    if (!sql->got_data()) return std::optional<app::StoredRating>();
    return std::optional<app::StoredRating>(r.Value());
  });
}

Result<std::vector<app::StoredRating>> RatingStore::ForDossier(std::int64_t dossier_id) {
  return Guard("ratings of dossier", [&]() -> Result<std::vector<app::StoredRating>> {
    Database::Lease sql(db_);
    Row r;
    long long id = dossier_id;
    soci::statement st = (sql->prepare << std::string(kRatingColumns) +
                                              "WHERE dossier_id = :d ORDER BY channel, version DESC",
                          soci::use(id), soci::into(r.dossier_id), soci::into(r.channel), soci::into(r.version),
                          soci::into(r.answers), soci::into(r.comment), soci::into(r.rated_at),
                          soci::into(r.first_rated_at), soci::into(r.counter), soci::into(r.officer));
    st.execute();
    std::vector<app::StoredRating> out;
    std::string last_channel;
    while (st.fetch()) {
      if (r.channel == last_channel) continue;  // an older version
      last_channel = r.channel;
      out.push_back(r.Value());
    }
    std::stable_sort(out.begin(), out.end(), [](const app::StoredRating& a, const app::StoredRating& b) {
      return ChannelRank(a.rating.channel) < ChannelRank(b.rating.channel);
    });
    return out;
  });
}

Status RatingStore::Insert(const app::RatingWrite& write) {
  return Guard("insert rating", [&]() -> Status {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    const app::StoredRating& s = write.stored;
    long long dossier = s.rating.dossier_id;
    std::string channel = RatingChannelKey(s.rating.channel);
    std::string rated_at = FormatTimestamp(s.rating.rated_at);
    if (!write.link_nonce.empty()) {
      int used = 0;
      *sql << "SELECT COUNT(*) FROM rating_link_nonces WHERE nonce = :n", soci::use(write.link_nonce),
          soci::into(used);
      if (used) return Fail(ErrorCode::kConflict, "Liên kết đánh giá này đã được sử dụng.", "rating link reused");
      *sql << "INSERT INTO rating_link_nonces (nonce, dossier_id, used_at) VALUES (:n, :d, :at)",
          soci::use(write.link_nonce), soci::use(dossier), soci::use(rated_at);
    }
    // Versions are numbered without gaps: someone else's version in between is a conflict.
    int latest = 0;
    soci::indicator latest_ind = soci::i_null;
    *sql << "SELECT MAX(version) FROM ratings WHERE dossier_id = :d AND channel = :c", soci::use(dossier),
        soci::use(channel), soci::into(latest, latest_ind);
    if ((latest_ind == soci::i_ok ? latest : 0) != s.rating.version - 1) {
      return Fail(ErrorCode::kConflict, "Đánh giá của hồ sơ vừa được cập nhật, vui lòng tải lại trang.",
                  fmt::format("rating version {} of dossier {} raced", s.rating.version, dossier));
    }
    std::string answers = EncodeAnswers(s.rating.answers);
    std::string first = FormatTimestamp(s.first_rated_at);
    int version = s.rating.version;
    *sql << "INSERT INTO ratings (dossier_id, channel, version, answers, comment, rated_at, first_rated_at, "
            "counter_code, officer) VALUES (:d, :c, :v, :a, :m, :at, :first, :counter, :officer)",
        soci::use(dossier), soci::use(channel), soci::use(version), soci::use(answers), soci::use(s.rating.comment),
        soci::use(rated_at), soci::use(first), soci::use(s.counter), soci::use(s.officer);
    try {
      ChangeReportMarks(*sql, db_.dialect(), dossier, [&](ReportMarks& m) { m.SetFrom(s.rating); });
    } catch (const std::out_of_range&) {
      return Fail(ErrorCode::kNotFound, "Không tìm thấy hồ sơ.", fmt::format("no dossier {}", dossier));
    }
    if (!s.counter.empty()) {
      *sql << "UPDATE kiosks SET pending_dossier_id = NULL, pending_at = NULL "
              "WHERE counter_code = :c AND pending_dossier_id = :d",
          soci::use(s.counter), soci::use(dossier);
    }
    app::AuditEvent audit = write.audit;
    if (audit.target.empty()) audit.target = write.dossier_code;
    WriteAudit(*sql, audit);
    tx.Commit();
    return {};
  });
}

Result<bool> RatingStore::LinkNonceUsed(const std::string& nonce) {
  return Guard("rating link nonce", [&]() -> Result<bool> {
    Database::Lease sql(db_);
    int used = 0;
    *sql << "SELECT COUNT(*) FROM rating_link_nonces WHERE nonce = :n", soci::use(nonce), soci::into(used);
    return used > 0;
  });
}

Status RatingStore::BindKiosk(const app::KioskBinding& b, const app::AuditEvent& audit) {
  return Guard("bind kiosk", [&]() -> Status {
    Database::Lease sql(db_);
    WriteTransaction tx(*sql, db_.dialect());
    // One counter per officer on duty.
    *sql << "UPDATE kiosks SET officer = '', pending_dossier_id = NULL, pending_at = NULL "
            "WHERE officer = :o AND counter_code <> :c",
        soci::use(b.officer), soci::use(b.counter);
    std::string at = FormatTimestamp(b.activated_at);
    *sql << "INSERT INTO kiosks (counter_code, agency_code, officer, device_hash, csrf_token, activated_at) "
            "VALUES (:c, :a, :o, :h, :t, :at) "
            "ON CONFLICT (counter_code) DO UPDATE SET agency_code = excluded.agency_code, officer = excluded.officer, "
            "device_hash = excluded.device_hash, csrf_token = excluded.csrf_token, "
            "activated_at = excluded.activated_at, pending_dossier_id = NULL, pending_at = NULL",
        soci::use(b.counter), soci::use(b.agency_code), soci::use(b.officer), soci::use(b.device_hash),
        soci::use(b.csrf_token), soci::use(at);
    WriteAudit(*sql, audit);
    tx.Commit();
    return {};
  });
}

Result<std::optional<app::KioskBinding>> RatingStore::FindKiosk(const std::string& counter) {
  return Guard("find kiosk", [&]() -> Result<std::optional<app::KioskBinding>> {
    Database::Lease sql(db_);
    app::KioskBinding b;
    std::string activated, pending_at;
    long long pending = 0;
    soci::indicator pending_ind = soci::i_null, pending_at_ind = soci::i_null;
    *sql << "SELECT counter_code, agency_code, officer, device_hash, csrf_token, activated_at, pending_dossier_id, "
            "pending_at FROM kiosks WHERE counter_code = :c",
        soci::use(counter), soci::into(b.counter), soci::into(b.agency_code), soci::into(b.officer),
        soci::into(b.device_hash), soci::into(b.csrf_token), soci::into(activated), soci::into(pending, pending_ind),
        soci::into(pending_at, pending_at_ind);
    if (!sql->got_data()) return std::optional<app::KioskBinding>();
    b.activated_at = ParseTimestamp(activated).value_or(Timestamp{});
    b.pending_dossier_id = pending_ind == soci::i_ok ? pending : 0;
    if (pending_at_ind == soci::i_ok) b.pending_at = ParseTimestamp(pending_at);
    return std::optional<app::KioskBinding>(std::move(b));
  });
}

Status RatingStore::OfferAtKiosk(const std::string& officer, std::int64_t dossier_id, Timestamp at) {
  return Guard("offer at kiosk", [&]() -> Status {
    Database::Lease sql(db_);
    long long id = dossier_id;
    std::string when = FormatTimestamp(at);
    *sql << "UPDATE kiosks SET pending_dossier_id = :d, pending_at = :at WHERE officer = :o AND officer <> ''",
        soci::use(id), soci::use(when), soci::use(officer);
    return {};
  });
}

Status RatingStore::ClearKiosk(const std::string& counter, std::int64_t dossier_id) {
  return Guard("clear kiosk", [&]() -> Status {
    Database::Lease sql(db_);
    long long id = dossier_id;
    *sql << "UPDATE kiosks SET pending_dossier_id = NULL, pending_at = NULL "
            "WHERE counter_code = :c AND pending_dossier_id = :d",
        soci::use(counter), soci::use(id);
    return {};
  });
}

Result<std::string> RatingStore::LinkKey(const std::function<std::string()>& generate) {
  return Guard("rating link key", [&]() -> Result<std::string> {
    Database::Lease sql(db_);
    std::string name = kLinkKeyName;
    auto read = [&]() -> std::optional<std::string> {
      std::string value;
      *sql << "SELECT value FROM server_secrets WHERE name = :n", soci::use(name), soci::into(value);
      if (!sql->got_data()) return std::nullopt;
      return Unhex(value);
    };
    if (auto key = read()) return *key;
    std::string fresh = Hex(generate());
    std::string now = FormatTimestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now()));
    // Several servers may start at once: the first insert wins, the others read it.
    *sql << "INSERT INTO server_secrets (name, value, created_at) VALUES (:n, :v, :at) "
            "ON CONFLICT (name) DO NOTHING",
        soci::use(name), soci::use(fresh), soci::use(now);
    if (auto key = read()) return *key;
    return Fail(ErrorCode::kInternal, "Lỗi hệ thống khi đọc khóa bí mật.", "rating link key unreadable");
  });
}

}  // namespace motcua::store
