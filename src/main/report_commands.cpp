// `motcua reports rebuild`: recomputes the report rollups from the dossiers
// and their history, with a progress bar on the terminal (stderr).

#include <chrono>
#include <cstdio>
#include <iostream>
#include <unistd.h>

#include <fmt/format.h>

#include "main/command_support.hpp"
#include "store/report_rebuild.hpp"

namespace motcua::cli {

namespace {

// "[#########           ]  45%  4.500.000/10.000.000  1m12s"
void DrawProgress(std::int64_t done, std::int64_t total, std::chrono::steady_clock::time_point start, bool tty) {
  double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  int filled = static_cast<int>(fraction * 30);
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start).count();
  std::string line = fmt::format("[{}{}] {:3d}%  {}/{}  {}m{:02d}s", std::string(filled, '#'),
                                 std::string(30 - filled, ' '), static_cast<int>(fraction * 100), done, total,
                                 secs / 60, secs % 60);
  if (tty) std::cerr << "\r" << line << std::flush;
  else std::cerr << line << "\n";
}

}  // namespace

void RegisterReportCommands(CLI::App& app, CommandContext& ctx) {
  auto* reports = app.add_subcommand("reports", "Report rollups");
  reports->require_subcommand(1);
  static int chunk = 50000;
  auto* rebuild = reports->add_subcommand("rebuild", "Recompute every report rollup from dossiers and their history");
  rebuild->add_option("--chunk", chunk, "Dossiers read per batch")->check(CLI::Range(100, 1000000));
  static std::size_t max_keys = std::size_t{4} << 20;
  rebuild
      ->add_option("--max-keys", max_keys,
                   "Rollup rows summed in memory (up to 80 bytes each) before rows are written early")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1000}, std::size_t{1} << 30));
  rebuild->callback([&ctx] {
    ctx.handled = true;
    auto db = OpenMigrated(ctx.db_url, 2);
    if (!db) {
      ctx.exit_code = Report(db.error());
      return;
    }
    bool tty = isatty(fileno(stderr));
    auto start = std::chrono::steady_clock::now();
    auto stats = store::RebuildReports(
        **db, [&](std::int64_t done, std::int64_t total) { DrawProgress(done, total, start, tty); }, chunk,
        max_keys);
    if (tty) std::cerr << "\n";
    if (!stats) {
      ctx.exit_code = Report(stats.error());
      return;
    }
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << fmt::format("Đã tính lại số liệu báo cáo: {} hồ sơ, {} bước xử lý, {} dòng tổng hợp trong {:.1f} giây.\n",
                             stats->dossiers, stats->events, stats->rows, secs);
  });
}

}  // namespace motcua::cli
