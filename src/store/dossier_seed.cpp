#include "store/dossier_seed.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <random>
#include <tuple>

#include <fmt/format.h>
#include <soci/soci.h>

#include "core/text.hpp"
#include "core/time.hpp"
#include "domain/accounts/user.hpp"
#include "domain/catalog/agency.hpp"
#include "domain/catalog/procedure.hpp"
#include "domain/dossier/dossier.hpp"
#include "domain/dossier/dossier_code.hpp"
#include "store/audit_writer.hpp"
#include "store/write_transaction.hpp"
#include "store/cached_query.hpp"
#include "store/dossier_list_query.hpp"

namespace motcua::store {

using namespace motcua::domain;

namespace {

// --- what one seeded dossier looks like -------------------------------------------

// The columns the seed binds; the others keep their defaults (no owner
// account, no organization, no decision, no supplement or refusal).
constexpr const char* kSeedColumns =
    "version, code, procedure_code, procedure_name, agency_code, applicant_name, applicant_id_number, "
    "applicant_phone, applicant_email, applicant_address, channel, status, request_note, copies, "
    "processing_days, submitted_at, postal_handover_at, received_at, due_at, received_by, created_at, updated_at, "
    "step, step_agency, step_role, assignee, step_started_at, step_due_at, applicant_name_key";
constexpr int kSeedColumnCount = 29;

struct Nullable {
  std::string value;
  soci::indicator ind = soci::i_null;
  void Set(std::string v) {
    value = std::move(v);
    ind = soci::i_ok;
  }
  void Clear() {
    value.clear();
    ind = soci::i_null;
  }
};

struct SeedRow {
  int version = 1;
  Nullable code;
  std::string procedure_code, procedure_name, agency_code;
  std::string name, id_number, phone, email, address;
  std::string channel, status, note;
  int copies = 1;
  double processing_days = 0;
  Nullable submitted, handover, received, due;
  std::string received_by, created, updated;
  int step = -1;
  Nullable step_agency;
  std::string step_role = "desk_officer";
  Nullable assignee, step_started, step_due;
  std::string name_key;
  int file_count = 0;  // not a column: the files this row gets (seed_files)
};

// A row before its code: what the generator decided for one dossier.
struct Planned {
  int agency = 0;     // index into options.agencies
  int procedure = 0;  // index into options.procedures
  Channel channel = Channel::kDesk;
  bool accepted = true;
  int created_s = 0;   // seconds since local midnight of the day
  int created_ms = 0;  // and milliseconds
  int received_s = 0;  // accepted only
  int handover_s = 0;  // postal only: seconds since the previous day's midnight
  std::uint64_t person = 0, person2 = 0;  // draws for the applicant
  int sequence = 0;          // accepted only, assigned per agency
};

constexpr std::array kFamilyNames = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
                                     "Võ",     "Đặng", "Bùi", "Đỗ",  "Hồ",    "Ngô",   "Dương", "Lý"};
constexpr std::array kMiddleNames = {"Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng", "Quốc", "Thu", "Gia", "Đức",
                                     "Hữu", "Kim"};
constexpr std::array kGivenNames = {"An",   "Bình", "Châu", "Dũng", "Hà",    "Hải",  "Hùng",  "Lan",
                                    "Linh", "Long", "Mai",  "Nam",  "Ngân",  "Phúc", "Quân",  "Tâm",
                                    "Thảo", "Trang", "Tú",  "Vy",   "Yến",   "Khoa", "Nhung", "Sơn"};
constexpr std::array kStreets = {"Lê Lợi",      "Nguyễn Huệ",    "Đồng Khởi",    "Pasteur",  "Hai Bà Trưng",
                                 "Lý Tự Trọng", "Nam Kỳ Khởi Nghĩa", "Điện Biên Phủ", "Cách Mạng Tháng Tám",
                                 "Trần Hưng Đạo", "Võ Văn Tần",  "Nguyễn Thị Minh Khai"};
constexpr std::array kWards = {"Phường Sài Gòn", "Phường Bến Thành", "Phường Tân Định", "Phường Chợ Lớn",
                               "Phường Bình Thạnh", "Phường Gò Vấp"};
constexpr std::array kNotes = {"", "", "", "", "", "", "", "Nộp kèm bản chính để đối chiếu.",
                               "Đề nghị nhận kết quả qua bưu chính.", "Cần gấp để bổ sung hồ sơ xin việc."};

// Deterministic draws: std::mt19937_64's sequence is fixed by the standard,
// and the mappings below are ours, so every platform and engine gets the same
// dossiers from the same seed.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(seed) {}
  std::uint64_t Next() { return rng_(); }
  int Below(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
  double Unit() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

 private:
  std::mt19937_64 rng_;
};

template <typename Array>
const char* Pick(const Array& a, std::uint64_t& bits) {
  const char* s = a[bits % a.size()];
  bits /= a.size();
  return s;
}

// Office sessions of the default hours, in seconds: 07:30–11:30, 13:00–17:00.
constexpr int kMorningStart = 450 * 60, kMorningEnd = 690 * 60, kAfternoonStart = 780 * 60, kClose = 1020 * 60;

int OfficeSecond(int office_seconds) {  // 0 .. 8h of office time → clock second
  return office_seconds < kMorningEnd - kMorningStart ? kMorningStart + office_seconds
                                                      : kAfternoonStart + office_seconds - (kMorningEnd - kMorningStart);
}

int IntoOfficeHours(int s) {  // before opening → 07:30, lunch → 13:00, never past closing
  if (s < kMorningStart) s = kMorningStart;
  if (s >= kMorningEnd && s < kAfternoonStart) s = kAfternoonStart;
  return std::min(s, kClose - 1);
}

std::string Stamp(Date day, int seconds, int millis) {
  return FormatTimestamp(FromVietnam(day, 0) + std::chrono::seconds(seconds) + std::chrono::milliseconds(millis));
}

// A second, independent stream of draws for the handling state, derived
// from the applicant's draws (splitmix64), so that adding it left the
// dossiers' other columns as they were.
class HandlingDraw {
 public:
  explicit HandlingDraw(std::uint64_t seed) : state_(seed ^ 0xD1B54A32D192ED03ULL) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// The step an accepted dossier is at: 25/45/20/10 % over four steps, else
// evenly.
int PickStep(std::size_t steps, double u) {
  if (steps <= 1) return 0;
  if (steps == 4) {
    constexpr double kCumulative[] = {0.25, 0.70, 0.90};
    for (int k = 0; k < 3; ++k) {
      if (u < kCumulative[k]) return k;
    }
    return 3;
  }
  return std::min(static_cast<int>(u * static_cast<double>(steps)), static_cast<int>(steps) - 1);
}

std::chrono::milliseconds Hours(double h) { return std::chrono::milliseconds(static_cast<long long>(h * 3600000.0)); }

// --- writing ---------------------------------------------------------------------

std::string InsertSql(int rows) {
  std::string sql = std::string("INSERT INTO dossiers (") + kSeedColumns + ") VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (int c = 0; c < kSeedColumnCount; ++c) sql += fmt::format("{}:p{}_{}", c ? "," : "", r, c);
    sql += ")";
  }
  return sql + " RETURNING id";
}

// One prepared multi-row INSERT bound to rows [0, n) of `slots`, returning ids.
struct BatchStatement {
  std::unique_ptr<soci::statement> st;
  std::vector<long long> ids;
  int rows = 0;
};

std::unique_ptr<BatchStatement> PrepareBatch(soci::session& sql, std::vector<SeedRow>& slots, int n) {
  auto b = std::make_unique<BatchStatement>();
  b->rows = n;
  b->ids.resize(n + 1);
  b->st = std::make_unique<soci::statement>(sql);
  b->st->alloc();
  b->st->prepare(InsertSql(n));
  b->st->exchange(soci::into(b->ids));
  for (int i = 0; i < n; ++i) {
    SeedRow& r = slots[i];
    b->st->exchange(soci::use(r.version));
    b->st->exchange(soci::use(r.code.value, r.code.ind));
    b->st->exchange(soci::use(r.procedure_code));
    b->st->exchange(soci::use(r.procedure_name));
    b->st->exchange(soci::use(r.agency_code));
    b->st->exchange(soci::use(r.name));
    b->st->exchange(soci::use(r.id_number));
    b->st->exchange(soci::use(r.phone));
    b->st->exchange(soci::use(r.email));
    b->st->exchange(soci::use(r.address));
    b->st->exchange(soci::use(r.channel));
    b->st->exchange(soci::use(r.status));
    b->st->exchange(soci::use(r.note));
    b->st->exchange(soci::use(r.copies));
    b->st->exchange(soci::use(r.processing_days));
    b->st->exchange(soci::use(r.submitted.value, r.submitted.ind));
    b->st->exchange(soci::use(r.handover.value, r.handover.ind));
    b->st->exchange(soci::use(r.received.value, r.received.ind));
    b->st->exchange(soci::use(r.due.value, r.due.ind));
    b->st->exchange(soci::use(r.received_by));
    b->st->exchange(soci::use(r.created));
    b->st->exchange(soci::use(r.updated));
    b->st->exchange(soci::use(r.step));
    b->st->exchange(soci::use(r.step_agency.value, r.step_agency.ind));
    b->st->exchange(soci::use(r.step_role));
    b->st->exchange(soci::use(r.assignee.value, r.assignee.ind));
    b->st->exchange(soci::use(r.step_started.value, r.step_started.ind));
    b->st->exchange(soci::use(r.step_due.value, r.step_due.ind));
    b->st->exchange(soci::use(r.name_key));
  }
  b->st->define_and_bind();
  return b;
}

class Writer {
 public:
  Writer(soci::session& sql, const DossierSeedOptions& o, DossierSeedSummary& summary)
      : sql_(sql), options_(o), summary_(summary), slots_(std::max(1, o.rows_per_statement)) {
    full_ = PrepareBatch(sql_, slots_, static_cast<int>(slots_.size()));
  }

  SeedRow& Next() { return slots_[pending_]; }

  // The row returned by Next() is filled: send the batch when it is full.
  void Added() {
    if (++pending_ == static_cast<int>(slots_.size())) Flush();
  }

  void Flush() {
    if (pending_ == 0) return;
    BatchStatement* b = full_.get();
    std::unique_ptr<BatchStatement> partial;
    if (pending_ != full_->rows) {
      partial = PrepareBatch(sql_, slots_, pending_);
      b = partial.get();
    }
    // Room for one row more than inserted, so that the fetch runs into the
    // end of the result: SQLite keeps an unfinished statement open, and an
    // open statement blocks COMMIT.
    b->ids.resize(b->rows + 1);
    b->st->execute(true);
    if (static_cast<int>(b->ids.size()) != pending_) {
      throw std::runtime_error(fmt::format("seed: {} ids returned for {} rows", b->ids.size(), pending_));
    }
    std::string ids;
    for (long long id : b->ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);  // integers we read ourselves
    WriteFilesAndHistory(ids);
    // Counted from what was sent (affected-row counts of INSERT ... SELECT
    // differ between the SOCI backends).
    for (int i = 0; i < pending_; ++i) {
      const bool accepted = slots_[i].status == "accepted";
      ++(accepted ? summary_.accepted : summary_.submitted);
      summary_.events += accepted ? 2 : 1;
      summary_.files += slots_[i].file_count;
    }
    summary_.dossiers += pending_;
    pending_ = 0;
  }

 private:
  // Files and history rows are derived on the server from the rows just
  // written (same statements on both engines), so no id bookkeeping is needed.
  void WriteFilesAndHistory(const std::string& ids) {
    long long size = options_.file_size;
    soci::statement files = (sql_.prepare <<
        "INSERT INTO dossier_files (dossier_id, position, component_index, component_name, sha256, file_name, "
        "content_type, size, copy_kind) "
        "SELECT d.id, c.position, c.component_index, c.component_name, :sha, c.file_name, 'application/pdf', :size, "
        "CASE WHEN d.channel = 'online' THEN 'electronic' ELSE 'original' END "
        "FROM dossiers d JOIN seed_files c ON c.procedure_code = d.procedure_code WHERE d.id IN (" + ids + ")",
        soci::use(options_.file_sha256), soci::use(size));
    files.execute(true);
    // The first event as the real use cases write it: submit (online),
    // receive_postal (postal, by the desk), create_at_desk (desk, as a draft).
    soci::statement created = (sql_.prepare <<
        "INSERT INTO dossier_events (dossier_id, at, actor, action, from_status, to_status, note) "
        "SELECT d.id, d.created_at, CASE WHEN d.channel = 'online' THEN d.applicant_id_number ELSE a.officer END, "
        "CASE d.channel WHEN 'online' THEN 'submit' WHEN 'postal' THEN 'receive_postal' ELSE 'create_at_desk' END, "
        "'', CASE WHEN d.channel = 'desk' THEN 'draft' ELSE 'submitted' END, '' "
        "FROM dossiers d JOIN seed_agencies a ON a.agency_code = d.agency_code WHERE d.id IN (" + ids + ") ORDER BY d.id");
    created.execute(true);
    soci::statement accepted = (sql_.prepare <<
        "INSERT INTO dossier_events (dossier_id, at, actor, action, from_status, to_status, note) "
        "SELECT id, received_at, received_by, 'accept', CASE WHEN channel = 'desk' THEN 'draft' ELSE 'submitted' END, "
        "'accepted', '' FROM dossiers WHERE id IN (" + ids + ") AND status = 'accepted' ORDER BY id");
    accepted.execute(true);
  }

  soci::session& sql_;
  const DossierSeedOptions& options_;
  DossierSeedSummary& summary_;
  std::vector<SeedRow> slots_;
  std::unique_ptr<BatchStatement> full_;
  int pending_ = 0;
};

Status CheckOptions(const DossierSeedOptions& o) {
  auto bad = [](std::string message) { return Fail(ErrorCode::kInvalidArgument, message, "bad seed options"); };
  if (o.count < 0) return bad("Số hồ sơ phải không âm.");
  if (o.agencies.empty()) return bad("Không có cơ quan tiếp nhận nào để tạo hồ sơ.");
  if (o.file_sha256.size() != 64) return bad("Thiếu tệp mẫu cho các thành phần hồ sơ.");
  if (o.days < 0 || o.days > 20000) return bad("Số ngày làm việc không hợp lệ.");
  if (o.rows_per_statement < 1 || o.rows_per_statement > 1000) return bad("Số dòng mỗi câu lệnh từ 1 đến 1000.");
  for (const auto& a : o.agencies) {
    if (!IsValidAgencyCode(a.code)) return bad("Mã cơ quan không hợp lệ: " + a.code);
    if (a.procedures.empty()) return bad("Cơ quan " + a.code + " không có thủ tục nào để tạo hồ sơ.");
    if (!(a.share > 0)) return bad("Tỷ lệ hồ sơ của cơ quan phải dương: " + a.code);
    for (int p : a.procedures) {
      if (p < 0 || p >= static_cast<int>(o.procedures.size())) return bad("Chỉ số thủ tục không hợp lệ.");
    }
  }
  std::vector<std::string> codes;
  for (const auto& p : o.procedures) {
    if (p.weight < 1) return bad("Trọng số thủ tục phải dương: " + p.code);
    codes.push_back(p.code);
  }
  std::sort(codes.begin(), codes.end());
  if (std::adjacent_find(codes.begin(), codes.end()) != codes.end()) return bad("Thủ tục bị lặp.");
  codes.clear();
  for (const auto& a : o.agencies) codes.push_back(a.code);
  std::sort(codes.begin(), codes.end());
  if (std::adjacent_find(codes.begin(), codes.end()) != codes.end()) return bad("Cơ quan bị lặp.");
  for (const auto& p : o.procedures) {
    for (const auto& step : p.steps) {
      auto role = ParseRole(step.role);
      if (!role || !IsOfficer(*role)) return bad("Vai trò của bước xử lý không hợp lệ: " + step.role);
      if (!step.agency_code.empty() && !IsValidAgencyCode(step.agency_code)) {
        return bad("Mã cơ quan của bước xử lý không hợp lệ: " + step.agency_code);
      }
    }
  }
  if (!o.officers.empty() && o.officer_password_hash.empty()) return bad("Thiếu mật khẩu (đã băm) của cán bộ.");
  codes.clear();
  for (const auto& officer : o.officers) {
    auto role = ParseRole(officer.role);
    if (officer.username.empty() || !role || !IsOfficer(*role) || !IsValidAgencyCode(officer.agency_code)) {
      return bad("Cán bộ không hợp lệ: " + officer.username);
    }
    codes.push_back(officer.username);
  }
  std::sort(codes.begin(), codes.end());
  if (std::adjacent_find(codes.begin(), codes.end()) != codes.end()) return bad("Cán bộ bị lặp.");
  return {};
}

}  // namespace

Result<DossierSeedSummary> SeedDossiers(Database& db, const WorkingCalendar& calendar, const DossierSeedOptions& o) {
  if (auto ok = CheckOptions(o); !ok) return Fail(ok.error());
  DossierSeedSummary summary;
  if (o.count == 0) return summary;
  // Working days, newest last. About 4,000 dossiers a day by default keeps
  // every agency's daily sequence far below the 9,999 the code format allows.
  int days = o.days > 0 ? o.days : static_cast<int>(std::max<std::int64_t>(20, (o.count + 3999) / 4000));
  std::vector<Date> day_list;
  Date d = o.last_day;
  for (int guard = 0; static_cast<int>(day_list.size()) < days && guard < days * 3 + 400; ++guard) {
    if (calendar.IsWorkingDay(d)) day_list.push_back(d);
    d = Date{std::chrono::sys_days(d) - std::chrono::days(1)};
  }
  if (static_cast<int>(day_list.size()) < days) {
    return Fail(ErrorCode::kInvalidArgument, "Không đủ ngày làm việc để trải hồ sơ.", "too few working days");
  }
  std::reverse(day_list.begin(), day_list.end());
  summary.days = days;
  summary.first_day = day_list.front();
  summary.last_day = day_list.back();

  double total_share = 0;
  for (const auto& a : o.agencies) total_share += a.share;
  std::vector<std::vector<int>> cumulative_weights(o.agencies.size());
  for (std::size_t a = 0; a < o.agencies.size(); ++a) {
    int sum = 0;
    for (int p : o.agencies[a].procedures) cumulative_weights[a].push_back(sum += o.procedures[p].weight);
  }
  const OfficeHours hours = OfficeHours::Default();
  const Timestamp due_reference =
      o.due_reference != Timestamp{} ? o.due_reference
                                     : FromVietnam(Date{std::chrono::sys_days(o.last_day) + std::chrono::days(1)}, 0);
  // Officers by (agency, role), for the assignees.
  std::map<std::pair<std::string, std::string>, std::vector<const SeedOfficer*>> officers_of;
  for (const auto& officer : o.officers) officers_of[{officer.agency_code, officer.role}].push_back(&officer);

  return Guard("seed dossiers", [&]() -> Result<DossierSeedSummary> {
    Database::Lease sql(db);
    // Per-run lookup tables for the INSERT ... SELECT statements.
    *sql << "DROP TABLE IF EXISTS seed_files";
    *sql << "DROP TABLE IF EXISTS seed_agencies";
    *sql << "CREATE TEMPORARY TABLE seed_files (procedure_code TEXT NOT NULL, position INTEGER NOT NULL, "
            "component_index INTEGER NOT NULL, component_name TEXT NOT NULL, file_name TEXT NOT NULL, "
            "PRIMARY KEY (procedure_code, position))";
    *sql << "CREATE TEMPORARY TABLE seed_agencies (agency_code TEXT PRIMARY KEY, officer TEXT NOT NULL)";
    for (const auto& p : o.procedures) {
      int position = 0;
      for (const auto& [index, name] : p.files) {
        std::string file_name = fmt::format("thanh-phan-{}.pdf", index + 1);
        *sql << "INSERT INTO seed_files (procedure_code, position, component_index, component_name, file_name) "
                "VALUES (:p, :pos, :i, :n, :f) ON CONFLICT DO NOTHING",
            soci::use(p.code), soci::use(position), soci::use(index), soci::use(name), soci::use(file_name);
        ++position;
      }
    }
    for (const auto& a : o.agencies) {
      *sql << "INSERT INTO seed_agencies (agency_code, officer) VALUES (:a, :o) ON CONFLICT DO NOTHING",
          soci::use(a.code), soci::use(a.desk_officer);
    }

    if (!o.officers.empty()) {
      long long before = 0, after = 0;
      *sql << "SELECT COUNT(*) FROM users", soci::into(before);
      WriteTransaction users_tx(*sql, db.dialect());
      const std::string created = FormatTimestamp(
          std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
      for (const auto& officer : o.officers) {
        *sql << "INSERT INTO users (role, username, full_name, agency_code, password_hash, active, created_at) "
                "VALUES (:r, :u, :n, :a, :h, 1, :c) ON CONFLICT (username) DO NOTHING",
            soci::use(officer.role), soci::use(officer.username), soci::use(officer.full_name),
            soci::use(officer.agency_code), soci::use(o.officer_password_hash), soci::use(created);
      }
      users_tx.Commit();
      *sql << "SELECT COUNT(*) FROM users", soci::into(after);
      summary.officers_created = after - before;
    }

    Writer writer(*sql, o, summary);
    auto tx = std::make_unique<WriteTransaction>(*sql, db.dialect());
    std::int64_t in_tx = 0;
    std::vector<Planned> plan;
    for (int day_index = 0; day_index < days; ++day_index) {
      const Date day = day_list[day_index];
      const int age = days - 1 - day_index;  // working days before last_day
      // Spread evenly; the remainder goes to the newest days.
      std::int64_t n = o.count / days + (day_index >= days - static_cast<int>(o.count % days) ? 1 : 0);
      Draw draw(o.seed ^ (0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(day_index + 1)));
      plan.assign(static_cast<std::size_t>(n), Planned{});
      for (std::size_t i = 0; i < plan.size(); ++i) {
        Planned& r = plan[i];
        double pick = draw.Unit() * total_share;
        r.agency = static_cast<int>(o.agencies.size()) - 1;
        for (std::size_t a = 0; a < o.agencies.size(); ++a) {
          if ((pick -= o.agencies[a].share) < 0) {
            r.agency = static_cast<int>(a);
            break;
          }
        }
        const auto& weights = cumulative_weights[r.agency];
        int w = draw.Below(weights.back());
        r.procedure = o.agencies[r.agency].procedures[std::upper_bound(weights.begin(), weights.end(), w) - weights.begin()];
        const SeedProcedure& p = o.procedures[r.procedure];
        // Channels: 45 % online, 10 % postal, the rest at the desk, among
        // those the procedure accepts.
        double c = draw.Unit() * ((p.online ? 0.45 : 0) + (p.postal ? 0.10 : 0) + 0.45);
        r.channel = p.online && c < 0.45 ? Channel::kOnline
                    : p.postal && c < (p.online ? 0.55 : 0.10) ? Channel::kPostal
                                                                : Channel::kDesk;
        // The desk accepts paper dossiers on the spot; online and postal ones
        // wait: a third of the last three days' are still waiting, 2 % of older.
        r.accepted = r.channel == Channel::kDesk || !draw.Chance(age < 3 ? 0.35 : 0.02);
        if (r.channel == Channel::kOnline) {
          r.created_s = 6 * 3600 + draw.Below(10 * 3600 + 40 * 60);  // 06:00–16:40
        } else {
          r.created_s = OfficeSecond(draw.Below(8 * 3600 - 120));
        }
        r.received_s = r.channel == Channel::kDesk ? r.created_s
                                                   : IntoOfficeHours(r.created_s + 600 + draw.Below(110 * 60));
        if (r.received_s < r.created_s) r.received_s = r.created_s;
        r.created_ms = draw.Below(1000);
        r.handover_s = 14 * 3600 + draw.Below(2 * 3600);
        r.person = draw.Next();
        r.person2 = draw.Next();
      }
      // Ids follow the order of arrival within the day.
      std::stable_sort(plan.begin(), plan.end(), [](const Planned& a, const Planned& b) {
        return std::tie(a.created_s, a.created_ms) < std::tie(b.created_s, b.created_ms);
      });
      // Codes: the agency's next numbers of the day, in order of reception,
      // taken from dossier_sequences in this transaction.
      std::vector<std::vector<std::size_t>> by_agency(o.agencies.size());
      for (std::size_t i = 0; i < plan.size(); ++i) {
        if (plan[i].accepted) by_agency[plan[i].agency].push_back(i);
      }
      const std::string day_key = DossierDayKey(day);
      for (std::size_t a = 0; a < by_agency.size(); ++a) {
        auto& list = by_agency[a];
        if (list.empty()) continue;
        std::stable_sort(list.begin(), list.end(),
                         [&](std::size_t x, std::size_t y) { return plan[x].received_s < plan[y].received_s; });
        int taken = static_cast<int>(list.size());
        int last = 0;
        *sql << "INSERT INTO dossier_sequences (agency_code, day, last) VALUES (:a, :d, :n) "
                "ON CONFLICT (agency_code, day) DO UPDATE SET last = dossier_sequences.last + excluded.last "
                "RETURNING last",
            soci::use(o.agencies[a].code), soci::use(day_key), soci::use(taken), soci::into(last);
        if (last > kMaxDailySequence) {
          return Fail(ErrorCode::kFailedPrecondition,
                      fmt::format("Cơ quan {} đã dùng hết số thứ tự hồ sơ ngày {}: hãy trải hồ sơ ra nhiều ngày hơn "
                                  "(--days).",
                                  o.agencies[a].code, FormatIsoDate(day)),
                      fmt::format("sequence {} > {}", last, kMaxDailySequence));
        }
        for (int k = 0; k < taken; ++k) plan[list[k]].sequence = last - taken + 1 + k;
      }
      const Date previous_day{std::chrono::sys_days(day) - std::chrono::days(1)};
      for (std::size_t i = 0; i < plan.size(); ++i) {
        const Planned& r = plan[i];
        const SeedProcedure& p = o.procedures[r.procedure];
        const SeedAgency& agency = o.agencies[r.agency];
        SeedRow& row = writer.Next();
        // The applicant, from two draws; every step in sequence (argument
        // evaluation order is unspecified, so no draws inside one call).
        std::uint64_t bits = r.person;
        const int millis = r.created_ms;
        const char* family = Pick(kFamilyNames, bits);
        const char* middle = Pick(kMiddleNames, bits);
        const char* given = Pick(kGivenNames, bits);
        row.name = fmt::format("{} {} {}", family, middle, given);
        row.name_key = FoldForSearch(row.name);
        // CCCD: province 079 (TP.HCM), century-and-sex digit (0/1 born in
        // the 1900s, 2/3 in the 2000s), two digits of the year, serial.
        const int born = 1960 + static_cast<int>((bits / 2) % 45);
        row.id_number = fmt::format("079{}{:02d}{:06d}", (born >= 2000 ? 2 : 0) + static_cast<int>(bits % 2), born % 100,
                                    (bits / 90) % 1000000);
        bits = r.person2;
        row.phone = fmt::format("09{:08d}", bits % 100000000);
        bits /= 100000000;
        row.email = bits % 3 == 0 ? fmt::format("congdan.{}@example.vn", row.id_number.substr(6)) : std::string();
        bits /= 3;
        const std::uint64_t house = 1 + bits % 300;
        bits /= 300;
        const char* street = Pick(kStreets, bits);
        const char* ward = Pick(kWards, bits);
        row.address = fmt::format("{} {}, {}, TP. Hồ Chí Minh", house, street, ward);
        row.note = Pick(kNotes, bits);
        row.copies = bits % 10 == 0 ? 2 : 1;
        row.file_count = static_cast<int>(p.files.size());
        row.procedure_code = p.code;
        row.procedure_name = p.name;
        row.agency_code = agency.code;
        row.channel = ChannelKey(r.channel);
        row.created = Stamp(day, r.created_s, millis);
        if (r.channel == Channel::kPostal) {
          row.handover.Set(Stamp(previous_day, r.handover_s, 0));
          row.submitted.Set(row.handover.value);
        } else {
          row.handover.Clear();
          if (r.channel == Channel::kOnline) row.submitted.Set(row.created); else row.submitted.Clear();
        }
        if (r.accepted) {
          auto code = FormatDossierCode(agency.code, day, r.sequence);
          if (!code) return Fail(code.error());
          auto due = calendar.DueTime(LocalDateTime{day, r.received_s / 60}, p.processing_days, hours);
          if (!due) return Fail(due.error());
          row.version = 2;
          row.status = "accepted";
          row.code.Set(*code);
          row.received.Set(r.channel == Channel::kDesk ? row.created : Stamp(day, r.received_s, millis));
          if (r.channel == Channel::kDesk) row.submitted.Set(row.received.value);  // domain::Accept
          row.due.Set(FormatTimestamp(FromVietnam(due->date, due->minutes)));
          row.received_by = agency.desk_officer;
          row.processing_days = p.processing_days;
          row.updated = row.received.value;
          // Its place in the process (see DossierSeedOptions::officers).
          HandlingDraw h(r.person ^ (r.person2 << 1));
          const Timestamp received = FromVietnam(day, 0) +
                                     std::chrono::seconds(r.channel == Channel::kDesk ? r.created_s : r.received_s) +
                                     std::chrono::milliseconds(millis);  // as row.received
          const double due_u = h.Unit(), due_v = h.Unit();
          Timestamp due_at;
          if (due_u < 0.03) {
            due_at = std::max(due_reference - Hours(1 + due_v * 14 * 24), received + Hours(1));
          } else if (due_u < 0.07) {
            due_at = due_reference + Hours(24 + due_v * 24);
          } else {
            due_at = due_reference + Hours(72 + due_v * 38 * 24);
          }
          row.due.Set(FormatTimestamp(due_at));
          const int step = PickStep(p.steps.size(), h.Unit());
          const std::string role = p.steps.empty() ? "desk_officer" : p.steps[step].role;
          const std::string& step_agency =
              p.steps.empty() || p.steps[step].agency_code.empty() ? agency.code : p.steps[step].agency_code;
          row.step = step;
          row.step_agency.Set(step_agency);
          row.step_role = role;
          Timestamp started = received;
          if (step > 0 && due_reference > received) {
            started = received + (due_reference - received) * step / static_cast<int>(p.steps.size()) *
                                     (50 + static_cast<int>(h.Next() % 50)) / 100;
          }
          row.step_started.Set(FormatTimestamp(started));
          double later_days = 0;
          for (std::size_t k = static_cast<std::size_t>(step) + 1; k < p.steps.size(); ++k) later_days += p.steps[k].days;
          row.step_due.Set(FormatTimestamp(std::max(started + Hours(1), due_at - Hours(later_days * 24))));
          const double unassigned = step == 0 ? 0.40 : 0.15;
          auto pool = officers_of.find({step_agency, role});
          if (h.Unit() >= unassigned && pool != officers_of.end()) {
            row.assignee.Set(pool->second[h.Next() % pool->second.size()]->username);
            ++summary.assigned;
          } else {
            row.assignee.Clear();
          }
        } else {
          row.version = 1;
          row.status = "submitted";
          row.code.Clear();
          row.received.Clear();
          row.due.Clear();
          row.received_by.clear();
          row.processing_days = 0;
          row.updated = row.created;
          row.step = -1;
          row.step_agency.Clear();
          row.step_role = "desk_officer";
          row.assignee.Clear();
          row.step_started.Clear();
          row.step_due.Clear();
        }
        writer.Added();
      }
      in_tx += n;
      // Commit at day boundaries only: a day's codes and its sequence rows
      // always share a transaction.
      if (in_tx >= o.rows_per_transaction || day_index == days - 1) {
        writer.Flush();
        if (day_index == days - 1) {
          WriteAudit(*sql, app::AuditEvent{std::chrono::time_point_cast<std::chrono::milliseconds>(
                                               std::chrono::system_clock::now()),
                                           "cli", "dossier.seed", "",
                                           fmt::format("{} dossiers, {} to {}", o.count, FormatIsoDate(summary.first_day),
                                                       FormatIsoDate(summary.last_day)),
                                           ""});
        }
        tx->Commit();
        if (o.progress) o.progress(summary.dossiers, o.count);
        in_tx = 0;
        if (day_index != days - 1) tx = std::make_unique<WriteTransaction>(*sql, db.dialect());
      }
    }
    *sql << "DROP TABLE seed_files";
    *sql << "DROP TABLE seed_agencies";
    // What autovacuum does on its own after a bulk load; PostgreSQL plans
    // the worklists from these statistics. SQLite keeps none unless the
    // application runs ANALYZE, which MotCua does not.
    if (db.dialect() == Dialect::kPostgres) *sql << "ANALYZE dossiers, dossier_files, dossier_events, dossier_sequences";
    return summary;
  });
}

// --- benchmark helpers ---------------------------------------------------------------

Status InsertRawDossier(Database& db, const RawDossierRow& r) {
  return Guard("raw insert", [&]() -> Status {
    Database::Lease sql(db);
    WriteTransaction tx(*sql, db.dialect());
    long long id = 0;
    std::string note = kRawInsertNote;
    // The columns a real online submission fills (DossierStore::Insert), one row, one commit.
    *sql << "INSERT INTO dossiers (version, code, procedure_code, procedure_name, agency_code, owner_user_id, "
            "applicant_name, applicant_id_number, applicant_phone, applicant_email, applicant_address, "
            "applicant_organization, channel, status, request_note, copies, processing_days, submitted_at, "
            "postal_handover_at, received_at, due_at, decided_at, supplement_items, supplement_note, refusal_reason, "
            "received_by, created_at, updated_at) VALUES (1, NULL, :pc, :pn, :ac, NULL, :name, :idn, :phone, "
            "'an.nguyen@example.vn', '12 Lê Lợi, Phường Sài Gòn, TP. Hồ Chí Minh', '', 'online', 'submitted', :note, "
            "1, 0, :submitted, NULL, NULL, NULL, NULL, '', '', '', '', :created, :updated) RETURNING id",
        soci::use(r.procedure_code), soci::use(r.procedure_name), soci::use(r.agency_code), soci::use(r.applicant_name),
        soci::use(r.applicant_id_number), soci::use(r.applicant_phone), soci::use(note), soci::use(r.created_at),
        soci::use(r.created_at), soci::use(r.created_at), soci::into(id);
    tx.Commit();
    return {};
  });
}

Result<std::int64_t> DeleteRawInserts(Database& db) {
  return Guard("delete raw inserts", [&]() -> Result<std::int64_t> {
    Database::Lease sql(db);
    std::string note = kRawInsertNote;
    soci::statement st = (sql->prepare << "DELETE FROM dossiers WHERE request_note = :n AND owner_user_id IS NULL "
                                          "AND status = 'submitted' AND code IS NULL",
                          soci::use(note));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  });
}

Result<StoredDossiers> CountStoredDossiers(Database& db, std::int64_t after_id) {
  return Guard("count dossiers", [&]() -> Result<StoredDossiers> {
    Database::Lease sql(db);
    StoredDossiers out;
    long long after = after_id, n = 0, max_id = 0;
    soci::indicator max_ind = soci::i_null;
    *sql << "SELECT COUNT(*) FROM dossiers WHERE id > :a", soci::use(after), soci::into(n);
    out.dossiers = n;
    *sql << "SELECT MAX(id) FROM dossiers", soci::into(max_id, max_ind);
    out.max_id = max_ind == soci::i_ok ? max_id : 0;
    std::string sha;
    long long size = 0;
    soci::statement st = (sql->prepare << "SELECT sha256, size FROM dossier_files WHERE dossier_id > :a "
                                          "ORDER BY dossier_id, position",
                          soci::use(after), soci::into(sha), soci::into(size));
    st.execute();
    while (st.fetch()) out.files.emplace_back(sha, size);
    out.file_rows = static_cast<std::int64_t>(out.files.size());
    return out;
  });
}

Result<std::vector<std::string>> SampleDossierCodes(Database& db, int limit) {
  return Guard("sample codes", [&]() -> Result<std::vector<std::string>> {
    Database::Lease sql(db);
    long long coded = 0;
    *sql << "SELECT COUNT(*) FROM dossiers WHERE code IS NOT NULL", soci::into(coded);
    long long step = std::max<long long>(1, coded / std::max(1, limit));
    std::vector<std::string> codes;
    std::string code;
    // Every step-th coded dossier by id: spread over every day and agency.
    soci::statement st = (sql->prepare << "SELECT code FROM (SELECT code, ROW_NUMBER() OVER (ORDER BY id) AS n "
                                          "FROM dossiers WHERE code IS NOT NULL) t WHERE n % :s = 0 ORDER BY n LIMIT :l",
                          soci::use(step), soci::use(limit), soci::into(code));
    st.execute();
    while (st.fetch()) codes.push_back(code);
    return codes;
  });
}

Result<WorklistPlan> ExplainWorklist(Database& db, const std::vector<std::string>& agencies,
                                     const std::string& status, std::int64_t after_id, int limit, int runs) {
  for (const auto& a : agencies) {
    if (!IsValidAgencyCode(a)) return Fail(ErrorCode::kInvalidArgument, "Mã cơ quan không hợp lệ.", a);
  }
  if (agencies.empty()) return Fail(ErrorCode::kInvalidArgument, "Cần ít nhất một cơ quan.", "no agencies");
  if (!status.empty() && !ParseDossierStatus(status)) {
    return Fail(ErrorCode::kInvalidArgument, "Trạng thái hồ sơ không hợp lệ.", status);
  }
  return Guard("explain worklist", [&]() -> Result<WorklistPlan> {
    // The statement DossierStore::List runs for an officer's scope.
    app::DossierFilter filter;
    filter.agencies = agencies;
    if (!status.empty()) filter.status = ParseDossierStatus(status);
    filter.after_id = after_id;
    filter.limit = limit;
    WorklistPlan out;
    Sql q = DossierListQuery(filter);
    out.sql = q.str();
    Database::Lease sql(db);
    {
      // SQLite's rows are (id, parent, notused, detail); PostgreSQL's one text column.
      const bool sqlite = db.dialect() == Dialect::kSqlite;
      int id = 0, parent = 0, unused = 0;
      std::string line;
      soci::statement st(*sql);
      st.alloc();
      st.prepare((sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + q.str(),
                 soci::details::st_one_time_query);
      if (sqlite) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(parent));
        st.exchange(soci::into(unused));
      }
      st.exchange(soci::into(line));
      q.Bind(st);
      st.define_and_bind();
      st.execute(false);
      while (st.fetch()) out.plan.push_back(sqlite ? fmt::format("{} {} {}", id, parent, line) : line);
    }
    // Timed as the store runs it: the statement prepared once on the
    // connection and re-executed, every column read.
    for (int run = 0; run < runs; ++run) {
      auto start = std::chrono::steady_clock::now();
      int rows = 0;
      RunCached<TextRow<kSummaryColumnCount>>(sql, q, [&](const TextRow<kSummaryColumnCount>&) { ++rows; }, PlanReuse::kSqliteOnly);
      out.run_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return out;
  });
}

Result<std::int64_t> CountDossiers(Database& db) {
  return Guard("count dossiers", [&]() -> Result<std::int64_t> {
    Database::Lease sql(db);
    long long n = 0;
    *sql << "SELECT COUNT(*) FROM dossiers", soci::into(n);
    return n;
  });
}

}  // namespace motcua::store
