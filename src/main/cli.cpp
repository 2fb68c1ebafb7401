#include "main/cli.hpp"

#include <csignal>
#include <optional>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/calendar/calendar_service.hpp"
#include "app/catalog/catalog_service.hpp"
#include "app/catalog/synthetic_catalog.hpp"
#include "interchange/catalog_json.hpp"
#include "main/command_support.hpp"
#include "main/demo_users.hpp"
#include "main/portal.hpp"
#include "jobs/deadline_job.hpp"
#include "security/sodium_crypto.hpp"
#include "store/account_store.hpp"
#include "store/calendar_store.hpp"
#include "store/dossier_store.hpp"
#include "store/local_file_store.hpp"
#include "store/catalog_store.hpp"
#include "store/database.hpp"
#include "store/deferred_indexes.hpp"
#include "store/migrations.hpp"
#include "web/routes.hpp"
#include "web/server.hpp"

namespace motcua::cli {
namespace {

constexpr const char* kDefaultDb = "sqlite://data/motcua.db";

int ImportCatalogFile(const std::string& url, const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return Report(text.error());
  auto catalog = interchange::ParseCatalogJson(*text);
  if (!catalog) return Report(catalog.error());
  auto db = OpenMigrated(url, 1);
  if (!db) return Report(db.error());
  store::CatalogStore store(**db);
  app::CatalogService service(store);
  auto summary = service.Import(*catalog);
  if (!summary) return Report(summary.error());
  std::cout << fmt::format("Đã nạp {} cơ quan, {} lĩnh vực, {} thủ tục.\n", summary->agencies,
                           summary->fields, summary->procedures);
  return 0;
}

int Serve(const std::string& url, const std::string& listen, std::size_t threads,
          std::optional<bool> secure_cookies, const std::string& files_dir, const std::string& public_url,
          int job_interval_seconds, const PortalOptions& portal_options) {
  web::ServerOptions options;
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return Report({ErrorCode::kInvalidArgument, "Địa chỉ lắng nghe phải có dạng HOST:PORT.", listen, {}});
  }
  options.host = listen.substr(0, colon);
  int port = std::atoi(listen.substr(colon + 1).c_str());
  if (port <= 0 || port > 65535) {
    return Report({ErrorCode::kInvalidArgument, "Cổng phải là số từ 1 đến 65535.", listen, {}});
  }
  options.port = static_cast<unsigned short>(port);
  options.threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());

  auto db = OpenMigrated(url, options.threads + 2);
  if (!db) return Report(db.error());
  Portal portal(**db, files_dir, portal_options);
  app::CatalogService& catalog = portal.catalog;
  if (auto snapshot = catalog.Snapshot(); !snapshot) return Report(snapshot.error());
  web::Metrics metrics;
  web::WebContext ctx{catalog, metrics};
  if (auto loaded = portal.calendar.Calendar(); !loaded) return Report(loaded.error());
  ctx.calendar = &portal.calendar;
  ctx.accounts = &portal.accounts;
  ctx.dossiers = &portal.dossiers;
  ctx.handling = &portal.handling;
  ctx.feedback = &portal.feedback;
  ctx.reports = &portal.reports;
  ctx.ratings = &portal.ratings;
  // The lateness job runs inside the server (also `motcua jobs run-once`).
  jobs::DeadlineJob deadline_job(portal.handling, std::chrono::seconds(job_interval_seconds));
  if (job_interval_seconds > 0) deadline_job.Start();
  ctx.public_url = public_url.empty() ? "http://" + listen : public_url;
  while (!ctx.public_url.empty() && ctx.public_url.back() == '/') ctx.public_url.pop_back();
  portal.ratings.SetPublicUrl(ctx.public_url);
  // Browsers only return Secure cookies over HTTPS; plain HTTP is for
  // development on the loopback interface.
  ctx.secure_cookies = secure_cookies.value_or(options.host != "127.0.0.1" && options.host != "localhost" &&
                                               options.host != "::1");
  if (auto s = catalog.Snapshot(); s && !(*s)->AgencyTree().empty()) {
    ctx.portal_name = "Cổng Dịch vụ công " + ((*s)->AgencyTree()[0].agency->short_name.empty()
                                                  ? (*s)->AgencyTree()[0].agency->name
                                                  : (*s)->AgencyTree()[0].agency->short_name);
  }
  auto router = web::BuildRoutes(ctx);

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  web::Server server(*router, metrics, options);
  if (auto started = server.Start(); !started) return Report(started.error());
  spdlog::info("event=listening address=http://{}:{} threads={} db={}", options.host, options.port,
               options.threads, (*db)->dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql");
  int sig = 0;
  sigwait(&signals, &sig);
  spdlog::info("event=stopping signal={}", sig == SIGTERM ? "SIGTERM" : "SIGINT");
  server.Stop();
  deadline_job.Stop();
  spdlog::info("event=stopped");
  return 0;
}

}  // namespace

int Run(int argc, char** argv) {
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
  CLI::App app{"MotCua — Cổng Dịch vụ công và Hệ thống thông tin một cửa điện tử"};
  app.require_subcommand(1);
  CommandContext ctx;
  ctx.db_url = kDefaultDb;
  std::string& db_url = ctx.db_url;
  if (const char* env = std::getenv("MOTCUA_DB"); env && *env) db_url = env;
  app.add_option("--db", db_url, "Database URL: sqlite://PATH or postgresql://user@host:port/db (env MOTCUA_DB)")
      ->capture_default_str();

  auto* migrate = app.add_subcommand("migrate", "Apply pending schema migrations");

  auto* seed = app.add_subcommand("seed", "Load data");
  seed->require_subcommand(1);
  auto* seed_demo = seed->add_subcommand("demo", "Load the demo catalog (idempotent)");
  std::string demo_file = "data/demo/catalog.json";
  seed_demo->add_option("--file", demo_file, "Demo catalog file")->capture_default_str();
  bool if_empty = false;
  seed_demo->add_flag("--if-empty", if_empty, "Only load when the catalog is empty");
  auto* seed_synthetic = seed->add_subcommand("synthetic", "Generate a large synthetic catalog");
  std::size_t synthetic_count = 1000;
  seed_synthetic->add_option("--procedures", synthetic_count, "Number of procedures")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();

  auto* catalog = app.add_subcommand("catalog", "Import or export the procedure catalog");
  catalog->require_subcommand(1);
  std::string catalog_file;
  auto* catalog_import = catalog->add_subcommand("import", "Import a catalog file (docs/catalog-format.md)");
  catalog_import->add_option("FILE", catalog_file, "Catalog JSON file")->required();
  auto* catalog_export = catalog->add_subcommand("export", "Export the catalog to a file");
  catalog_export->add_option("FILE", catalog_file, "Output file ('-' for stdout)")->required();

  auto* serve = app.add_subcommand("serve", "Run the HTTP server");
  std::string listen = "127.0.0.1:8080";
  std::size_t threads = 0;
  serve->add_option("--listen", listen, "HOST:PORT to listen on")->capture_default_str();
  serve->add_option("--threads", threads, "Worker threads (default: one per core)");
  std::optional<bool> secure_cookies;
  std::string public_url;
  serve->add_option("--public-url", public_url,
                    "Base URL printed on forms and QR codes (default: http://LISTEN), e.g. https://dichvucong.example.vn");
  std::string files_dir = "data/files";
  if (const char* env = std::getenv("MOTCUA_FILES"); env && *env) files_dir = env;
  serve->add_option("--files", files_dir, "Directory of the content-addressed file store (env MOTCUA_FILES)")
      ->capture_default_str();
  serve->add_option("--secure-cookies", secure_cookies,
                    "Mark session cookies Secure (default: yes unless listening on loopback)");
  int session_cache_s = 5;
  serve->add_option("--session-cache", session_cache_s,
                    "Seconds a resolved login session is trusted without reading the database (0: off)")
      ->capture_default_str()
      ->check(CLI::Range(0, 300));
  int tracking_cache_s = 2;
  serve->add_option("--tracking-cache", tracking_cache_s,
                    "Seconds a public tracking answer is served from memory (0: off)")
      ->capture_default_str()
      ->check(CLI::Range(0, 300));
  int job_interval = 300;
  serve->add_option("--job-interval", job_interval,
                    "Seconds between deadline scans of the lateness job (0: off)")
      ->capture_default_str()
      ->check(CLI::Range(0, 86400));

  RegisterCalendarCommands(app, ctx);
  RegisterUserCommands(app, ctx);
  RegisterDossierCommands(app, ctx);
  RegisterJobCommands(app, ctx);
  RegisterReportCommands(app, ctx);
  RegisterProcessCommands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (ctx.handled) return ctx.exit_code;

  if (*migrate) {
    auto db = store::Database::Open(db_url, 1);
    if (!db) return Report(db.error());
    auto applied = store::Migrate(**db);
    if (!applied) return Report(applied.error());
    auto version = store::SchemaVersion(**db);
    std::cout << fmt::format("Đã áp dụng {} bản cập nhật cấu trúc; phiên bản hiện tại {}.\n", *applied,
                             version ? *version : 0);
    // Indexes an interrupted bulk load left dropped (seed dossiers --defer-indexes).
    auto rebuilt = store::RestoreDeferredIndexes(**db);
    if (!rebuilt) return Report(rebuilt.error());
    if (*rebuilt > 0) std::cout << fmt::format("Đã tạo lại {} chỉ mục còn thiếu.\n", *rebuilt);
    return 0;
  }
  if (*seed_demo) {
    if (if_empty) {
      auto db = OpenMigrated(db_url, 1);
      if (!db) return Report(db.error());
      store::CatalogStore store(**db);
      auto revision = store.CatalogRevision();
      if (!revision) return Report(revision.error());
      if (*revision > 0) {
        std::cout << "Danh mục đã có dữ liệu; bỏ qua dữ liệu mẫu.\n";
        return 0;
      }
    }
    if (int rc = ImportCatalogFile(db_url, demo_file); rc != 0) return rc;
    auto db = OpenMigrated(db_url, 1);
    if (!db) return Report(db.error());
    auto users = SeedDemoUsers(**db);
    if (!users) return Report(users.error());
    std::cout << fmt::format("Đã tạo {} tài khoản mẫu (mật khẩu {}).\n", *users, kDemoPassword);
    auto processes = SeedDemoProcesses(**db);
    if (!processes) return Report(processes.error());
    return 0;
  }
  if (*seed_synthetic) {
    auto db = OpenMigrated(db_url, 1);
    if (!db) return Report(db.error());
    store::CatalogStore store(**db);
    app::CatalogService service(store);
    auto summary = service.Import(app::SyntheticCatalog(synthetic_count));
    if (!summary) return Report(summary.error());
    std::cout << fmt::format("Đã tạo {} thủ tục tổng hợp.\n", summary->procedures);
    return 0;
  }
  if (*catalog_import) return ImportCatalogFile(db_url, catalog_file);
  if (*catalog_export) {
    auto db = OpenMigrated(db_url, 1);
    if (!db) return Report(db.error());
    store::CatalogStore store(**db);
    app::CatalogService service(store);
    auto exported = service.Export();
    if (!exported) return Report(exported.error());
    std::string text = interchange::CatalogToJson(*exported);
    if (catalog_file == "-") {
      std::cout << text;
    } else {
      std::ofstream out(catalog_file, std::ios::binary);
      if (!out || !(out << text)) {
        return Report({ErrorCode::kInvalidArgument, fmt::format("Không ghi được tệp {}.", catalog_file), "", {}});
      }
    }
    return 0;
  }
  if (*serve) {
    PortalOptions portal_options;
    portal_options.session_cache = std::chrono::seconds(session_cache_s);
    portal_options.tracking_cache = std::chrono::seconds(tracking_cache_s);
    return Serve(db_url, listen, threads, secure_cookies, files_dir, public_url, job_interval, portal_options);
  }
  return 0;
}

}  // namespace motcua::cli
