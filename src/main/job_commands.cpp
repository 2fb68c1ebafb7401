// `motcua jobs run-once`: the background jobs of `serve`, run once now
// (for cron, tests and operations).

#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "jobs/deadline_job.hpp"
#include "main/command_support.hpp"
#include "main/portal.hpp"

namespace motcua::cli {

void RegisterJobCommands(CLI::App& app, CommandContext& ctx) {
  auto* jobs = app.add_subcommand("jobs", "Background jobs (deadline scan)");
  jobs->require_subcommand(1);
  auto* once = jobs->add_subcommand("run-once", "Flag due-soon and overdue dossiers and notify officers, once");
  once->callback([&ctx] {
    ctx.handled = true;
    auto db = OpenMigrated(ctx.db_url, 2);
    if (!db) {
      ctx.exit_code = Report(db.error());
      return;
    }
    const char* files = std::getenv("MOTCUA_FILES");
    Portal portal(**db, files && *files ? files : "data/files");
    auto result = portal.handling.ScanDeadlines("cli-jobs-run-once");
    if (!result) {
      ctx.exit_code = Report(result.error());
      return;
    }
    std::cout << fmt::format("Sắp đến hạn: {}; quá hạn: {}; thông báo đã gửi: {}.\n", result->due_soon,
                             result->overdue, result->notices);
  });
}

}  // namespace motcua::cli
