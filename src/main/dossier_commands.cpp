// `motcua seed dossiers` and `motcua bench …`: bulk dossiers and the
// measurements of the dossier benchmark (bench/dossiers.sh).
//
//   seed dossiers --count N [--agency CODE] [--procedure CODE] [--days D]
//                 [--last-day YYYY-MM-DD] [--files DIR] [--officers N] [--seed S]
//       realistic accepted and submitted dossiers with codes, files and
//       history, mostly for the ward 000.20.31.H29 and Sở Tư pháp
//       000.00.06.H29, spread over the steps of their processes and assigned
//       to N officer accounts canbo.001.. (default 300, password matkhau123);
//       progress on stderr, a summary on stdout.
//   bench raw-insert --seconds S --threads T --files DIR [--size BYTES] [--procedure CODE]
//       the raw ceiling of a durable submission on this engine: per operation
//       one file fsynced through LocalFileStore and one dossier row in its own
//       committed transaction; prints a BENCH_RESULT line (ops/s, latencies).
//   bench stored [--after-id ID] [--files DIR]
//       counts dossiers and file rows with id > ID and checks that every
//       referenced file is in the file store with the right size and hash.
//   bench codes [--limit N]          dossier codes spread over the table, one per line
//   bench token LOGIN                a bearer token for an account (password on stdin,
//                                    the demo password if stdin is empty)
//   bench explain-worklist (--officer USERNAME | --agency CODE) [--status S] [--after ID] [--runs N]
//       the query plan and timing of an officer's worklist page.

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "app/accounts/account_service.hpp"
#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/dossier/dossier_service.hpp"
#include "domain/process/process_definition.hpp"
#include "main/command_support.hpp"
#include "main/demo_users.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/calendar_store.hpp"
#include "store/catalog_store.hpp"
#include "store/deferred_indexes.hpp"
#include "store/dossier_seed.hpp"
#include "store/local_file_store.hpp"
#include "store/report_rebuild.hpp"
#include "store/seed_resolutions.hpp"

namespace motcua::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kWard = "000.20.31.H29";     // UBND Phường Sài Gòn
constexpr const char* kJustice = "000.00.06.H29";  // Sở Tư pháp

// The page every seeded file row points at: a small valid one-page PDF.
constexpr std::string_view kSamplePdf =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    "trailer << /Root 1 0 R >>\n"
    "%%EOF\n";

std::string DefaultFilesDir() {
  const char* env = std::getenv("MOTCUA_FILES");
  return env && *env ? env : "data/files";
}

Error InvalidInput(std::string message) { return Error{ErrorCode::kInvalidArgument, std::move(message), "", {}}; }

Result<std::shared_ptr<const domain::CatalogIndex>> LoadCatalog(store::Database& db) {
  store::CatalogStore store(db);
  app::CatalogService catalog(store);
  return catalog.Snapshot();
}

bool Offers(const domain::Procedure& p, domain::Channel c) {
  return std::find(p.submission_channels.begin(), p.submission_channels.end(), c) != p.submission_channels.end();
}

std::string DeskOfficerOf(const std::string& agency) {
  for (const auto& o : DemoOfficers()) {
    if (o.agency == agency && o.role == domain::Role::kDeskOfficer) return o.username;
  }
  return "motcua." + agency;
}

// The procedures and agencies to seed: by default every procedure of the
// catalog at its primary agency, with the ward and Sở Tư pháp taking half and
// a third of all dossiers (every procedure they perform); --agency and
// --procedure narrow that down.
Result<store::DossierSeedOptions> PlanSeed(const domain::CatalogIndex& index, const std::string& only_agency,
                                           const std::string& only_procedure) {
  store::DossierSeedOptions o;
  std::vector<const domain::Procedure*> procedures;
  for (const auto& p : index.catalog().procedures) {
    if (p.agency_codes.empty()) continue;
    if (!only_procedure.empty() && p.code != only_procedure) continue;
    if (!only_agency.empty() &&
        std::find(p.agency_codes.begin(), p.agency_codes.end(), only_agency) == p.agency_codes.end()) {
      continue;
    }
    procedures.push_back(&p);
  }
  if (procedures.empty()) {
    return Fail(InvalidInput(only_procedure.empty() && only_agency.empty()
                                 ? "Danh mục chưa có thủ tục nào: hãy chạy `motcua seed demo` trước."
                                 : "Không có thủ tục nào khớp --agency/--procedure trong danh mục."));
  }
  for (const auto* p : procedures) {
    store::SeedProcedure s;
    s.code = p->code;
    s.name = p->name;
    s.processing_days = p->processing_days;
    s.online = p->online_level != domain::OnlineLevel::kNone && Offers(*p, domain::Channel::kOnline);
    s.postal = Offers(*p, domain::Channel::kPostal);
    s.weight = std::max(0, p->popularity) + 5;
    // Files for the required components (at most two, as most citizens attach).
    for (std::size_t i = 0; i < p->components.size() && s.files.size() < 2; ++i) {
      if (p->components[i].required) s.files.emplace_back(static_cast<int>(i), p->components[i].name);
    }
    if (s.files.empty() && !p->components.empty()) s.files.emplace_back(0, p->components[0].name);
    // The process dossiers of it follow (version 0: the catalog's or the standard one).
    for (const auto& step : domain::DefaultProcess(*p).steps) {
      s.steps.push_back({domain::RoleKey(step.role), step.agency_code, step.days});
    }
    o.procedures.push_back(std::move(s));
  }
  // Receiving agencies: the named one, or each procedure's primary agency
  // plus the ward and Sở Tư pháp for every procedure they perform.
  std::vector<std::string> agencies;
  auto add_agency = [&](const std::string& code) {
    if (index.FindAgency(code) && std::find(agencies.begin(), agencies.end(), code) == agencies.end()) {
      agencies.push_back(code);
    }
  };
  if (!only_agency.empty()) {
    add_agency(only_agency);
    if (agencies.empty()) return Fail(InvalidInput("Không tìm thấy cơ quan " + only_agency + " trong danh mục."));
  } else {
    for (const auto* p : procedures) {
      for (const auto& code : p->agency_codes) {
        if (code == kWard || code == kJustice) add_agency(code);
      }
      add_agency(p->agency_codes.front());
    }
  }
  int others = 0;
  for (const auto& code : agencies) others += code != kWard && code != kJustice;
  for (const auto& code : agencies) {
    store::SeedAgency a;
    a.code = code;
    a.desk_officer = DeskOfficerOf(code);
    a.share = code == kWard ? 0.5 : code == kJustice ? 0.3 : 0.2 / std::max(1, others);
    for (std::size_t i = 0; i < procedures.size(); ++i) {
      const auto& codes = procedures[i]->agency_codes;
      bool performs = code == kWard || code == kJustice || !only_agency.empty()
                          ? std::find(codes.begin(), codes.end(), code) != codes.end()
                          : codes.front() == code;
      if (performs) a.procedures.push_back(static_cast<int>(i));
    }
    if (!a.procedures.empty()) o.agencies.push_back(std::move(a));
  }
  return o;
}

// `count` officer accounts canbo.001, canbo.002, ... over the agencies that
// hold steps: at least a desk officer, a specialist and a leader each, the
// rest by the agencies' shares of the dossiers, a third of each agency's at
// the desk, half specialists, the rest leaders.
std::vector<store::SeedOfficer> PlanOfficers(const store::DossierSeedOptions& o, int count) {
  std::vector<std::pair<std::string, double>> agencies;  // (code, share)
  auto add = [&](const std::string& code, double share) {
    for (auto& a : agencies) {
      if (a.first == code) {
        a.second += share;
        return;
      }
    }
    agencies.emplace_back(code, share);
  };
  for (const auto& a : o.agencies) {
    add(a.code, a.share);
    for (int i : a.procedures) {
      for (const auto& step : o.procedures[i].steps) {
        if (!step.agency_code.empty()) add(step.agency_code, a.share / static_cast<double>(a.procedures.size()));
      }
    }
  }
  std::vector<store::SeedOfficer> out;
  if (count <= 0 || agencies.empty()) return out;
  double total = 0;
  for (const auto& a : agencies) total += a.second;
  const int spare = std::max(0, count - 3 * static_cast<int>(agencies.size()));
  std::vector<int> per(agencies.size(), 3);
  int given = 0;
  for (std::size_t i = 0; i < agencies.size(); ++i) {
    int extra = static_cast<int>(spare * agencies[i].second / total);
    per[i] += extra;
    given += extra;
  }
  for (std::size_t i = 0; given < spare; i = (i + 1) % agencies.size(), ++given) ++per[i];  // the rounding's rest
  int number = 0;
  for (std::size_t i = 0; i < agencies.size(); ++i) {
    const int n = per[i];
    const int desk = std::max(1, n / 3), specialists = std::max(1, n / 2), leaders = std::max(1, n - desk - specialists);
    for (int k = 0; k < desk + specialists + leaders; ++k) {
      const char* role = k < desk ? "desk_officer" : k < desk + specialists ? "specialist" : "leader";
      ++number;
      out.push_back({fmt::format("canbo.{:03d}", number), fmt::format("Cán bộ {:03d}", number), role,
                     agencies[i].first});
    }
  }
  return out;
}

Date YesterdayInVietnam() {
  Date today = ToVietnam(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())).date;
  return Date{std::chrono::sys_days(today) - std::chrono::days(1)};
}

struct SeedOptions {
  std::int64_t count = 0;
  std::string agency, procedure, last_day, files = DefaultFilesDir();
  int days = 0;
  int officers = 300;
  std::uint64_t seed = 20251125;
  bool rebuild_reports = true;
  double resolve = 0;  // share of older accepted dossiers given a result (reports demos, benchmarks)
  bool if_empty = false;
  bool defer_indexes = false;  // bulk load: build the secondary indexes once at the end
};

int RunSeed(const std::string& url, const SeedOptions& s) {
  auto db = OpenMigrated(url, 1);
  if (!db) return Report(db.error());
  if (s.if_empty) {
    auto existing = store::CountDossiers(**db);
    if (!existing) return Report(existing.error());
    if (*existing > 0) {
      std::cout << fmt::format("Đã có {} hồ sơ: không tạo thêm.\n", *existing);
      return 0;
    }
  }
  auto index = LoadCatalog(**db);
  if (!index) return Report(index.error());
  auto options = PlanSeed(**index, s.agency, s.procedure);
  if (!options) return Report(options.error());
  options->count = s.count;
  options->days = s.days;
  options->seed = s.seed;
  options->officers = PlanOfficers(*options, s.officers);
  if (!options->officers.empty()) {
    // One hash for every seeded officer (benchmark accounts): the demo password.
    security::SodiumPasswordHasher hasher;
    auto hash = hasher.Hash(kDemoPassword);
    if (!hash) return Report(hash.error());
    options->officer_password_hash = *hash;
  }
  if (s.last_day.empty()) {
    options->last_day = YesterdayInVietnam();
  } else if (auto day = ParseIsoDate(s.last_day)) {
    options->last_day = *day;
  } else {
    return Report(InvalidInput("--last-day phải có dạng YYYY-MM-DD."));
  }
  store::LocalFileStore files(s.files);
  auto sha = files.Put(kSamplePdf);
  if (!sha) return Report(sha.error());
  options->file_sha256 = *sha;
  options->file_size = static_cast<std::int64_t>(kSamplePdf.size());
  store::CalendarStore calendar_store(**db);
  app::SystemClock clock;
  app::CalendarService calendar_service(calendar_store, clock);
  auto calendar = calendar_service.Calendar();
  if (!calendar) return Report(calendar.error());

  const bool tty = ::isatty(2) == 1;
  const auto start = Clock::now();
  int last_percent = -1;
  options->progress = [&](std::int64_t done, std::int64_t total) {
    int percent = static_cast<int>(done * 100 / std::max<std::int64_t>(1, total));
    if (percent == last_percent) return;
    last_percent = percent;
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::cerr << fmt::format("{}seed dossiers: {:3d}% ({}/{}, {:.0f} dossiers/s){}", tty ? "\r" : "", percent, done,
                             total, done / std::max(seconds, 1e-3), tty ? "" : "\n")
              << std::flush;
  };
  // --defer-indexes: the filled tables' secondary indexes are dropped and built
  // again once the rows are in, on every path out of here (store/deferred_indexes.hpp).
  bool deferred = false;
  auto restore_indexes = [&]() -> bool {
    if (!deferred) return true;
    deferred = false;
    const auto t0 = Clock::now();
    auto built = store::RestoreDeferredIndexes(**db, [&](int done, int total, const std::string& name) {
      if (!name.empty()) std::cerr << fmt::format("seed: index {}/{} {}\n", done + 1, total, name) << std::flush;
    });
    if (!built) {
      Report(built.error());
      return false;
    }
    std::cout << fmt::format("Đã tạo lại {} chỉ mục trong {:.1f} giây.\n", *built,
                             std::chrono::duration<double>(Clock::now() - t0).count());
    return true;
  };
  struct Finally {
    std::function<void()> run;
    ~Finally() { run(); }
  } finally{[&] { restore_indexes(); }};
  if (s.defer_indexes) {
    auto dropped = store::DeferIndexes(**db, {"dossiers", "dossier_events", "dossier_files"});
    if (!dropped) return Report(dropped.error());
    deferred = true;
    std::cout << fmt::format("Tạm bỏ {} chỉ mục trong lúc nạp dữ liệu.\n", *dropped);
  }
  auto summary = store::SeedDossiers(**db, **calendar, *options);
  if (tty && last_percent >= 0) std::cerr << "\n";
  if (!summary) return Report(summary.error());
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::cout << fmt::format(
      "Đã tạo {} hồ sơ ({} đã tiếp nhận, {} chờ tiếp nhận), {} tệp, {} sự kiện; ngày tiếp nhận {} đến {} ({} ngày làm "
      "việc); {} cán bộ mới ({} hồ sơ đã phân công); {:.1f} giây.\n",
      summary->dossiers, summary->accepted, summary->submitted, summary->files, summary->events,
      FormatIsoDate(summary->first_day), FormatIsoDate(summary->last_day), summary->days, summary->officers_created,
      summary->assigned, seconds);
  if (s.resolve > 0) {
    auto resolved = store::ResolveSeededDossiers(
        **db, {s.resolve, std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()),
               s.seed},
        [&](std::int64_t done) {
          std::cerr << fmt::format("{}seed resolutions: {} dossiers read{}", tty ? "\r" : "", done, tty ? "" : "\n")
                    << std::flush;
        });
    if (tty) std::cerr << "\n";
    if (!resolved) return Report(resolved.error());
    std::cout << fmt::format("Đã có kết quả: {} hồ sơ ({} đã trả, {} được đánh giá).\n", resolved->resolved,
                             resolved->returned, resolved->rated);
  }
  if (!restore_indexes()) return 1;
  if (s.rebuild_reports) {
    // The seed writes rows directly, not through the store's changes: the
    // report rollups are recomputed from them.
    int shown = -1;
    auto stats = store::RebuildReports(**db, [&](std::int64_t done, std::int64_t total) {
      int percent = static_cast<int>(done * 100 / std::max<std::int64_t>(1, total));
      if (percent == shown) return;
      shown = percent;
      std::cerr << fmt::format("{}reports rebuild: {:3d}% ({}/{}){}", tty ? "\r" : "", percent, done, total,
                               tty ? "" : "\n") << std::flush;
    });
    if (tty && shown >= 0) std::cerr << "\n";
    if (!stats) return Report(stats.error());
    std::cout << fmt::format("Đã tính lại số liệu báo cáo ({} dòng tổng hợp).\n", stats->rows);
  }
  return 0;
}

// --- bench -------------------------------------------------------------------------

struct RawOptions {
  double seconds = 10;
  int threads = 2;
  std::string files;
  std::size_t size = 200 * 1024;
  std::string procedure = "1.001193";
};

double Percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)];
}

int RunRawInsert(const std::string& url, const RawOptions& o) {
  if (o.threads < 1 || o.threads > 256) return Report(InvalidInput("--threads từ 1 đến 256."));
  if (!(o.seconds > 0) || o.size < 16) return Report(InvalidInput("--seconds và --size phải dương."));
  auto db = OpenMigrated(url, static_cast<std::size_t>(o.threads));
  if (!db) return Report(db.error());
  auto index = LoadCatalog(**db);
  if (!index) return Report(index.error());
  const domain::Procedure* p = (*index)->FindProcedure(o.procedure);
  if (!p || p->agency_codes.empty()) return Report(InvalidInput("Không tìm thấy thủ tục " + o.procedure + "."));
  store::LocalFileStore files(o.files);
  store::RawDossierRow row{p->code, p->name, p->agency_codes.front(), "Nguyễn Văn An", "079203001234", "0912345678", ""};
  std::random_device entropy;
  const std::uint64_t nonce = (static_cast<std::uint64_t>(entropy()) << 32) ^ entropy();

  std::atomic<long long> errors{0};
  std::vector<std::vector<double>> latencies(o.threads);
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  auto worker = [&](int t) {
    // A PDF-looking body of random bytes; the first line makes each file unique.
    std::mt19937_64 rng(nonce + static_cast<std::uint64_t>(t));
    std::string body(o.size, '\0');
    for (std::size_t i = 0; i < body.size(); i += 8) {
      std::uint64_t r = rng();
      for (std::size_t k = 0; k < 8 && i + k < body.size(); ++k) body[i + k] = static_cast<char>(r >> (8 * k));
    }
    store::RawDossierRow mine = row;
    for (long long op = 0; Clock::now() < deadline; ++op) {
      std::string head = fmt::format("%PDF-1.7\n% raw {:x} {} {:>12}\n", nonce, t, op);
      std::copy(head.begin(), head.end(), body.begin());
      auto begin = Clock::now();
      auto sha = files.Put(body);
      bool ok = static_cast<bool>(sha);
      if (ok) {
        mine.created_at = FormatTimestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now()));
        auto inserted = store::InsertRawDossier(**db, mine);
        ok = static_cast<bool>(inserted);
        if (!ok && errors == 0) std::cerr << "raw-insert: " << inserted.error().internal_message << "\n";
      } else if (errors == 0) {
        std::cerr << "raw-insert: " << sha.error().internal_message << "\n";
      }
      if (!ok) {
        ++errors;
        continue;
      }
      latencies[t].push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < o.threads; ++t) threads.emplace_back(worker, t);
  for (auto& th : threads) th.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  // Not part of the measurement: the rows would otherwise sit in worklists.
  auto deleted = store::DeleteRawInserts(**db);
  if (!deleted) return Report(deleted.error());
  std::cerr << fmt::format("raw-insert: {} operations in {:.2f} s with {} threads ({} bytes each); {} rows removed\n",
                           all.size(), seconds, o.threads, o.size, *deleted);
  std::cout << fmt::format(
      "BENCH_RESULT requests={} duration_s={:.3f} rps={:.1f} p50_ms={:.3f} p90_ms={:.3f} p99_ms={:.3f} max_ms={:.3f} "
      "errors={} non2xx=0\n",
      all.size(), seconds, static_cast<double>(all.size()) / seconds, Percentile(all, 50), Percentile(all, 90),
      Percentile(all, 99), all.empty() ? 0.0 : all.back(), errors.load());
  return errors == 0 ? 0 : 1;
}

int RunStored(const std::string& url, std::int64_t after_id, const std::string& files_dir) {
  auto db = OpenMigrated(url, 1);
  if (!db) return Report(db.error());
  auto stored = store::CountStoredDossiers(**db, after_id);
  if (!stored) return Report(stored.error());
  long long missing = 0, checked = 0;
  if (!files_dir.empty()) {
    store::LocalFileStore files(files_dir);
    for (const auto& [sha, size] : stored->files) {
      auto bytes = files.Get(sha);
      ++checked;
      if (!bytes || static_cast<std::int64_t>(bytes->size()) != size || store::Sha256Hex(*bytes) != sha) ++missing;
    }
  }
  std::cout << fmt::format("STORED dossiers={} file_rows={} files_checked={} missing_files={} max_id={}\n",
                           stored->dossiers, stored->file_rows, checked, missing, stored->max_id);
  return missing == 0 ? 0 : 1;
}

int RunCodes(const std::string& url, int limit) {
  auto db = OpenMigrated(url, 1);
  if (!db) return Report(db.error());
  auto codes = store::SampleDossierCodes(**db, limit);
  if (!codes) return Report(codes.error());
  for (const auto& c : *codes) std::cout << c << "\n";
  return codes->empty() ? 1 : 0;
}

int RunToken(const std::string& url, const std::string& login) {
  std::string password;
  if (::isatty(0) == 1 || !std::getline(std::cin, password) || password.empty()) password = kDemoPassword;
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto db = OpenMigrated(url, 1);
  if (!db) return Report(db.error());
  store::AccountStore store(**db);
  security::SodiumPasswordHasher hasher;
  security::SodiumTokenService tokens;
  app::SystemClock clock;
  app::AccountService accounts(store, hasher, tokens, clock);
  auto result = accounts.Login(login, password, "bearer", "bench");
  if (!result) return Report(result.error());
  std::cout << result->token << "\n";
  return 0;
}

struct ExplainOptions {
  std::string officer, agency, status;
  std::int64_t after = 0;
  int limit = 20;
  int runs = 50;
};

int RunExplain(const std::string& url, const ExplainOptions& o) {
  auto db = OpenMigrated(url, 1);
  if (!db) return Report(db.error());
  auto index = LoadCatalog(**db);
  if (!index) return Report(index.error());
  std::string root = o.agency;
  if (!o.officer.empty()) {
    store::AccountStore accounts(**db);
    auto user = accounts.FindUserByLogin(o.officer);
    if (!user) return Report(user.error());
    root = user->agency_code;
  }
  if (root.empty()) return Report(InvalidInput("Cần --officer hoặc --agency."));
  // The scope DossierService::List gives an officer.
  std::vector<std::string> agencies = app::AgencySubtree(**index, root);
  if (agencies.empty()) agencies = {root};
  auto plan = store::ExplainWorklist(**db, agencies, o.status, o.after, o.limit, o.runs);
  if (!plan) return Report(plan.error());
  std::cout << "-- " << plan->sql << "\n";
  for (const auto& line : plan->plan) std::cout << line << "\n";
  std::vector<double> sorted = plan->run_ms;
  std::sort(sorted.begin(), sorted.end());
  std::cout << fmt::format("-- {} agencies in scope; {} runs: p50 {:.3f} ms, p99 {:.3f} ms, max {:.3f} ms\n",
                           agencies.size(), sorted.size(), Percentile(sorted, 50), Percentile(sorted, 99),
                           sorted.empty() ? 0.0 : sorted.back());
  return 0;
}

}  // namespace

void RegisterDossierCommands(CLI::App& app, CommandContext& ctx) {
  auto* seed = app.get_subcommand("seed");
  auto s = std::make_shared<SeedOptions>();
  auto* dossiers = seed->add_subcommand("dossiers", "Generate realistic dossiers in bulk (benchmarks, demos)");
  dossiers->add_option("--count", s->count, "Number of dossiers")->required()->check(CLI::Range(1, 100000000));
  dossiers->add_option("--agency", s->agency, "Only this receiving agency");
  dossiers->add_option("--procedure", s->procedure, "Only this procedure");
  dossiers->add_option("--days", s->days, "Working days to spread over (default: max(20, count/4000))")
      ->check(CLI::Range(1, 20000));
  dossiers->add_option("--last-day", s->last_day, "Newest reception day, YYYY-MM-DD (default: yesterday)");
  dossiers->add_option("--files", s->files, "File store directory for the sample attachment (env MOTCUA_FILES)")
      ->capture_default_str();
  dossiers->add_option("--officers", s->officers,
                       "Officer accounts canbo.NNN (password matkhau123) to create and assign dossiers to")
      ->capture_default_str();
  dossiers->add_option("--seed", s->seed, "Random seed (same seed, same dossiers)")->capture_default_str();
  dossiers->add_flag("!--no-rebuild", s->rebuild_reports, "Skip `reports rebuild` after seeding");
  dossiers->add_flag("--if-empty", s->if_empty, "Do nothing when the database already has dossiers (make run)");
  dossiers->add_flag("--defer-indexes", s->defer_indexes,
                     "Bulk load: drop the dossier tables' secondary indexes and build them once at the end "
                     "(an interrupted load gets them back from `motcua migrate`)");
  dossiers->add_option("--resolve", s->resolve,
                       "Share (0-1) of accepted dossiers older than two days given a result, returned and rated")
      ->check(CLI::Range(0.0, 1.0));
  dossiers->callback([&ctx, s] {
    ctx.handled = true;
    ctx.exit_code = RunSeed(ctx.db_url, *s);
  });

  auto* bench = app.add_subcommand("bench", "Measurements used by bench/dossiers.sh");
  bench->require_subcommand(1);

  auto raw = std::make_shared<RawOptions>();
  auto* raw_insert = bench->add_subcommand("raw-insert", "Raw ceiling: fsynced 200 KB file + one committed dossier row");
  raw_insert->add_option("--seconds", raw->seconds, "Duration")->capture_default_str();
  raw_insert->add_option("--threads", raw->threads, "Concurrent writers")->capture_default_str();
  raw_insert->add_option("--files", raw->files, "File store directory")->required();
  raw_insert->add_option("--size", raw->size, "Bytes per file")->capture_default_str();
  raw_insert->add_option("--procedure", raw->procedure, "Procedure of the rows")->capture_default_str();
  raw_insert->callback([&ctx, raw] {
    ctx.handled = true;
    ctx.exit_code = RunRawInsert(ctx.db_url, *raw);
  });

  auto after_id = std::make_shared<std::int64_t>(0);
  auto stored_files = std::make_shared<std::string>();
  auto* stored = bench->add_subcommand("stored", "Count dossiers after an id and check their files");
  stored->add_option("--after-id", *after_id, "Only dossiers with a larger id");
  stored->add_option("--files", *stored_files, "File store directory to check the files in");
  stored->callback([&ctx, after_id, stored_files] {
    ctx.handled = true;
    ctx.exit_code = RunStored(ctx.db_url, *after_id, *stored_files);
  });

  auto limit = std::make_shared<int>(10000);
  auto* codes = bench->add_subcommand("codes", "Print dossier codes spread over the table");
  codes->add_option("--limit", *limit, "How many")->capture_default_str()->check(CLI::Range(1, 1000000));
  codes->callback([&ctx, limit] {
    ctx.handled = true;
    ctx.exit_code = RunCodes(ctx.db_url, *limit);
  });

  auto login = std::make_shared<std::string>();
  auto* token = bench->add_subcommand("token", "Print a bearer token for an account (password on stdin)");
  token->add_option("LOGIN", *login, "Username, ID number, phone or e-mail")->required();
  token->callback([&ctx, login] {
    ctx.handled = true;
    ctx.exit_code = RunToken(ctx.db_url, *login);
  });

  auto e = std::make_shared<ExplainOptions>();
  auto* explain = bench->add_subcommand("explain-worklist", "Query plan and timing of an officer's worklist page");
  explain->add_option("--officer", e->officer, "Officer username (scope: their agency and below)");
  explain->add_option("--agency", e->agency, "Or an agency code (scope: it and below)");
  explain->add_option("--status", e->status, "Only this status (submitted, accepted, ...)");
  explain->add_option("--after", e->after, "Keyset: ids below this");
  explain->add_option("--limit", e->limit, "Page size")->capture_default_str();
  explain->add_option("--runs", e->runs, "Timed runs")->capture_default_str()->check(CLI::Range(0, 100000));
  explain->callback([&ctx, e] {
    ctx.handled = true;
    ctx.exit_code = RunExplain(ctx.db_url, *e);
  });
}

}  // namespace motcua::cli
